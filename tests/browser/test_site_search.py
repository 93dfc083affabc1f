"""The site search in Chromium: the header box leads to the finder page, Pagefind finds
what the German analysis adds (synonyms, compound parts), the Land filter narrows, and
the page stays accessible and private while doing so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.browser.conftest import AXE_RUN, Audit

pytestmark = pytest.mark.browser

RESULT_TITLES = ".praxis-finder__titel"


def titles(page: Any) -> list[str]:
    return sorted(t.strip() for t in page.locator(RESULT_TITLES).all_inner_texts())


def wait_for_titles(page: Any, expected: list[str], *, exact: bool = True) -> None:
    """Wait until the result titles are `expected` (or, not exact, include them)."""
    page.wait_for_function(
        """([selector, expected, exact]) => {
            const seen = [...document.querySelectorAll(selector)]
                .map(e => e.innerText.trim()).sort();
            return exact ? JSON.stringify(seen) === JSON.stringify(expected)
                         : expected.every(title => seen.includes(title));
        }""",
        arg=[RESULT_TITLES, sorted(expected), exact],
        timeout=15000,
    )


def test_header_box_opens_the_finder_with_results(audit: Callable[..., Audit]) -> None:
    result = audit("")
    page = result.page
    page.fill("#praxis-kopfsuche-q", "GWA")
    page.press("#praxis-kopfsuche-q", "Enter")
    page.wait_for_url("**/suche/?q=GWA")
    # "GWA" stands nowhere in the Stadtteilbüro's text: the synonym comes from the vocabulary
    wait_for_titles(page, ["Stadtteilbüro Nordstadt"], exact=False)
    assert "Entwurf" not in " ".join(titles(page))
    link = page.locator(RESULT_TITLES, has_text="Stadtteilbüro Nordstadt").get_attribute("href")
    assert link is not None and link.endswith("/practices/stadtteilbuero-nordstadt/")
    assert page.inner_text("#praxis-finder-status").endswith("Treffer für „GWA“.")
    result.assert_clean()


def test_finder_narrows_by_land_and_stays_accessible(audit: Callable[..., Audit]) -> None:
    result = audit("suche/")
    page = result.page
    page.fill("#praxis-suche-eingabe", "Stadt")
    both = ["Integrierte Sozialplanung in Gera", "Stadtteilbüro Nordstadt"]
    wait_for_titles(page, both, exact=False)
    page.select_option("#praxis-filter-land", "Thüringen")
    wait_for_titles(page, ["Integrierte Sozialplanung in Gera"])
    assert page.url.endswith("?q=Stadt&land=Th%C3%BCringen")
    page.wait_for_load_state("networkidle")
    violations = page.evaluate(AXE_RUN)
    assert not violations, violations
    result.assert_clean()


def test_a_compound_part_finds_the_whole(audit: Callable[..., Audit]) -> None:
    page = audit("suche/?q=Beteiligung").page
    # the practice says only "Bewohnerbeteiligung"
    wait_for_titles(page, ["Stadtteilbüro Nordstadt"], exact=False)
    assert page.locator(".praxis-finder__auszug mark").count() >= 1


def test_a_word_not_in_the_index_finds_nothing_rather_than_its_prefix(
    audit: Callable[..., Audit],
) -> None:
    # Pagefind alone would answer with every entry that says "Stadt" (its longest prefix
    # in the index), highlighting "Stadt"
    page = audit("suche/?q=Stadtautobahn").page
    page.wait_for_function(
        "document.getElementById('praxis-finder-status').innerText.startsWith('Keine')",
        timeout=15000,
    )
    assert page.inner_text("#praxis-finder-status") == (
        "Keine Treffer für „Stadtautobahn“. Tipp: andere Wörter versuchen oder Filter weglassen."
    )
    assert page.locator(RESULT_TITLES).count() == 0


def test_a_word_being_typed_finds_the_whole(audit: Callable[..., Audit]) -> None:
    page = audit("suche/?q=Stadtteilb").page
    wait_for_titles(page, ["Stadtteilbüro Nordstadt"], exact=False)
    assert page.inner_text("#praxis-finder-status").endswith("Treffer für „Stadtteilb“.")


def test_the_excerpt_is_the_entry_text_not_its_search_words(audit: Callable[..., Audit]) -> None:
    # "GWA" is only among the search words the build adds (a vocabulary synonym)
    page = audit("suche/?q=GWA").page
    wait_for_titles(page, ["Stadtteilbüro Nordstadt"], exact=False)
    excerpt = page.locator(".praxis-finder__eintrag", has_text="Stadtteilbüro Nordstadt")
    text = excerpt.locator(".praxis-finder__auszug").inner_text()
    assert text and "GWA" not in text and "Suchbegriffe" not in text


def test_a_typo_is_answered_with_the_nearest_word(audit: Callable[..., Audit]) -> None:
    page = audit("suche/?q=Nrodstadt").page  # two letters swapped at the start
    page.wait_for_selector("#praxis-finder-vorschlag:not([hidden])", timeout=15000)
    assert page.inner_text("#praxis-finder-vorschlag button") == "nordstadt"
    wait_for_titles(page, ["Stadtteilbüro Nordstadt"], exact=False)
    assert page.inner_text("#praxis-finder-status").startswith("Keine Treffer für „Nrodstadt“.")
