"""Chromium for the browser tests: a served copy of the built site, axe-core injected into
each page, and every request to a host other than 127.0.0.1 recorded and aborted.

B and S reuse `audit` for their page types:

    def test_map_is_accessible(audit):
        audit("karte/").assert_clean()

Skips only when Chromium or axe-core is missing and PRAXIS_REQUIRE_BROWSER is not 1 (CI
sets it, so there a missing browser fails).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from praxis.publish.static import serving

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PRAXIS_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(os.environ.get("PRAXIS_AXE_JS", REPO / "node_modules/axe-core/axe.min.js"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " " + n.failureSummary)}));
}"""


def _unavailable(reason: str) -> None:
    if os.environ.get("PRAXIS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (PRAXIS_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(built_site: Path) -> Iterator[Any]:
    """Chromium, started only after the site is built (the build runs Pagefind through
    asyncio, which cannot start inside Playwright's running event loop)."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium fehlt unter {CHROMIUM}")
    if not AXE.is_file():
        _unavailable(f"axe-core fehlt unter {AXE} (make test installiert es)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built sample site, served."""
    with serving(built_site) as url:
        yield url


@dataclass
class Audit:
    url: str
    page: Any
    violations: list[dict[str, Any]] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.foreign, f"{self.url}: Anfragen an fremde Hosts: {self.foreign}"
        assert not self.violations, f"{self.url}: axe-core meldet " + "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes']}" for v in self.violations
        )
        assert not self.errors, f"{self.url}: Fehler im Skript oder beim Laden: {self.errors}"


@pytest.fixture
def audit(browser: Any, site_url: str) -> Iterator[Callable[..., Audit]]:
    """Open a site path in a fresh Chromium context, run axe-core, and report violations,
    requests to other hosts (aborted) and script errors. The page stays open for further
    checks until the test ends."""
    axe_source = AXE.read_text(encoding="utf-8")
    contexts: list[Any] = []

    def open_page(
        path: str, *, viewport: tuple[int, int] = (1280, 900), base: str | None = None
    ) -> Audit:
        """`base` is another served site's address (default: the sample site)."""
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, locale="de-DE"
        )
        contexts.append(context)
        result = Audit((base or site_url) + path, None)

        def route(request_route: Any) -> None:
            url = request_route.request.url
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS:
                request_route.continue_()
            else:
                result.foreign.append(url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: result.errors.append(str(error)))
        page.on(
            "console",
            lambda message: result.errors.append(message.text) if message.type == "error" else None,
        )
        response = page.goto(result.url, wait_until="load")
        if response is None or (response.status >= 400 and not path.startswith("404")):
            result.errors.append(f"HTTP {response.status if response else '—'}")
        page.add_script_tag(content=axe_source)
        result.violations = page.evaluate(AXE_RUN)
        result.page = page
        return result

    yield open_page
    for context in contexts:
        context.close()
