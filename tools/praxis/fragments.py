"""The HTML blocks of generated pages travel beside Markdown, not through it.

Generated pages are mostly finished HTML (Steckbrief, Übertragbarkeit, Förderwege …)
around the contributor's Markdown body. Python-Markdown and MkDocs would parse that HTML
tag by tag, hold it in memory until every page is rendered, and each section heading
would cost a pass of the table-of-contents extension. So the templates mark their HTML
with `templating.html_block`; when MkDocs reads a page, the renderer replaces each
block by a short comment (`split`) and keeps the blocks aside (`pack`); it adds their
section headings to the page's table of contents (`merge_toc`) and puts them back into
the finished page (`join`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

HTML_OPEN, HTML_CLOSE = "<!--praxis-html:", ":praxis-html-->"
MARKER = "<!--praxis-fragment {}-->"
MARKERS = re.compile(r"<!--praxis-fragment (\d+)-->")
PERMALINK_TITLE = "Link zu diesem Abschnitt"
HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)<a class="headerlink"')
IDS = re.compile(r'\sid="([^"]+)"')


@dataclass
class Fragments:
    """The blocks of one page, and per block its section headings as (id, title HTML)."""

    blocks: list[str] = field(default_factory=list)
    headings: list[list[tuple[str, str]]] = field(default_factory=list)

    @cached_property
    def ids(self) -> set[str]:
        """Every id the blocks use (once `split` is done): for the table of contents and
        for the page's anchors that links may point to."""
        return {found for block in self.blocks for found in IDS.findall(block)}

    def pack(self) -> list[bytes]:
        """The blocks as UTF-8 (half the memory of most strings that hold an en dash),
        for the time between Markdown and writing the page: a renderer holds the blocks
        of thousands of pages."""
        return [block.encode("utf-8") for block in self.blocks]

    @staticmethod
    def unpack(packed: list[bytes]) -> list[str]:
        return [block.decode("utf-8") for block in packed]


def split(markdown: str) -> tuple[str, Fragments]:
    """The page with each marked block replaced by a numbered comment, and the blocks."""
    pieces = markdown.split(HTML_OPEN + "\n")
    kept, fragments = [pieces[0]], Fragments()
    for number, piece in enumerate(pieces[1:]):
        block, _, rest = piece.partition("\n" + HTML_CLOSE)
        fragments.blocks.append(block)
        fragments.headings.append(HEADING.findall(block) if "<h2" in block else [])
        kept.append(MARKER.format(number) + rest)
    return "".join(kept), fragments


def join(html: str, blocks: list[str]) -> str:
    """The rendered page with its comments replaced by the blocks again."""
    return MARKERS.sub(lambda match: blocks[int(match.group(1))], html)


def merge_toc(html: str, toc: list[Any], fragments: Fragments, make: Any) -> tuple[str, list[Any]]:
    """The page's table of contents with the blocks' headings in document order.

    `toc` holds the Markdown body's entries, `make(title, id)` makes a new one. A body
    heading whose id a block already uses is renamed (`kontakt` → `kontakt_1`), as
    Markdown's own table of contents would do, so that no id appears twice."""
    taken = set(fragments.ids)
    for item in _walk(toc):
        if item.id in taken:
            new = _unique(item.id, taken)
            html = html.replace(f'id="{item.id}"', f'id="{new}"', 1)
            html = html.replace(
                f'class="headerlink" href="#{item.id}"', f'class="headerlink" href="#{new}"', 1
            )
            item.id = new
        taken.add(item.id)
    placed = [(_position(html, f'id="{item.id}"'), index, item) for index, item in enumerate(toc)]
    for number, headings in enumerate(fragments.headings):
        at = _position(html, MARKER.format(number))
        placed += [(at, len(toc) + i, make(title, id_)) for i, (id_, title) in enumerate(headings)]
    return html, [item for _, _, item in sorted(placed, key=lambda p: (p[0], p[1]))]


def _walk(items: list[Any]) -> list[Any]:
    return [found for item in items for found in (item, *_walk(item.children))]


def _unique(name: str, taken: set[str]) -> str:
    number = 1
    while f"{name}_{number}" in taken:
        number += 1
    return f"{name}_{number}"


def _position(html: str, needle: str) -> int:
    at = html.find(needle)
    return at if at >= 0 else len(html)
