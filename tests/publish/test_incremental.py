"""Incremental builds: a build after a change makes the same site as a cold build of the
same content, byte for byte, renders only what changed, and a failed build leaves the
previous site and its memory as they were.

Allowed difference, named: the Pagefind bundle's index files. Pagefind names and orders
them differently on every run, also on the same input (each build runs it afresh);
compared instead are its page count and the engine's word lists beside it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.config import Instance
from praxis.errors import BuildError
from praxis.publish.build import build_site
from praxis.publish.memory import location
from praxis.publish.workspace import target
from tests.conftest import TODAY

PRACTICES = Path("content/practices")
EDITED = PRACTICES / "stadtteilbuero-nordstadt.md"
UNRELATED = "programmes/zusammen-im-quartier/index.html"  # lists no edited practice


def build(root: Path, out: Path, *, full: bool = False) -> list[str]:
    log: list[str] = []
    build_site(Instance.open(root), out, today=TODAY, full=full, echo=log.append)
    return log


def kept(log: list[str]) -> int:
    """How many pages the build kept from the previous site, as its log says."""
    line = next(line for line in log if "Seiten mit MkDocs gerendert" in line)
    found = re.search(r"(\d+) unverändert übernommen", line)
    assert found, line
    return int(found.group(1))


def files(site: Path) -> dict[str, bytes]:
    site = site.resolve()
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not (rel.startswith("pagefind/") and "/woerter/" not in rel):
            found[rel] = path.read_bytes()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    found["pagefind: pages"] = str(entry["languages"]["de"]["page_count"]).encode()
    return found


def replace(root: Path, rel: Path | str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_practice(root: Path) -> None:
    text = (root / EDITED).read_text(encoding="utf-8")
    text = text.replace("titel: Stadtteilbüro Nordstadt", "titel: Stadtteilladen Südstadt")
    (root / PRACTICES / "stadtteilladen-suedstadt.md").write_text(text, encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edited practice": lambda root: replace(root, EDITED, "Kassel", "Kassel-Nord"),
    "added practice": add_practice,
    "deleted practice": lambda root: (root / PRACTICES / "sozialplanung-gera.md").unlink(),
    "edited programme": lambda root: replace(
        root,
        "content/programmes/landesprogramm-gwa.md",
        "titel: Landesprogramm Gemeinwesenarbeit",
        "titel: Landesprogramm Gemeinwesenarbeit und Quartier",
    ),
    "vocabulary": lambda root: replace(
        root,
        "schema/vocabularies/zielgruppen.yml",
        "label: Familien,",
        "label: Familien mit Kindern,",
    ),
    "configuration": lambda root: replace(
        root, "mkdocs.yml", "site_name: Praxisdatenbank Test", "site_name: Praxis Test"
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_after_a_change_the_site_is_that_of_a_cold_build(project: Path, change: str) -> None:
    # Material's footer links the previous and next page by title: also those of pages
    # kept from the previous site, which MkDocs does not read again.
    replace(
        project, "mkdocs.yml", "  font: false\n", "  font: false\n  features: [navigation.footer]\n"
    )
    site = project / "site"
    build(project, site)
    CHANGES[change](project)
    log = build(project, site)
    build(project, project / "cold", full=True)
    incremental, cold = files(site), files(project / "cold")
    assert sorted(incremental) == sorted(cold)
    assert [path for path in cold if incremental[path] != cold[path]] == []
    if change in ("vocabulary", "configuration"):  # on every page: all of them again
        assert kept(log) == 0
    else:
        assert kept(log) > 0


def test_a_page_unrelated_to_the_edit_is_kept_not_rendered(project: Path) -> None:
    site = project / "site"
    build(project, site)
    before = os.stat(site / UNRELATED)
    edited = os.stat(site / "practices/stadtteilbuero-nordstadt/index.html")
    CHANGES["edited practice"](project)
    build(project, site)
    after = os.stat(site / UNRELATED)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert os.stat(site / "practices/stadtteilbuero-nordstadt/index.html").st_ino != edited.st_ino
    page = (site / "practices/stadtteilbuero-nordstadt/index.html").read_text("utf-8")
    assert "Kassel-Nord" in page


def test_full_renders_every_page(project: Path) -> None:
    site = project / "site"
    build(project, site)
    before = os.stat(site / UNRELATED).st_ino
    log = build(project, site, full=True)
    assert os.stat(site / UNRELATED).st_ino != before
    assert kept(log) == 0
    assert any("(alle neu: --full)" in line for line in log)


def test_full_runs_no_compiled_template_from_the_cache(project: Path) -> None:
    """`--full` (what CI deploys with) trusts nothing under .praxis/: not even the theme's
    compiled templates, which are code. Planted there (a cache committed to the
    repository), a template's code would run in every other build."""
    import marshal
    import pickle

    from jinja2.bccache import bc_magic

    site = project / "site"
    build(project, site)
    planted = project / "geplant.txt"
    buckets = list((project / ".praxis" / "build").glob("templates-*/*.cache"))
    assert buckets
    for bucket in buckets:  # each keeps its template's checksum, so Jinja would load it
        with bucket.open("rb") as handle:
            assert handle.read(len(bc_magic)) == bc_magic
            checksum = pickle.load(handle)
        code = compile(f"open({str(planted)!r}, 'w').write('ausgeführt')", "geplant", "exec")
        bucket.write_bytes(bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(code))
    replace(project, EDITED, "Kassel", "Kassel-Nord")
    build(project, site, full=True)
    assert not planted.exists()
    assert "Kassel-Nord" in (site / "practices/stadtteilbuero-nordstadt/index.html").read_text()


