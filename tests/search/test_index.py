"""`praxis index`: incremental by content hash, crash-safe rebuilds, one writer at a time."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.cli.options import load_and_validate
from praxis.config import Instance
from praxis.search.index import current_dir, index_root
from praxis.search.query import Filters, search
from praxis.search.related import related_practices
from tests.conftest import TODAY, edit

GARDEN = "content/practices/nachbarschaftsgarten-nordstadt.md"


def index(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["index", "--root", str(root), *args])
    return result.exit_code, result.output


def found(root: Path, query: str, **filters: str) -> list[str]:
    return [r.id for r in search(Instance.open(root), query, Filters(**filters), 50).results]


def test_first_run_builds_the_index(root: Path) -> None:
    assert index(root) == (0, "Suchindex aktuell: 27 Einträge (neu aufgebaut).\n")
    assert (root / ".praxis" / "index" / "CURRENT").is_file()
    assert found(root, "Nachbarschaftsgarten") == ["nachbarschaftsgarten-nordstadt"]


def test_nothing_changed_touches_nothing(root: Path) -> None:
    index(root)
    generation = current_dir(Instance.open(root))
    assert index(root) == (0, "Suchindex aktuell: 27 Einträge (0 neu, 0 geändert, 0 entfernt).\n")
    assert current_dir(Instance.open(root)) == generation


def test_an_edited_file_is_reindexed_alone(root: Path) -> None:
    index(root)
    edit(root / GARDEN, "Hochbeete wurden", "Hochbeete und ein Lastenrad wurden")
    assert index(root) == (0, "Suchindex aktuell: 27 Einträge (0 neu, 1 geändert, 0 entfernt).\n")
    assert found(root, "Lastenrad") == ["nachbarschaftsgarten-nordstadt"]
    assert found(root, "Garten").count("nachbarschaftsgarten-nordstadt") == 1  # not doubled


def test_added_and_deleted_files(root: Path) -> None:
    index(root)
    source = (root / GARDEN).read_text("utf-8")
    added = root / "content/practices/nachbarschaftsgarten-marburg.md"
    added.write_text(source.replace("Kasseler Nordstadt", "Marburger Südstadt"), "utf-8")
    (root / "content/practices/housing-first-duesseldorf.md").unlink()
    assert index(root) == (0, "Suchindex aktuell: 27 Einträge (1 neu, 0 geändert, 1 entfernt).\n")
    assert found(root, "Marburger") == ["nachbarschaftsgarten-marburg"]
    assert found(root, "Obdachlose") == []


def test_drafts_and_invalid_entries_are_not_searchable(root: Path) -> None:
    index(root)
    assert "entwurf-gemeinschaftsgarten" not in found(root, "Gemeinschaftsgarten")
    edit(root / GARDEN, "bundesland: HE", "bundesland: Hessen")
    code, output = index(root)
    assert code == 1
    assert f"{GARDEN}:" in output and "bundesland" in output
    assert output.endswith(
        "Fehler: 1 Datei mit Fehlern nicht in den Suchindex "
        "aufgenommen (Details: `praxis validate`).\n"
    )
    assert "nachbarschaftsgarten-nordstadt" not in found(root, "Garten")


def test_a_changed_vocabulary_rebuilds(root: Path) -> None:
    index(root)
    vocabulary = root / "schema/vocabularies/handlungsfelder.yml"
    edit(vocabulary, "GWA, ", "GWA, Nachbarschaftsarbeit, ")
    assert index(root) == (0, "Suchindex aktuell: 27 Einträge (neu aufgebaut).\n")
    assert "gwa-wiesbaden-biebrich" in found(root, "Nachbarschaftsarbeit")


def grow(root: Path, copies: int) -> None:
    """Many valid practices, so that a rebuild takes long enough to be interrupted."""
    source = (root / GARDEN).read_text("utf-8")
    for number in range(copies):
        text = source.replace("Kasseler Nordstadt", f"Kasseler Nordstadt {number}")
        (root / f"content/practices/garten-kopie-{number}.md").write_text(text, "utf-8")


def praxis(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PRAXIS_TODAY": TODAY.isoformat()}
    return subprocess.Popen(
        [sys.executable, "-m", "praxis", *args, "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def test_a_killed_rebuild_leaves_the_old_index_answering(root: Path) -> None:
    grow(root, 600)
    assert index(root)[0] == 0
    old = current_dir(Instance.open(root))
    process = praxis(root, "index", "--rebuild")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        new = [p for p in index_root(Instance.open(root)).glob("gen-*") if p != old]
        if new and any(new[0].iterdir()):
            break
        time.sleep(0.005)
    assert process.poll() is None, "the rebuild finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert current_dir(Instance.open(root)) == old
    assert found(root, "Nachbarschaftsgarten", bundesland="HE")[:1] == [
        "nachbarschaftsgarten-nordstadt"
    ]
    assert index(root, "--rebuild")[0] == 0
    assert [p.name for p in index_root(Instance.open(root)).glob("gen-*")] == [
        current_dir(Instance.open(root)).name
    ]  # type: ignore[union-attr]


def test_a_second_writer_waits_then_fails_cleanly(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index(root)
    monkeypatch.setenv("PRAXIS_INDEX_WAIT", "0.5")
    with open(index_root(Instance.open(root)) / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        code, output = index(root, "--rebuild")
        waited = time.monotonic() - started
    assert code == 1
    assert waited >= 0.5
    assert output == (
        "Fehler: Der Suchindex (.praxis/index) wird gerade von einem anderen "
        "praxis-Befehl aktualisiert; nach 0.5 s Warten aufgegeben. Bitte später "
        "erneut versuchen.\n"
    )
    assert found(root, "Garten")  # the index is untouched and answers


def test_concurrent_writers_both_finish_and_leave_one_good_index(root: Path) -> None:
    grow(root, 200)
    first, second = praxis(root, "index", "--rebuild"), praxis(root, "index", "--rebuild")
    outputs = [p.communicate(timeout=120)[0] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert len(list(index_root(Instance.open(root)).glob("gen-*"))) == 1
    assert len(found(root, "Nachbarschaftsgarten")) == 50


def test_related_practices_are_published_practices_alike(root: Path) -> None:
    related = related_practices(load_and_validate(Instance.open(root)))
    assert "entwurf-gemeinschaftsgarten" not in related
    assert all(len(slugs) <= 5 and slug not in slugs for slug, slugs in related.items())
    programmes = {"landesprogramm-gwa-hessen", "zusammen-im-quartier", "soziale-stadt"}
    assert not programmes.intersection(s for slugs in related.values() for s in slugs)
    assert "entwurf-gemeinschaftsgarten" not in {s for v in related.values() for s in v}
    assert related["seniorennetzwerk-gelsenkirchen"][0] in {
        "pflegestuetzpunkt-quartier-cottbus",
        "dorfladen-oberelsbach",
        "mittagstisch-rostock",
    }
