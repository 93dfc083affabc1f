"""Every page type of the built site in Chromium: no axe-core violation, no request to a
third-party host, no script error; the sortable lists sort."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.conftest import Audit

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "start": "",
    "practice": "practices/stadtteilbuero-nordstadt/",
    "practice with invitations": "practices/sozialplanung-gera/",
    "programme": "programmes/landesprogramm-gwa/",
    "all practices": "praxisbeispiele/",
    "all programmes": "foerderprogramme/",
    "Länder": "laender/",
    "Land": "laender/he/",
    "empty Land": "laender/by/",
    "Handlungsfeld": "handlungsfelder/gemeinwesenarbeit/",
    "Zielgruppe": "zielgruppen/bewohner/",
    "not found": "404.html",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_is_accessible_and_private(audit: Callable[..., Audit], path: str) -> None:
    audit(path).assert_clean()


def test_practice_page_on_a_phone(audit: Callable[..., Audit]) -> None:
    audit(PAGE_TYPES["practice"], viewport=(375, 740)).assert_clean()


def test_list_sorts_by_a_column(audit: Callable[..., Audit]) -> None:
    result = audit("praxisbeispiele/")
    page = result.page

    def first_title() -> str:
        return page.locator("tbody tr:first-child td:first-child").inner_text()

    assert first_title() == "Integrierte Sozialplanung in Gera"
    heading = page.locator("th", has_text="Titel")
    heading.get_by_role("button").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    assert first_title() == "Integrierte Sozialplanung in Gera"
    heading.get_by_role("button").click()
    assert heading.get_attribute("aria-sort") == "descending"
    assert first_title() == "Stadtteilbüro Nordstadt"
    page.get_by_role("button", name="Vollständigkeit").click()
    assert first_title() == "Integrierte Sozialplanung in Gera"  # 18 % before 100 %
    result.assert_clean()
