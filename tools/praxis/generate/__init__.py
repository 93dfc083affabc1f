"""Stage 4, generate: pages and data files made from the validated collection.

Every generator is a function `(collection) -> list[GeneratedFile]`; the build writes
the files into a staging copy of the docs directory, which MkDocs then renders. Entry
pages are not files: `pages.entry_pages` says what each shows, and the engine's MkDocs
plugin hands that to the theme (see ARCHITECTURE.md, "Render"). URLs are made here, in
one place, so that pages, search results and open data link alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from praxis.load import Collection, Document, Kind

FOLDERS: dict[Kind, str] = {"practice": "practices", "programme": "programmes"}


@dataclass(frozen=True)
class GeneratedFile:
    """A file for the docs directory: `path` is relative to it, with forward slashes."""

    path: str
    content: str | bytes


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


def entry_url(kind: Kind, slug: str) -> str:
    """Site path of an entry page, relative to the site root."""
    return f"{FOLDERS[kind]}/{slug}/"


def land_url(code: str) -> str:
    return f"laender/{code.lower()}/"


def handlungsfeld_url(term_id: str) -> str:
    return f"handlungsfelder/{term_id}/"


def zielgruppe_url(term_id: str) -> str:
    return f"zielgruppen/{term_id}/"
