"""A practitioner on the published site, in Chromium at phone and desktop width: "Mein
Land" chosen once puts that Land's programmes first on every practice page (kept in
localStorage only); the finder's filter counts follow the query and the other filters;
e-mail addresses become mailto links, hostile ones stay text. No page scrolls sideways,
axe-core finds nothing, no request leaves the site."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from praxis.publish.static import serving
from tests.browser.conftest import AXE, AXE_RUN
from tests.conftest import make_instance
from tests.readersite import HOSTILE_EMAILS, add_reader_entries, build

pytestmark = pytest.mark.browser

WIDTHS = (375, 1280)
GERA = "practices/sozialplanung-gera/"  # Thüringen
KASSEL = "practices/stadtteilbuero-nordstadt/"  # Hessen
SCROLL = "[document.documentElement.scrollWidth, window.innerWidth]"
GROUPS = "[...document.querySelectorAll('.praxis-weg')].map(g => g.dataset.land)"


@pytest.fixture(scope="module")
def reader_url(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    """The sample site with programmes of Thüringen, the Bund, Hessen and NRW for Gera's
    Handlungsfeld and practices with hostile e-mail addresses, served."""
    root = make_instance(tmp_path_factory.mktemp("reader"))
    add_reader_entries(root)
    with serving(build(root)) as url:
        yield url


@pytest.fixture
def reader(browser: Any, reader_url: str) -> Iterator[Callable[..., Any]]:
    """One browser context (one reader: localStorage is shared by its pages) at a width;
    `open(path)` loads a page of the reader site and checks it is clean."""
    contexts: list[Any] = []

    def new_reader(width: int, **options: Any) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 800}, locale="de-DE", **options
        )
        contexts.append(context)
        foreign: list[str] = []
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(reader_url)
                else (foreign.append(route.request.url), route.abort())
            ),
        )
        context.foreign = foreign
        return context

    yield new_reader
    for context in contexts:
        context.close()


def open_clean(context: Any, url: str, width: int) -> Any:
    """Open `url` in the reader's context: loaded without script errors, no request to
    another host, no sideways scrolling, no axe-core violation."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    scroll, inner = page.evaluate(SCROLL)
    assert scroll <= inner, f"{url} at {width} px: {scroll} px wide"
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(AXE_RUN)
    assert not violations, f"{url}: {violations}"
    assert not errors and not context.foreign, (errors, context.foreign)
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_mein_land_is_chosen_once_and_puts_its_programmes_first_everywhere(
    reader: Callable[..., Any], reader_url: str, width: int
) -> None:
    context = reader(width)
    gera = open_clean(context, reader_url + GERA, width)
    assert gera.evaluate(GROUPS) == ["TH", "", "HE", "NW"]  # own Land, Bund und EU, others
    choice = gera.get_by_label("Mein Land")
    assert choice.is_visible()
    choice.select_option("NW")
    assert gera.evaluate(GROUPS) == ["NW", "TH", "", "HE"]
    assert gera.locator(".praxis-weg h3").first.inner_text() == "Nordrhein-Westfalen – Mein Land"
    assert "Nordrhein-Westfalen stehen jetzt zuerst" in gera.locator("[role=status]").inner_text()
    scroll, inner = gera.evaluate(SCROLL)
    assert scroll <= inner

    kassel = open_clean(context, reader_url + KASSEL, width)  # another page, same reader
    assert kassel.get_by_label("Mein Land").input_value() == "NW"
    assert kassel.evaluate(GROUPS)[0] == "NW"
    assert kassel.evaluate("localStorage.getItem('praxis-mein-land')") == "NW"
    assert kassel.evaluate("document.cookie") == ""  # remembered without a cookie

    kassel.get_by_label("Mein Land").select_option("BY")  # no programme from Bayern yet
    first = kassel.locator(".praxis-weg").first
    assert first.locator("h3").inner_text() == "Bayern – Mein Land"
    assert "noch keine Programme erfasst" in first.inner_text()
    assert first.get_by_role("link").get_attribute("href") == "../../laender/by/#foerderprogramme"
    assert kassel.evaluate(AXE_RUN) == []  # with the group the script added
    kassel.get_by_label("Mein Land").select_option("")  # back to the build's order
    assert kassel.evaluate(GROUPS) == ["NW"]  # Kassel's only match (Hessen's is named)
    assert "Mein Land" not in kassel.locator(".praxis-wege").inner_text()
    assert kassel.evaluate("localStorage.getItem('praxis-mein-land')") is None
    gera.reload()
    assert gera.evaluate(GROUPS) == ["TH", "", "HE", "NW"]


def test_without_script_the_order_of_the_build_stands(
    reader: Callable[..., Any], reader_url: str
) -> None:
    context = reader(375, java_script_enabled=False)
    page = context.new_page()
    page.goto(reader_url + GERA, wait_until="load")
    assert not page.locator(".praxis-meinland").is_visible()  # a control that would do nothing
    lands = [g.get_attribute("data-land") for g in page.locator(".praxis-weg").all()]
    assert lands == ["TH", "", "HE", "NW"]
    page.goto(reader_url + KASSEL, wait_until="load")
    assert "info [at] example [punkt] org" in page.locator(".praxis-email").inner_text()


