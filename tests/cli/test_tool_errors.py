"""No traceback for anything a user can do: a full disk, a read-only directory, bad
environment variables, an endless query, non-UTF-8 configuration, paths and slugs that
leave their folder; a bug says it is one. Each test asserts what the user sees."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
import yaml
from click.testing import CliRunner

from praxis.cli import Commands, cli
from praxis.errors import REPORT_URL
from tests.authoring.test_issueform import FILLED, render_issue, write_form
from tests.authoring.test_new import PRACTICE_OPTIONS
from tests.conftest import make_instance


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    """The command in-process; an exception escaping click would fail the test."""
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.output


# --- full disk and read-only directories ----------------------------------------------


@contextlib.contextmanager
def mounted(target: Path, *options: str) -> Iterator[None]:
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", *options, str(target)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"mount not permitted here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def fill(folder: Path) -> None:
    """Use up every free byte of the file system of `folder`."""
    with open(folder / "fueller.bin", "wb", buffering=0) as handle:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC


def commands(root: Path) -> dict[str, tuple[list[str], str | None]]:
    """Every command that writes, with its arguments and standard input."""
    issue = render_issue(write_form(CliRunner(), root), FILLED)
    return {
        "index": (["index"], None),
        "index --rebuild": (["index", "--rebuild"], None),
        "search (stale index)": (["search", "Garten"], None),
        "schema": (["schema"], None),
        "issue-form": (["issue-form"], None),
        "from-issue": (["from-issue", "-"], issue),
        "new": (["new", "practice", "--no-input", *PRACTICE_OPTIONS], None),
        "build": (["build"], None),
        "export": (["export", "-o", str(root / "export.json")], None),
    }


COMMAND_IDS = [
    "index",
    "index --rebuild",
    "search (stale index)",
    "schema",
    "issue-form",
    "from-issue",
    "new",
    "build",
    "export",
]


def _outside_index(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".praxis" not in p.parts and p.name not in ("fueller.bin", ".lock")
    }


@pytest.mark.parametrize("name", COMMAND_IDS)
def test_a_full_disk_is_a_german_message_naming_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("PRAXIS_TODAY", "2026-11-21")
    disk = tmp_path / "disk"
    with mounted(disk, "-t", "tmpfs", "-o", "size=16m", "tmpfs"):
        root = make_instance(disk)
        args, stdin = commands(root)[name]
        before = _outside_index(root)
        fill(disk)
        code, output = run(*args, "--root", str(root), stdin=stdin)
        assert code == 1, output
        assert f"{disk}" in output and "der Datenträger ist voll" in output, output
        assert "Traceback" not in output
        (disk / "fueller.bin").unlink()
        assert _outside_index(root) == before  # nothing half-written, nothing replaced


def test_init_on_a_full_disk_leaves_nothing_behind(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    with mounted(disk, "-t", "tmpfs", "-o", "size=1m", "tmpfs"):
        fill(disk)
        code, output = run("init", str(disk / "neu"), "--bundesland", "TH", "--name", "X")
        assert code == 1
        assert output.startswith(f"Fehler: {disk}/.neu.")
        assert "der Datenträger ist voll – bitte Platz schaffen und erneut versuchen." in output
        assert sorted(p.name for p in disk.iterdir()) == ["fueller.bin"]


@pytest.mark.parametrize("name", ["index", "schema", "issue-form", "new", "build"])
def test_a_read_only_directory_is_a_german_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("PRAXIS_TODAY", "2026-11-21")
    root = make_instance(tmp_path)
    args, stdin = commands(root)[name]
    view = tmp_path / "nur-lesen"
    with mounted(view, "--bind", str(root)):
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        before = _outside_index(root)
        code, output = run(*args, "--root", str(view), stdin=stdin)
        assert code == 1, output
        assert f"{view}" in output
        assert "das Dateisystem ist schreibgeschützt" in output, output
        assert "Traceback" not in output
        assert _outside_index(root) == before


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run a command as nobody",
)
@pytest.mark.parametrize("name", ["schema", "index", "build"])
def test_no_permission_is_a_german_message(name: str) -> None:
    """As root every chmod is ignored: the command runs as the user nobody instead."""
    folder = Path(tempfile.mkdtemp(prefix="praxis-rechte-"))
    try:
        folder.chmod(0o755)  # nobody may enter, read, not write
        root = make_instance(folder)
        subprocess.run(["chmod", "-R", "a+rX", str(root)], check=True)
        before = _outside_index(root)
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        result = subprocess.run(
            [*nobody, sys.executable, "-m", "praxis", name, "--root", str(root)],
            env={**os.environ, "PRAXIS_TODAY": "2026-11-21"},
            capture_output=True,
            text=True,
            cwd="/",
            timeout=300,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith(f"Fehler: {root}")
        assert "keine Berechtigung – bitte die Zugriffsrechte prüfen" in last
        assert "Traceback" not in result.stderr
        assert _outside_index(root) == before
    finally:
        shutil.rmtree(folder)


# --- environment, query, configuration ----------------------------------------------


@pytest.mark.parametrize("value", ["morgen", "2026-13-01", "21.11.2026"])
def test_a_bad_praxis_today_is_named(project: Path, value: str) -> None:
    result = CliRunner(env={"PRAXIS_TODAY": value}).invoke(
        cli, ["validate", "--root", str(project)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Fehler: Die Umgebungsvariable PRAXIS_TODAY („{value}“) ist kein Datum: erwartet "
        "JJJJ-MM-TT, z. B. PRAXIS_TODAY=2026-11-21 (oder die Variable entfernen).\n"
    )


@pytest.mark.parametrize("value", ["bald", "-1", "nan", "inf", "1e9"])
def test_a_bad_praxis_index_wait_is_named(project: Path, value: str) -> None:
    result = CliRunner(env={"PRAXIS_INDEX_WAIT": value}).invoke(
        cli, ["index", "--root", str(project)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.output.endswith(
        f"Fehler: Die Umgebungsvariable PRAXIS_INDEX_WAIT („{value}“) ist keine Wartezeit: "
        "erwartet Sekunden von 0 bis 3600, z. B. PRAXIS_INDEX_WAIT=30 (oder die Variable "
        "entfernen).\n"
    )


FRUITS = [
    "Apfel",
    "Birne",
    "Kirsche",
    "Pflaume",
    "Traube",
    "Melone",
    "Zitrone",
    "Orange",
    "Banane",
    "Mango",
    "Ananas",
    "Feige",
    "Dattel",
    "Olive",
    "Tomate",
    "Gurke",
    "Paprika",
    "Zwiebel",
    "Knoblauch",
    "Karotte",
    "Kartoffel",
    "Spinat",
    "Salat",
    "Brokkoli",
    "Erbse",
    "Bohne",
    "Linse",
    "Kürbis",
    "Rettich",
    "Radieschen",
    "Sellerie",
    "Lauch",
]


def test_a_query_of_a_thousand_words_is_refused_in_german(project: Path) -> None:
    words = ["".join(letters) for letters in itertools.product("bdfgklmnpt", repeat=3)]
    code, output = run("search", " ".join(words[:285]), "--root", str(project))  # 1,139 chars
    assert code == 1
    assert output.startswith("Fehler: Die Suchanfrage hat ")
    assert "verschiedene Wörter; höchstens 32 sind möglich (jedes Wort muss vorkommen)" in output
    code, output = run("search", " ".join(["Garten"] * 1000), "--root", str(project))
    assert code == 1
    assert output == (
        "Fehler: Die Suchanfrage ist 6999 Zeichen lang; höchstens 2000 sind möglich. Bitte "
        "auf die wichtigsten Wörter kürzen.\n"
    )


def test_the_longest_allowed_query_still_finds(project: Path) -> None:
    entry = project / "content/practices/stadtteilbuero-nordstadt.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n" + " ".join(FRUITS) + ".\n")
    code, output = run("search", " ".join(FRUITS), "--root", str(project))
    assert code == 0, output
    assert "stadtteilbuero-nordstadt" in output


@pytest.mark.parametrize("which", ["mkdocs.yml", "schema/vocabularies/zielgruppen.yml"])
def test_configuration_that_is_not_utf8_is_located(project: Path, which: str) -> None:
    path = project / which
    text = path.read_bytes()
    path.write_bytes(text.replace("ü".encode(), b"\xfc", 1) if b"\xc3\xbc" in text else text)
    if b"\xfc" not in path.read_bytes():
        path.write_bytes(b"site_name: Praxis M\xfcnchen\n" + text)
    raw = path.read_bytes()
    at = raw.index(b"\xfc")
    line = raw.count(b"\n", 0, at) + 1
    column = at - (raw.rfind(b"\n", 0, at) + 1) + 1
    code, output = run("validate", "--root", str(project))
    assert code == 1
    what = "Die Konfiguration" if which == "mkdocs.yml" else "Das Vokabular"
    assert output == (
        f"Fehler: {path}:{line}:{column}: {what} ist nicht UTF-8 (ungültiges Byte 0xfc) – "
        "bitte im Editor mit der Kodierung „UTF-8“ speichern.\n"
    )


# --- paths and slugs ------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["../../boese", "/tmp/boese", "a/b", "a--b", "Ä", "x" * 81])
def test_every_command_taking_a_slug_refuses_one_that_leaves_its_folder(
    project: Path, tmp_path: Path, slug: str
) -> None:
    issue = render_issue(write_form(CliRunner(), project), FILLED)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for args, stdin in (
        (["from-issue", "-", "--slug", slug], issue),
        (["new", "practice", "--no-input", *PRACTICE_OPTIONS, "--slug", slug], None),
        (["new", "practice", "--no-input", *PRACTICE_OPTIONS, "--programm", slug], None),
    ):
        code, output = run(*args, "--root", str(project), stdin=stdin)
        assert code == 2, (args, output)
        assert f"„{slug}“ taugt nicht als Kürzel und Dateiname: nur Kleinbuchstaben a–z" in output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert not Path("/tmp/boese.md").exists()


def test_init_refuses_a_link_and_a_path_below_a_file(tmp_path: Path) -> None:
    file = tmp_path / "datei.txt"
    file.write_text("bleibt")
    os.symlink(file, tmp_path / "verweis")
    code, output = run("init", str(tmp_path / "verweis"), "--bundesland", "TH", "--name", "X")
    assert code == 1
    assert output == (
        f"Fehler: {tmp_path}/verweis ist eine symbolische Verknüpfung: nichts angelegt. "
        "Bitte ein neues oder leeres Verzeichnis angeben (nicht die Verknüpfung darauf).\n"
    )
    code, output = run("init", str(file / "neu"), "--bundesland", "TH", "--name", "X")
    assert code == 1
    assert output == (
        f"Fehler: {file} ist eine Datei, kein Verzeichnis: darin kann keine Instanz angelegt "
        "werden. Bitte einen anderen Ort angeben.\n"
    )
    assert file.read_text() == "bleibt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datei.txt", "verweis"]


# --- injection into YAML and into the pull request ------------------------------------


def test_init_writes_settings_as_yaml_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRAXIS_TODAY", "2026-11-21")
    name = "Gute Praxis: Thüringen #1 <b>fett</b> [x](javascript:alert(1))"
    code, output = run("init", str(tmp_path / "th"), "--bundesland", "TH", "--name", name)
    assert code == 0, output
    config = yaml.safe_load((tmp_path / "th/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == name
    assert set(config) == {
        "site_name",
        "site_description",
        "docs_dir",
        "site_dir",
        "theme",
        "extra",
    }
    impressum = (tmp_path / "th/content/impressum.md").read_text(encoding="utf-8")
    line = next(line for line in impressum.splitlines() if "Thüringen" in line)
    html = markdown.markdown(line)
    assert "<b>" not in html and "<a" not in html and "&lt;b&gt;fett&lt;/b&gt;" in html
    assert "Gute Praxis: Thüringen #1" in html  # shown as written


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [
        ("--lizenz", "CC0\nextra:\n  evil: 1", "U+000A"),
        ("--name", "Praxis\u202eTH", "U+202E"),
        ("--name", "Praxis\x00", "U+0000"),
    ],
)
def test_init_refuses_settings_that_would_inject(
    tmp_path: Path, option: str, value: str, shown: str
) -> None:
    args = {"--name": "Praxis TH", "--lizenz": "CC0", option: value}
    code, output = run(
        "init", str(tmp_path / "th"), "--bundesland", "TH", *itertools.chain(*args.items())
    )
    assert code == 1
    assert output == (
        f"Fehler: {option} muss eine einzelne Zeile aus sichtbaren Zeichen sein "
        f"(enthält {shown}).\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_issue_report_cannot_break_out_of_its_code_block(project: Path, tmp_path: Path) -> None:
    attack = (
        "Hessen\n````\n\n# Übernommen!\n\n![x](https://boese.example/pixel.png)\n"
        '<img src=x onerror="alert(1)"> @maintainer'
    )
    issue = render_issue(write_form(CliRunner(), project), {**FILLED, "bundesland": attack})
    report = tmp_path / "bericht.md"
    code, output = run(
        "from-issue", "-", "--bericht", str(report), "--root", str(project), stdin=issue
    )
    assert code == 1 and "boese.example" in output  # echoed, as the validator's message
    text = report.read_text(encoding="utf-8")
    assert text.startswith("`````text\n") and text.endswith("\n`````\n")
    html = markdown.markdown(text, extensions=["fenced_code"])
    assert html.startswith("<pre><code") and html.count("<pre>") == 1
    assert "<img" not in html and "<h1" not in html and "&lt;img" in html


def test_a_failed_from_issue_still_writes_its_report(project: Path, tmp_path: Path) -> None:
    report = tmp_path / "bericht.md"
    code, _ = run(
        "from-issue", "-", "--bericht", str(report), "--root", str(project), stdin="Hallo\n"
    )
    assert code == 1
    assert report.read_text(encoding="utf-8") == (
        "```text\nFehler: Der Text enthält keine Antworten des Formulars „Neues "
        "Praxisbeispiel“ (Abschnitte wie „### Titel“).\n```\n"
    )


# --- bugs -----------------------------------------------------------------------------


def test_a_bug_says_it_is_one_and_shows_where() -> None:
    group = Commands()

    @group.command()
    def kaputt() -> None:
        {}["x"]

    result = CliRunner().invoke(group, ["kaputt"], catch_exceptions=False)
    assert result.exit_code == 70
    first = result.output.splitlines()[0]
    assert first.startswith("Fehler: interner Fehler in Praxis (KeyError: 'x' in ")
    assert "test_tool_errors.py:" in first
    assert first.endswith(
        f"Das ist ein Fehler im Programm, nicht in Ihren Angaben: bitte unter {REPORT_URL} "
        "melden und diese Ausgabe mitschicken."
    )
    assert "Traceback (most recent call last):" in result.output
    assert result.output.rstrip().endswith("KeyError: 'x'")


def test_a_bug_in_the_search_process_keeps_its_traceback(tmp_path: Path) -> None:
    """The search process runs apart from the build: what breaks there reaches the user
    with its traceback, and the old site stays."""
    import datetime as dt

    from praxis.config import Instance
    from praxis.errors import BuildError
    from praxis.search.searchjob import SearchJob
    from tests.conftest import make_instance

    instance = Instance.open(make_instance(tmp_path))
    job = SearchJob(instance, tmp_path, dt.date(2026, 11, 21))
    job.command[job.command.index("2026-11-21")] = (
        "kein-datum"  # a bug: the process cannot read its own arguments
    )
    with job, pytest.raises(BuildError) as failure:
        job.wait()
    message = failure.value.format_message()
    assert "Traceback (most recent call last):" in message
    assert "kein-datum" in message
    assert message.endswith("Die bisherige Website bleibt unverändert.")
