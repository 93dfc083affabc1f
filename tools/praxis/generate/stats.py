"""The statistics page (`statistik/`): entries per Land, Handlungsfeld, start year and
evidence level, each as an SVG bar chart drawn at build time and as a data table.

The counts come from the published entries only, so that the page agrees with the
overviews and the open data.
"""

from __future__ import annotations

import typing
from collections import Counter
from collections.abc import Callable, Iterable

from praxis.generate import GeneratedFile, handlungsfeld_url, land_url, published
from praxis.generate.svg import SERIES_COLOURS, Series, attr, bar_chart, data_table
from praxis.load.collection import Collection, Document
from praxis.model.entries import Wirkung
from praxis.model.kinds import KINDS
from praxis.render.templating import href

PAGE = "statistik/index.md"
PAGE_URL = "statistik/"
UNKNOWN = "keine Angabe"
EVIDENCE_LABELS = {
    "evaluation": "Evaluation",
    "monitoring": "Monitoring",
    "dokumentation": "Dokumentation",
    "selbsteinschaetzung": "Selbsteinschätzung",
    "keine": "keine Belege",
}
PRACTICES, PROGRAMMES = KINDS["practice"].plural, KINDS["programme"].plural

Row = tuple[str, str | None, list[int]]  # label, link target, one count per series


def evidence_levels() -> list[str]:
    """The evidence levels in the model's order (the model is their one definition)."""
    annotation = Wirkung.model_fields["evidenz"].annotation
    literal = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return list(typing.get_args(literal))


def count(docs: Iterable[Document], key: Callable[[Document], Iterable[str]]) -> Counter[str]:
    counter: Counter[str] = Counter()
    for doc in docs:
        counter.update(key(doc))
    return counter


def land_of(doc: Document) -> list[str]:
    return [doc.entry.bundesland] if doc.entry.bundesland else []


def per_land(collection: Collection) -> dict[str, tuple[int, int]]:
    """Practices and Land programmes per Land code, for every Land of the vocabulary."""
    practices = count(published(collection, "practice"), land_of)
    programmes = count(published(collection, "programme"), land_of)
    return {
        term.id: (practices[term.id], programmes[term.id])
        for term in collection.instance.vocabularies["bundeslaender"]
    }


def start_year(doc: Document) -> list[str]:
    laufzeit = doc.entry.laufzeit
    return [laufzeit.beginn[:4] if laufzeit else UNKNOWN]


def evidence(doc: Document) -> list[str]:
    wirkung = doc.entry.wirkung
    return [wirkung.evidenz if wirkung and wirkung.evidenz else UNKNOWN]


def tables(collection: Collection) -> dict[str, tuple[list[str], list[Row]]]:
    """Every chart's rows, by title: (series names, [(label, link, counts)])."""
    practices = published(collection, "practice")
    programmes = published(collection, "programme")
    vocabularies = collection.instance.vocabularies
    both = [PRACTICES, PROGRAMMES]

    lands = per_land(collection)
    land_rows: list[Row] = [
        (term.label, land_url(term.id), list(lands[term.id]))
        for term in vocabularies["bundeslaender"]
    ]

    fields_p = count(practices, lambda d: d.entry.handlungsfelder)
    fields_f = count(programmes, lambda d: d.entry.handlungsfelder)
    field_rows: list[Row] = [
        (term.label, handlungsfeld_url(term.id), [fields_p[term.id], fields_f[term.id]])
        for term in vocabularies["handlungsfelder"]
    ]

    years_p, years_f = count(practices, start_year), count(programmes, start_year)
    known = sorted(int(y) for y in (years_p | years_f) if y != UNKNOWN)
    years = [str(y) for y in range(known[0], known[-1] + 1)] if known else []
    if UNKNOWN in years_p or UNKNOWN in years_f:
        years.append(UNKNOWN)
    year_rows: list[Row] = [(y, None, [years_p[y], years_f[y]]) for y in years]

    levels = count(practices, evidence)
    evidence_rows: list[Row] = [
        (EVIDENCE_LABELS.get(level, level), None, [levels[level]])
        for level in [*evidence_levels(), UNKNOWN]
    ]
    return {
        "Einträge je Land": (both, land_rows),
        "Einträge je Handlungsfeld": (both, field_rows),
        "Einträge je Startjahr": (both, year_rows),
        "Praxisbeispiele je Evidenzgrad": ([PRACTICES], evidence_rows),
    }


def section(title: str, names: list[str], rows: list[Row], first_column: str) -> str:
    """A heading, the chart and its data table."""
    if not rows:
        return f"## {title}\n\nNoch keine Angaben.\n"
    series = [
        Series(name, [row[2][i] for row in rows], SERIES_COLOURS[i]) for i, name in enumerate(names)
    ]
    chart = bar_chart(
        f"Balkendiagramm: {title}. Die Zahlen stehen in der aufklappbaren Tabelle darunter.",
        [row[0] for row in rows],
        series,
    )
    table_rows = [[_cell(label, link), *(str(n) for n in counts)] for label, link, counts in rows]
    table = data_table(f"{title} (Tabelle)", [first_column, *names], table_rows)
    return (
        f"## {title}\n\n<div>\n{chart}\n</div>\n\n"
        f'<details class="praxis-tabelle">\n<summary>Tabelle: {attr(title)}</summary>\n\n'
        f"{table}\n\n</details>\n"
    )


def _cell(label: str, link: str | None) -> str:
    if link is None:
        return attr(label)
    return f'<a href="{attr(href(PAGE_URL, link))}">{attr(label)}</a>'


def files(collection: Collection) -> list[GeneratedFile]:
    practices = len(published(collection, "practice"))
    programmes = len(published(collection, "programme"))
    first_columns = {
        "Einträge je Land": "Land",
        "Einträge je Handlungsfeld": "Handlungsfeld",
        "Einträge je Startjahr": "Startjahr",
        "Praxisbeispiele je Evidenzgrad": "Evidenzgrad",
    }
    sections = [
        section(title, names, rows, first_columns[title])
        for title, (names, rows) in tables(collection).items()
    ]
    text = (
        "# Statistik\n\n"
        "Veröffentlicht: "
        f"{KINDS['practice'].count(practices)} und "
        f"{KINDS['programme'].count(programmes)}. "
        "Förderprogramme des Bundes und der EU zählen bei keinem Land mit. "
        "Unter jedem Diagramm lässt sich seine Tabelle aufklappen; alle "
        "Einträge gibt es als [offene Daten](../daten/index.md).\n\n" + "\n".join(sections)
    )
    return [GeneratedFile(PAGE, text)]
