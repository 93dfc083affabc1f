"""The map page (`karte/`): a tile-grid cartogram of the Länder, drawn as SVG at build time.

No map tiles and no script: each Land is one square link to its overview, placed on a
grid that approximates Germany's geography. Names come from the `bundeslaender`
vocabulary; only the grid positions are engine data, keyed by the ISO code (the
contract). A Land an instance adds without a position gets a tile in an extra row.
"""

from __future__ import annotations

import math

from praxis.generate import GeneratedFile, land_url
from praxis.generate.stats import per_land
from praxis.generate.svg import FONT, attr, data_table, plural, text_colour
from praxis.generate.templating import href
from praxis.load import Collection

PAGE = "karte/index.md"
PAGE_URL = "karte/"
WIDTH, HEIGHT, GAP = 144, 112, 6

# (column, row): north at the top, west on the left.
# fmt: off
GRID: dict[str, tuple[int, int]] = {
    "SH": (1, 0), "MV": (2, 0),
    "HB": (0, 1), "HH": (1, 1), "BB": (2, 1), "BE": (3, 1),
    "NW": (0, 2), "NI": (1, 2), "ST": (2, 2), "SN": (3, 2),
    "RP": (0, 3), "HE": (1, 3), "TH": (2, 3),
    "SL": (0, 4), "BW": (1, 4), "BY": (2, 4),
}
# fmt: on
EMPTY = "#f2f2f2"
SHADES = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")  # few → many entries
BORDER = "#595959"


def shade(total: int, peak: int) -> str:
    """The fill for a Land with `total` entries when the fullest Land has `peak`."""
    if total <= 0 or peak <= 0:
        return EMPTY
    return SHADES[max(0, math.ceil(len(SHADES) * total / peak) - 1)]


def describe(label: str, practices: int, programmes: int) -> str:
    """The accessible name of a tile, e.g. 'Hessen: 3 Praxisbeispiele, 2 Förderprogramme'."""
    return f"{label}: {counts_text(practices, programmes)}"


def counts_text(practices: int, programmes: int) -> str:
    return (
        f"{plural(practices, 'Praxisbeispiel', 'Praxisbeispiele')}, "
        f"{plural(programmes, 'Förderprogramm', 'Förderprogramme')}"
    )


def positions(codes: list[str]) -> dict[str, tuple[int, int]]:
    """Grid cells for every code; unknown codes fill a row below the map."""
    placed = {code: GRID[code] for code in codes if code in GRID}
    extra_row = max((row for _, row in placed.values()), default=-1) + 1
    for index, code in enumerate(c for c in codes if c not in GRID):
        placed[code] = (index % 4, extra_row + index // 4)
    return placed


def svg_map(collection: Collection) -> str:
    lands = collection.instance.vocabularies["bundeslaender"]
    counts = per_land(collection)
    cells = positions([term.id for term in lands])
    peak = max((sum(pair) for pair in counts.values()), default=0)
    columns = max(col for col, _ in cells.values()) + 1
    rows = max(row for _, row in cells.values()) + 1
    width, height = columns * (WIDTH + GAP), rows * (HEIGHT + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;height:auto" class="praxis-karte" '
        f'aria-labelledby="praxis-karte-titel" role="group" {FONT}>',
        '<title id="praxis-karte-titel">Karte der Länder: Anzahl der Einträge je Land</title>',
        "<style>.praxis-karte a:focus rect,.praxis-karte a:hover rect"
        "{stroke:#000;stroke-width:6px}.praxis-karte a{text-decoration:none!important}</style>",
    ]
    for term in lands:
        col, row = cells[term.id]
        practices, programmes = counts[term.id]
        fill = shade(practices + programmes, peak)
        ink = text_colour(fill)
        x, y = col * (WIDTH + GAP) + GAP / 2, row * (HEIGHT + GAP) + GAP / 2
        centre = x + WIDTH / 2
        link = href(PAGE_URL, land_url(term.id))
        # The name begins with what the tile shows (WCAG 2.5.3, label in name).
        name = describe(f"{term.label}, {term.id}", practices, programmes)
        parts.append(
            f'<a href="{attr(link)}" aria-label="{attr(name)}" data-land="{attr(term.id)}" '
            f'data-praxisbeispiele="{practices}" data-foerderprogramme="{programmes}">'
            f'<rect x="{x}" y="{y}" width="{WIDTH}" height="{HEIGHT}" rx="6" fill="{fill}" '
            f'stroke="{BORDER}" stroke-width="1"/>'
            f'<g aria-hidden="true" fill="{ink}" text-anchor="middle" font-size="12">'
            f'<text x="{centre}" y="{y + 38}" font-size="26" font-weight="700">'
            f"{attr(term.id)} </text>"
            f'<text x="{centre}" y="{y + 68}">'
            f"{attr(plural(practices, 'Praxisbeispiel', 'Praxisbeispiele'))} </text>"
            f'<text x="{centre}" y="{y + 90}">'
            f"{attr(plural(programmes, 'Förderprogramm', 'Förderprogramme'))}</text>"
            "</g></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def legend() -> str:
    """The colour scale in words and swatches (the numbers are on every tile anyway)."""
    swatch = (
        '<span style="display:inline-block;width:1.2em;height:1.2em;'
        'vertical-align:middle;border:1px solid {border};background:{fill}"></span>'
    )
    shades = " ".join(swatch.format(border=BORDER, fill=fill) for fill in SHADES)
    empty = swatch.format(border=BORDER, fill=EMPTY)
    return (
        f'<p class="praxis-legende">{empty} noch keine Einträge &nbsp; '
        f"{shades} wenige bis viele Einträge</p>"
    )


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
        "Die Karte zeigt, wie viele Praxisbeispiele und Förderprogramme es je Land gibt. "
        "Jedes Feld führt zur Übersicht des Landes. Je dunkler ein Feld, desto mehr "
        "Einträge. Förderprogramme des Bundes und der EU zählen bei keinem Land mit. "
        "Dieselben Zahlen stehen in der Tabelle unter der Karte.\n\n"
        f"<div>\n{svg_map(collection)}\n</div>\n\n{legend()}\n\n{table}\n"
    )
    return [GeneratedFile(PAGE, text)]
