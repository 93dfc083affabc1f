"""`praxis validate` and the CLI as a whole: exact output, exit codes, help texts."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.config import Instance
from tests.conftest import REPO, edit

PROBE = """\
---
titel: Kurz
kurzbeschreibung: >-
  Ein Stadtteilbüro bündelt Gemeinwesenarbeit und Bewohnerbeteiligung in der Nordstadt.
bundesland: HE
ort: {name: Kassel, ebene: kommune}
traeger: [{name: Stadt Kassel, art: kommune}]
handlungsfelder: [beteiligung]
status: laufend
kontakt: {organisation: Stadt Kassel, web: https://www.kassel.de}
quellen: [{titel: Website}]
redaktion: {erfasst: 2026-10-01}
---
Text.
"""
PROBE_REL = "content/practices/probe.md"
MESSAGE = "Zu kurz: 4 Zeichen, mindestens 5 Zeichen nötig."


@pytest.fixture
def probe(project: Path) -> Path:
    path = project / PROBE_REL
    path.write_text(PROBE, encoding="utf-8")
    return path


def run(runner: CliRunner, project: Path, *args: str) -> click.testing.Result:
    return runner.invoke(cli, ["validate", "--root", str(project), *args], prog_name="praxis")


def test_text_format(project: Path, probe: Path, runner: CliRunner) -> None:
    result = run(runner, project, str(probe))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line for line in lines if ": fehler: " in line] == [
        f"{PROBE_REL}:2:1: fehler: titel: {MESSAGE}"
    ]
    # the warnings of a file with errors are counted too
    assert len([line for line in lines if ": warnung: " in line]) == 11
    assert lines[-1] == "1 Datei geprüft: 1 Fehler, 11 Warnungen."


def test_github_format(project: Path, probe: Path, runner: CliRunner) -> None:
    result = run(runner, project, str(probe), "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("::error")] == [
        f"::error file={PROBE_REL},line=2,col=1,title=titel::{MESSAGE}"
    ]
    assert lines[-1] == "1 Datei geprüft: 1 Fehler, 11 Warnungen."


def test_json_format(project: Path, probe: Path, runner: CliRunner) -> None:
    result = run(runner, project, str(probe), "--format", "json")
    assert result.exit_code == 1
    assert [p for p in json.loads(result.output) if p["severity"] == "error"] == [
        {
            "path": PROBE_REL,
            "line": 2,
            "column": 1,
            "severity": "error",
            "field": "titel",
            "message": MESSAGE,
        }
    ]


def test_clean_file_reports_completeness(project: Path, runner: CliRunner) -> None:
    result = run(runner, project, str(project / "content" / "programmes"))
    assert result.exit_code == 0
    assert result.output == (
        "Vollständigkeit (Anteil der empfohlenen Angaben):\n"
        " 100 %  content/programmes/landesprogramm-gwa.md\n"
        " 100 %  content/programmes/zusammen-im-quartier.md\n"
        "2 Dateien geprüft: 0 Fehler, 0 Warnungen.\n"
    )


def test_warnings_pass_unless_strict(project: Path, runner: CliRunner) -> None:
    gera = str(project / "content" / "practices" / "sozialplanung-gera.md")
    result = run(runner, project, gera, "--format", "json")
    assert result.exit_code == 0
    warnings = json.loads(result.output)
    assert {w["severity"] for w in warnings} == {"warning"}
    assert len(warnings) == 9
    assert warnings[-1] == {
        "path": "content/practices/sozialplanung-gera.md",
        "line": 26,
        "column": 1,
        "severity": "warning",
        "field": "text",
        "message": "Abschnitt „## Ergebnisse“ fehlt im Text.",
    }
    strict = run(runner, project, gera, "--strict")
    assert strict.exit_code == 1
    assert strict.output.endswith(
        "  18 %  content/practices/sozialplanung-gera.md\n1 Datei geprüft: 0 Fehler, 9 Warnungen.\n"
    )


def test_json_without_problems_is_an_empty_list(project: Path, runner: CliRunner) -> None:
    result = run(runner, project, str(project / "content" / "programmes"), "--format", "json")
    assert (result.exit_code, result.output) == (0, "[]\n")


def test_paths_select_files_but_references_use_the_whole_instance(
    project: Path, runner: CliRunner
) -> None:
    # sozialplanung-gera refers to stadtteilbuero-nordstadt, which is not selected
    result = run(runner, project, str(project / "content" / "practices" / "sozialplanung-gera.md"))
    assert "gibt es nicht" not in result.output
    assert result.output.endswith("1 Datei geprüft: 0 Fehler, 9 Warnungen.\n")


def test_whole_instance_from_the_current_directory(
    project: Path, probe: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "content")  # the nearest parent with a mkdocs.yml is used
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert result.output.endswith("6 Dateien geprüft: 1 Fehler, 31 Warnungen.\n")


def test_a_path_that_is_no_entry_is_a_usage_error(project: Path, runner: CliRunner) -> None:
    result = run(runner, project, str(project / "mkdocs.yml"))
    assert result.exit_code == 2
    assert "ist kein Praxisbeispiel oder Förderprogramm dieser Instanz" in result.output


USAGE = "Aufruf: praxis validate [OPTIONEN] [DATEIEN]...\nHilfe: praxis validate --help\n\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--format", "xml"],
            "Fehler: Ungültiger Wert für „--format“: „xml“ ist nicht möglich. "
            "Möglich: text, github, json.",
        ),
        (["--strenge"], "Fehler: Unbekannte Option „--strenge“."),
        (
            ["--formt", "json"],
            "Fehler: Unbekannte Option „--formt“. Meinten Sie „--format“ oder „--root“?",
        ),
        (
            ["gibt/es/nicht.md"],
            "Fehler: Ungültiger Wert für „DATEIEN“: „gibt/es/nicht.md“ gibt es nicht.",
        ),
    ],
)
def test_usage_errors_exit_2(
    project: Path, runner: CliRunner, args: list[str], expected: str
) -> None:
    result = run(runner, project, *args)
    assert (result.exit_code, result.output) == (2, USAGE + expected + "\n")


def test_missing_instance(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (
        f"Fehler: Keine Praxis-Instanz gefunden: weder {tmp_path} noch ein übergeordnetes "
        "Verzeichnis enthält eine mkdocs.yml. Mit --root DIR angeben oder `praxis init DIR` "
        "ausführen.\n"
    )


def test_broken_mkdocs_yml(project: Path, runner: CliRunner) -> None:
    (project / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    result = run(runner, project)
    assert result.exit_code == 1
    assert result.output.startswith(f"Fehler: {project / 'mkdocs.yml'}:2:1: YAML-Syntaxfehler: ")
    assert "Traceback" not in result.output


def test_missing_vocabulary(project: Path, runner: CliRunner) -> None:
    (project / "schema" / "vocabularies" / "zielgruppen.yml").unlink()
    result = run(runner, project)
    assert (result.exit_code, result.output) == (
        1,
        "Fehler: schema/vocabularies: Vokabular fehlt: zielgruppen.\n",
    )


def test_broken_vocabulary(project: Path, runner: CliRunner) -> None:
    (project / "schema" / "vocabularies" / "zielgruppen.yml").write_text("terms: 5\n")
    result = run(runner, project)
    assert result.exit_code == 1
    assert "zielgruppen.yml: Vokabular kann nicht gelesen werden" in result.output


def test_strict_and_format_together(project: Path, runner: CliRunner) -> None:
    gera = str(project / "content" / "practices" / "sozialplanung-gera.md")
    result = run(runner, project, gera, "--strict", "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "::warning file=content/practices/sozialplanung-gera.md,line=1,col=1,"
        "title=wirkung.ergebnisse::Ergebnisse fehlen: was hat das Praxisbeispiel bewirkt?"
    )
    assert lines[-1] == "1 Datei geprüft: 0 Fehler, 9 Warnungen."


# --- every command ------------------------------------------------------------------


def all_commands(group: click.Group, prefix: str = "praxis") -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from all_commands(command, path)


COMMANDS = list(all_commands(cli))


ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Example",
    "[default:",
    "[required]",
    "[OPTIONS]",
    "COMMAND",
    "DIRECTORY",
    "INTEGER",
    "FILENAME",
    "PATH ",
)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_every_command_has_german_help_with_an_example(
    path: str, command: click.Command, runner: CliRunner
) -> None:
    result = runner.invoke(cli, [*path.split()[1:], "--help"], prog_name="praxis")
    assert result.exit_code == 0, path
    help_text = result.output
    assert help_text.startswith(f"Aufruf: {path} [OPTIONEN]")
    assert "Optionen:\n" in help_text
    assert "  -h, --help" in help_text and "Diese Hilfe zeigen und beenden." in help_text
    assert [word for word in ENGLISH if word in help_text] == [], path
    if isinstance(command, click.Group):
        assert "\nBefehle:\n" in help_text, f"{path}: Befehle fehlen"
    example = re.search(r"\n  Beispiele?:\n\n((?:      .*\n)+)", help_text)
    assert example, f"{path}: kein Beispiel"
    assert path in example.group(1), f"{path}: das Beispiel ruft den Befehl nicht auf"
    lines = example.group(1).splitlines()
    for line, following in itertools.pairwise(lines):
        assert " \\ " not in line, f"{path}: Zeilenfortsetzung mitten in der Zeile"
        if line.endswith("\\"):
            assert following.startswith("        --"), f"{path}: Fortsetzung ohne Einrückung"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_every_command_is_listed_in_the_readme(path: str, command: click.Command) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{re.escape(path)}\b", readme), f"{path} fehlt in README.md"


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (
            "docs_dir: [a, b]",
            "docs_dir muss ein Verzeichnis innerhalb der Instanz sein, z. B. `docs_dir: content`.",
        ),
        (
            "docs_dir: /etc",
            "docs_dir muss ein Verzeichnis innerhalb der Instanz sein, z. B. `docs_dir: content`.",
        ),
        (
            "docs_dir: ../..",
            "docs_dir muss ein Verzeichnis innerhalb der Instanz sein, z. B. `docs_dir: content`.",
        ),
        ("docs_dir: inhalt", "(docs_dir in mkdocs.yml): dort liegen practices/ und programmes/."),
    ],
)
def test_unusable_docs_dir(project: Path, runner: CliRunner, setting: str, expected: str) -> None:
    edit(project / "mkdocs.yml", "docs_dir: content", setting)
    result = run(runner, project)
    assert result.exit_code == 1
    assert result.output.startswith("Fehler: ")
    assert result.output.endswith(expected + "\n")


def test_odd_extra_settings_are_ignored(project: Path, runner: CliRunner) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text[: text.index("extra:")] + "extra: 5\n", "utf-8")
    assert Instance.open(project).settings == {}
    result = run(runner, project)
    assert result.output.endswith("5 Dateien geprüft: 0 Fehler, 20 Warnungen.\n")


def test_github_annotation_escapes_commas_and_colons(project: Path, runner: CliRunner) -> None:
    bad = project / "content" / "practices" / "a,b:c.md"
    bad.write_text(PROBE.replace("titel: Kurz", "titel: Lang genug"), encoding="utf-8")
    result = run(runner, project, str(bad), "--format", "github")
    assert result.output.splitlines()[0].startswith(
        "::error file=content/practices/a%2Cb%3Ac.md,line=1,col=1,title=slug::Dateiname „a,b:c.md“"
    )
