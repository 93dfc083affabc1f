"""Overview pages: every Land (all of the vocabulary, empty ones invite contributions),
every Handlungsfeld and Zielgruppe, and sortable lists of all practices and programmes.

Each is a `ThemePage`: the theme templates `praxis/group.html` and `praxis/table.html`
render the data made here. Entries are grouped in one pass each; pages then only look
their group up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from praxis.generate import (
    Section,
    ThemePage,
    entry_url,
    handlungsfeld_url,
    land_url,
    zielgruppe_url,
)
from praxis.generate.context import SiteData
from praxis.load.collection import Document
from praxis.model.kinds import KINDS
from praxis.render.templating import EBENE, STATUS, href, zeitpunkt_de

PRACTICES_URL = "praxisbeispiele/"
PROGRAMMES_URL = "foerderprogramme/"
GROUP_NAMES = {
    "laender": ("Land", "Ländern"),
    "handlungsfelder": ("Handlungsfeld", "Handlungsfeldern"),
    "zielgruppen": ("Zielgruppe", "Zielgruppen"),
}


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Cell:
    text: str
    url: str | None = None
    sort: str | int | float | None = None


def files(data: SiteData) -> list[ThemePage]:
    pages = [practice_table(data), programme_table(data)]
    pages += group_pages(
        data,
        "laender",
        "Länder",
        data.labels.laender,
        land_url,
        lambda e: [e.bundesland],
        invite_land,
    )
    pages += group_pages(
        data,
        "handlungsfelder",
        "Handlungsfelder",
        data.labels.handlungsfelder,
        handlungsfeld_url,
        lambda e: e.handlungsfelder,
        invite_term,
    )
    pages += group_pages(
        data,
        "zielgruppen",
        "Zielgruppen",
        data.labels.zielgruppen,
        zielgruppe_url,
        lambda e: e.zielgruppen,
        invite_term,
    )
    return pages


def practice_table(data: SiteData) -> ThemePage:
    page, labels = PRACTICES_URL, data.labels
    columns = [
        Column("Titel"),
        Column("Land"),
        Column("Ort"),
        Column("Beginn", numeric=True),
        Column("Status"),
        Column("Vollständigkeit", numeric=True),
        Column("Erfasst", numeric=True),
    ]
    rows = []
    for doc in data.practices:
        e = doc.entry
        beginn = e.laufzeit.beginn if e.laufzeit else ""
        percent = round(doc.completeness * 100)
        rows.append(
            [
                Cell(e.titel, href(page, entry_url("practice", doc.slug)), e.titel.casefold()),
                Cell(labels.land(e.bundesland), href(page, land_url(e.bundesland))),
                Cell(e.ort.name),
                Cell(zeitpunkt_de(beginn), sort=beginn or "0"),
                Cell(STATUS[e.status]),
                Cell(f"{percent} %", sort=percent),
                Cell(
                    e.redaktion.erfasst.strftime("%d.%m.%Y"), sort=e.redaktion.erfasst.isoformat()
                ),
            ]
        )
    return _table(
        "praxisbeispiele/index.md",
        "Alle Praxisbeispiele",
        columns,
        rows,
        f"{KINDS['practice'].count(len(rows))} aus den Ländern. "
        "Ein Klick auf eine "
        "Spaltenüberschrift sortiert die Tabelle.",
        "Noch ist kein Praxisbeispiel veröffentlicht.",
    )


def programme_table(data: SiteData) -> ThemePage:
    page, labels = PROGRAMMES_URL, data.labels
    columns = [
        Column("Titel"),
        Column("Ebene"),
        Column("Land"),
        Column("Fördergeber"),
        Column("Status"),
        Column("Praxisbeispiele", numeric=True),
    ]
    rows = []
    for doc in data.programmes:
        e = doc.entry
        count = len(data.funded.get(doc.slug, ()))
        land = (
            Cell(labels.land(e.bundesland), href(page, land_url(e.bundesland)))
            if e.bundesland
            else Cell("bundesweit")
        )
        rows.append(
            [
                Cell(e.titel, href(page, entry_url("programme", doc.slug)), e.titel.casefold()),
                Cell(EBENE[e.ebene]),
                land,
                Cell(e.foerdergeber),
                Cell(STATUS[e.status]),
                Cell(str(count), sort=count),
            ]
        )
    return _table(
        "foerderprogramme/index.md",
        "Alle Förderprogramme",
        columns,
        rows,
        f"{KINDS['programme'].count(len(rows))} von EU, Bund, Ländern und Kommunen.",
        "Noch ist kein Förderprogramm veröffentlicht.",
    )


def group_pages(
    data: SiteData,
    folder: str,
    title: str,
    vocabulary: Iterable[Any],
    url_of: Callable[[str], str],
    keys: Callable[[Any], Iterable[str | None]],
    invite: Callable[[str], str],
) -> list[ThemePage]:
    """An index of all terms with counts, and one page per term of the vocabulary."""
    practices = _group(data.practices, keys)
    programmes = _group(data.programmes, keys)
    national = any(doc.entry.ebene in ("bund", "eu") for doc in data.programmes)
    pages: list[ThemePage] = []
    rows = []
    index_url = f"{folder}/"
    for term in vocabulary:
        url = url_of(term.id)
        mine, funding = practices.get(term.id, []), programmes.get(term.id, [])
        rows.append(
            [
                Cell(term.label, href(index_url, url), term.label.casefold()),
                Cell(str(len(mine)), sort=len(mine)),
                Cell(str(len(funding)), sort=len(funding)),
            ]
        )
        context = {
            "labels": data.labels,
            "intro": term.beschreibung,
            "practices": mine,
            "programmes": funding,
            "invite": invite(term.label),
            "contribute": data.contribute(url),
            "national": href(url, PROGRAMMES_URL) if national and folder == "laender" else None,
            "sections": (
                [],
                [
                    Section("praxisbeispiele", f"Praxisbeispiele ({len(mine)})"),
                    Section("foerderprogramme", f"Förderprogramme ({len(funding)})"),
                ],
            ),
        }
        path = url.rstrip("/") + ".md"
        pages.append(ThemePage(path, term.label, None, "group.html", _fixed(context)))
    singular, plural = GROUP_NAMES[folder]
    columns = [
        Column(singular),
        Column("Praxisbeispiele", numeric=True),
        Column("Förderprogramme", numeric=True),
    ]
    pages.insert(
        0,
        _table(
            f"{folder}/index.md",
            title,
            columns,
            rows,
            f"Praxisbeispiele und Förderprogramme nach {plural}.",
            "",
        ),
    )
    return pages


def invite_land(label: str) -> str:
    return (
        f"Aus {label} ist noch kein Praxisbeispiel erfasst. Kennen Sie eines, das "
        "anderen Kommunen helfen kann?"
    )


def invite_term(label: str) -> str:
    return (
        f"Zu „{label}“ ist noch kein Praxisbeispiel erfasst. Kennen Sie eines, das "
        "anderen Kommunen helfen kann?"
    )


def _group(
    docs: Iterable[Document], keys: Callable[[Any], Iterable[str | None]]
) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        for key in keys(doc.entry):
            if key:
                groups[key].append(doc)
    return groups


def _table(
    path: str, title: str, columns: list[Column], rows: list[list[Cell]], intro: str, empty: str
) -> ThemePage:
    context = {
        "caption": title,
        "columns": columns,
        "rows": rows,
        "intro": intro,
        "empty": empty,
        "sections": ([], []),
    }
    return ThemePage(path, title, None, "table.html", _fixed(context))


def _fixed(context: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    return lambda: context
