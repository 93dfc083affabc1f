"""`praxis build`: load → validate → index → generate → render → site search.

`build_site` reads top to bottom; the work up to the rendered pages is `render_site`,
which runs in a child process (see there). Content errors stop the build with
the validator's messages before anything is written; content warnings (missing
recommended parts) never do, because entries are published with what is known, while
`--strict` makes the site's own warnings (MkDocs: broken links, missing pages) fatal.
The new site is made beside the old one and swapped in only when it is complete, so a
failed build leaves `site/` intact (`praxis.publish`: where a site may go, and the swap).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from praxis.cms import admin_files
from praxis.config import Instance
from praxis.duties import Duties
from praxis.errors import ContentError
from praxis.fsutil import naming
from praxis.generate.site import footer_links, generate_site, navigation
from praxis.index import related_practices
from praxis.load import Collection, load_collection
from praxis.parallel import Parallel
from praxis.problems import format_problems
from praxis.publish import check_out, swap_in, target, workspace
from praxis.render import mkdocs_config, run_mkdocs, stage_docs
from praxis.sitesearch import BUNDLE, run_pagefind, write_records
from praxis.sitesearch import files as finder_files
from praxis.validate import validate_collection

Echo = Callable[[str], None]
CONCURRENT_SEARCH = 3000  # records indexed beside MkDocs; more wait for the worker to end


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
    """Build the site into `out` (default: the instance's `site_dir`).

    The work runs in a child process (`render_site`), which ends before the search index
    of a large site is made: the loaded collection, MkDocs and Pagefind never hold their
    memory at the same time, and `praxis serve` does not grow from build to build."""
    start = time.monotonic()
    out = target(instance, out)
    check_out(instance, out)
    step = _stepper(echo, start)
    with naming(out), workspace(out) as work:
        with Parallel(
            render_site, instance, work, today, strict, site_url, start, echo=echo
        ) as job:
            rendered: Rendered = job.result()
        if not rendered.indexed:
            run_pagefind(work / "records", work / "search" / BUNDLE, rendered.records)
        os.rename(work / "search" / BUNDLE, work / "site" / BUNDLE)
        step(f"Suche: {rendered.records} Einträge für Pagefind indexiert")
        swap_in(work / "site", out)
    seconds = time.monotonic() - start
    echo(f"Website gebaut: {instance.relative(out)} ({seconds:.1f} s).")
    return BuildResult(
        out,
        rendered.practices,
        rendered.programmes,
        rendered.pages,
        rendered.warnings,
        seconds,
    )


@dataclass
class Rendered:
    """What the worker made in the workspace: `site/`, and the search records (already
    indexed into `search/` when `indexed`)."""

    practices: int
    programmes: int
    pages: int
    warnings: int
    records: int
    indexed: bool


def render_site(
    instance: Instance,
    work: Path,
    today: dt.date,
    strict: bool,
    site_url: str | None,
    start: float,
    *,
    echo: Echo,
) -> Rendered:
    """Load, validate, generate and render into `work/site`; the search records are made
    beside, in a second process."""
    with naming(work):  # a full disk in the worker: named by the work folder
        return _render(instance, work, today, strict, site_url, start, echo)


def _render(
    instance: Instance,
    work: Path,
    today: dt.date,
    strict: bool,
    site_url: str | None,
    start: float,
    echo: Echo,
) -> Rendered:
    step = _stepper(echo, start)
    instance.licence  # noqa: B018 - an unknown licence stops the build before any work
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
    duties = Duties.of(instance).problems
    if duties:
        echo(format_problems(duties, "text"))
        if strict:
            raise ContentError(
                f"Die Website wurde mit --strict nicht gebaut: {len(duties)} Pflichtangaben "
                "des Betreibers fehlen noch (siehe oben). Die bisherige Website bleibt "
                "unverändert."
            )
        step(f"{len(duties)} Pflichtangaben des Betreibers fehlen noch (siehe oben)")

    with Parallel(search_records, collection, work) as searching:
        related = related_practices(collection)
        step("Ähnliche Praxisbeispiele bestimmt")
        generated = chain(
            generate_site(collection, related), finder_files(collection), admin_files(instance)
        )
        staged = stage_docs(instance, work / "docs", generated)
        step(
            f"{len(staged.written)} Übersichten und Dateien erzeugt "
            f"(die {len(staged.later)} Eintragsseiten entstehen beim Rendern)"
        )
        navigation_ = navigation(collection, staged.pages)
        config = mkdocs_config(
            instance,
            work / "docs",
            work / "site",
            navigation_,
            strict=strict,
            site_url=site_url,
            footer=footer_links(staged.pages),
        )
        mkdocs_warnings = run_mkdocs(config, echo, staged)
        for message in mkdocs_warnings:
            echo(f"MkDocs-Warnung: {message}")
        step(f"{len(staged.pages)} Seiten mit MkDocs gerendert")
        records, indexed = searching.result()
    return Rendered(
        practices,
        programmes,
        len(staged.pages),
        warnings + len(duties) + len(mkdocs_warnings),
        records,
        indexed,
    )


def search_records(collection: Collection, work: Path) -> tuple[int, bool]:
    """The site search records in `work/records`. Up to CONCURRENT_SEARCH of them are
    indexed at once, while MkDocs renders; Pagefind needs about 150 kB per record, so a
    larger site is indexed after the worker has ended (`build_site`)."""
    with naming(work):
        count = write_records(collection, work / "records")
        if count > CONCURRENT_SEARCH:
            return count, False
        return run_pagefind(work / "records", work / "search" / BUNDLE, count), True


def _stepper(echo: Echo, start: float) -> Callable[[str], None]:
    def step(message: str) -> None:
        echo(f"[{time.monotonic() - start:6.1f} s] {message}")

    return step