def option_texts(page: Any, select: str) -> dict[str, tuple[str, bool]]:
    """Each value of a filter select: the text a reader sees, and whether it is disabled."""
    options = page.evaluate(
        """(select) => Object.fromEntries([...document.querySelectorAll(select + ' option')]
             .filter(o => o.value).map(o => [o.value, [o.textContent, o.disabled]]))""",
        select,
    )
    return {value: (text, disabled) for value, (text, disabled) in options.items()}


@pytest.mark.parametrize("width", WIDTHS)
def test_filter_counts_follow_the_query_and_the_other_filters(
    reader: Callable[..., Any], reader_url: str, width: int
) -> None:
    context = reader(width)
    page = open_clean(context, reader_url + "suche/", width)
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url) if "pf_filter" in r.url else None)
    land = option_texts(page, "#praxis-filter-land")
    assert land["Hessen"] == ("Hessen (7)", False)  # the build's totals before a search
    page.fill("#praxis-suche-eingabe", "Gemeinwesenarbeit")
    page.wait_for_function(
        "document.querySelector('#praxis-finder-status').textContent.includes('Treffer')"
    )
    assert not loaded  # a search alone costs no filter index (150 kB at 10,000 entries)
    page.focus("#praxis-filter-land")  # the reader turns to the filters
    page.wait_for_function(
        "document.querySelector('#praxis-filter-land option[value=Hessen]').textContent"
        " !== 'Hessen (7)'"
    )
    land = option_texts(page, "#praxis-filter-land")
    assert land["Hessen"] == ("Hessen (2)", False)  # Stadtteilbüro and Landesprogramm
    assert land["Thüringen"] == ("Thüringen (0)", True)  # nothing there: not choosable
    art = option_texts(page, "#praxis-filter-art")
    assert art["Praxisbeispiel"][0] == "Praxisbeispiel (1)"

    page.fill("#praxis-suche-eingabe", "")
    page.select_option("#praxis-filter-handlungsfeld", "Strategische und integrierte Sozialplanung")
    page.wait_for_function(
        "document.querySelector('#praxis-filter-land option[value=Hessen]').textContent"
        " === 'Hessen (5)'"
    )
    land = option_texts(page, "#praxis-filter-land")
    assert land["Thüringen"] == ("Thüringen (3)", False)  # Gera, Sozialbericht, programme
    feld = option_texts(page, "#praxis-filter-handlungsfeld")  # its own counts: no narrowing
    assert feld["Gemeinwesenarbeit"] == ("Gemeinwesenarbeit (3)", False)
    page.select_option("#praxis-filter-land", "Thüringen")
    page.wait_for_function(
        "document.querySelector('#praxis-filter-handlungsfeld option[value=Gemeinwesenarbeit]')"
        ".textContent === 'Gemeinwesenarbeit (0)'"
    )
    land = option_texts(page, "#praxis-filter-land")
    assert land["Hessen"] == ("Hessen (5)", False)  # another Land is still choosable
    violations = page.evaluate(AXE_RUN)
    assert not violations
    scroll, inner = page.evaluate(SCROLL)
    assert scroll <= inner


def test_a_filter_given_in_the_address_counts_what_is_found(
    reader: Callable[..., Any], reader_url: str
) -> None:
    """Opened as `suche/?q=…&land=…` (a shared link): the chosen value's count is that of
    the results, before the filter index is loaded."""
    context = reader(375)
    page = context.new_page()
    page.goto(reader_url + "suche/?q=Sozialplanung&land=Th%C3%BCringen", wait_until="load")
    page.wait_for_function(
        "document.querySelector('#praxis-finder-status').textContent.includes('Treffer')"
    )
    found = page.locator(".praxis-finder__titel").count()
    assert found >= 2  # Gera, the Sozialbericht (and the programme, on its title)
    selected = page.locator("#praxis-filter-land option:checked").inner_text()
    assert selected == f"Thüringen ({found})"


@pytest.mark.parametrize("width", WIDTHS)
def test_an_email_address_is_a_link_to_click_or_copy(
    reader: Callable[..., Any], reader_url: str, width: int
) -> None:
    context = reader(width)
    page = open_clean(context, reader_url + "practices/th-sozialbericht/", width)
    link = page.locator(".praxis-email a")
    assert link.inner_text() == "sozialbericht@example.org"
    assert link.get_attribute("href") == "mailto:sozialbericht@example.org"


@pytest.mark.parametrize("name", sorted(HOSTILE_EMAILS))
def test_a_hostile_address_becomes_no_link_and_runs_nothing(
    reader: Callable[..., Any], reader_url: str, name: str
) -> None:
    context = reader(1280)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(reader_url + f"practices/mail-{name}/", wait_until="load")
    email = page.locator(".praxis-email")
    email.hover()
    email.dispatch_event("click")
    assert email.locator("a, img, b").count() == 0
    local = HOSTILE_EMAILS[name].partition("@")[0]
    assert local in email.inner_text()  # shown as entered, as text
    page.wait_for_timeout(200)
    assert not dialogs
