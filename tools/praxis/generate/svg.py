"""Small helpers for the charts and the map: SVG and HTML drawn at build time, no script.

Everything a chart shows is also in a data table (caption, `th scope`), because an SVG
chart alone reaches neither screen readers nor keyboard users. Colours are chosen so
that text on them meets WCAG AA (contrast 4.5:1) and bars against the page 3:1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

TEXT_DARK = "#000000"
TEXT_LIGHT = "#ffffff"
AXIS = "#595959"  # 7:1 on white
SERIES_COLOURS = ("#1f4e79", "#a84300")  # both over 4.5:1 on white
NARROW = 340  # chart width in viewBox units, about a phone's content width in px
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\""


def attr(value: object) -> str:
    """Escape a value for an attribute or text node."""
    return escape(str(value), quote=True)


def luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour (WCAG 2.1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    return max((TEXT_DARK, TEXT_LIGHT), key=lambda text: contrast(fill, text))


@dataclass(frozen=True)
class Series:
    """One row of numbers in a bar chart, e.g. the practices per Land."""

    name: str
    values: Sequence[int]
    colour: str


def bar_chart(label: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    """A horizontal (grouped) bar chart as one inline `<svg role="img">`.

    `label` is the chart's accessible name; the numbers themselves are in the data
    table next to it, so the SVG stays one image for assistive technology. Each
    category's name stands above its bars, so the chart is narrow (NARROW units): on a
    375 px phone it is drawn about 1:1 and its 13-unit text stays above 12 px.
    """
    bar, gap, font, name_row = 15, 8, 13, 17
    longest = max((len(c) for c in categories), default=4)
    width = max(NARROW, 8 + int(longest * font * 0.6))
    plot = width - 44  # room for the number after the longest bar
    group = name_row + bar * len(series) + gap
    top = 24 if len(series) > 1 else 4
    height = top + group * len(categories)
    peak = max((v for s in series for v in s.values), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{attr(label)}" '
        f'viewBox="0 0 {width} {height}" width="100%" class="praxis-chart" '
        f'style="max-width:{round(width * 1.15)}px;height:auto" {FONT} font-size="{font}">',
        # its own white ground, so the dark text stays readable under a dark colour scheme
        f'<rect width="{width}" height="{height}" fill="{TEXT_LIGHT}"/>',
    ]
    if len(series) > 1:
        x = 2
        for item in series:
            parts.append(
                f'<rect x="{x}" y="4" width="12" height="12" fill="{item.colour}"/>'
                f'<text x="{x + 16}" y="14" fill="{TEXT_DARK}">{attr(item.name)}</text>'
            )
            x += 24 + int(len(item.name) * font * 0.6)
    for index, category in enumerate(categories):
        y = top + index * group
        parts.append(f'<text x="4" y="{y + font}" fill="{TEXT_DARK}">{attr(category)}</text>')
        for number, item in enumerate(series):
            value = item.values[index]
            length = round(plot * value / peak, 1)
            by = y + name_row + number * bar
            parts.append(
                f'<rect x="4" y="{by}" width="{length}" '
                f'height="{bar - 2}" fill="{item.colour}"/>'
                f'<text x="{4 + length + 5}" y="{by + bar - 3}" '
                f'fill="{TEXT_DARK}">{value}</text>'
            )
    parts.append(
        f'<line x1="3.5" y1="{top}" x2="3.5" y2="{height - gap}" stroke="{AXIS}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def data_table(
    caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], row_headers: bool = True
) -> str:
    """An HTML table with caption and scoped headers; cells are already-escaped HTML."""
    head = "".join(f'<th scope="col">{attr(h)}</th>' for h in headers)
    body = []
    for row in rows:
        first, rest = row[0], row[1:]
        cell = f'<th scope="row">{first}</th>' if row_headers else f"<td>{first}</td>"
        body.append("<tr>" + cell + "".join(f"<td>{value}</td>" for value in rest) + "</tr>")
    return (
        f"<table>\n<caption>{attr(caption)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    )
