"""Search speed and site-search weight (ARCHITECTURE.md, Targets) on a synthetic instance.

- `praxis search`: p50 and p99 of the search function over a mix of German queries
  (compounds, inflections, umlaut spellings, synonyms, typos, filters) on a warm index,
  and the wall time of one `praxis search` command (new process).
- First site search, 10,000 practices: the Pagefind bundle made by the build
  (`sitesearch.index_site`), the finder page served on 127.0.0.1, a query typed in
  Chromium; counted are the bytes of every response the search needs (the finder script,
  Pagefind's script and WebAssembly, its metadata, index chunks and result fragments; not
  the page itself), as sent by a plain static server without compression (an upper
  bound: real hosts gzip the scripts; the gzip estimate is given beside it); once for a
  word that is found, once for a typo (which also loads the finder's word list).
- The German lexicon: time to read it in a new process (≤ 100 ms) and its size.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from pageload import CHROMIUM, responses
from run import REPO, Context, Row, timed

FULL_N = 10_000
TARGET_BYTES = 300_000
TODAY = "2026-11-21"
THEME = REPO / "tools" / "praxis" / "theme"
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("Nachbarschaftsgarten", {}),
    ("Garten", {}),
    ("Beteiligung", {}),
    ("Kitas", {}),
    ("Quartiere", {}),
    ("Buergerbeteiligung", {}),
    ("GWA", {}),
    ("QM", {}),
    ("Gemeinwesenarbiet", {}),
    ("Familienzentrum", {}),
    ("Schule", {"bundesland": "HE"}),
    ("Senioren", {"handlungsfeld": "alter-pflege"}),
    ("", {"bundesland": "TH"}),
    ("Jugendhilfe Kooperation", {}),
    ("Sozialraumanalyse", {"kind": "practice"}),
    ("Ehrenamtliche Geflüchtete", {"zielgruppe": "migranten"}),
]


def search_latency(root: str, repeat: int) -> dict[str, Any]:
    from praxis.config import Instance
    from praxis.search.index import load_analysis
    from praxis.search.query import Filters, search

    instance = Instance.open(Path(root))
    analysis = load_analysis(instance)
    search(instance, "Quartier", analysis=analysis)  # warm: open files, caches
    times = []
    for _ in range(max(repeat, 3)):
        for query, filters in QUERIES:
            start = time.perf_counter()
            search(instance, query, Filters(**filters), 10, analysis=analysis)
            times.append(time.perf_counter() - start)
    times.sort()
    return {"runs": times, "result": [times[len(times) // 2], times[int(len(times) * 0.99)]]}


def lexicon_load(repeat: int) -> dict[str, Any]:
    """Reading the German lexicon (`praxis.search.lexicon`), as the first analysis of a command
    does it; its size on disk beside."""
    from importlib import resources

    from praxis.search.lexicon import lexicon

    def load() -> int:
        lexicon.cache_clear()
        return len(lexicon().nouns)

    data = resources.files("praxis").joinpath("data")
    size = sum(
        data.joinpath(f"lexikon{part}.txt").stat().st_size for part in ("", "-formen", "-kurz")
    )  # type: ignore[attr-defined]
    measured = timed(load, max(repeat, 5))
    measured["result"] = [measured["result"], size]
    return measured


def command(root: str, repeat: int) -> dict[str, Any]:
    env = {"PRAXIS_TODAY": TODAY, "PATH": "/usr/bin:/bin"}
    argv = [sys.executable, "-m", "praxis", "search", "Nachbarschaftsgarten", "--root", root]

    def run() -> int:
        return subprocess.run(argv, check=True, capture_output=True, cwd=REPO, env=env).returncode

    run()  # brings the index up to date first
    return timed(run, repeat)


def bundle(root: str, out: str, repeat: int) -> dict[str, Any]:
    """The Pagefind bundle and the finder page, as the build writes them."""
    import datetime as dt

    from praxis.config import Instance
    from praxis.load.collection import load_collection
    from praxis.search.finder import FINDER_PAGE, files
    from praxis.search.sitesearch import index_site
    from praxis.validate.collection import validate_collection

    collection = load_collection(Instance.open(Path(root)))
    validate_collection(collection, dt.date.fromisoformat(TODAY))
    site = Path(out)

    def make() -> int:
        shutil.rmtree(site, ignore_errors=True)
        count = index_site(collection, site)
        body = str(files(collection)[0].content).split("---", 2)[2]
        page = site / "suche" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<!doctype html><html lang="de"><head><meta charset="utf-8">'
            f"<title>Suche</title></head><body>{body}</body></html>",
            "utf-8",
        )
        script = site / "assets" / "javascripts" / "suche.js"
        script.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(THEME / "assets" / "javascripts" / "suche.js", script)
        return count

    assert FINDER_PAGE
    return timed(make, repeat)


def first_search(site: str, query: str) -> tuple[int, int, int]:
    """(bytes, gzip-estimated bytes, requests) for the first search on the finder page."""

    def search(page: Any) -> None:
        page.fill("#praxis-suche-eingabe", query)
        page.wait_for_selector(".praxis-finder__titel", timeout=60_000)

    sizes = responses(site, "suche/", search)
    search_only = [(url, body) for url, body in sizes if "/pagefind/" in url or "suche.js" in url]
    raw = sum(len(body) for _url, body in search_only)
    packed = sum(
        len(body)
        if url.endswith(("pf_index", "pf_fragment", "pf_filter", "pf_meta", ".pagefind"))
        else len(zlib.compress(body, 6))
        for url, body in search_only
    )
    return raw, packed, len(search_only)


def measure(ctx: Context) -> list[Row]:
    n = ctx.size(FULL_N)
    source = ctx.instance(n)
    root = ctx.workdir / f"index-{source.name}"
    if not root.exists():
        shutil.copytree(source, root)
    latency = ctx.child("b_search:search_latency", root=str(root))
    p50, p99 = latency.result
    cli = ctx.child("b_search:command", root=str(root))
    lexicon = ctx.child("b_search:lexicon_load", tree=False)
    nouns, size = lexicon.result
    rows = [
        Row(
            f"Lexikon laden ({nouns} Substantive, {size / 1e6:.1f} MB)",
            nouns,
            lexicon.median,
            None,
            "≤ 100 ms",
            lexicon.peak_bytes,
            lexicon.median <= 0.1,
        ),
        Row(
            f"praxis search p50 ({len(QUERIES)} Anfragen, warm)",
            n,
            p50,
            None,
            "–",
            latency.peak_bytes,
        ),
        Row("praxis search p99", n, p99, None, "–", latency.peak_bytes),
        Row("praxis search als Befehl (neuer Prozess)", n, cli.median, None, "–", cli.peak_bytes),
    ]
    with tempfile.TemporaryDirectory(dir=ctx.workdir) as out:
        made = ctx.child("b_search:bundle", root=str(root), out=out, repeat=1)
        rows.append(
            Row(
                f"Pagefind-Index ({made.result} Einträge)",
                n,
                made.median,
                None,
                "–",
                made.peak_bytes,
            )
        )
        # a word that is found, and a typo that is not (the finder then also loads the
        # word list for "Meinten Sie …?" and searches the corrected word)
        for query, label in (
            ("Nachbarschaftsgarten", ""),
            ("Ncahbarschaftsgarten", ", Tippfehler"),
        ):
            if not CHROMIUM.exists():
                break
            start = time.perf_counter()
            raw, packed, requests = first_search(out, query)
            seconds = time.perf_counter() - start
            rows.append(
                Row(
                    f"Erste Suche im Browser{label}: {raw / 1000:.0f} kB in {requests} "
                    f"Anfragen (gzip ≈ {packed / 1000:.0f} kB)",
                    n,
                    seconds,
                    None,
                    f"< {TARGET_BYTES // 1000} kB",
                    None,
                    raw < TARGET_BYTES,
                )
            )
    return rows
