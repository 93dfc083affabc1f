"""`praxis new` asked interactively: wrong answers are explained in German and asked again,
labels are understood, and nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from praxis.cli import cli

KURZ = (
    "Frauen aus dem Quartier besuchen Familien mit Migrationsgeschichte und begleiten sie "
    "zu Kitas und Schulen."
)
REL = "content/practices/stadtteilmuetter-in-kassel.md"
DRAFT = ".praxis/entwuerfe/practice.yml"


def new(runner: CliRunner, project: Path, kind: str, answers: list[str], *args: str) -> Result:
    return runner.invoke(
        cli,
        ["new", kind, "--root", str(project), *args],
        input="".join(f"{a}\n" for a in answers),
        prog_name="praxis",
    )


ANSWERS = [
    "Stadtteilmütter in Kassel",  # Titel
    KURZ,  # Kurzbeschreibung
    "",  # Land: the instance's own (HE)
    "Kassel",  # Ort
    "Kommune",  # Ebene, in any case
    "Stadt Kassel",  # Träger
    "Verein",  # Art des Trägers, by label
    "integration, 14",  # Handlungsfelder: by id and number (familie)
    "",  # Zielgruppen: none
    "laufend",  # Status
    "2019",  # Beginn
    "Stadt Kassel",  # Organisation
    "",  # E-Mail: none
    "https://www.kassel.de",  # Web
    "Website der Stadt Kassel",  # Quelle
]


def with_answer(position: int, *tries: str) -> list[str]:
    answers = list(ANSWERS)
    answers[position : position + 1] = list(tries)
    return answers


def test_labels_any_case_and_the_own_land_are_accepted(project: Path, runner: CliRunner) -> None:
    result = new(runner, project, "practice", ANSWERS)
    assert result.exit_code == 0, result.output
    text = (project / REL).read_text(encoding="utf-8")
    assert "bundesland: HE\n" in text
    assert "  ebene: kommune\n" in text
    assert "  art: verein\n" in text
    assert "handlungsfelder:\n- integration\n- familie\n" in text
    assert "Nummer, Kürzel oder Name [HE]: \n" in result.output
    assert not (project / DRAFT).exists()


def test_a_land_by_name_without_umlaut(project: Path, runner: CliRunner) -> None:
    result = new(runner, project, "practice", with_answer(2, "thueringen"))
    assert result.exit_code == 0, result.output
    assert "bundesland: TH\n" in (project / REL).read_text(encoding="utf-8")


def test_a_short_kurzbeschreibung_is_asked_again(project: Path, runner: CliRunner) -> None:
    short = KURZ[:79]
    result = new(runner, project, "practice", with_answer(1, short, KURZ))
    assert result.exit_code == 0, result.output
    assert (
        f"Kurzbeschreibung (80–600 Zeichen): {short}\n"
        "Zu kurz: 79 Zeichen, mindestens 80 Zeichen nötig.\n"
        f"Kurzbeschreibung (80–600 Zeichen): {KURZ}\n"
    ) in result.output


def test_web_address_without_scheme_is_suggested(project: Path, runner: CliRunner) -> None:
    result = new(runner, project, "practice", with_answer(13, "www.kassel.de", ""))
    assert result.exit_code == 0, result.output
    assert (
        "Kontakt: Web-Adresse: www.kassel.de\n"
        "„www.kassel.de“ ist keine Web-Adresse: sie muss mit http:// oder https:// "
        "beginnen. Meinten Sie „https://www.kassel.de“?\n"
        "Kontakt: Web-Adresse [https://www.kassel.de]: \n"
    ) in result.output
    assert "  web: https://www.kassel.de\n" in (project / REL).read_text(encoding="utf-8")


def test_a_misspelt_term_and_a_fixed_value_are_suggested(project: Path, runner: CliRunner) -> None:
    answers = with_answer(9, "läuft", "")  # Status: the suggestion taken with Enter
    answers = [*answers[:6], "Vereinn", "verein", *answers[7:]]
    result = new(runner, project, "practice", answers)
    assert result.exit_code == 0, result.output
    assert (
        "Nummer, Kürzel oder Name: Vereinn\n"
        "„Vereinn“ ist keine der Möglichkeiten. Meinten Sie „Verein“ (verein)?\n"
        "Nummer, Kürzel oder Name [verein]: verein\n"
    ) in result.output
    assert (
        "Status (geplant, laufend, abgeschlossen): läuft\n"
        "„läuft“ ist nicht möglich. Meinten Sie „laufend“? Möglich: geplant, laufend, "
        "abgeschlossen.\n"
        "Status (geplant, laufend, abgeschlossen) [laufend]: \n"
    ) in result.output


def test_an_empty_required_answer_is_asked_again(project: Path, runner: CliRunner) -> None:
    result = new(runner, project, "practice", with_answer(3, "", "Kassel"))
    assert result.exit_code == 0, result.output
    assert (
        "Ort: \nBitte eine Angabe machen; das ist eine Pflichtangabe.\nOrt: Kassel\n"
    ) in result.output


def test_an_invalid_option_is_explained_and_asked(project: Path, runner: CliRunner) -> None:
    result = new(
        runner, project, "practice", [ANSWERS[0], ANSWERS[1], "TH", *ANSWERS[3:]],
        "--bundesland", "Thüringn", "--slug", "zwei",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "Land: „Thüringn“ ist keine der Möglichkeiten. Meinten Sie „Thüringen“ (TH)?\n"
    ) in result.output
    assert "Nummer, Kürzel oder Name [TH]: TH\n" in result.output


def test_abort_keeps_the_answers_and_the_next_run_continues(
    project: Path, runner: CliRunner
) -> None:
    aborted = new(runner, project, "practice", ANSWERS[:5])  # input ends: like Ctrl+D
    assert aborted.exit_code == 1
    assert aborted.stderr == (
        f"\nIhre Angaben sind gespeichert: {DRAFT}. `praxis new practice` bietet an, "
        "dort weiterzumachen.\nAbgebrochen.\n"
    )
    assert aborted.stdout.endswith(
        "Ebene des Ortes (land, kreis, kommune, quartier): Kommune\nTräger (Name): "
    )
    assert not (project / REL).exists()
    draft = (project / DRAFT).read_text(encoding="utf-8")
    assert "titel: Stadtteilmütter in Kassel\n" in draft and "ort_ebene: kommune\n" in draft

    resumed = new(runner, project, "practice", ["", *ANSWERS[5:]])
    assert resumed.exit_code == 0, resumed.output
    assert resumed.output.startswith(
        "Es gibt gespeicherte Angaben eines früheren Versuchs (Titel „Stadtteilmütter in "
        f"Kassel“): {DRAFT}.\nDort weitermachen? [J/n]: \nTräger (Name): Stadt Kassel\n"
    )
    assert "titel: Stadtteilmütter in Kassel\n" in (project / REL).read_text(encoding="utf-8")
    assert not (project / DRAFT).exists()


def test_a_refused_write_keeps_the_answers(project: Path, runner: CliRunner) -> None:
    assert new(runner, project, "practice", ANSWERS).exit_code == 0
    again = new(runner, project, "practice", ANSWERS)  # the same title: the file exists
    assert again.exit_code == 1
    assert f"Ihre Angaben sind gespeichert: {DRAFT}." in again.output
    resumed = new(runner, project, "practice", ["j"], "--slug", "zweite")
    assert resumed.exit_code == 0, resumed.output
    assert resumed.output.endswith(
        "Angelegt: content/practices/zweite.md\nNächste Schritte: die Abschnitte im Text "
        "ausfüllen, dann `praxis validate content/practices/zweite.md`.\n"
    )


def test_programme_asks_the_land_only_when_regional(project: Path, runner: CliRunner) -> None:
    answers = ["Bundesprogramm Familienzentren", KURZ, "Bund", "Ministerium", "familie",
               "aktiv", "Richtlinie"]  # fmt: skip
    result = new(runner, project, "programme", answers)
    assert result.exit_code == 0, result.output
    assert "Land:" not in result.output
    text = (project / "content/programmes/bundesprogramm-familienzentren.md").read_text()
    assert "ebene: bund\n" in text and "bundesland" not in text
