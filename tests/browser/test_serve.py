"""`praxis serve` in Chromium: an open page turns into the list of content errors when an
entry breaks, and back into the page when it is fixed, by live reload alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.browser.conftest import AXE, AXE_RUN
from tests.publish.test_serve import PRACTICE, server  # noqa: F401 (the fixture)


def test_an_open_page_shows_errors_and_returns_when_fixed(
    audit: Callable[..., Any],
    server: tuple[str, Path],  # noqa: F811 (the fixture imported above)
    project: Path,
) -> None:
    url, _log = server
    opened = audit(PRACTICE, base=url, viewport=(375, 800))
    opened.assert_clean()
    page = opened.page
    assert "Stadtteilbüro Nordstadt" in page.locator("h1").inner_text()

    entry = project / "content/practices/stadtteilbuero-nordstadt.md"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("status: laufend", "status: irgendwie"), encoding="utf-8")
    heading = page.get_by_role("heading", name="Die Vorschau kann die Website nicht bauen")
    heading.wait_for(timeout=60_000)  # no reload by the test: the preview's live reload
    problem = page.locator("li").first.inner_text()
    assert "content/practices/stadtteilbuero-nordstadt.md:19 – status" in problem
    assert "„irgendwie“ ist nicht zulässig. Erlaubt: geplant, laufend, abgeschlossen." in problem
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    assert page.evaluate(AXE_RUN) == []

    entry.write_text(good, encoding="utf-8")
    page.get_by_role("heading", name="Stadtteilbüro Nordstadt").wait_for(timeout=60_000)
    assert not heading.count()
