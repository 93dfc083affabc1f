"""Every page at phone and desktop width: no horizontal scrolling, axe-core clean; the map's
labels readable on a phone; entry pages printed as a handout."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Audit

pytestmark = pytest.mark.browser

WIDTHS = (375, 1280)
PAGE_TYPES = {
    "start": "",
    "practice": "practices/stadtteilbuero-nordstadt/",
    "programme": "programmes/landesprogramm-gwa/",
    "Land": "laender/he/",
    "Handlungsfeld": "handlungsfelder/gemeinwesenarbeit/",
    "Zielgruppe": "zielgruppen/bewohner/",
    "all practices": "praxisbeispiele/",
    "all programmes": "foerderprogramme/",
    "map": "karte/",
    "statistics": "statistik/",
    "open data": "daten/",
    "search": "suche/",
}
SCROLL = "[document.documentElement.scrollWidth, window.innerWidth]"


def too_wide(page: Any) -> list[str]:
    """The elements that stick out to the right, for the failure message."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_fits_the_screen_and_is_accessible(
    audit: Callable[..., Audit], path: str, width: int
) -> None:
    result = audit(path, viewport=(width, 800))
    scroll, inner = result.page.evaluate(SCROLL)
    assert scroll <= inner, f"{path} at {width} px: {scroll} px wide, {too_wide(result.page)}"
    result.assert_clean()


def test_no_page_of_the_site_scrolls_sideways(
    browser: Any, site_url: str, built_site: Path
) -> None:
    """Every built page, including those added later (Impressum, programme overviews)."""
    pages = sorted(
        str(index.parent.relative_to(built_site)) + "/"
        for index in built_site.rglob("index.html")
        if "pagefind" not in index.parts
    )
    assert len(pages) > 20
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.route(re.compile(r"^(?!http://127\.0\.0\.1)"), lambda route: route.abort())
        wide = []
        for path in pages:
            page.goto(site_url + path.removeprefix("./"), wait_until="load")
            scroll, inner = page.evaluate(SCROLL)
            if scroll > inner:
                wide.append(f"{path} ({scroll} px: {too_wide(page)})")
        context.close()
        assert not wide, f"at {width} px: {wide}"


def test_map_on_a_phone_has_readable_labels_and_named_links(audit: Callable[..., Audit]) -> None:
    result = audit("karte/", viewport=(375, 740))
    page = result.page
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('svg.praxis-karte text')].map(t =>
             parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
    )
    assert len(sizes) == 16
    assert min(sizes) >= 12, f"rendered label sizes {sorted(sizes)[:3]} px"
    assert page.locator("svg.praxis-karte a[data-land]").count() == 16
    dot = page.get_by_role("link", name=re.compile(r"^Praxisbeispiel: Stadtteilbüro Nordstadt"))
    assert dot.count() == 1
    dot.click()
    page.wait_for_url(re.compile(r"/practices/stadtteilbuero-nordstadt/$"))
    result.assert_clean()


def test_statistics_tables_fold_away_and_open(audit: Callable[..., Audit]) -> None:
    result = audit("statistik/", viewport=(375, 740))
    page = result.page
    folded = page.evaluate("document.documentElement.scrollHeight")
    assert folded < 4000, f"the statistics page is {folded} px long on a phone"
    table = page.get_by_role("table", name="Einträge je Land (Tabelle)")
    assert not table.is_visible(), "folded by default"
    page.get_by_text("Tabelle: Einträge je Land", exact=True).click()
    assert table.is_visible()
    row = table.get_by_role("row", name=re.compile(r"^Hessen"))
    assert row.get_by_role("cell").all_inner_texts() == ["1", "1"]
    page.evaluate("document.querySelectorAll('details.praxis-tabelle').forEach(d => d.open = true)")
    opened = page.evaluate("document.documentElement.scrollHeight")
    assert opened > folded + 1000, "the folded tables are what made the page long"
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('svg.praxis-chart text')].map(t =>
             parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
    )
    assert len(sizes) > 40 and min(sizes) >= 12, f"chart text {min(sizes):.1f} px on a phone"


def test_a_printed_practice_is_a_handout(audit: Callable[..., Audit], tmp_path: Path) -> None:
    result = audit("practices/stadtteilbuero-nordstadt/")
    page = result.page
    page.emulate_media(media="print")
    visible = page.evaluate(
        """() => Object.fromEntries(Object.entries({
             header: '.md-header', nav: '.md-sidebar--primary', footer: '.md-footer',
             search: '.md-search', similar: '.praxis-related', kopf: '.praxis-druckkopf'
           }).map(([k, s]) => [k, !!document.querySelector(s) &&
             getComputedStyle(document.querySelector(s)).display !== 'none']))"""
    )
    assert visible == {
        "header": False,
        "nav": False,
        "footer": False,
        "search": False,
        "similar": False,
        "kopf": True,
    }
    heading = page.evaluate("getComputedStyle(document.querySelector('.md-typeset h2')).breakAfter")
    assert heading == "avoid"
    text = printed(page, tmp_path / "kassel.pdf")
    assert "Praxisdatenbank Test" in text, "the site's name is on the paper"
    assert re.search(r"http://127\.0\.0\.1:\d+/practices/stadtteilbuero-nordstadt/", text)
    external = page.evaluate(
        "[...document.querySelectorAll('.md-typeset a[href^=\"http\"]')].map(a => a.href)"
    )
    assert external, "the sample practice links to its sources"
    assert external[0] in text.replace("\n", ""), "links print their address"
    assert "Ähnliche Praxisbeispiele" not in text
    assert "Stadtteilbüro Nordstadt" in text


def test_a_printed_practice_leaves_out_the_invitations(
    audit: Callable[..., Audit], tmp_path: Path
) -> None:
    result = audit("practices/sozialplanung-gera/")
    assert "Eintrag ergänzen" in result.page.inner_text("body")
    text = printed(result.page, tmp_path / "gera.pdf")
    assert "Integrierte Sozialplanung in Gera" in text
    assert "Eintrag ergänzen" not in text and "Noch keine" not in text


def printed(page: Any, pdf: Path) -> str:
    """The page printed by Chromium to PDF, as the text pdftotext (poppler-utils) reads."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext fehlt (Debian-Paket poppler-utils; .ci/run installiert es)")
    page.pdf(path=str(pdf), format="A4")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
