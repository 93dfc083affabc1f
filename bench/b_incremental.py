"""Incremental builds (issue 15): after one edited, one added and one deleted practice,
`praxis build` of 10,000 practices takes ≤ 0.2× the cold build and ≤ 10 s; one edit at
1,000 practices ≤ 2 s, and `praxis serve` shows it within 2 s.

Each instance is a copy of the synthetic one (the measurement edits it). The cold build
starts without a site and without `.praxis/` (no memory, no cached search records);
each change is then made in the files and the next `praxis build` into the same site
is timed, as a contributor runs it. Ratios compare with the cold build of the same run.
The preview is timed from saving the file to the moment its page, fetched over HTTP,
shows the edit.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from run import Context, Row

SMALL_N = 1_000
LARGE_N = 10_000
RATIO = 0.2
LARGE_SECONDS = 10.0
SMALL_SECONDS = 2.0


def build(root: str, repeat: int, change: str = "", cold: bool = False) -> dict[str, Any]:
    """Make `change` (edit, add, delete) in the instance, then time one build."""
    from praxis.config import Instance
    from praxis.publish.build import build_site

    base = Path(root)
    practices = sorted((base / "content" / "practices").glob("*.md"))
    if cold:
        shutil.rmtree(base / ".praxis", ignore_errors=True)
        for path in base.glob("*site*"):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
    if change == "edit":  # a new first sentence: what the page and its search record show
        path = practices[len(practices) // 2]
        text = path.read_text(encoding="utf-8")
        start = "## Ausgangslage\n\n"
        sentence = "Neu ist ein Sprachcafé für Eltern im Quartier. "
        path.write_text(text.replace(start, start + sentence, 1), encoding="utf-8")
    elif change == "add":
        text = practices[0].read_text(encoding="utf-8").replace("titel: ", "titel: Neu – ", 1)
        (practices[0].parent / f"neu-{len(practices)}.md").write_text(text, encoding="utf-8")
    elif change == "delete":
        practices[-1].unlink()
    start, start_cpu = time.perf_counter(), time.process_time()
    result = build_site(
        Instance.open(base), base / "site", today=dt.date(2026, 11, 21), echo=lambda m: None
    )
    return {
        "runs": [time.perf_counter() - start],
        "cpu": [time.process_time() - start_cpu],
        "result": [result.rendered, result.kept],
    }


def serve(root: str, repeat: int) -> dict[str, Any]:
    """Seconds from saving an edited practice to `praxis serve` serving its new page."""
    from praxis.publish.static import free_port

    base = Path(root)
    practices = sorted((base / "content" / "practices").glob("*.md"))
    path = practices[len(practices) // 3]
    port = free_port()
    url = f"http://127.0.0.1:{port}/practices/{path.stem}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "praxis", "serve", "--port", str(port), "--root", root],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PRAXIS_TODAY": "2026-11-21"},
    )
    runs = []
    try:
        _until(lambda: "<h1" in _page(url), 600)
        for number in range(repeat):
            sentence = f"Neu in der Vorschau, Fassung {number}."
            text = path.read_text(encoding="utf-8")
            start = time.perf_counter()
            path.write_text(
                text.replace("## Ausgangslage\n\n", f"## Ausgangslage\n\n{sentence} ", 1)
            )
            _until(lambda shown=sentence: shown in _page(url), 120)
            runs.append(time.perf_counter() - start)
            time.sleep(1)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"runs": runs}


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _until(condition: Any, seconds: float) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("praxis serve zeigt die Änderung nicht")
        time.sleep(0.05)


def measure(ctx: Context) -> list[Row]:
    rows = []
    for full, changes in ((SMALL_N, ("edit",)), (LARGE_N, ("edit", "add", "delete"))):
        n = ctx.size(full)
        root = ctx.workdir / f"incremental-{n}"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(ctx.instance(n), root)
        # timed without sampling the memory of the process tree, which slows a large
        # build by more than half; the peak is then that of the build process itself
        cold = ctx.child("b_incremental:build", tree=False, root=str(root), cold=True, repeat=1)
        rows.append(
            Row(
                f"praxis build kalt (leeres Gedächtnis), {cold.result[0]} Seiten gerendert",
                n,
                cold.median,
                1.0,
                "Basis",
                cold.peak_bytes,
            )
        )
        for change in changes:
            done = ctx.child(
                "b_incremental:build", tree=False, root=str(root), change=change, repeat=1
            )
            ratio = done.median / cold.median
            if full == SMALL_N:
                goal, met = "≤ 2 s", done.median <= SMALL_SECONDS
            else:
                goal = "≤ 0,2× kalt, ≤ 10 s"
                met = ratio <= RATIO and done.median <= LARGE_SECONDS
            rendered, kept = done.result
            rows.append(
                Row(
                    f"praxis build nach {LABELS[change]}: {rendered} Seiten gerendert, "
                    f"{kept} übernommen",
                    n,
                    done.median,
                    ratio,
                    goal,
                    done.peak_bytes,
                    met,
                )
            )
            print(" | ".join(rows[-1].cells()), file=sys.stderr, flush=True)  # as it goes
        if full == LARGE_N:  # the build and its search side by side: their memory together
            sampled = ctx.child("b_incremental:build", root=str(root), change="edit", repeat=1)
            rows.append(
                Row(
                    "Speicher nach einer weiteren Änderung (Bau und Suche nebeneinander, "
                    "Zeit durch die Speichermessung gebremst)",
                    n,
                    sampled.median,
                    None,
                    "–",
                    sampled.peak_bytes,
                )
            )
        if full == SMALL_N:
            shown = ctx.child("b_incremental:serve", tree=False, root=str(root))
            rows.append(
                Row(
                    "praxis serve: eine Änderung im Browser sichtbar (Speichern bis Seite neu)",
                    n,
                    shown.median,
                    None,
                    "≤ 2 s",
                    shown.peak_bytes,
                    shown.median <= SMALL_SECONDS,
                )
            )
        shutil.rmtree(root, ignore_errors=True)
    return rows


LABELS = {
    "edit": "einem geänderten Praxisbeispiel",
    "add": "einem neuen Praxisbeispiel",
    "delete": "einem gelöschten Praxisbeispiel",
}
