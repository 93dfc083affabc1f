"""README.md's screenshots (`make screenshots`): present, small, described in German."""

from __future__ import annotations

import re

from tests.conftest import REPO

IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")


def test_the_screenshots_exist_are_small_and_have_alt_texts() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## So sieht es aus", 1)[1].split("\n## ", 1)[0]
    images = IMAGE.findall(section)
    assert 2 <= len(images) <= 4
    sizes = []
    for alt, path in images:
        assert len(alt.split()) >= 8, f"{path}: Alternativtext zu knapp: {alt!r}"
        data = (REPO / path).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), path
        sizes.append(len(data))
    assert sum(sizes) < 400_000
