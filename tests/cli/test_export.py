"""`praxis export`: the same JSON and CSV as the site's open data, for spreadsheet editors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from praxis.cli import cli
from praxis.generate import opendata
from praxis.load.collection import Collection
from tests.conftest import edit


def export(runner: CliRunner, project: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["export", "--root", str(project), *args])
    return result.exit_code, result.stdout, result.stderr


def site_file(collection: Collection, path: str) -> str:
    content = next(f.content for f in opendata.files(collection) if f.path == path)
    assert isinstance(content, str)
    return content


def test_json_to_stdout_is_the_sites_open_data(
    project: Path, runner: CliRunner, collection: Collection
) -> None:
    code, out, _ = export(runner, project, "--kind", "practice")
    assert code == 0
    assert out == site_file(collection, "daten/praxisbeispiele.json")
    code, out, _ = export(runner, project)  # both kinds by default, JSON by default
    assert code == 0
    rows = json.loads(out)
    assert [(r["kind"], r["slug"]) for r in rows] == [
        ("practice", "sozialplanung-gera"),
        ("practice", "stadtteilbuero-nordstadt"),
        ("programme", "landesprogramm-gwa"),
        ("programme", "zusammen-im-quartier"),
    ]


def test_csv_to_a_file_has_a_bom_and_equals_the_sites_file(
    project: Path, runner: CliRunner, collection: Collection, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "programme.csv"
    code, out, _ = export(
        runner, project, "--format", "csv", "--kind", "programme", "-o", str(target)
    )
    assert code == 0 and "Geschrieben" in out and "2 Einträge" in out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    expected = site_file(collection, "daten/foerderprogramme.csv").encode("utf-8")
    assert target.read_bytes() == expected
    assert [p.name for p in target.parent.iterdir()] == ["programme.csv"], "no temp files left"


def test_csv_to_stdout_has_no_bom_and_one_column_set_for_both_kinds(
    project: Path, runner: CliRunner
) -> None:
    code, out, _ = export(runner, project, "--format", "csv")
    assert code == 0 and not out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    header = rows[0]
    assert {"ort.name", "foerdergeber", "finanzierung.budget.betrag_eur"} <= set(header)
    assert len(rows) == 5 and all(len(row) == len(header) for row in rows)
    record = dict(zip(header, rows[3], strict=True))
    assert record["kind"] == "programme" and record["finanzierung.budget.betrag_eur"] == "4500000"
    assert record["ort.name"] == ""


def test_content_errors_stop_the_export_with_the_validators_messages(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    edit(
        project / "content/practices/stadtteilbuero-nordstadt.md",
        "bundesland: HE",
        "bundesland: Hesse",
    )
    target = tmp_path / "x.json"
    code, out, err = export(runner, project, "-o", str(target))
    assert code == 1 and out == ""
    assert "content/practices/stadtteilbuero-nordstadt.md:4:" in err and "bundesland" in err
    assert "Fehler: Nichts exportiert" in err
    assert not target.exists()


def test_an_unwritable_target_is_a_message_not_a_traceback(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("", encoding="utf-8")
    code, _, err = export(runner, project, "-o", str(blocker / "x.csv"))
    assert code == 1 and "Traceback" not in err
    assert err == f"Fehler: {blocker}/x.csv: ein Teil des Pfads ist kein Verzeichnis.\n"
    code, _, err = export(runner, project, "--format", "xml")
    assert code == 2 and "xml" in err
