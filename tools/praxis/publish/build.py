"""`praxis build`: load → validate → index → generate → render, and the site search.

`build_site` reads top to bottom and runs in the calling process (a `breakpoint()`
anywhere in the pipeline stops where you expect it). Beside it runs one process, the
site search (`praxis.search.searchjob`: records, then Pagefind); see ARCHITECTURE.md,
"Processes". Content errors stop the build with the validator's messages before
anything is written; content warnings (missing recommended parts) never do, because
entries are published with what is known, while `--strict` makes the site's own
warnings (MkDocs: broken links, missing pages) fatal. The new site is made beside the
old one and swapped in only when it is complete, so a failed build leaves `site/`
intact (`praxis.publish.workspace`: where a site may go, and the swap).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from praxis.config import Instance
from praxis.errors import ContentError
from praxis.fsutil import naming
from praxis.generate import ThemePage
from praxis.generate.admin import admin_files
from praxis.generate.context import SiteData
from praxis.generate.site import footer_links, generate_site, navigation, theme_pages
from praxis.load.collection import entry_files, load_collection
from praxis.model.kinds import KINDS
from praxis.problems import Problem, format_problems
from praxis.publish.memory import (
    Memory,
    digest_of,
    global_fingerprint,
    inputs_digest,
    keep,
    page_fingerprint,
    recall,
    remember,
)
from praxis.publish.workspace import (
    check_out,
    current,
    remove_unused,
    swap_in,
    target,
    workspace,
)
from praxis.render.plugin import PraxisPlugin
from praxis.render.run import (
    mkdocs_config,
    nav_titles,
    run_mkdocs,
    stage_docs,
    stage_pages,
)
from praxis.search.finder import files as finder_files
from praxis.search.related import related_practices
from praxis.search.searchjob import SearchJob
from praxis.search.sitesearch import BUNDLE
from praxis.text import plural
from praxis.validate.collection import validate_collection
from praxis.validate.duties import Duties

Echo = Callable[[str], None]
# Entries up to which every build makes the search while the pages are rendered.
# Pagefind needs about 180 kB per entry: on a larger site it runs first, alone, so that
# its memory and that of rendering every page never add up (< 2 GB at 10,000 entries),
# unless the build remembers the current site made with the same engine, configuration,
# schema and vocabularies: then it renders only what changed, beside the search, which
# is most of its time.
CONCURRENT_SEARCH = 3000


@dataclass
class BuildResult:
    out: Path
    practices: int
    programmes: int
    pages: int
    warnings: int
    seconds: float
    rendered: int = 0  # pages MkDocs rendered
    kept: int = 0  # pages kept from the previous site (praxis.publish.memory)


def build_site(
    instance: Instance,
    out: Path | None,
    *,
    today: dt.date,
    strict: bool = False,
    full: bool = False,
    echo: Echo = print,
    site_url: str | None = None,
) -> BuildResult:
    """Build the site into `out` (default: the instance's `site_dir`). Pages made from
    data whose inputs did not change since the build of the current site are kept from
    it (`praxis.publish.memory`); `full` (and `strict`) render every page."""
    start = time.monotonic()
    out = target(instance, out)
    check_out(instance, out)

    def step(message: str) -> None:
        echo(f"[{time.monotonic() - start:6.1f} s] {message}")

    with naming(out), workspace(out) as work, SearchJob(instance, work, today, full=full) as search:
        remove_unused(out, work)  # the site the last build replaced, while the search runs
        inputs = inputs_digest(instance)
        remembered = Memory() if full else recall(instance, out, current(out))
        indexed = None
        few = not strict and remembered.inputs == inputs  # to render: what content changed
        if not few and len(entry_files(instance)) > CONCURRENT_SEARCH:
            indexed = search.wait()
            step(f"Suche: {_indexed(indexed, search.reused)} (vor den Seiten)")

        collection = load_collection(instance, cache=not full)  # --full: no cached entries
        validate_collection(collection, today)
        errors = [p for p in collection.problems if p.is_error]
        warnings = len(collection.problems) - len(errors)
        if errors:
            echo(format_problems(errors, "text"))
            raise ContentError(
                f"Die Website wurde nicht gebaut: der Inhalt hat {len(errors)} Fehler. "
                "Die bisherige Website bleibt unverändert.",
                errors,
            )
        data = SiteData.of(collection)
        step(
            f"{KINDS['practice'].count(len(data.practices))} und "
            f"{KINDS['programme'].count(len(data.programmes))} geprüft"
            + (
                f" ({plural(warnings, 'Warnung', 'Warnungen')}, Details: praxis validate)"
                if warnings
                else ""
            )
        )
        duties = Duties.of(instance).problems
        if duties:
            _warn(duties, _missing_duties(len(duties)), strict=strict, echo=echo)
            step(f"{_missing_duties(len(duties))} (siehe oben)")

        related = related_practices(collection, cache=not full)
        step("Ähnliche Praxisbeispiele bestimmt")

        made = theme_pages(data, related)
        generated = chain(generate_site(data), finder_files(collection), admin_files(instance))
        staged = stage_docs(instance, work / "docs", generated, {page.path for page in made})
        stage_pages(work / "docs", made)
        step(
            f"{plural(len(made), 'Seite', 'Seiten')} aus Daten, "
            f"{plural(len(staged.written), 'weitere Datei', 'weitere Dateien')} erzeugt"
        )

        paths = staged.pages | {page.path for page in made}
        hidden = _hidden(instance, staged.hidden)
        if hidden:
            summary = f"{plural(len(hidden), 'Seite wird', 'Seiten werden')} nicht veröffentlicht"
            _warn(hidden, summary, strict=strict, echo=echo)
        footer = footer_links(paths)
        config = mkdocs_config(
            instance,
            work / "docs",
            work / "site",
            navigation(collection, paths),
            strict=strict,
            site_url=site_url,
            footer=footer,
        )
        settings = {"nav": config.nav, "footer": footer, "site_url": site_url}
        # what the texts' links can resolve to
        files = digest_of(sorted(staged.files | {page.path for page in made}))
        memory = Memory(
            fingerprint=global_fingerprint(inputs, settings, nav_titles(config, made)),
            inputs=inputs,
        )
        cold = _cold_reason(config, strict=strict, full=full)
        previous = Memory() if cold else remembered
        if previous.fingerprint == memory.fingerprint:  # pages to compare with
            memory.pages = {page.path: page_fingerprint(page, files) for page in made}
        kept = keep(current(out), work / "site", memory.unchanged_since(previous))
        step(f"{plural(len(made) - kept, 'Seite', 'Seiten')} aus Daten geändert oder neu")

        def fingerprint(page: ThemePage, data: dict[str, Any]) -> None:
            """Every rendered page's fingerprint, from the data it was rendered with."""
            memory.pages[page.path] = page_fingerprint(page, files, data)

        # --full trusts nothing under .praxis/, also not compiled templates (code)
        templates = None if full else instance.state_dir / "build" / f"templates-{inputs[:16]}"
        plugin = PraxisPlugin(made, staged.written, echo, fingerprint, templates)
        mkdocs_warnings = run_mkdocs(config, plugin, dirty=kept > 0)
        for message in mkdocs_warnings:
            echo(f"MkDocs-Warnung: {message}")
        pages = len(staged.pages) + len(made)
        step(
            f"{plural(plugin.done, 'Seite', 'Seiten')} mit MkDocs gerendert, "
            f"{kept} unverändert übernommen" + (f" (alle neu: {cold})" if cold else "")
        )

        if indexed is None:
            indexed = search.wait()
            step(f"Suche: {_indexed(indexed, search.reused)}")
        os.rename(search.bundle, work / "site" / BUNDLE)
        memory.generation = swap_in(work / "site", out).name
        remember(instance, out, memory)

    seconds = time.monotonic() - start
    echo(f"Website gebaut: {instance.relative(out)} ({seconds:.1f} s).")
    return BuildResult(
        out,
        len(data.practices),
        len(data.programmes),
        pages,
        warnings + len(duties) + len(hidden) + len(mkdocs_warnings),
        seconds,
        plugin.done,
        kept,
    )


def _cold_reason(config: MkDocsConfig, *, strict: bool, full: bool) -> str | None:
    """Why this build renders every page (None: it keeps what did not change)."""
    if full:
        return "--full"
    if strict:
        return "--strict prüft die Links aller Seiten"
    own = [name for name in config.plugins if name != "praxis"]
    if own:
        names = ", ".join(own)
        return f"eigene Plugins oder Hooks in der mkdocs.yml ({names}) brauchen alle Seiten"
    return None


def _warn(problems: list[Problem], summary: str, *, strict: bool, echo: Echo) -> None:
    """Show warnings about the site (not about an entry's content, which never stop a
    build); with --strict they stop it, `summary` saying what is missing."""
    echo(format_problems(problems, "text"))
    if strict:
        raise ContentError(
            f"Die Website wurde mit --strict nicht gebaut: {summary} (siehe oben). Die "
            "bisherige Website bleibt unverändert.",
            problems,
        )


def _hidden(instance: Instance, hidden: dict[str, str]) -> list[Problem]:
    """A warning at each hand-written page that a page of the engine hides (`Staged`)."""
    content = instance.relative(instance.content_dir)
    return [
        Problem(
            f"{content}/{path}",
            1,
            1,
            "warning",
            "",
            f"Diese Seite wird nicht veröffentlicht: Unter ihrer Adresse ({address or '/'}) "
            "steht eine Seite, die Praxis selbst erzeugt. Bitte die Datei umbenennen.",
        )
        for path, address in sorted(hidden.items())
    ]


def _missing_duties(count: int) -> str:
    verb = "fehlt" if count == 1 else "fehlen"
    return f"{plural(count, 'Pflichtangabe', 'Pflichtangaben')} des Betreibers {verb} noch"


def _indexed(count: int, reused: bool) -> str:
    if reused:
        return f"{plural(count, 'Eintrag', 'Einträge')}, unverändert seit dem letzten Bau"
    return f"{plural(count, 'Eintrag', 'Einträge')} für Pagefind indexiert"
