"""What a browser transfers: a built site served on 127.0.0.1, one page opened in Chromium,
every response recorded. Shared by the site-search and the page-weight measurements."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from praxis.publish.static import serving

CHROMIUM = Path("/usr/bin/chromium")


def responses(
    site: str, path: str, action: Callable[[Any], None] | None = None
) -> list[tuple[str, bytes]]:
    """(url, body) of every successful response while `path` loads and `action` runs."""
    from playwright.sync_api import sync_playwright

    seen: list[tuple[str, bytes]] = []
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.on("response", lambda r: seen.append((r.url, r.body())) if r.ok else None)
        page.goto(base + path, wait_until="networkidle")
        if action:
            action(page)
            page.wait_for_load_state("networkidle")
        browser.close()
    return seen
