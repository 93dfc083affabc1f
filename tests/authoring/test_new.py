"""`praxis new practice|programme`: a valid skeleton, never an overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from praxis.cli import cli
from praxis.config import Instance
from praxis.load.collection import load_collection
from praxis.model.kinds import KINDS
from praxis.validate.collection import validate_collection
from tests.conftest import TODAY

KURZ = (
    "Frauen aus dem Quartier besuchen Familien mit Migrationsgeschichte und begleiten sie "
    "zu Kitas und Schulen."
)
PRACTICE_OPTIONS = [
    "--titel", "Stadtteilmütter in Kassel",
    "--kurzbeschreibung", KURZ,
    "--bundesland", "HE",
    "--ort", "Kassel",
    "--ort-ebene", "kommune",
    "--traeger", "Stadt Kassel",
    "--traeger-art", "kommune",
    "--handlungsfeld", "integration",
    "--handlungsfeld", "familie",
    "--zielgruppe", "migranten",
    "--programm", "landesprogramm-gwa",
    "--status", "laufend",
    "--beginn", "2019",
    "--organisation", "Stadt Kassel",
    "--web", "https://www.kassel.de",
    "--quelle", "Website der Stadt Kassel",
]  # fmt: skip
PROGRAMME_OPTIONS = [
    "--titel", "Landesprogramm Familienzentren",
    "--kurzbeschreibung", KURZ,
    "--ebene", "land",
    "--bundesland", "HE",
    "--foerdergeber", "Hessisches Ministerium für Soziales und Integration",
    "--handlungsfeld", "familie",
    "--status", "aktiv",
    "--quelle", "Förderrichtlinie",
    "--quelle-url", "https://www.example.org/richtlinie",
]  # fmt: skip
REL = "content/practices/stadtteilmuetter-in-kassel.md"


def new(runner: CliRunner, project: Path, *args: str, input: str | None = None) -> Result:
    return runner.invoke(
        cli, ["new", *args, "--root", str(project)], input=input, prog_name="praxis"
    )


def problems_of(project: Path, rel: str) -> list[str]:
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    return [p.as_text() for p in collection.problems if p.path == rel and p.is_error]


def test_no_input_practice_writes_a_valid_file(project: Path, runner: CliRunner) -> None:
    result = new(runner, project, "practice", "--no-input", *PRACTICE_OPTIONS)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Angelegt: {REL}\nNächste Schritte: die Abschnitte im Text ausfüllen, dann "
        f"`praxis validate {REL}`.\n"
    )
    text = (project / REL).read_text(encoding="utf-8")
    assert text.startswith("---\ntitel: Stadtteilmütter in Kassel\n")
    assert "url: null" not in text
    assert f"erfasst: {TODAY.isoformat()}" in text
    assert "## Ausgangslage" in text and "## Ergebnisse" in text
    assert problems_of(project, REL) == []
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    entry = collection.practices["stadtteilmuetter-in-kassel"].entry
    assert entry.handlungsfelder == ["integration", "familie"]
    assert entry.programme == ["landesprogramm-gwa"]
    assert entry.laufzeit.beginn == "2019"


def test_no_input_programme_writes_a_valid_file(project: Path, runner: CliRunner) -> None:
    result = new(runner, project, "programme", "--no-input", *PROGRAMME_OPTIONS, "--entwurf")
    assert result.exit_code == 0, result.output
    rel = "content/programmes/landesprogramm-familienzentren.md"
    assert result.output.startswith(f"Angelegt: {rel}\n")
    assert problems_of(project, rel) == []
    collection = load_collection(Instance.open(project))
    assert not collection.programmes["landesprogramm-familienzentren"].published


def test_never_overwrites(project: Path, runner: CliRunner) -> None:
    assert new(runner, project, "practice", "--no-input", *PRACTICE_OPTIONS).exit_code == 0
    before = (project / REL).read_bytes()
    again = new(runner, project, "practice", "--no-input", *PRACTICE_OPTIONS)
    assert again.exit_code == 1
    assert again.output == (
        f"Fehler: {REL} gibt es schon: nichts überschrieben. Bitte mit --slug einen anderen "
        "Dateinamen wählen.\n"
    )
    assert (project / REL).read_bytes() == before
    other = new(runner, project, "practice", "--no-input", *PRACTICE_OPTIONS, "--slug", "zwei")
    assert other.exit_code == 0
    assert (project / "content" / "practices" / "zwei.md").is_file()


@pytest.mark.parametrize(
    ("kind", "given", "missing"),
    [
        ("practice", ["--titel", "Stadtteilmütter"],
         "--kurzbeschreibung, --bundesland, --ort, --ort-ebene, --traeger, --traeger-art, "
         "--handlungsfeld, --status, --organisation, --quelle"),
        ("programme", ["--ebene", "land"],
         "--titel, --kurzbeschreibung, --foerdergeber, --handlungsfeld, --status, --quelle"),
    ],
)  # fmt: skip
def test_missing_options_are_named(
    project: Path, runner: CliRunner, kind: str, given: list[str], missing: str
) -> None:
    folder = project / "content" / KINDS[kind].folder
    before = sorted(folder.iterdir())
    result = new(runner, project, kind, "--no-input", *given)
    assert result.exit_code == 2
    assert result.output.endswith(f"Fehler: Mit --no-input fehlen: {missing}.\n")
    assert sorted(folder.iterdir()) == before


def test_missing_contact_is_a_usage_error(project: Path, runner: CliRunner) -> None:
    options = [o for o in PRACTICE_OPTIONS if o not in ("--web", "https://www.kassel.de")]
    result = new(runner, project, "practice", "--no-input", *options)
    assert result.exit_code == 2
    assert "Bitte mindestens eine Kontaktmöglichkeit angeben: --email, --telefon oder --web." in (
        result.output
    )


def test_invalid_values_write_nothing(project: Path, runner: CliRunner) -> None:
    options = list(PRACTICE_OPTIONS)
    options[options.index("--kurzbeschreibung") + 1] = "Zu kurz."
    options[options.index("--web") + 1] = "www.kassel.de"
    options[options.index("--bundesland") + 1] = "Hesen"
    result = new(runner, project, "practice", "--no-input", *options)
    assert result.exit_code == 2
    assert result.output.endswith(
        "Fehler: Nichts angelegt, diese Angaben passen nicht:\n"
        "  --kurzbeschreibung: Zu kurz: 8 Zeichen, mindestens 80 Zeichen nötig.\n"
        "  --bundesland: „Hesen“ ist keine der Möglichkeiten. Meinten Sie „Hessen“ (HE)?\n"
        "  --web: „www.kassel.de“ ist keine Web-Adresse: sie muss mit http:// oder https:// "
        "beginnen. Meinten Sie „https://www.kassel.de“?\n"
    )
    assert not (project / REL).exists()
    assert not list((project / "content" / "practices").glob(".*.tmp"))


def test_no_input_accepts_labels(project: Path, runner: CliRunner) -> None:
    options = list(PRACTICE_OPTIONS)
    options[options.index("--bundesland") + 1] = "Thüringen"
    options[options.index("--traeger-art") + 1] = "Verein"
    result = new(runner, project, "practice", "--no-input", *options)
    assert result.exit_code == 0, result.output
    text = (project / REL).read_text(encoding="utf-8")
    assert "bundesland: TH\n" in text and "  art: verein\n" in text


def test_rules_across_fields_are_named_by_field(project: Path, runner: CliRunner) -> None:
    options = [o if o != "land" else "bund" for o in PROGRAMME_OPTIONS]  # bund with a Land
    result = new(runner, project, "programme", "--no-input", *options)
    assert result.exit_code == 1
    assert result.output == (
        "bundesland: Bei ebene bund gehört kein bundesland dazu: bitte die Zeile löschen.\n"
        "Fehler: content/programmes/landesprogramm-familienzentren.md wurde nicht angelegt: "
        "die Angaben enthalten 1 Fehler.\n"
    )


def test_interactive_practice_offers_vocabulary_choices(project: Path, runner: CliRunner) -> None:
    answers = [
        "Stadtteilmütter in Kassel",  # Titel
        KURZ,  # Kurzbeschreibung
        "7",  # Land: HE is the 7th term
        "Kassel",  # Ort
        "kommune",  # Ebene
        "Stadt Kassel",  # Träger
        "kommune",  # Art des Trägers, by id
        "integration, 14",  # Handlungsfelder: by id and number (familie)
        "",  # Zielgruppen: none
        "laufend",  # Status
        "2019",  # Beginn
        "Stadt Kassel",  # Organisation
        "",  # E-Mail: none
        "https://www.kassel.de",  # Web
        "Website der Stadt Kassel",  # Quelle
    ]
    result = new(runner, project, "practice", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Land:\n   1) BW – Baden-Württemberg\n" in result.output
    assert "   7) HE – Hessen\n" in result.output
    assert "  14) familie – " in result.output
    assert "Art des Trägers:\n" in result.output
    assert f"Angelegt: {REL}\n" in result.output
    assert problems_of(project, REL) == []
    text = (project / REL).read_text(encoding="utf-8")
    assert "bundesland: HE\n" in text
    assert "handlungsfelder:\n- integration\n- familie\n" in text


def test_interactive_rejects_an_unknown_term_and_asks_again(
    project: Path, runner: CliRunner
) -> None:
    answers = [
        "Landesprogramm Familienzentren",
        KURZ,
        "land",  # Ebene
        "Hesse",  # not a Land: asked again
        "HE",
        "Hessisches Ministerium für Soziales und Integration",
        "familie",
        "aktiv",
        "Förderrichtlinie",
    ]
    result = new(runner, project, "programme", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert (
        "Nummer, Kürzel oder Name [HE]: Hesse\n"
        "„Hesse“ ist keine der Möglichkeiten. Meinten Sie „Hessen“ (HE)?\n"
        "Nummer, Kürzel oder Name [HE]: HE\n"
    ) in result.output
    assert problems_of(project, "content/programmes/landesprogramm-familienzentren.md") == []


def test_slug_option_cannot_leave_the_folder(project: Path, runner: CliRunner) -> None:
    for slug in ("../../boese", "Gross Geschrieben"):
        result = new(runner, project, "practice", "--no-input", *PRACTICE_OPTIONS, "--slug", slug)
        assert result.exit_code == 2
        assert f"„{slug}“ taugt nicht als Kürzel und Dateiname" in result.output
    assert not (project / "boese.md").exists()
    assert not list(project.rglob("boese.md"))
