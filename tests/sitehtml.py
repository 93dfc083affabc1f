"""Reading built pages in tests: visible text, links, resources and one `##` section."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

RESOURCE_ATTRS = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
}


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.resources: list[str] = []
        self.lang = ""
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag == "a" and values.get("href"):
            self.links.append((values["href"] or "", values))
        if tag in RESOURCE_ATTRS and values.get(RESOURCE_ATTRS[tag]):
            self.resources.append(values[RESOURCE_ATTRS[tag]] or "")
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))

    def hrefs(self) -> list[str]:
        return [href for href, _ in self.links]


def page(site: Path, url: str) -> Page:
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


def section(site: Path, url: str, anchor: str) -> str:
    """The text of one `##` section of a page, up to the next `h2`."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start)
    return Page(html[start : end if end > 0 else None]).plain


def leftovers(root: Path, name: str = "site") -> list[str]:
    """What a build left beside `root/name` besides the site itself: the generations
    folder may hold only its lock, the generation the `name` link shows and at most one
    other site: the one the last swap replaced, which the next build removes
    (praxis.publish.workspace); no work folder (`build-…`) and no link."""
    link = root / name
    folder = root / f".{name}.generations"
    current = (root / os.readlink(link)).name if link.is_symlink() else None
    left = [p.name for p in root.iterdir() if p.name.startswith(f".{name}") and p != folder]
    if folder.is_dir():
        others = [p for p in folder.iterdir() if p.name not in (".lock", current)]
        replaced = [p for p in others if p.is_dir() and not p.name.startswith("build-")]
        left += [p.name for p in others if p not in replaced[:1]]
    return sorted(left)
