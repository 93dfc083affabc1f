"""click's own words in German: usage errors of every kind, as a user sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli


def usage(path: str, rest: str) -> str:
    return f"Aufruf: praxis{path} {rest}\nHilfe: praxis{path} --help\n\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["init", "neu"],
            usage(" init", "[OPTIONEN] VERZEICHNIS") + "Fehler: Die Option „--bundesland“ fehlt.\n",
        ),
        (
            ["export", "--kind", "Stadt"],
            usage(" export", "[OPTIONEN]")
            + "Fehler: Ungültiger Wert für „--kind“: „Stadt“ ist nicht möglich. Möglich: "
            "practice, programme.\n",
        ),
        (
            ["serve", "--port", "0"],
            usage(" serve", "[OPTIONEN]")
            + "Fehler: Ungültiger Wert für „--port“: 0 ist nicht erlaubt: nur ganze Zahlen "
            "von 1 bis 65535.\n",
        ),
        (
            ["search", "--limit", "viele"],
            usage(" search", "[OPTIONEN] [SUCHWORT]")
            + "Fehler: Ungültiger Wert für „--limit“: „viele“ ist keine ganze Zahl.\n",
        ),
        (
            ["search", "Garten", "Kassel"],
            usage(" search", "[OPTIONEN] [SUCHWORT]")
            + "Fehler: Unerwartete Angabe: Kassel. Werte mit Leerzeichen bitte in "
            "Anführungszeichen.\n",
        ),
        (
            ["valdate"],
            usage("", "[OPTIONEN] BEFEHL [ARGUMENTE]...")
            + "Fehler: Unbekannter Befehl „valdate“. Meinten Sie „validate“?\n",
        ),
        (
            ["validate", "--strict=ja"],
            usage(" validate", "[OPTIONEN] [DATEIEN]...")
            + "Fehler: Die Option „--strict“ nimmt keinen Wert.\n",
        ),
        (
            ["validate", "--format"],
            usage(" validate", "[OPTIONEN] [DATEIEN]...")
            + "Fehler: Die Option „--format“ braucht einen Wert.\n",
        ),
        (
            ["from-issue", "gibt-es-nicht.txt"],
            usage(" from-issue", "[OPTIONEN] QUELLE")
            + "Fehler: Ungültiger Wert für „QUELLE“: „gibt-es-nicht.txt“ kann nicht geöffnet "
            "werden: die Datei gibt es nicht.\n",
        ),
    ],
)
def test_usage_errors_are_german(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str],
    expected: str,
) -> None:  # fmt: skip
    monkeypatch.chdir(project)
    result = runner.invoke(cli, args, prog_name="praxis")
    assert (result.exit_code, result.output) == (2, expected)


def test_missing_argument_and_choices_are_named(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["init", "--bundesland", "TH", "--name", "X"], prog_name="praxis")
    assert result.exit_code == 2
    assert result.output.endswith("Fehler: Das Argument „VERZEICHNIS“ fehlt.\n")


def test_a_group_without_command_shows_its_german_help(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new"], prog_name="praxis")
    assert result.exit_code == 2
    assert result.output.startswith("Aufruf: praxis new [OPTIONEN] BEFEHL [ARGUMENTE]...\n")
    assert result.output.endswith(
        "\nBefehle:\n"
        "  practice   Legt ein neues Praxisbeispiel unter content/practices/ an.\n"
        "  programme  Legt ein neues Förderprogramm unter content/programmes/ an.\n"
    )


def test_version_and_root_help(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"], prog_name="praxis")
    assert "  --version   Die Version zeigen und beenden.\n" in result.output
    assert "\nBefehle:\n  build         Baut die Website" in result.output


def test_number_ranges_in_help_are_german(runner: CliRunner) -> None:
    """click would write `[default: 10; x>=1]`."""
    limit = runner.invoke(cli, ["search", "--help"]).output
    port = runner.invoke(cli, ["serve", "--help"]).output
    assert "[Standard: 10; ab 1]" in " ".join(limit.split())
    assert "[Standard: 8000; von 1 bis 65535]" in " ".join(port.split())
    assert "x>=" not in limit + port and "<=x" not in limit + port
