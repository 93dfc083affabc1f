"""Relevance of the site search (Pagefind and the finder page `suche/`) on both suites.

For each suite the fixture's Pagefind bundle and finder page are made as the build makes
them (`sitesearch.index_site`, `sitesearch.files`), served on 127.0.0.1 and searched in
Chromium like a reader does: the query typed into `suche/?q=…`, the result links read
once the status line reports the outcome (the "Meinten Sie …?" step included). Queries
with filters are left out (the site's filters are labels, not codes). Prints MRR and
recall@10 per phenomenon.

    .venv/bin/python tests/relevance/site_relevance.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from evaluate import REPO, SUITES, TODAY, Judged, copy_fixture, load_queries, report

from praxis.config import Instance
from praxis.load.collection import load_collection
from praxis.publish.static import serving
from praxis.search.finder import files
from praxis.search.sitesearch import index_site
from praxis.validate.collection import validate_collection

CHROMIUM = Path("/usr/bin/chromium")
SCRIPT = REPO / "tools" / "praxis" / "theme" / "assets" / "javascripts" / "suche.js"


def make_site(root: Path, site: Path) -> None:
    """The bundle, the finder page (its Markdown body is HTML) and its script."""
    collection = load_collection(Instance.open(root))
    validate_collection(collection, TODAY)
    index_site(collection, site)
    body = str(files(collection)[0].content).split("---", 2)[2]
    page = site / "suche" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Suche</title>'
        f"</head><body>{body}</body></html>",
        "utf-8",
    )
    (site / "assets" / "javascripts").mkdir(parents=True)
    shutil.copy(SCRIPT, site / "assets" / "javascripts" / "suche.js")


DONE = """() => {
  const status = document.getElementById("praxis-finder-status").textContent;
  return status.includes("Treffer") || status.includes("nicht geladen");
}"""


def site_results(site: Path, queries: list[Judged], browser: Any) -> list[list[str]]:
    """The slugs the finder lists first (up to ten) for each query."""
    ranked = []
    with serving(site) as base:
        page = browser.new_page()
        for judged in queries:
            page.goto(f"{base}suche/?q={quote(judged.query)}")
            page.wait_for_function(DONE, timeout=30_000)
            links = page.eval_on_selector_all(
                ".praxis-finder__titel", "links => links.map(a => a.getAttribute('href'))"
            )
            ranked.append([link.rstrip("/").rsplit("/", 1)[-1] for link in links[:10]])
        page.close()
    return ranked


def evaluate_site(
    suite: str, tmp: Path, browser: Any = None
) -> tuple[list[Judged], list[list[str]]]:
    """Judged queries and the finder's results; `browser` is a running Chromium
    (Playwright), or None to start one."""
    queries = [q for q in load_queries(suite) if q.query.strip() and q.kind != "filter"]
    site = tmp / "site"
    make_site(copy_fixture(tmp, suite), site)
    if browser is not None:
        return queries, site_results(site, queries, browser)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            return queries, site_results(site, queries, chromium)
        finally:
            chromium.close()


def main() -> None:
    for suite in SUITES:
        with tempfile.TemporaryDirectory() as tmp:
            queries, ranked = evaluate_site(suite, Path(tmp))
        print(f"{suite}: {len(queries)} Suchanfragen auf der Website, MRR / Recall@10")
        for kind, (mrr, recall) in sorted(
            report(queries, ranked).items(), key=lambda kv: (kv[0] == "alle", kv[0])
        ):
            print(f"{kind:<12} {mrr:>8.3f} / {recall:.3f}")
        if "-v" in sys.argv:
            for judged, hits in zip(queries, ranked, strict=True):
                if not judged.relevant.intersection(hits[:1]):
                    print("   ", judged.kind, judged.query, hits[:4])


if __name__ == "__main__":
    main()
