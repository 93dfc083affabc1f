"""Search index speed (ARCHITECTURE.md, Targets): `praxis index` after one edited file ≤ 2 s at 10,000.

Measured as a user runs it: the `praxis index` command in a fresh process (Python start,
staleness check, reading and validating the changed file, whoosh update), after a full
build of the index. The full rebuild is reported too, for orientation.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from run import REPO, Context, Row, timed

TARGET_S = 2.0
FULL_N = 10_000
TODAY = "2026-11-21"


def _praxis(root: Path, *args: str) -> None:
    env = {"PRAXIS_TODAY": TODAY, "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "praxis", *args, "--root", str(root)],
        check=True,
        capture_output=True,
        cwd=REPO,
        env=env,
    )


def rebuild(root: str, repeat: int) -> dict[str, Any]:
    return timed(lambda: _praxis(Path(root), "index", "--rebuild"), repeat)


def one_edit(root: str, repeat: int) -> dict[str, Any]:
    """Edit one practice (a new sentence each run), then time `praxis index`."""
    target = sorted(Path(root, "content", "practices").glob("*.md"))[3]
    original = target.read_text("utf-8")
    runs = []
    try:
        for number in range(repeat):
            target.write_text(
                original.replace("## Ziele", f"## Ziele\n\nLastenrad {number}.", 1), "utf-8"
            )
            start = time.perf_counter()
            _praxis(Path(root), "index")
            runs.append(time.perf_counter() - start)
    finally:
        target.write_text(original, "utf-8")
        _praxis(Path(root), "index")
    return {"runs": runs}


def measure(ctx: Context) -> list[Row]:
    n = ctx.size(FULL_N)
    source = ctx.instance(n)
    root = ctx.workdir / f"index-{source.name}"
    if not (root / ".praxis" / "index" / "CURRENT").exists():
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(source, root)
    full = ctx.child("b_index:rebuild", root=str(root), repeat=1)
    edit = ctx.child("b_index:one_edit", root=str(root))
    return [
        Row(
            "praxis index --rebuild (ganzer Suchindex)", n, full.median, None, "–", full.peak_bytes
        ),
        Row(
            "praxis index nach einer geänderten Datei",
            n,
            edit.median,
            None,
            f"≤ {TARGET_S:g} s",
            edit.peak_bytes,
            edit.median <= TARGET_S,
        ),
    ]