def test_a_failed_build_leaves_site_and_memory_as_they_were(project: Path) -> None:
    site = project / "site"
    build(project, site)
    memory = memory_of(project, site)
    remembered = memory.read_bytes()
    generation = site.resolve()
    before = {p: (os.stat(p).st_ino, p.read_bytes()) for p in generation.rglob("*.html")}
    CHANGES["edited practice"](project)  # some pages are kept, then MkDocs fails
    (project / "content" / "kaputt.md").write_text(
        "---\ntemplate: gibt-es-nicht.html\n---\n# Kaputt\n", encoding="utf-8"
    )
    with pytest.raises(BuildError, match="Die bisherige Website bleibt unverändert"):
        build(project, site)
    assert site.resolve() == generation
    assert {p: (os.stat(p).st_ino, p.read_bytes()) for p in generation.rglob("*.html")} == before
    assert memory.read_bytes() == remembered


def test_an_unreadable_or_foreign_memory_means_a_cold_build(project: Path) -> None:
    site = project / "site"
    build(project, site)
    memory = memory_of(project, site)
    raw = json.loads(memory.read_text(encoding="utf-8"))
    memory.write_text(json.dumps({**raw, "generation": "eine-andere"}), encoding="utf-8")
    assert kept(build(project, site)) == 0
    assert kept(build(project, site)) > 0  # the memory that build wrote is its own
    memory.write_text("kein JSON", encoding="utf-8")
    assert kept(build(project, site)) == 0


def memory_of(project: Path, site: Path) -> Path:
    instance = Instance.open(project)
    return location(instance, target(instance, site))


def test_praxis_build_full_and_own_hooks_render_every_page(project: Path) -> None:
    def run(*args: str) -> str:
        result = CliRunner().invoke(
            cli, ["build", "--root", str(project), *args], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        return result.output

    run()
    assert kept(run().splitlines()) > 0
    assert "(alle neu: --full)" in run("--full")
    (project / "hooks").mkdir()
    (project / "hooks" / "leer.py").write_text("", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks/leer.py\n")
    run()
    output = run()
    assert kept(output.splitlines()) == 0
    assert "(alle neu: eigene Plugins oder Hooks in der mkdocs.yml (hooks/leer.py)" in output


def bundle_inodes(site: Path) -> dict[str, int]:
    bundle = site.resolve() / "pagefind"
    return {
        p.relative_to(bundle).as_posix(): os.stat(p).st_ino
        for p in bundle.rglob("*")
        if p.is_file() and "woerter" not in p.parts
    }


def test_pagefind_runs_only_when_the_search_records_change(project: Path) -> None:
    site = project / "site"
    build(project, site)
    first = bundle_inodes(site)
    CHANGES["configuration"](project)  # every page changes, no entry's search record
    log = build(project, site)
    assert any("Suche: 4 Einträge, unverändert seit dem letzten Bau" in line for line in log)
    assert bundle_inodes(site) == first
    CHANGES["edited practice"](project)
    log = build(project, site)
    assert any("Suche: 4 Einträge für Pagefind indexiert" in line for line in log)
    assert set(bundle_inodes(site).values()).isdisjoint(first.values())
    assert any("für Pagefind indexiert" in line for line in build(project, site, full=True))


@pytest.mark.parametrize("blocked", [".praxis", ".praxis/build"])
def test_caches_that_cannot_be_written_only_make_the_build_cold(
    project: Path, blocked: str
) -> None:
    # A file where the folder should be: as a read-only folder is to a user, to root too.
    site = project / "site"
    build(project, site)
    shutil.rmtree(project / ".praxis")
    (project / blocked).parent.mkdir(exist_ok=True)
    (project / blocked).write_text("kein Ordner", encoding="utf-8")
    CHANGES["edited practice"](project)
    for _ in range(2):
        assert kept(build(project, site)) == 0
    build(project, project / "cold", full=True)
    incremental, cold = files(site), files(project / "cold")
    assert sorted(incremental) == sorted(cold)
    assert [path for path in cold if incremental[path] != cold[path]] == []


def test_a_page_is_made_again_when_a_file_its_text_links_comes_or_goes(project: Path) -> None:
    # MkDocs resolves a text's links to files of the site: whether the target exists
    # changes the page (and its warning), not only the text.
    replace(
        project,
        EDITED,
        "## Ziele\n",
        "## Ziele\n\nSiehe ![Foto](../medien/foto.png) und [Gera][gera].\n\n"
        "[gera]: sozialplanung-gera.md\n",
    )
    site = project / "site"
    build(project, site)
    photo = project / "content/medien/foto.png"
    steps: list[Callable[[], object]] = [
        lambda: photo.write_bytes(b"\x89PNG\r\n\x1a\n"),
        photo.unlink,
        (project / PRACTICES / "sozialplanung-gera.md").unlink,
    ]
    for number, step in enumerate(steps):
        step()
        log = build(project, site)
        build(project, project / f"cold-{number}", full=True)
        incremental, cold = files(site), files(project / f"cold-{number}")
        assert sorted(incremental) == sorted(cold), number
        assert [path for path in cold if incremental[path] != cold[path]] == [], number
        assert kept(log) > 0
