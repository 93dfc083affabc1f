"""The README's screenshots (`make screenshots`): the built site in Chromium, as PNGs.

Serves `site/` (built by `make site`) on 127.0.0.1, opens four page types in Chromium at
1280 px width and stores each view as a palette PNG under docs/bilder/, small enough for the
repository. Requests to other hosts are aborted, as in the browser tests. Not part of
`make test`: run it after a change to the look of the site and commit the images.
"""

from __future__ import annotations

import io
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

from praxis.publish.static import serving

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("PRAXIS_CHROMIUM", "/usr/bin/chromium")
WIDTH = 1280
COLOURS = 96  # a palette this size keeps text and the site's colours crisp


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    ready: str  # a CSS selector that is visible once the page shows what it should
    height: int = 800  # of the view (the map needs more to show all of Germany)


SHOTS = [
    Shot("startseite", "", "h1"),
    Shot("praxisbeispiel", "practices/bildungscampus-lusan-gera/", "h1"),
    Shot("suche", "suche/?q=Beteiligung", ".praxis-finder__eintrag"),
    Shot("karte", "karte/", "svg", height=1200),
]


def palette_png(png: bytes) -> bytes:
    """A screenshot as an optimised palette PNG (a fraction of Chromium's RGB file)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(
        colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take(site: Path, target: Path) -> list[tuple[Path, int]]:
    from playwright.sync_api import Route, sync_playwright

    def local_only(route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            route.abort()

    target.mkdir(parents=True, exist_ok=True)
    written = []
    with serving(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(
            viewport={"width": WIDTH, "height": 800}, locale="de-DE", device_scale_factor=1
        )
        context.route("**/*", local_only)
        page = context.new_page()
        for shot in SHOTS:
            page.set_viewport_size({"width": WIDTH, "height": shot.height})
            page.goto(url + shot.path, wait_until="networkidle")
            page.locator(shot.ready).first.wait_for(state="visible", timeout=30_000)
            page.wait_for_load_state("networkidle")
            path = target / f"{shot.name}.png"
            data = palette_png(page.screenshot(animations="disabled", caret="hide"))
            tmp = path.with_suffix(".png.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
            written.append((path, len(data)))
        browser.close()
    return written


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "site"
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "docs" / "bilder"
    if not (site / "index.html").is_file():
        sys.exit(f"Fehler: {site} enthält keine gebaute Website – zuerst `make site` ausführen.")
    try:  # Pagefind 1.5.2 may leave this file empty (Pagefind issue #1271)
        json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        sys.exit(f"Fehler: die Suche in {site} ist unvollständig – `make site` erneut ausführen.")
    written = take(site, target)
    for path, size in written:
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {size // 1024} kB")
    print(f"Zusammen: {sum(size for _, size in written) // 1024} kB")


if __name__ == "__main__":
    main()
