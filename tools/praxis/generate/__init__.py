"""Stage 4, generate: pages and data files made from the validated collection.

Two kinds of output. Data files and the few Markdown pages (map, statistics, open
data) are `GeneratedFile`s, written into a staging copy of the docs directory. Pages
made of entries' fields (each entry's page, the overviews by Land, Handlungsfeld and
Zielgruppe, the lists of all entries) are `ThemePage`s: a theme template and the data it
shows, which the engine's MkDocs plugin hands to the theme, with only a contributor's
Markdown body going through Markdown (ARCHITECTURE.md, "Render"). URLs are made here, in
one place, so that pages, search results and open data link alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from praxis.load.collection import Collection, Document
from praxis.model.kinds import KINDS, Kind


@dataclass(frozen=True)
class GeneratedFile:
    """A file for the docs directory: `path` is relative to it, with forward slashes."""

    path: str
    content: str | bytes


@dataclass(frozen=True)
class ThemePage:
    """A page rendered by a theme template: its path in the docs directory, title and
    description, the template (under `theme/`), the Markdown MkDocs converts (an entry's
    body; empty for overviews), whether it has a file to edit (entries do, at the same
    path under content/), and a maker of the template's data, called when MkDocs renders
    the page, so that 10,000 pages' data never exist at once. The data's `sections` are
    the fixed sections before and after the body (`Section`), which the table of contents
    lists too."""

    path: str
    title: str
    description: str | None
    template: str
    make: Callable[[], dict[str, Any]]
    body: str = ""
    editable: bool = False


@dataclass(frozen=True)
class Section:
    """A fixed section of a page: which one it is (`key`, the template's switch), its
    heading, and its anchor (the key, unless the body already uses that)."""

    key: str
    title: str
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self.key)


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
    return KINDS[kind].page(slug)


def land_url(code: str) -> str:
    return f"laender/{code.lower()}/"


def handlungsfeld_url(term_id: str) -> str:
    return f"handlungsfelder/{term_id}/"


def zielgruppe_url(term_id: str) -> str:
    return f"zielgruppen/{term_id}/"
