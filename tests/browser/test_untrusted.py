"""The second line of defence in a browser: pages into which payloads were forced past
validation (`test_untrusted.build_forced_site`) open in Chromium, every element gets
the events that handlers listen for, and nothing opens a dialog, leaves the site or
asks another host for anything."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from praxis.publish.static import serving
from tests.browser.conftest import LOCAL_HOSTS
from tests.validate.test_untrusted import FORCED, build_forced_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PROVOKE = """() => {
  const kinds = ["mouseover", "mouseenter", "pointerover", "pointerenter", "focus", "focusin",
                 "mousedown", "pointerdown", "animationstart", "transitionend", "error", "load"];
  for (const element of document.querySelectorAll(".md-content *")) {
    if (element.tagName === "DETAILS") element.open = true;
    for (const kind of kinds) element.dispatchEvent(new Event(kind, {bubbles: true}));
  }
  for (const link of document.querySelectorAll(".md-content a[href]")) {
    const href = link.getAttribute("href");
    if (!/^(https?:|mailto:|tel:|#|\\.|\\/|[a-z0-9_-]+\\/?$)/i.test(href)) link.click();
  }
}"""


@pytest.fixture(scope="module")
def forced_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(build_forced_site(tmp_path_factory.mktemp("forced-browser"))) as url:
        yield url


@pytest.mark.parametrize("path", [f"practices/x-{name}/" for name in sorted(FORCED)] + ["hand/"])
def test_forced_payloads_do_nothing_in_chromium(forced_url: str, browser: Any, path: str) -> None:
    context = browser.new_context(locale="de-DE")
    dialogs: list[str] = []
    foreign: list[str] = []
    left: list[str] = []

    def route(request_route: Any) -> None:
        parts = urlsplit(request_route.request.url)
        if parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS:
            request_route.continue_()
        else:
            foreign.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "framenavigated",
        lambda frame: (
            left.append(frame.url) if urlsplit(frame.url).hostname not in LOCAL_HOSTS else None
        ),
    )
    try:
        page.goto(forced_url + path, wait_until="load")
        page.evaluate(PROVOKE)
        page.wait_for_timeout(700)  # a meta refresh of 0 s or a timer would have fired
        assert urlsplit(page.url).path == "/" + path, page.url
    finally:
        context.close()
    assert not dialogs, dialogs
    assert not foreign, foreign
    assert not left, left
