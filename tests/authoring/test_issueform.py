"""Submission without git: the generated issue form, and from-issue turning it into a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from praxis.cli import cli
from praxis.config import Instance

REPO = Path(__file__).resolve().parents[2]
FORM = ".github/ISSUE_TEMPLATE/praxisbeispiel.yml"


def write_form(runner: CliRunner, project: Path) -> dict[str, Any]:
    result = runner.invoke(cli, ["issue-form", "--root", str(project)])
    assert result.exit_code == 0, result.output
    form: dict[str, Any] = yaml.safe_load((project / FORM).read_text(encoding="utf-8"))
    return form


def fields(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in form["body"] if "id" in item}


def render_issue(form: dict[str, Any], answers: dict[str, str | list[str]]) -> str:
    """The issue body as GitHub writes it for a submitted form."""
    parts = []
    for item in form["body"]:
        if item["type"] == "markdown":
            continue
        answer = answers.get(item["id"])
        if item["type"] == "checkboxes":
            text = "\n".join(f"- [X] {o['label']}" for o in item["attributes"]["options"])
        elif isinstance(answer, list):
            text = ", ".join(answer)
        else:
            text = answer or "_No response_"
        parts.append(f"### {item['attributes']['label']}\n\n{text}")
    return "\n\n".join(parts) + "\n"


FILLED: dict[str, str | list[str]] = {
    "titel": "Stadtteilmütter in Kassel",
    "kurzbeschreibung": "Mütter mit Migrationsgeschichte begleiten als Stadtteilmütter\r\n"
    "Familien in Kassel zu Kita, Schule und Behörden und bauen Brücken ins Quartier.",
    "bundesland": "Hessen",
    "ort": "Kassel",
    "ort_ebene": "Stadt oder Gemeinde",
    "traeger": "Diakonie Kassel",
    "traeger_art": "Wohlfahrtsverband",
    "handlungsfelder": ["Integration und Inklusion", "Familie"],
    "zielgruppen": ["Familien", "Menschen mit Migrationsgeschichte"],
    "status": "läuft",
    "beginn": "2020",
    "programme": "Landesprogramm Gemeinwesenarbeit, Programm XY",
    "ergebnisse": "- 120 Familien begleitet\n- 8 Stadtteilmütter ausgebildet",
    "stolpersteine": "Die Finanzierung ist jedes Jahr unsicher.\n\nWenige Väter erreicht.",
    "organisation": "Diakonie Kassel",
    "email": "info@diakonie-kassel.example",
    "quelle": "Jahresbericht 2023",
    "text_vorgehen": "Stadtteilmütter werden geschult.\n\n### Schulung\n\nZwölf Module.",
}


def test_committed_form_is_current() -> None:
    result = CliRunner().invoke(cli, ["issue-form", "--check", "--root", str(REPO)])
    assert result.exit_code == 0, result.output


def test_form_offers_the_vocabularies_with_german_labels(project: Path, runner: CliRunner) -> None:
    form = write_form(runner, project)
    assert form["labels"] == ["praxisbeispiel"]
    by_id = fields(form)
    land = by_id["bundesland"]
    assert land["type"] == "dropdown"
    assert "Thüringen" in land["attributes"]["options"]
    assert land["validations"] == {"required": True}
    felder = by_id["handlungsfelder"]["attributes"]
    assert felder["multiple"] is True
    assert "Integration und Inklusion" in felder["options"]
    assert "validations" not in by_id["zielgruppen"]  # optional in the model
    assert by_id["titel"]["attributes"]["description"].startswith("Titel, 5–120 Zeichen")
    labels = [item["attributes"]["label"] for item in form["body"] if "id" in item]
    assert len(labels) == len(set(labels)), "GitHub needs unique labels to read answers back"


def test_form_check_notices_a_new_vocabulary_term(project: Path, runner: CliRunner) -> None:
    write_form(runner, project)
    assert runner.invoke(cli, ["issue-form", "--check", "--root", str(project)]).exit_code == 0
    vocab = project / "schema/vocabularies/handlungsfelder.yml"
    vocab.write_text(
        vocab.read_text("utf-8") + "  - {id: digitales, label: Digitale Teilhabe}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["issue-form", "--check", "--root", str(project)])
    assert result.exit_code == 1
    assert "veraltet" in result.output
    assert (
        "Digitale Teilhabe"
        in fields(write_form(runner, project))["handlungsfelder"]["attributes"]["options"]
    )


def test_filled_form_becomes_a_valid_practice(project: Path, runner: CliRunner) -> None:
    body = render_issue(write_form(runner, project), FILLED)
    result = runner.invoke(cli, ["from-issue", "-", "--root", str(project)], input=body)
    assert result.exit_code == 0, result.output
    assert "Angelegt: content/practices/stadtteilmuetter-in-kassel.md" in result.output
    assert "Programm XY" in result.output  # unknown programme reported, not invented
    assert "Voraussetzungen fehlen" in result.output  # recommended, still open

    path = project / "content/practices/stadtteilmuetter-in-kassel.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["bundesland"] == "HE"
    assert front["ort"] == {"name": "Kassel", "ebene": "kommune"}
    assert front["traeger"] == [{"name": "Diakonie Kassel", "art": "wohlfahrtsverband"}]
    assert front["handlungsfelder"] == ["integration", "familie"]
    assert front["zielgruppen"] == ["familien", "migranten"]
    assert front["status"] == "laufend"
    assert front["laufzeit"] == {"beginn": 2020}
    assert front["programme"] == ["landesprogramm-gwa"]
    assert front["wirkung"]["ergebnisse"] == [
        "120 Familien begleitet",
        "8 Stadtteilmütter ausgebildet",
    ]
    assert front["uebertragbarkeit"]["stolpersteine"] == [
        "Die Finanzierung ist jedes Jahr unsicher.",
        "Wenige Väter erreicht.",
    ]
    assert "\r" not in front["kurzbeschreibung"] and "\n" not in front["kurzbeschreibung"]
    assert "## Vorgehen\n\nStadtteilmütter werden geschult.\n\n### Schulung" in text
    assert "Einverständnis" not in text

    result = runner.invoke(cli, ["validate", str(path), "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert "0 Fehler" in result.output


def test_missing_answers_are_reported_and_nothing_is_written(
    project: Path, runner: CliRunner
) -> None:
    form = write_form(runner, project)
    body = render_issue(
        form, {"titel": "Kurzer Versuch", "kurzbeschreibung": "Zu kurz.", "email": "keine-adresse"}
    )
    result = runner.invoke(cli, ["from-issue", "-", "--root", str(project)], input=body)
    assert result.exit_code == 1
    assert "wurde nicht angelegt" in result.output
    assert "- Kurzbeschreibung: Zu kurz" in result.output
    assert "- Land: Pflichtfeld fehlt" in result.output
    assert "- Kontakt: E-Mail: „keine-adresse“ ist keine E-Mail-Adresse" in result.output
    assert "Traceback" not in result.output
    assert not (project / "content/practices/kurzer-versuch.md").exists()


def test_an_existing_file_is_never_overwritten(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    body_file = tmp_path / "issue.md"
    body_file.write_text(render_issue(write_form(runner, project), FILLED), encoding="utf-8")
    first = runner.invoke(cli, ["from-issue", str(body_file), "--root", str(project)])
    assert first.exit_code == 0, first.output
    path = project / "content/practices/stadtteilmuetter-in-kassel.md"
    before = path.read_bytes()
    second = runner.invoke(cli, ["from-issue", str(body_file), "--root", str(project)])
    assert second.exit_code == 1
    assert "gibt es schon: nichts überschrieben" in second.output
    assert path.read_bytes() == before
    third = runner.invoke(
        cli,
        [
            "from-issue",
            str(body_file),
            "--slug",
            "stadtteilmuetter-2",
            "--entwurf",
            "--root",
            str(project),
        ],
    )
    assert third.exit_code == 0, third.output
    assert "status: entwurf" in (project / "content/practices/stadtteilmuetter-2.md").read_text(
        "utf-8"
    )


def test_labels_containing_commas_are_read_back(project: Path, runner: CliRunner) -> None:
    vocab = project / "schema/vocabularies/zielgruppen.yml"
    vocab.write_text(
        vocab.read_text("utf-8") + '  - {id: kjf, label: "Kinder, Jugendliche und Familien"}\n',
        encoding="utf-8",
    )
    answers = dict(
        FILLED,
        zielgruppen=[
            "Kinder, Jugendliche und Familien",
            Instance.open(project).vocabularies["zielgruppen"].label_of("senioren"),
        ],
    )
    body = render_issue(write_form(runner, project), answers)
    result = runner.invoke(cli, ["from-issue", "-", "--root", str(project)], input=body)
    assert result.exit_code == 0, result.output
    text = (project / "content/practices/stadtteilmuetter-in-kassel.md").read_text("utf-8")
    assert "zielgruppen:\n- kjf\n- senioren\n" in text


@pytest.mark.parametrize("body", ["", "Hallo, ich habe ein Projekt.", "### Unbekannt\n\nx"])
def test_text_without_form_answers_is_refused(project: Path, runner: CliRunner, body: str) -> None:
    before = sorted((project / "content/practices").iterdir())
    result = runner.invoke(cli, ["from-issue", "-", "--root", str(project)], input=body)
    assert result.exit_code == 1
    assert "keine Antworten des Formulars" in result.output
    assert sorted((project / "content/practices").iterdir()) == before


def test_gitlab_template_filled_in_becomes_the_same_practice(
    project: Path, runner: CliRunner
) -> None:
    """GitLab has no forms: the template asks the same questions under the same headings."""
    write_form(runner, project)
    template = (project / ".gitlab/issue_templates/Praxisbeispiel.md").read_text("utf-8")
    labels = {
        item["attributes"]["label"]: item["id"]
        for item in write_form(runner, project)["body"]
        if "id" in item
    }
    filled = []
    for section in template.split("\n### ")[1:]:
        label = section.split("\n", 1)[0]
        answer = FILLED.get(labels[label], "")
        filled.append(
            f"### {section.rstrip()}\n{', '.join(answer) if isinstance(answer, list) else answer}\n"
        )
    body = template.split("\n### ")[0] + "\n" + "\n".join(filled)
    assert "Auswahl (eine oder mehrere, mit Komma getrennt): " in body
    result = runner.invoke(cli, ["from-issue", "-", "--root", str(project)], input=body)
    assert result.exit_code == 0, result.output
    text = (project / "content/practices/stadtteilmuetter-in-kassel.md").read_text("utf-8")
    assert "<!--" not in text.split("---\n")[1]  # the hints stay out of the front matter
    assert "handlungsfelder:\n- integration\n- familie\n" in text
    result = runner.invoke(cli, ["validate", "--root", str(project)])
    assert result.exit_code == 0, result.output
