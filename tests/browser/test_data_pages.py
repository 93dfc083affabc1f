"""Map, statistics and open-data pages in Chromium: no axe-core violation, no third-party
request, the map usable by keyboard and screen reader, the data files served."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.browser.conftest import Audit

pytestmark = pytest.mark.browser

PAGES = {"map": "karte/", "statistics": "statistik/", "open data": "daten/"}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_data_page_is_accessible_and_private(audit: Callable[..., Audit], path: str) -> None:
    audit(path).assert_clean()


def test_map_tiles_are_named_links_that_work_by_keyboard(audit: Callable[..., Audit]) -> None:
    result = audit("karte/")
    page = result.page
    tiles = page.locator("svg.praxis-karte a[data-land]")
    assert tiles.count() == 16
    hessen = page.get_by_role("link", name="Hessen, HE: 1 Praxisbeispiel, 1 Förderprogramm")
    assert hessen.count() == 1
    page.locator("svg.praxis-karte a").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-land')")
    assert focused == "NI", "Tab moves from Land to Land in drawing order: Bayern, Niedersachsen"
    page.locator('svg.praxis-karte a[data-land="HE"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/laender/he/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hessen")


def test_map_fits_a_phone_screen(audit: Callable[..., Audit]) -> None:
    result = audit("karte/", viewport=(375, 740))
    width = result.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    box = result.page.locator("svg.praxis-karte").bounding_box()
    assert box and box["width"] <= 375
    result.assert_clean()


def test_charts_are_named_images_next_to_their_tables(audit: Callable[..., Audit]) -> None:
    result = audit("statistik/")
    page = result.page
    chart = page.get_by_role("img", name=re.compile(r"^Balkendiagramm: Einträge je Land"))
    assert chart.count() == 1
    page.get_by_text("Tabelle: Einträge je Land", exact=True).click()
    table = page.get_by_role("table", name="Einträge je Land (Tabelle)")
    row = table.get_by_role("row", name=re.compile(r"^Hessen"))
    assert row.get_by_role("cell").all_inner_texts() == ["1", "1"]


def test_open_data_links_lead_to_the_files(audit: Callable[..., Audit]) -> None:
    result = audit("daten/")
    page = result.page
    expected = {
        "praxisbeispiele.json": "Stadtteilbüro Nordstadt",
        "foerderprogramme.csv": "Landesprogramm Gemeinwesenarbeit",
        "feed.xml": "<feed",
        "practice.schema.json": "Praxisbeispiel",
        "katalog.rdf": "<dcat:Catalog",
        "katalog.jsonld": '"dcat:Catalog"',
    }
    for name, text in expected.items():
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        response = page.request.get(page.url + href)
        assert response.ok, name
        assert text in response.body().decode("utf-8"), name
