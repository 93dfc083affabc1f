"""Every German count agrees with its noun: „1 Eintrag“, „2 Einträge“ (CliRunner, exact
output of the commands that print counts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.text import plural
from tests.conftest import REPO, TODAY, edit, make_instance

PRACTICE = "content/practices/stadtteilbuero-nordstadt.md"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def remove(root: Path, *names: str) -> None:
    for name in names:
        (root / name).unlink()


def test_plural() -> None:
    assert [plural(n, "Eintrag", "Einträge") for n in (0, 1, 2)] == [
        "0 Einträge",
        "1 Eintrag",
        "2 Einträge",
    ]


def test_validate_summary_with_one_warning(project: Path) -> None:
    entry = project / PRACTICE
    edit(entry, "  evidenz: dokumentation\n", "")
    code, output = run("validate", "--root", str(project), str(entry))
    assert code == 0
    assert output.splitlines()[-1] == "1 Datei geprüft: 0 Fehler, 1 Warnung."


def test_export_counts_one_and_two_entries(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "programme.csv"
    args = ("export", "--root", str(project), "--format", "csv", "-o", str(target))
    assert run(*args, "--kind", "programme") == (0, f"Geschrieben: {target} (2 Einträge)\n")
    remove(project, "content/programmes/zusammen-im-quartier.md")
    assert run(*args, "--kind", "programme") == (0, f"Geschrieben: {target} (1 Eintrag)\n")


def test_index_counts_one_entry_and_one_file_with_errors(project: Path) -> None:
    remove(
        project, "content/practices/sozialplanung-gera.md", "content/practices/entwurf-beispiel.md"
    )
    remove(project, "content/programmes/zusammen-im-quartier.md")
    assert run("index", "--root", str(project)) == (
        0,
        "Suchindex aktuell: 2 Einträge (neu aufgebaut).\n",
    )
    edit(project / PRACTICE, "status: laufend", "status: x")
    code, output = run("index", "--root", str(project))
    assert code == 1
    assert "Suchindex aktuell: 1 Eintrag (0 neu, 0 geändert, 1 entfernt).\n" in output
    assert output.endswith(
        "Fehler: 1 Datei mit Fehlern nicht in den Suchindex aufgenommen "
        "(Details: `praxis validate`).\n"
    )


@pytest.fixture
def search_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PRAXIS_TODAY", TODAY.isoformat())
    return make_instance(tmp_path, "search")


def test_search_says_one_more(search_root: Path) -> None:
    code, output = run("search", "--root", str(search_root), "GWA", "--limit", "3")
    assert code == 0
    assert "… und 1 weiterer (mit --limit mehr anzeigen)." in output.splitlines()


def test_build_log_of_a_site_with_one_programme(project: Path) -> None:
    """One programme, no practice, one operator's duty left open: every count in the log
    in the singular or plural it needs."""
    for path in (project / "content/practices").glob("*.md"):
        path.unlink()
    remove(project, "content/programmes/zusammen-im-quartier.md")
    vocabulary = "schema/vocabularies/bundeslaender.yml"  # without the enforcement body
    (project / vocabulary).write_text((REPO / vocabulary).read_text(encoding="utf-8"))
    code, output = run("build", "--root", str(project))
    assert code == 0, output
    steps = [re.sub(r"^\[ *[\d.]+ s\] ", "", line) for line in output.splitlines()]
    assert "0 Praxisbeispiele und 1 Förderprogramm geprüft" in steps
    assert "1 Pflichtangabe des Betreibers fehlt noch (siehe oben)" in steps
    assert "Suche: 1 Eintrag für Pagefind indexiert" in steps
    assert any(re.fullmatch(r"\d+ Seiten aus Daten, \d+ weitere Dateien erzeugt", s) for s in steps)
    assert any(re.fullmatch(r"\d+ Seiten aus Daten geändert oder neu", s) for s in steps)
    assert any(
        re.fullmatch(r"\d+ Seiten mit MkDocs gerendert, 0 unverändert übernommen", s) for s in steps
    )

    code, output = run("build", "--root", str(project), "--strict")
    assert code == 1
    assert "nicht gebaut: 1 Pflichtangabe des Betreibers fehlt noch (siehe oben)." in output


def test_from_issue_report_counts_missing_answers() -> None:
    from praxis.authoring.fromissue import Conversion, report_lines

    one = Conversion("content/practices/x.md", False, ["Titel fehlt."], [], [])
    two = Conversion("content/practices/x.md", False, ["Titel fehlt.", "Land fehlt."], [], [])
    assert report_lines(one)[0] == (
        "Das Praxisbeispiel wurde nicht angelegt: 1 Angabe fehlt oder ist ungültig."
    )
    assert report_lines(two)[0] == (
        "Das Praxisbeispiel wurde nicht angelegt: 2 Angaben fehlen oder sind ungültig."
    )
