"""Only regular files under content/ and schema/, and only regular files are replaced:
links, FIFOs and devices are located German errors, never opened, never published."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.errors import UnsafePath
from praxis.fsutil import atomic_write
from tests.conftest import TODAY

NOT_REGULAR = (
    "fehler: Das ist {kind}, keine gewöhnliche Datei: unter content/ und schema/ sind nur "
    "Dateien und Ordner erlaubt (eine Verknüpfung kann auf Dateien außerhalb der Instanz "
    "zeigen). Bitte die Datei selbst hier ablegen oder entfernen."
)
LINK = "eine symbolische Verknüpfung"
FIFO = "eine benannte Pipe (FIFO)"


def praxis(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: a FIFO that blocks would time out here."""
    env = {**os.environ, "PRAXIS_TODAY": TODAY.isoformat()}
    return subprocess.run(
        [sys.executable, "-m", "praxis", *args, "--root", str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "geheim.txt"
    path.write_text("GEHEIMER-SCHLUESSEL-4711\n")
    return path


@pytest.mark.parametrize(
    "rel",
    [
        "content/impressum-kopie.md",  # a hand-written page
        "content/bilder/logo.svg",  # an asset
        "content/practices/verweis.md",  # an entry
        "content/practices/foto.jpg",  # an asset in an entry folder
        "content/anhang",  # a linked folder
        "schema/vocabularies/extra.yml",
    ],
)
def test_a_link_anywhere_is_a_located_error_and_its_target_is_never_published(
    project: Path, secret: Path, rel: str
) -> None:
    link = project / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret if rel != "content/anhang" else secret.parent, link)
    validated = praxis(project, "validate")
    assert validated.returncode == 1
    expected = f"{rel}:1:1: " + NOT_REGULAR.format(kind=LINK)
    if rel.startswith("schema/"):  # read with the vocabularies, before anything else
        expected = (
            f"Fehler: {link} ist eine symbolische Verknüpfung, keine gewöhnliche Datei: "
            "Praxis liest und ersetzt nur gewöhnliche Dateien. Bitte die Datei selbst dort "
            "ablegen."
        )
    assert expected in validated.stdout + validated.stderr
    built = praxis(project, "build")
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert not (project / "site").exists()


def test_a_linked_content_folder_is_refused_and_not_walked(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "anderswo"
    (project / "content").rename(elsewhere)
    os.symlink(elsewhere, project / "content")
    result = praxis(project, "build")
    assert result.returncode == 1
    assert "content:1:1: " + NOT_REGULAR.format(kind=LINK) in result.stdout
    assert not (project / "site").exists()


@pytest.mark.parametrize("rel", ["content/practices/rohr.md", "content/seite.md"])
def test_a_fifo_is_refused_without_blocking(project: Path, rel: str) -> None:
    os.mkfifo(project / rel)
    for command in ("validate", "build"):
        result = praxis(project, command)  # would block forever if the FIFO were opened
        assert result.returncode == 1, command
        output = result.stdout + result.stderr
        assert f"{rel}:1:1: " + NOT_REGULAR.format(kind=FIFO) in output, command
        assert "Traceback" not in output


def test_a_fifo_as_vocabulary_is_refused_without_blocking(project: Path) -> None:
    os.mkfifo(project / "schema/vocabularies/zusatz.yml")
    result = praxis(project, "validate")
    assert result.returncode == 1
    assert (
        f"Fehler: {project}/schema/vocabularies/zusatz.yml ist eine benannte Pipe (FIFO), "
        "keine gewöhnliche Datei" in result.stderr
    )


def test_the_search_bundle_folder_name_is_reserved(project: Path) -> None:
    (project / "content/pagefind").mkdir()
    (project / "content/pagefind/notiz.md").write_text("# Notiz\n")
    result = CliRunner().invoke(cli, ["build", "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    assert (
        "content/pagefind:1:1: fehler: Der Name „pagefind“ ist für die Website reserviert: "
        "die Suche der Website (Pagefind) legt dort ihre Dateien ab. Bitte den Ordner oder "
        "die Datei umbenennen." in result.output
    )


def test_staging_skips_links_even_past_validation(project: Path, secret: Path) -> None:
    """Second line of defence: a link that validation did not see is not staged."""
    from praxis.config import Instance
    from praxis.render.run import stage_docs

    os.symlink(secret, project / "content/geheim.md")
    docs = project.parent / "docs"
    staged = stage_docs(Instance.open(project), docs, [])
    assert "geheim.md" not in staged.pages
    assert not os.path.lexists(docs / "geheim.md")


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("content/practices/seite.html", "<script>alert(document.cookie)</script>"),
        (
            "content/medien/grafik.SVG",
            '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        ),
        ("content/medien/werkzeug.js", "alert(1)"),
        ("content/medien/seite.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"/>'),
    ],
)
def test_files_that_can_run_code_in_a_browser_are_refused_and_never_published(
    project: Path, rel: str, text: str
) -> None:
    # Served from the site's own address, such a file would run with its rights: read
    # what the web editor keeps in the browser, for one.
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text(text, encoding="utf-8")
    (project / "content/medien/foto.JPG").write_bytes(b"\xff\xd8\xff")  # allowed
    (project / "content/CNAME").write_text("praxis.example.org\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    suffix = rel.rsplit(".", 1)[1]
    errors = [line for line in result.output.splitlines() if ": fehler: " in line]
    assert errors == [
        f"{rel}:1:1: fehler: Eine Datei der Art „.{suffix}“ veröffentlicht die Website nicht, "
        "denn sie könnte im Browser Programmcode ausführen. Erlaubt sind unter content/ "
        "Markdown-Seiten (.md), Bilder (.png, .jpg, .gif, .webp, .avif), Videos, Tonaufnahmen "
        "und Untertitel (.mp4, .webm, .mp3, .ogg, .vtt) und Dokumente (.pdf, .odt, .docx, "
        ".xlsx, .csv, .txt …). Bitte entfernen oder umwandeln (eine SVG-Grafik z. B. als PNG)."
    ]
    from praxis.config import Instance
    from praxis.render.run import stage_docs

    docs = project.parent / "docs"
    stage_docs(Instance.open(project), docs, [])  # past validation: not staged either
    assert not (docs / rel.removeprefix("content/")).exists()
    assert (docs / "medien/foto.JPG").is_file() and (docs / "CNAME").is_file()


# --- atomic_write ---------------------------------------------------------------------


def _make(kind: str, path: Path, elsewhere: Path) -> None:
    if kind == "link":
        os.symlink(elsewhere, path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
        except PermissionError:
            pytest.skip("mknod needs root")


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("link", "eine symbolische Verknüpfung"),
        ("fifo", "eine benannte Pipe (FIFO)"),
        ("directory", "ein Verzeichnis"),
        ("device", "eine Gerätedatei"),
    ],
)
def test_atomic_write_replaces_only_regular_files(tmp_path: Path, kind: str, name: str) -> None:
    elsewhere = tmp_path / "anderswo.txt"
    elsewhere.write_text("bleibt")
    path = tmp_path / "ziel.json"
    _make(kind, path, elsewhere)
    before = os.lstat(path)
    with pytest.raises(UnsafePath) as refused:
        atomic_write(path, "{}")
    assert refused.value.format_message() == (
        f"{path} ist {name}, keine gewöhnliche Datei: Praxis liest und ersetzt nur "
        "gewöhnliche Dateien. Bitte die Datei selbst dort ablegen."
    )
    after = os.lstat(path)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert elsewhere.read_text() == "bleibt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anderswo.txt", "ziel.json"]


def test_schema_refuses_to_write_through_a_link(project: Path, secret: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["schema", "--root", str(project)]).exit_code == 0
    target = next((project / "schema").glob("*.json"))
    target.unlink()
    os.symlink(secret, target)
    result = runner.invoke(cli, ["schema", "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"Fehler: {target} ist eine symbolische Verknüpfung" in result.output
    assert secret.read_text() == "GEHEIMER-SCHLUESSEL-4711\n"


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "neu.json", "{}")
        os.umask(0o002)
        atomic_write(tmp_path / "gruppe.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "neu.json").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "gruppe.json").stat().st_mode) == 0o664
