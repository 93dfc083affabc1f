"""`praxis build`: load → validate → index → generate → render → site search.

One orchestrating function that reads top to bottom. Content errors stop the build with
the validator's messages before anything is written; content warnings (missing
recommended parts) never do, because entries are published with what is known, while
`--strict` makes the site's own warnings (MkDocs: broken links, missing pages) fatal.
The new site is made beside the old one and swapped in only when it is complete, so a
failed build leaves `site/` intact.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from praxis.config import Instance
from praxis.errors import ContentError
from praxis.generate.site import generate_site, navigation
from praxis.index import related_practices
from praxis.load import load_collection
from praxis.parallel import Parallel
from praxis.problems import format_problems
from praxis.render import mkdocs_config, run_mkdocs, stage_docs, swap_in, workspace
from praxis.sitesearch import BUNDLE, index_site
from praxis.sitesearch import files as finder_files
from praxis.validate import validate_collection

Echo = Callable[[str], None]


@dataclass
class BuildResult:
    out: Path
    practices: int
    programmes: int
    pages: int
    warnings: int
    seconds: float


def build_site(
    instance: Instance,
    out: Path | None,
    *,
    today: dt.date,
    strict: bool = False,
    echo: Echo = print,
    site_url: str | None = None,
) -> BuildResult:
    start = time.monotonic()
    out = (out or instance.root / str(instance.config.get("site_dir", "site"))).resolve()
    step = _stepper(echo, start)

    collection = load_collection(instance)
    validate_collection(collection, today)
    problems = collection.problems
    errors = [p for p in problems if p.is_error]
    warnings = len(problems) - len(errors)
    if errors:
        echo(format_problems(errors, "text"))
        raise ContentError(
            f"Die Website wurde nicht gebaut: der Inhalt hat {len(errors)} Fehler. "
            "Die bisherige Website bleibt unverändert."
        )
    practices = sum(1 for d in collection.documents if d.kind == "practice" and d.published)
    programmes = sum(1 for d in collection.documents if d.kind == "programme" and d.published)
    step(
        f"{practices} Praxisbeispiele und {programmes} Förderprogramme geprüft"
        + (f" ({warnings} Warnungen, Details: praxis validate)" if warnings else "")
    )

    with workspace(out) as work, Parallel(index_site, collection, work / "search") as searching:
        # The search bundle needs only the collection: it is made in a second process, on
        # the second core, while the pages are generated and rendered.

        related = related_practices(collection)
        step("Ähnliche Praxisbeispiele bestimmt")
        docs, site = work / "docs", work / "site"
        generated = chain(generate_site(collection, related), finder_files(collection))
        staged = stage_docs(instance, docs, generated)
        step(
            f"{len(staged.written)} Übersichten und Dateien erzeugt "
            f"(die {len(staged.later)} Eintragsseiten entstehen beim Rendern)"
        )
        config = mkdocs_config(
            instance,
            docs,
            site,
            navigation(collection, staged.pages),
            strict=strict,
            site_url=site_url,
        )
        mkdocs_warnings = run_mkdocs(config, echo, staged)
        for message in mkdocs_warnings:
            echo(f"MkDocs-Warnung: {message}")
        step(f"{len(staged.pages)} Seiten mit MkDocs gerendert")

        records = searching.result()
        os.rename(work / "search" / BUNDLE, site / BUNDLE)
        step(f"Suche: {records} Einträge für Pagefind indexiert")
        swap_in(site, out)

    seconds = time.monotonic() - start
    echo(f"Website gebaut: {instance.relative(out)} ({seconds:.1f} s).")
    return BuildResult(
        out, practices, programmes, len(staged.pages), warnings + len(mkdocs_warnings), seconds
    )


def _stepper(echo: Echo, start: float) -> Callable[[str], None]:
    def step(message: str) -> None:
        echo(f"[{time.monotonic() - start:6.1f} s] {message}")

    return step
