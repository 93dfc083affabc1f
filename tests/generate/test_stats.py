"""The statistics page: charts as accessible SVG, and data tables that match the content."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import yaml

from praxis.config import Instance
from praxis.generate import stats
from praxis.generate.svg import AXIS, SERIES_COLOURS, contrast
from praxis.load.collection import Collection, load_collection
from praxis.validate.collection import validate_collection
from tests.conftest import TODAY


def build_page(project: Path) -> tuple[Collection, str]:
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    (page,) = stats.files(collection)
    assert page.path == "statistik/index.md" and isinstance(page.content, str)
    return collection, page.content


def table(page: str, caption: str) -> dict[str, list[str]]:
    """The rows of the table with this caption: row header text → cell texts."""
    for match in re.finditer(r"<table>.*?</table>", page, re.S):
        root = ET.fromstring(match.group(0))
        if root.findtext("caption") == caption:
            headers = [th.get("scope") for th in root.iter("th")]
            assert set(headers) == {"col", "row"}, "every header cell is scoped"
            rows = [row for row in root.iter("tr") if row.find("td") is not None]
            return {_row_header(row): [td.text or "" for td in row.iter("td")] for row in rows}
    raise AssertionError(f"no table captioned {caption!r}")


def _row_header(row: ET.Element) -> str:
    header = row.find("th")
    assert header is not None and header.get("scope") == "row"
    return "".join(header.itertext())


def front_matter(project: Path) -> list[tuple[str, dict]]:
    """Kind and front matter of every published entry, read straight from the files."""
    result = []
    for kind in ("practices", "programmes"):
        for path in sorted((project / "content" / kind).glob("*.md")):
            data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
            if (data.get("redaktion") or {}).get("status") != "entwurf":
                result.append((kind, data))
    return result


def write_practice(project: Path, slug: str, beginn: str | None, evidenz: str | None) -> None:
    text = (project / "content/practices/stadtteilbuero-nordstadt.md").read_text(encoding="utf-8")
    text = (
        text.replace("  beginn: 2015", f"  beginn: {beginn}")
        if beginn
        else text.replace("laufzeit:\n  beginn: 2015\n", "")
    )
    text = (
        text.replace("evidenz: dokumentation", f"evidenz: {evidenz}")
        if evidenz
        else (text.replace("  evidenz: dokumentation\n", ""))
    )
    (project / f"content/practices/{slug}.md").write_text(text, encoding="utf-8")


def test_land_and_handlungsfeld_tables_match_the_files(project: Path) -> None:
    write_practice(project, "weiteres-buero", "2019", "evaluation")
    collection, page = build_page(project)
    entries = front_matter(project)
    lands = table(page, "Einträge je Land (Tabelle)")
    labels = collection.instance.vocabularies["bundeslaender"]
    assert len(lands) == 16
    for code in ("HE", "TH", "NW", "BY"):
        practices = sum(1 for kind, d in entries if kind == "practices" and d["bundesland"] == code)
        programmes = sum(
            1 for kind, d in entries if kind == "programmes" and d.get("bundesland") == code
        )
        assert lands[labels.label_of(code)] == [str(practices), str(programmes)], code
    assert lands["Hessen"] == ["2", "1"] and lands["Nordrhein-Westfalen"] == ["0", "1"]

    fields = table(page, "Einträge je Handlungsfeld (Tabelle)")
    vocab = collection.instance.vocabularies["handlungsfelder"]
    assert len(fields) == len(vocab.terms)
    for term in vocab:
        expected = [
            str(sum(term.id in d["handlungsfelder"] for kind, d in entries if kind == k))
            for k in ("practices", "programmes")
        ]
        assert fields[term.label] == expected, term.id


def test_start_years_run_without_gaps_and_missing_ones_are_counted(project: Path) -> None:
    write_practice(project, "ohne-laufzeit", None, None)
    write_practice(project, "ab-2019", "2019-04", "evaluation")
    _, page = build_page(project)
    years = table(page, "Einträge je Startjahr (Tabelle)")
    assert list(years) == [*map(str, range(2012, 2020)), "keine Angabe"]
    assert years["2013"] == ["0", "0"] and years["2019"] == ["1", "0"]
    assert years["2015"] == ["1", "0"] and years["2014"] == ["0", "1"]
    assert years["keine Angabe"] == ["1", "0"]

    evidence = table(page, "Praxisbeispiele je Evidenzgrad (Tabelle)")
    assert evidence["Evaluation"] == ["1"] and evidence["Dokumentation"] == ["1"]
    assert evidence["keine Angabe"] == ["2"]  # Gera and the one without wirkung.evidenz
    counted = Counter({k: int(v[0]) for k, v in evidence.items()})
    assert sum(counted.values()) == 4, "every published practice once"


def test_charts_are_images_with_a_name_and_one_bar_per_count(project: Path) -> None:
    _, page = build_page(project)
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(charts) == 4
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.get("role") == "img"
        assert root.get("aria-label", "").startswith("Balkendiagramm: ")
    land_chart = ET.fromstring(charts[0])
    bars = [
        r
        for r in land_chart.iter("{http://www.w3.org/2000/svg}rect")
        if r.get("height") != "12" and r.get("fill") != "#ffffff"  # not legend, not ground
    ]
    assert len(bars) == 16 * 2
    widths = {float(r.get("width", "0")) for r in bars}
    assert 0.0 in widths and len(widths) == 2  # Länder without entries have no bar
    assert "<script" not in page


def test_bars_and_text_stand_out_from_the_charts_ground() -> None:
    for colour in SERIES_COLOURS:
        assert contrast(colour, "#ffffff") >= 3.0, colour  # WCAG 1.4.11, graphics
    assert contrast(AXIS, "#ffffff") >= 3.0
