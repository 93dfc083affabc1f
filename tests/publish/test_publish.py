"""`praxis build --out`: it cannot destroy anything, and `site/` is complete at every
instant (a link to a generation, swapped with one rename), also when a build is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.publish.workspace import MARKER
from tests.conftest import TODAY
from tests.sitehtml import leftovers

REFUSAL = (
    "Dorthin baut Praxis keine Website, denn sie ersetzt ihr Zielverzeichnis ganz. Bitte "
    "ein neues oder leeres Verzeichnis angeben (Standard: site/ der Instanz)."
)


def build(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["build", "--root", str(project), *args], catch_exceptions=False
    )
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every path under `folder` with its bytes (or link target): to prove nothing changed."""
    found: dict[str, bytes | str] = {}
    for directory, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(directory, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = os.readlink(path)
            elif path.is_file():
                found[rel] = path.read_bytes()
            else:
                found[rel] = "<dir>"
    return found


@pytest.mark.parametrize(
    ("out", "why"),
    [
        (".", "das ist das Verzeichnis der Instanz"),
        ("content", "das ist der Inhaltsordner"),
        ("schema", "das ist der Schema-Ordner"),
        (".git", "das ist das Git-Repository"),
        ("..", "das enthält das Verzeichnis der Instanz"),
        ("content/vorschau", "das liegt im Inhaltsordner"),
        ("schema/vocabularies", "das liegt im Schema-Ordner"),
        (".git/objects", "das liegt im Git-Repository"),
        ("../nachbar", "das Verzeichnis ist nicht leer und keine von Praxis gebaute Website"),
        ("../datei.txt", "das ist eine Datei, kein Verzeichnis"),
    ],
)
def test_out_refuses_what_a_build_would_destroy(
    project: Path, out: str, why: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project.parent / "nachbar").mkdir()
    (project.parent / "nachbar" / "wichtig.txt").write_text("bleibt")
    (project.parent / "datei.txt").write_text("bleibt")
    before = snapshot(project.parent)
    monkeypatch.chdir(project)
    code, output = build(project, "--out", out)
    assert code == 1
    target = Path(os.path.abspath(project / out))
    assert output.startswith(f"Fehler: --out {target}: {why}")
    assert output.rstrip().endswith(REFUSAL)
    assert "Traceback" not in output
    assert snapshot(project.parent) == before


def test_out_refuses_a_link_it_did_not_make(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "fremd"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("fremd")
    os.symlink(elsewhere, project / "site")
    code, output = build(project)
    assert code == 1
    assert "das ist eine symbolische Verknüpfung, die Praxis nicht angelegt hat" in output
    assert (project / "site").readlink() == elsewhere
    assert (elsewhere / "index.html").read_text() == "fremd"


def test_site_is_a_link_to_a_marked_generation_swapped_on_rebuild(project: Path) -> None:
    code, output = build(project)
    assert code == 0, output
    site = project / "site"
    first = os.readlink(site)
    assert site.is_symlink() and first.startswith(".site.generations/")
    assert (site / MARKER).is_file() and (site / "index.html").is_file()
    assert build(project)[0] == 0
    second = os.readlink(site)
    assert second != first and (project / first / MARKER).is_file()  # until the next build
    assert build(project)[0] == 0
    assert os.readlink(site) not in (first, second) and not (project / first).exists()
    assert (project / second / MARKER).is_file()
    assert leftovers(project) == []


def test_an_empty_directory_and_an_earlier_real_site_are_taken_over(
    project: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "leer"
    empty.mkdir()
    assert build(project, "--out", str(empty))[0] == 0
    assert empty.is_symlink() and (empty / "index.html").is_file()
    # A site from a Praxis that made site/ a real directory: copied out of the link.
    old = project / "site"
    subprocess.run(["cp", "-rL", str(empty), str(old)], check=True)
    (old / MARKER).unlink()  # built before the marker existed
    code, output = build(project)
    assert code == 0, output
    assert old.is_symlink() and (old / "pagefind" / "pagefind.js").is_file()
    assert leftovers(project) == []


def test_a_reader_never_finds_the_site_missing_during_a_rebuild(project: Path) -> None:
    assert build(project)[0] == 0
    index = project / "site" / "index.html"
    missing: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            for path in (index, project / "site" / "pagefind" / "pagefind.js"):
                if not path.is_file():
                    missing.append(str(path))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(2):
            assert build(project)[0] == 0
    finally:
        done.set()
        reader.join()
    assert missing == []


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found |= {int(entry.name), *_descendants(int(entry.name))}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_a_killed_build_leaves_the_old_site_no_workers_and_nothing_the_next_keeps(
    project: Path,
) -> None:
    assert build(project)[0] == 0
    before = (project / "site" / "index.html").read_bytes()
    env = {**os.environ, "PRAXIS_TODAY": TODAY.isoformat()}
    process = subprocess.Popen(
        [sys.executable, "-m", "praxis", "build", "--root", str(project)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:  # the worker runs once the content is checked
        if "geprüft" in line:
            break
    workers = _descendants(process.pid)
    assert workers, "the build runs in a worker process"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 60
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "workers outlived the killed build"
    assert (project / "site" / "index.html").read_bytes() == before
    assert leftovers(project) != []  # the killed build's work folder
    (project / ".site.build-x1y2z3").mkdir()  # what a killed build of earlier versions left
    (project / ".site.build-x1y2z3" / "index.html").write_text("alt")
    assert build(project)[0] == 0
    assert leftovers(project) == []
