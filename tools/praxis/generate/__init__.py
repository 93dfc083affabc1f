"""Stage 4, generate: pages and data files made from the validated collection.

Every generator is a function `(collection) -> list[GeneratedFile]`; the build writes
the files into a staging copy of the docs directory, which MkDocs then renders, so the
content model never depends on one static-site generator. Entry pages are made later,
when the renderer reads them (`GeneratedFile.later`): thousands of them are never
written to disk nor held in memory at once, and the two rendering processes each make
their own. URLs are made here, in one place, so that pages, search results and open
data link alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Self

from praxis.load import Collection, Document, Kind

FOLDERS: dict[str, str] = {"practice": "practices", "programme": "programmes"}


@dataclass(frozen=True)
class GeneratedFile:
    """A file for the docs directory: `path` is relative to it, with forward slashes.
    `source` is the hand-written file it shows (relative to the content directory), for
    the page's edit link."""

    path: str
    text: str | bytes | Callable[[], str]
    source: str | None = None

    @classmethod
    def later(cls, path: str, make: Callable[[], str], source: str | None = None) -> Self:
        """A page made only when its content is asked for."""
        return cls(path, make, source)

    @property
    def lazy(self) -> bool:
        return callable(self.text)

    @property
    def content(self) -> str | bytes:
        return self.text() if callable(self.text) else self.text


def published(collection: Collection, kind: Kind) -> list[Document]:
    """Valid, non-draft entries of one kind, by slug: what the site shows."""
    return sorted(
        (
            doc
            for doc in collection.documents
            if doc.kind == kind and doc.entry is not None and doc.published
        ),
        key=lambda doc: doc.slug,
    )


def entry_url(kind: str, slug: str) -> str:
    """Site path of an entry page, relative to the site root."""
    return f"{FOLDERS[kind]}/{slug}/"


def land_url(code: str) -> str:
    return f"laender/{code.lower()}/"


def handlungsfeld_url(term_id: str) -> str:
    return f"handlungsfelder/{term_id}/"


def zielgruppe_url(term_id: str) -> str:
    return f"zielgruppen/{term_id}/"
