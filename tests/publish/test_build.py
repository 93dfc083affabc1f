"""`praxis build` on the sample instance: every page type is made, drafts stay out, no
third-party resource, and a build that fails leaves the previous site untouched."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from tests.conftest import edit
from tests.sitehtml import Page, leftovers, page


def test_every_page_type_is_built(built_site: Path) -> None:
    for url in (
        "",
        "practices/stadtteilbuero-nordstadt",
        "programmes/landesprogramm-gwa",
        "praxisbeispiele",
        "foerderprogramme",
        "laender",
        "laender/he",
        "handlungsfelder",
        "handlungsfelder/gemeinwesenarbeit",
        "zielgruppen",
        "zielgruppen/bewohner",
    ):
        assert (built_site / url / "index.html").is_file(), url
    codes = [
        "bw",
        "by",
        "be",
        "bb",
        "hb",
        "hh",
        "he",
        "mv",
        "ni",
        "nw",
        "rp",
        "sl",
        "sn",
        "st",
        "sh",
        "th",
    ]
    assert all((built_site / "laender" / code / "index.html").is_file() for code in codes)
    assert page(built_site, "").lang == "de"


def test_drafts_and_raw_entry_files_are_not_published(built_site: Path) -> None:
    assert not (built_site / "practices" / "entwurf-beispiel").exists()
    assert not list(built_site.rglob("*.md"))
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "Ein Entwurf" not in text and "entwurf-beispiel" not in text, html


def test_no_third_party_requests_and_no_lunr_search(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        for url in Page(html.read_text(encoding="utf-8")).resources:
            host = urlsplit(url).hostname
            assert host in (None, "127.0.0.1", "localhost"), (html, url)
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8"))
    assert not (built_site / "search" / "search_index.json").exists()
    assert "fonts.googleapis" not in (built_site / "index.html").read_text(encoding="utf-8")


def build(project: Path, *args: str) -> tuple[int, str]:
    """`praxis build`; an exception other than a German error message fails the test."""
    result = CliRunner().invoke(
        cli, ["build", "--root", str(project), *args], catch_exceptions=False
    )
    return result.exit_code, result.output


def test_content_error_stops_the_build_and_keeps_the_old_site(project: Path) -> None:
    code, output = build(project)
    assert code == 0, output
    assert "Seiten mit MkDocs gerendert" in output  # progress is shown
    before = (project / "site/index.html").read_bytes()
    edit(
        project / "content/practices/stadtteilbuero-nordstadt.md",
        "status: laufend",
        "status: vielleicht",
    )
    code, output = build(project)
    assert code == 1
    assert "content/practices/stadtteilbuero-nordstadt.md:" in output
    assert "Die Website wurde nicht gebaut" in output
    assert (project / "site/index.html").read_bytes() == before
    assert leftovers(project) == []


def test_renderer_failure_keeps_the_old_site(project: Path) -> None:
    assert build(project)[0] == 0
    before = {
        p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()
    }
    (project / "content/kaputt.md").write_text("---\ntemplate: gibt-es-nicht.html\n---\n\nx\n")
    code, output = build(project)
    assert code == 1
    assert "Fehler: MkDocs" in output and "bisherige Website bleibt unverändert" in output
    after = {
        p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()
    }
    assert after == before
    assert leftovers(project) == []


def test_strict_publishes_incomplete_entries(project: Path) -> None:
    code, output = build(project, "--strict")
    assert code == 0, output
    assert "Warnungen, Details: praxis validate" in output
    assert (project / "site/practices/sozialplanung-gera/index.html").is_file()


def test_strict_turns_site_warnings_into_failures(project: Path) -> None:
    (project / "content/mitmachen.md").write_text("# Mitmachen\n\n[Weg](gibt-es-nicht.md)\n")
    assert build(project)[0] == 0
    code, output = build(project, "--strict")
    assert code == 1
    assert "gibt-es-nicht.md" in output
    assert "bisherige Website bleibt unverändert" in output


def test_out_writes_elsewhere(project: Path, tmp_path: Path) -> None:
    code, output = build(project, "--out", str(tmp_path / "vorschau"))
    assert code == 0, output
    assert (tmp_path / "vorschau/practices/stadtteilbuero-nordstadt/index.html").is_file()
    assert not (project / "site").exists()


@pytest.mark.parametrize("path", ["mitmachen.md", "bilder/logo.png"])
def test_hand_written_pages_and_assets_are_published(project: Path, path: str) -> None:
    target = project / "content" / path
    target.parent.mkdir(parents=True, exist_ok=True)  # (an SVG could run code: refused)
    target.write_bytes(b"# Mitmachen\n\nSo geht es.\n" if path.endswith(".md") else b"\x89PNG")
    code, output = build(project)
    assert code == 0, output
    built = (
        project / "site" / (path.replace(".md", "/index.html") if path.endswith(".md") else path)
    )
    assert built.is_file()


def test_the_search_bundle_is_part_of_the_swapped_site(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    assert leftovers(built_site.parent) == []


def test_builds_while_an_event_loop_runs(project: Path) -> None:
    """Pagefind is driven through asyncio; a caller's running loop (as in the browser
    tests, which build sites while Playwright runs) must not break the build."""
    import asyncio

    async def build_inside_the_loop() -> tuple[int, str]:
        return build(project)

    try:  # a browser test in this worker may have left Playwright's loop running
        running = asyncio.get_running_loop() is not None
    except RuntimeError:
        running = False
    code, output = build(project) if running else asyncio.run(build_inside_the_loop())
    assert code == 0, output
    assert (project / "site/pagefind/pagefind-entry.json").is_file()


def test_a_large_site_is_indexed_before_its_pages_when_built_cold(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above CONCURRENT_SEARCH entries a cold build makes the search before the pages,
    so that Pagefind's memory and that of rendering every page never add up; a build
    that keeps pages of the current site (same engine and configuration) makes it beside
    them. The bundle is the same."""
    import json

    from praxis.publish import build as build_module

    monkeypatch.setattr(build_module, "CONCURRENT_SEARCH", 1)
    for run in ("kalt", "nach einer Änderung", "--full", "mkdocs.yml geändert"):
        if run == "nach einer Änderung":
            path = next((project / "content" / "practices").glob("*.md"))
            path.write_text(path.read_text() + "\nNeu: ein Sprachcafé.\n")
        if run == "mkdocs.yml geändert":
            with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
                config.write("\ncopyright: Neu\n")
        code, output = build(project, *(["--full"] if run == "--full" else []))
        assert code == 0, output
        before = "(vor den Seiten)" in output  # "Suche: 4 Einträge … (vor den Seiten)"
        assert before == (run != "nach einer Änderung"), run
        rendered = output.index("Seiten mit MkDocs gerendert")
        assert (output.index("Suche: 4") < rendered) == before, run
        entry = json.loads((project / "site/pagefind/pagefind-entry.json").read_text())
        assert entry["languages"]["de"]["page_count"] == 4


def test_a_hand_written_page_at_an_address_of_the_engine_is_named(project: Path) -> None:
    """`content/suche.md` would be the search page's address: the engine's page stays,
    and the contributor learns at file:line why theirs is not published."""
    (project / "content" / "suche.md").write_text("# Meine Suche\n\nText.\n", encoding="utf-8")
    (project / "content" / "ueber-uns.md").write_text("# Über uns\n\nText.\n", encoding="utf-8")
    code, output = build(project)
    assert code == 0, output
    assert (
        "content/suche.md:1:1: warnung: Diese Seite wird nicht veröffentlicht: Unter ihrer "
        "Adresse (suche/) steht eine Seite, die Praxis selbst erzeugt. Bitte die Datei "
        "umbenennen."
    ) in output
    assert "ueber-uns.md" not in output  # a page at an address of its own is published
    assert "Meine Suche" not in (project / "site/suche/index.html").read_text()
    assert "Über uns" in (project / "site/ueber-uns/index.html").read_text()
    code, output = build(project, "--strict")
    assert code == 1
    assert "mit --strict nicht gebaut: 1 Seite wird nicht veröffentlicht" in output
