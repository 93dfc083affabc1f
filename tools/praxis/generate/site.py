"""The orchestrator of stage 4: every generated file of the site, the entry pages, and
the navigation.

Practices and programmes stay out of the navigation (`not_in_nav`); the navigation holds
the overview pages, in the order a practitioner looks for things.
"""

from __future__ import annotations

from collections.abc import Collection as Paths
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from praxis.generate import (
    GeneratedFile,
    ThemePage,
    accessibility,
    maps,
    opendata,
    overviews,
    pages,
    stats,
)
from praxis.generate.context import SiteData
from praxis.generate.syndication import jsonld
from praxis.load.collection import Collection

# (title, candidate paths): the first candidate that exists in the docs directory is used.
NAV: list[tuple[str, tuple[str, ...]]] = [
    ("Start", ("index.md",)),
    ("Praxisbeispiele", ("praxisbeispiele/index.md",)),
    ("Förderprogramme", ("foerderprogramme/index.md",)),
    ("Länder", ("laender/index.md",)),
    ("Handlungsfelder", ("handlungsfelder/index.md",)),
    ("Zielgruppen", ("zielgruppen/index.md",)),
    ("Karte", ("karte/index.md", "karte.md")),
    ("Statistik", ("statistik/index.md", "statistik.md")),
    ("Offene Daten", ("daten/index.md", "daten.md", "offene-daten.md")),
    ("Suche", ("suche/index.md", "suche.md", "finder/index.md")),
    ("Mitmachen", ("mitmachen.md",)),
    ("Leichte Sprache", ("leichte-sprache.md",)),
    ("Gebärdensprache", ("gebaerdensprache.md",)),
    ("Barrierefreiheit", ("barrierefreiheit.md",)),
    ("Impressum", ("impressum.md",)),
    ("Datenschutz", ("datenschutz.md",)),
]
# The footer of every page: the statement, its feedback form, the pages BITV 2.0 § 4 asks
# for and the legal pages, where present.
FOOTER: list[tuple[str, str]] = [
    ("Erklärung zur Barrierefreiheit", "barrierefreiheit.md"),
    ("Barriere melden", "barrierefreiheit.md#feedback"),
    ("Leichte Sprache", "leichte-sprache.md"),
    ("Gebärdensprache", "gebaerdensprache.md"),
    ("Impressum", "impressum.md"),
    ("Datenschutz", "datenschutz.md"),
]
SECTIONS = {
    "laender/index.md": "bundeslaender",
    "handlungsfelder/index.md": "handlungsfelder",
    "zielgruppen/index.md": "zielgruppen",
}
NOT_IN_NAV = ("practices/", "programmes/")


def generate_site(data: SiteData) -> Iterator[GeneratedFile]:
    """Every data file and Markdown page the engine adds to the hand-written pages, one
    at a time: the build writes each before the next is made."""
    collection = data.collection
    yield from maps.files(collection)
    yield from stats.files(collection)
    yield from opendata.files(collection)
    yield from accessibility.files(collection)


def footer_links(paths: Paths[str]) -> list[dict[str, str]]:
    """The footer's links (`extra.praxis_footer` for the theme) to the pages present:
    site paths relative to the root, as the theme's `url` filter expects."""
    links = []
    for title, target in FOOTER:
        path, _, anchor = target.partition("#")
        if path in paths:
            url = path.removesuffix(".md") + "/" + (f"#{anchor}" if anchor else "")
            links.append({"title": title, "url": url})
    return links


def theme_pages(data: SiteData, related: Mapping[str, Sequence[str]]) -> list[ThemePage]:
    """The pages the theme renders from data: each published entry's, and the overviews."""
    return overviews.files(data) + pages.entry_pages(
        data, related, lambda doc: jsonld(doc, data.instance, data.practice)
    )


def navigation(collection: Collection, paths: Paths[str]) -> list[Any]:
    """The MkDocs `nav` for the pages present in the docs directory (`paths`, relative,
    with forward slashes): the overview pages in a fixed order, the term pages of Länder,
    Handlungsfelder and Zielgruppen as sections, then any other hand-written page."""
    vocabularies = collection.instance.vocabularies
    nav: list[Any] = []
    used: set[str] = set()
    for title, candidates in NAV:
        path = next((p for p in candidates if p in paths), None)
        if path is None:
            continue
        used.add(path)
        if path in SECTIONS:
            folder = path.rsplit("/", 1)[0]
            children: list[Any] = [path]
            for term in vocabularies[SECTIONS[path]]:
                child = f"{folder}/{term.id.lower()}.md"
                if child in paths:
                    children.append({term.label: child})
                    used.add(child)
            nav.append({title: children})
        else:
            nav.append({title: path})
    extra = sorted(p for p in paths if p.endswith(".md") and p not in used and "/" not in p)
    position = next((i for i, item in enumerate(nav) if "Impressum" in item), len(nav))
    nav[position:position] = extra
    return nav
