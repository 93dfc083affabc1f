"""README.md's screenshots (`make screenshots`): present, small, described in German."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

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


def test_the_built_site_and_its_generations_are_ignored_by_git(tmp_path: Path) -> None:
    """`site` is a link to `.site.generations/…` (praxis.publish.workspace): neither may reach a
    commit made with `git add -A`, in this repository or in a new instance."""
    template = REPO / "tools/praxis/data/instance/dot-gitignore"
    for ignore in (REPO / ".gitignore", template):
        repo = tmp_path / ignore.parent.name
        repo.mkdir()
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        shutil.copy(ignore, repo / ".gitignore")
        (repo / ".site.generations" / "abc").mkdir(parents=True)
        (repo / ".site.generations" / "abc" / "index.html").write_text("x")
        (repo / "site").symlink_to(".site.generations/abc")
        status = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert status.stdout == "?? .gitignore\n", ignore
