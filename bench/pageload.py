"""What a browser transfers: a built site served on 127.0.0.1, one page opened in Chromium,
every response recorded. Shared by the site-search and the page-weight measurements."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def responses(
    site: str, path: str, action: Callable[[Any], None] | None = None
) -> list[tuple[str, bytes]]:
    """(url, body) of every successful response while `path` loads and `action` runs."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    seen: list[tuple[str, bytes]] = []
    try:
        with sync_playwright() as playwright:
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
    finally:
        server.shutdown()
    return seen
