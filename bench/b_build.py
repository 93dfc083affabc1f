"""Build speed (ARCHITECTURE.md, Targets): `praxis build` of 1,000 practices ≤ 1.5× a bare `mkdocs build`
of the same pages; 10,000 practices in < 5 min with < 2 GB peak memory.

The baseline is what a site without the engine costs: MkDocs with Material (its default
search plugin, no fonts), a navigation of only the start page, rendering the same entry
files as they are. The measured pipeline is all of `praxis build` from a cold state (no
search index yet): load, validate, related entries, generate, MkDocs, the search
process (records, Pagefind), swap. Peak memory is that of the whole process tree (the
build, the search process, Pagefind).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from pageload import CHROMIUM, responses
from run import Context, Row, timed

TARGET = 1.5
SMALL_N = 1_000
LARGE_N = 10_000
LARGE_SECONDS = 300
LARGE_BYTES = 2 * 2**30


def bare_mkdocs(root: str, repeat: int) -> dict[str, Any]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = str(Path(root).resolve())
    work = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    config = work / "mkdocs.yml"
    config.write_text(
        f"site_name: Bare\ndocs_dir: {Path(root, 'content')}\nsite_dir: {work / 'site'}\n"
        "theme:\n  name: material\n  language: de\n  font: false\nnav:\n  - index.md\n",
        encoding="utf-8",
    )

    def run() -> int:
        cfg = load_config(str(config))
        cfg.plugins.on_startup(command="build", dirty=False)
        build(cfg)
        return sum(1 for _ in (work / "site").rglob("*.html"))

    try:
        return timed(run, repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def praxis_build(root: str, repeat: int, keep: str | None = None) -> dict[str, Any]:
    from praxis.config import Instance
    from praxis.publish.build import build_site

    work = Path(tempfile.mkdtemp(prefix="bench-praxis-"))

    def run() -> int:
        shutil.rmtree(Path(root, ".praxis"), ignore_errors=True)  # cold: no index yet
        result = build_site(
            Instance.open(Path(root)),
            work / "site",
            today=dt.date(2026, 11, 21),
            echo=lambda message: None,
        )
        return result.pages

    try:
        measured = timed(run, repeat)
        if keep:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.move((work / "site").resolve(), keep)  # the generation, not its link
        return measured
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(ctx: Context) -> list[Row]:
    n = ctx.size(SMALL_N)
    root = str(ctx.instance(n))
    # Timed in turns and without sampling the process tree (which would slow the build's
    # processes more than MkDocs' one); the memory figures come from one more run.
    timed_runs = ctx.interleaved(
        {
            "bare": ("b_build:bare_mkdocs", {"root": root}),
            "praxis": ("b_build:praxis_build", {"root": root}),
        },
        tree=False,
    )
    bare, built = timed_runs["bare"], timed_runs["praxis"]
    kept = ctx.workdir / f"site-{n}"
    bare.peak_bytes = ctx.child("b_build:bare_mkdocs", root=root, repeat=1).peak_bytes
    built.peak_bytes = ctx.child(
        "b_build:praxis_build", root=root, keep=str(kept), repeat=1
    ).peak_bytes
    ratio = built.median / bare.median
    rows = [
        Row(
            f"mkdocs build (Material, nur Startseite in der Navigation), {bare.result} Seiten",
            n,
            bare.median,
            1.0,
            "Basis",
            bare.peak_bytes,
        ),
        Row(
            f"praxis build (alle Stufen, kalt), {built.result} Seiten",
            n,
            built.median,
            ratio,
            "≤ 1,5× mkdocs build",
            built.peak_bytes,
            ratio <= TARGET,
        ),
    ]
    if CHROMIUM.exists():
        rows.append(page_weight(kept, n))
    large_n = ctx.size(LARGE_N)
    large = ctx.child("b_build:praxis_build", root=str(ctx.instance(large_n)), repeat=1)
    rows.append(
        Row(
            f"praxis build (alle Stufen, kalt), {large.result} Seiten",
            large_n,
            large.median,
            None,
            "< 5 min, < 2 GB",
            large.peak_bytes,
            large.median < LARGE_SECONDS and large.peak_bytes < LARGE_BYTES,
        )
    )
    return rows


def page_weight(site: Path, n: int) -> Row:
    """Bytes a browser transfers for one practice page: HTML, CSS, JS, fonts, images."""
    practice = sorted((site / "practices").iterdir())[0].name
    seen = responses(str(site), f"practices/{practice}/")
    kinds = {".css": "CSS", ".js": "JS"}
    split: dict[str, int] = {}
    for url, body in seen:
        kind = next((k for ext, k in kinds.items() if url.split("?")[0].endswith(ext)), "HTML")
        split[kind] = split.get(kind, 0) + len(body)
    parts = ", ".join(f"{kind} {size / 1000:.0f} kB" for kind, size in sorted(split.items()))
    total = sum(split.values())
    return Row(
        f"Seite eines Praxisbeispiels im Browser: {total / 1000:.0f} kB ({parts}), "
        f"{len(seen)} Anfragen",
        n,
        None,
        None,
        "–",
        None,
    )
