"""The map page: one link per Land to its overview, with the right counts, readable colours."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from praxis.config import Instance
from praxis.generate import maps
from praxis.generate.svg import contrast, luminance, text_colour
from praxis.load import Collection, load_collection
from praxis.validate import validate_collection
from tests.conftest import TODAY

SVG = "{http://www.w3.org/2000/svg}"


def map_page(collection: Collection) -> str:
    (page,) = maps.files(collection)
    assert page.path == "karte/index.md"
    assert isinstance(page.content, str)
    return page.content


def tiles(page: str) -> dict[str, ET.Element]:
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg, "the map is inline SVG"
    root = ET.fromstring(svg.group(0))
    return {a.get("data-land", ""): a for a in root.iter(f"{SVG}a")}


def add_practice(project: Path, slug: str, source: str = "stadtteilbuero-nordstadt") -> Path:
    folder = project / "content" / "practices"
    path = folder / f"{slug}.md"
    shutil.copy(folder / f"{source}.md", path)
    return path


def reload(project: Path) -> Collection:
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    return collection


def test_every_land_is_one_link_to_its_overview(collection: Collection) -> None:
    found = tiles(map_page(collection))
    codes = [term.id for term in collection.instance.vocabularies["bundeslaender"]]
    assert sorted(found) == sorted(codes) and len(found) == 16
    for code, link in found.items():
        assert link.get("href") == f"../laender/{code.lower()}/"


def test_tiles_count_published_entries_per_land(project: Path) -> None:
    add_practice(project, "zweites-buero")  # a second practice in Hessen
    page = map_page(reload(project))
    found = tiles(page)
    hessen = found["HE"]
    assert hessen.get("aria-label") == "Hessen, HE: 2 Praxisbeispiele, 1 Förderprogramm"
    assert hessen.get("data-praxisbeispiele") == "2"
    # the draft from Dortmund is not counted; the NRW programme is
    assert found["NW"].get("aria-label") == (
        "Nordrhein-Westfalen, NW: 0 Praxisbeispiele, 1 Förderprogramm"
    )
    assert found["TH"].get("aria-label") == "Thüringen, TH: 1 Praxisbeispiel, 0 Förderprogramme"
    visible = " ".join(t.text or "" for t in hessen.iter(f"{SVG}text"))
    assert "HE" in visible and "2 Praxisbeispiele" in visible
    # the data table below says the same for screen-reader and keyboard users
    row = re.search(r'<th scope="row"><a href="../laender/he/">Hessen</a></th>(.*?)</tr>', page)
    assert row and re.findall(r"<td>(.*?)</td>", row.group(1)) == ["HE", "2", "1"]


def test_fuller_lands_are_darker_and_every_label_is_readable(project: Path) -> None:
    for number in range(3):
        add_practice(project, f"hessen-{number}")
    found = tiles(map_page(reload(project)))

    def fill(code: str) -> str:
        rect = found[code].find(f"{SVG}rect")
        assert rect is not None
        return rect.get("fill", "")

    he, th, by = fill("HE"), fill("TH"), fill("BY")
    assert len({he, th, by}) == 3, "no entries, few and many look different"
    assert luminance(he) < luminance(th) < luminance(by)
    for link in found.values():
        rect, group = link.find(f"{SVG}rect"), link.find(f"{SVG}g")
        assert rect is not None and group is not None
        assert contrast(rect.get("fill", ""), group.get("fill", "")) >= 4.5


def test_every_shade_meets_wcag_aa() -> None:
    for fill in (maps.EMPTY, *maps.SHADES):
        assert contrast(fill, text_colour(fill)) >= 4.5, fill
        assert contrast(maps.BORDER, "#ffffff") >= 3.0  # the tile outline against the page
    assert [maps.shade(n, 10) for n in (0, 1, 10)] == [maps.EMPTY, maps.SHADES[0], maps.SHADES[-1]]


def test_a_land_added_by_an_instance_gets_a_tile_of_its_own(project: Path) -> None:
    vocabulary = project / "schema" / "vocabularies" / "bundeslaender.yml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8") + '  - {id: XX, label: Testland, ags: "99"}\n',
        encoding="utf-8",
    )
    found = tiles(map_page(reload(project)))
    assert len(found) == 17
    corners = set()
    for link in found.values():
        rect = link.find(f"{SVG}rect")
        assert rect is not None
        corners.add((rect.get("x"), rect.get("y")))
    assert len(corners) == 17, "no two tiles on the same place"
    assert found["XX"].get("href") == "../laender/xx/"
