"""One test per validation rule: path, line, column, field and message."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from praxis.config import Instance
from praxis.load.collection import Collection, load_collection
from praxis.problems import Problem
from praxis.validate.collection import slugify, validate_collection
from tests.conftest import TODAY

PRACTICE = """\
---
titel: Stadtteilmütter in Nordstadt
kurzbeschreibung: >-
  Frauen aus dem Quartier besuchen Familien mit Migrationsgeschichte zu Hause und
  begleiten sie zu Kitas, Schulen und Beratungsstellen im Stadtteil.
bundesland: HE
ort:
  name: Kassel
  ebene: quartier
  ags: "06611000"
  koordinaten: [51.33, 9.50]
traeger:
  - name: Diakonie Kassel
    art: wohlfahrtsverband
handlungsfelder: [integration, familie]
zielgruppen: [migranten, familien]
programme: [landesprogramm-gwa]
laufzeit:
  beginn: 2019
status: laufend
wirkung:
  ergebnisse: [120 Familien begleitet]
  evidenz: dokumentation
uebertragbarkeit:
  einschaetzung: hoch
  voraussetzungen: [Ein Träger mit Erfahrung in der Familienbildung]
  erfolgsfaktoren: [Muttersprachliche Begleitung]
  stolpersteine: [Die Finanzierung war jedes Jahr unsicher.]
kontakt:
  organisation: Diakonie Kassel
  web: https://www.example.org
quellen:
  - titel: Projektseite
    url: https://www.example.org/stadtteilmuetter
redaktion:
  erfasst: 2026-09-01
---

## Ausgangslage

Viele Familien kannten die Angebote im Stadtteil nicht.

## Ziele

Familien erreichen.

## Vorgehen

Hausbesuche in der Muttersprache.

## Ergebnisse

Mehr Kinder besuchen eine Kita.
"""

PROGRAMME = """\
---
titel: Landesprogramm Familienzentren
kurzbeschreibung: >-
  Das Land fördert Familienzentren in Quartieren mit besonderem Bedarf, damit Beratung,
  Bildung und Begegnung für Familien an einem Ort zusammenkommen.
ebene: land
bundesland: HE
foerdergeber: Hessisches Ministerium für Soziales und Integration
handlungsfelder: [familie]
antragsberechtigt: [kommune]
finanzierung:
  quellen: [land]
laufzeit:
  beginn: 2011
status: aktiv
quellen:
  - titel: Förderrichtlinie
redaktion:
  erfasst: 2026-09-01
---

Text.
"""


PROBE_REL = "content/practices/probe.md"


def check(project: Path, text: str, kind: str = "practices", name: str = "probe") -> list[Problem]:
    """Write one entry into the sample instance, validate all, return that entry's problems."""
    path = project / "content" / kind / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    collection = validate(project)
    return [p for p in collection.problems if p.path == f"content/{kind}/{name}.md"]


def validate(project: Path) -> Collection:
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    return collection


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def one(problems: list[Problem], severity: str = "error") -> Problem:
    found = [p for p in problems if p.severity == severity]
    assert len(found) == 1, problems
    return found[0]


def test_valid_entries_have_no_problems_and_full_completeness(project: Path) -> None:
    assert check(project, PRACTICE) == []
    assert check(project, PROGRAMME, "programmes") == []
    collection = validate(project)
    probe = collection.practices["probe"]
    assert probe.completeness == 1.0
    assert probe.entry is not None
    assert probe.entry.ort.ags == "06611000"


@pytest.mark.parametrize(
    ("old", "new", "needle", "field", "message"),
    [
        (
            "status: laufend",
            "status: laufend\nstatsu: x",
            "statsu",
            "statsu",
            "Unbekanntes Feld „statsu“. Meinten Sie „status“?",
        ),
        (
            "  name: Kassel",
            "  name: Kassel\n  plz: 34117",
            "plz",
            "ort.plz",
            "Unbekanntes Feld „plz“. Erlaubt sind: name, ebene, ags, quartier, koordinaten.",
        ),
        (
            "titel: Stadtteilmütter in Nordstadt",
            "titel: 2024",
            "titel:",
            "titel",
            "Text erwartet, gefunden: „2024“. Zahlen, Jahreszahlen und Ja/Nein als Text bitte "
            "in Anführungszeichen setzen.",
        ),
        (
            "  name: Kassel\n",
            "  name:\n",
            "  name:",
            "ort.name",
            "Text erwartet, gefunden: nichts (leerer Wert).",
        ),
        (
            "handlungsfelder: [integration, familie]",
            "handlungsfelder: integration",
            "handlungsfelder",
            "handlungsfelder",
            "Liste erwartet: jede Angabe in eine eigene Zeile, eingerückt und mit „- “ davor. "
            "Gefunden: „integration“.",
        ),
        (
            "handlungsfelder: [integration, familie]",
            "handlungsfelder: []",
            "handlungsfelder",
            "handlungsfelder",
            "Mindestens 1 Angabe nötig.",
        ),
        (
            "status: laufend",
            "status: [laufend]",
            "status:",
            "status",
            "Ein einzelner Wert wird erwartet, gefunden: eine Liste. Meinten Sie „laufend“?",
        ),
        (
            "status: laufend",
            "status: lafend",
            "status:",
            "status",
            "„lafend“ ist nicht zulässig. Meinten Sie „laufend“?",
        ),
        (
            "  ebene: quartier",
            "  ebene: {name: x}",
            "ebene",
            "ort.ebene",
            "Ein einzelner Wert wird erwartet, gefunden: Unterfelder. Erlaubt: land, kreis, "
            "kommune, quartier.",
        ),
        (
            "kontakt:\n  organisation: Diakonie Kassel\n  web: https://www.example.org",
            "kontakt: Diakonie Kassel",
            "kontakt:",
            "kontakt",
            "Hier werden Unterfelder erwartet, eingerückt unter dem Feld, z. B. "
            "„  organisation: …“. Gefunden: „Diakonie Kassel“.",
        ),
        (
            "titel: Stadtteilmütter in Nordstadt",
            "titel: Kurz",
            "titel:",
            "titel",
            "Zu kurz: 4 Zeichen, mindestens 5 Zeichen nötig.",
        ),
        (
            "  begleiten sie zu Kitas",
            "  begleiten <b>sie</b> zu Kitas",
            "kurzbeschreibung",
            "kurzbeschreibung",
            "„<b“ (Zeichen 91): hier bitte reinen Text ohne HTML, HTML-Entities und "
            "Markdown-Links schreiben; Sonderzeichen direkt, z. B. „&“ statt „&amp;“.",
        ),
        (
            '  ags: "06611000"',
            "  ags: 6611000",
            "ags:",
            "ort.ags",
            "„6611000“ ist kein Amtlicher Gemeindeschlüssel: er hat genau 8 Ziffern. Beginnt "
            'der Schlüssel mit 0, bitte in Anführungszeichen schreiben, z. B. "06411000".',
        ),
        (
            "    url: https://www.example.org/stadtteilmuetter",
            "    url: ftp://example.org/datei",
            "url:",
            "quellen.0.url",
            "„ftp://example.org/datei“ ist keine Web-Adresse: sie muss mit http:// oder "
            "https:// beginnen.",
        ),
        (
            "  erfasst: 2026-09-01",
            "  erfasst: 2026-02-30",
            "erfasst",
            "redaktion.erfasst",
            "„2026-02-30“ ist kein Datum: bitte als JJJJ-MM-TT schreiben, z. B. 2024-03-15.",
        ),
        (
            "  beginn: 2019",
            "  beginn: Frühjahr 2019",
            "beginn",
            "laufzeit.beginn",
            "„Frühjahr 2019“ ist kein Zeitpunkt: bitte ein Jahr (2019) oder Jahr und Monat "
            "(2019-04) angeben.",
        ),
        (
            "  web: https://www.example.org",
            "  web: https://www.example.org\n  email: kontakt(at)example.org",
            "email",
            "kontakt.email",
            "„kontakt(at)example.org“ ist keine E-Mail-Adresse (Form: name@beispiel.de).",
        ),
    ],
)
def test_wrong_values_and_unknown_keys(
    project: Path, old: str, new: str, needle: str, field: str, message: str
) -> None:
    text = PRACTICE.replace(old, new)
    assert text != PRACTICE
    problem = one(check(project, text))
    assert problem.path == "content/practices/probe.md"
    assert (problem.line, problem.field, problem.message) == (line_of(text, needle), field, message)


def test_missing_required_key(project: Path) -> None:
    text = PRACTICE.replace("bundesland: HE\n", "")
    problem = one(check(project, text))
    assert (problem.line, problem.column, problem.field) == (1, 1, "bundesland")
    assert problem.message == "Pflichtfeld fehlt: bitte „bundesland“ ergänzen."


def test_missing_nested_required_key_points_at_its_parent(project: Path) -> None:
    text = PRACTICE.replace("  ebene: quartier\n", "")
    problem = one(check(project, text))
    assert (problem.line, problem.column, problem.field) == (line_of(text, "ort:"), 1, "ort.ebene")


def test_unknown_vocabulary_term_with_suggestion(project: Path) -> None:
    text = PRACTICE.replace("[integration, familie]", "[integration, familien]")
    problem = one(check(project, text))
    assert (problem.line, problem.column) == (line_of(text, "handlungsfelder"), 32)
    assert problem.field == "handlungsfelder.1"
    assert problem.message == (
        "„familien“ ist kein Begriff des Vokabulars „Handlungsfeld“. Meinten Sie „familie“?"
    )


def test_unknown_vocabulary_term_by_synonym(project: Path) -> None:
    text = PRACTICE.replace("[integration, familie]", "[GWA]")
    assert one(check(project, text)).message.endswith("Meinten Sie „gemeinwesenarbeit“?")


def test_land_name_suggests_the_code(project: Path) -> None:
    text = PRACTICE.replace("bundesland: HE", "bundesland: Thüringen").replace(
        '  ags: "06611000"\n', ""
    )
    problem = one(check(project, text))
    assert (problem.line, problem.field) == (line_of(text, "bundesland"), "bundesland")
    assert (
        problem.message
        == "„Thüringen“ ist kein Begriff des Vokabulars „Bundesland“. Meinten Sie „TH“?"
    )


def test_broken_cross_references(project: Path) -> None:
    text = PRACTICE.replace("programme: [landesprogramm-gwa]", "programme: [landesprogram-gwa]")
    text = text.replace(
        "status: laufend", "status: laufend\nuebertragen_von: [gibt-es-nicht, probe]"
    )
    problems = check(project, text)
    assert [(p.line, p.column, p.field, p.message) for p in problems] == [
        (
            line_of(text, "programme:"),
            13,
            "programme.0",
            "„landesprogram-gwa“ gibt es nicht (keine Datei "
            "content/programmes/landesprogram-gwa.md). Meinten Sie „landesprogramm-gwa“?",
        ),
        (
            line_of(text, "uebertragen_von"),
            19,
            "uebertragen_von.0",
            "„gibt-es-nicht“ gibt es nicht (keine Datei content/practices/gibt-es-nicht.md).",
        ),
        (
            line_of(text, "uebertragen_von"),
            34,
            "uebertragen_von.1",
            "Ein Praxisbeispiel kann nicht von sich selbst übertragen sein.",
        ),
    ]


def test_reference_to_a_draft_is_a_warning(project: Path) -> None:
    text = PRACTICE.replace(
        "status: laufend", "status: laufend\nuebertragen_von: [entwurf-beispiel]"
    )
    problem = one(check(project, text), "warning")
    assert problem.field == "uebertragen_von.0"
    assert problem.message.startswith("„entwurf-beispiel“ ist ein Entwurf")


def test_reference_slug_must_be_a_slug(project: Path) -> None:
    text = PRACTICE.replace("programme: [landesprogramm-gwa]", "programme: [Landesprogramm GWA]")
    problem = one(check(project, text))
    assert problem.field == "programme.0"
    assert problem.message.startswith("„Landesprogramm GWA“ ist kein gültiger Verweis")


def test_bad_file_name(project: Path) -> None:
    problem = one(check(project, PRACTICE, name="Stadtteil Mütter"))
    assert (problem.path, problem.line, problem.column) == (
        "content/practices/Stadtteil Mütter.md",
        1,
        1,
    )
    assert problem.field == "slug"
    assert problem.message.endswith("Vorschlag: „stadtteil-muetter.md“.")


@pytest.mark.parametrize("folder", ["practices", "programmes"])
def test_index_is_no_entry_name(project: Path, folder: str) -> None:
    # MkDocs would publish index.md as the folder's page (practices/), every link to the
    # entry (overviews, open data, feed, search) points at practices/index/.
    text = PRACTICE if folder == "practices" else PROGRAMME
    problem = one(check(project, text, name="index", kind=folder))
    assert (problem.path, problem.line, problem.column, problem.field) == (
        f"content/{folder}/index.md",
        1,
        1,
        "slug",
    )
    assert problem.message == (
        "Dateiname „index.md“ ist für Einträge nicht möglich: MkDocs macht daraus die "
        "Seite des Ordners, und die Links auf den Eintrag gingen ins Leere. Vorschlag: "
        "„index-eintrag.md“."
    )
    assert slugify("Index") == "index-eintrag"


def test_dates_out_of_order(project: Path) -> None:
    text = PRACTICE.replace("  beginn: 2019", "  beginn: 2019-05\n  ende: 2018")
    problem = one(check(project, text))
    assert (problem.line, problem.field) == (line_of(text, "ende:"), "laufzeit.ende")
    assert (
        problem.message
        == "Das Ende (2018) liegt vor dem Beginn (2019-05): bitte die Jahreszahlen prüfen."
    )


def test_review_date_before_entry_date(project: Path) -> None:
    text = PRACTICE.replace(
        "  erfasst: 2026-09-01", "  erfasst: 2026-09-01\n  geprueft: 2026-01-01"
    )
    problem = one(check(project, text))
    assert (problem.line, problem.field) == (line_of(text, "geprueft"), "redaktion.geprueft")
    assert (
        problem.message == "geprueft (2026-01-01) liegt vor dem Datum der Erfassung (2026-09-01)."
    )


def test_closed_practice_needs_an_end(project: Path) -> None:
    text = PRACTICE.replace("status: laufend", "status: abgeschlossen")
    problem = one(check(project, text))
    assert (problem.line, problem.field) == (line_of(text, "status:"), "status")
    assert (
        problem.message
        == "Ein abgeschlossenes Praxisbeispiel braucht laufzeit.ende (Jahr des Abschlusses)."
    )


def test_ags_belongs_to_another_land(project: Path) -> None:
    text = PRACTICE.replace('ags: "06611000"', 'ags: "16052000"')
    problem = one(check(project, text))
    assert (problem.line, problem.column, problem.field) == (line_of(text, "ags:"), 3, "ort.ags")
    assert (
        problem.message
        == "Der Schlüssel 16052000 gehört zu Thüringen (TH); für HE beginnt er mit 06."
    )


def test_cross_field_rules_run_despite_unrelated_errors(project: Path) -> None:
    text = PRACTICE.replace('ags: "06611000"', 'ags: "16052000"')
    text = text.replace("titel: Stadtteilmütter in Nordstadt", "titel: Kurz")
    text = text.replace("status: laufend", "status: abgeschlossen")
    problems = check(project, text)
    assert [p.field for p in problems if p.is_error] == ["titel", "ort.ags", "status"]


def test_coordinates_outside_germany(project: Path) -> None:
    text = PRACTICE.replace("[51.33, 9.50]", "[9.50, 51.33]")
    problem = one(check(project, text))
    assert (problem.line, problem.field) == (line_of(text, "koordinaten"), "ort.koordinaten")
    assert problem.message == (
        "[9.5, 51.33] liegt nicht in Deutschland (Breite 47,2–55,1, Länge 5,8–15,1). "
        "Breite und Länge vertauscht?"
    )


def test_programme_rules(project: Path) -> None:
    text = PROGRAMME.replace("ebene: land\nbundesland: HE\n", "ebene: bund\nbundesland: HE\n")
    problem = one(check(project, text, "programmes"))
    assert (problem.line, problem.field) == (line_of(text, "bundesland"), "bundesland")
    assert problem.message == "Bei ebene bund gehört kein bundesland dazu: bitte die Zeile löschen."
    text = PROGRAMME.replace("bundesland: HE\n", "")
    problem = one(check(project, text, "programmes"))
    assert (problem.line, problem.field) == (line_of(text, "ebene"), "ebene")
    assert problem.message == "Bei ebene land bitte das Land angeben (bundesland: z. B. HE)."
    text = PROGRAMME.replace("status: aktiv", "status: beendet")
    assert one(check(project, text, "programmes")).message == (
        "Ein beendetes Programm braucht laufzeit.ende."
    )


def test_non_finite_and_negative_amounts(project: Path) -> None:
    text = PROGRAMME.replace(
        "  quellen: [land]", "  quellen: [land]\n  budget: {betrag_eur: .inf, zeitraum: gesamt}"
    )
    problem = one(check(project, text, "programmes"))
    assert problem.field == "finanzierung.budget.betrag_eur"
    assert problem.message == "Zahl erwartet, gefunden: „inf“. Bitte eine endliche Zahl angeben."
    text = PROGRAMME.replace(
        "  quellen: [land]", "  quellen: [land]\n  budget: {betrag_eur: -5, zeitraum: gesamt}"
    )
    assert one(check(project, text, "programmes")).message == "Die Zahl muss mindestens 0 sein."


# --- warnings ---------------------------------------------------------------------


def test_running_but_ended(project: Path) -> None:
    text = PRACTICE.replace("  beginn: 2019", "  beginn: 2019\n  ende: 2025-06")
    problem = one(check(project, text), "warning")
    assert (problem.line, problem.field) == (line_of(text, "status:"), "status")
    assert problem.message == (
        "Status „laufend“, aber laufzeit.ende (2025-06) liegt in der Vergangenheit: Status "
        "auf „abgeschlossen“ setzen oder das Ende anpassen."
    )


def test_active_programme_that_ended(project: Path) -> None:
    text = PROGRAMME.replace("  beginn: 2011", "  beginn: 2011\n  ende: 2020")
    problem = one(check(project, text, "programmes"), "warning")
    assert problem.field == "status"
    assert problem.message.startswith("Status „aktiv“, aber laufzeit.ende (2020)")


@pytest.mark.parametrize(
    ("dates", "key"),
    [
        ("  erfasst: 2024-11-20", "erfasst"),
        ("  erfasst: 2020-01-01\n  geprueft: 2024-11-01", "geprueft"),
    ],
)
def test_stale_review(project: Path, dates: str, key: str) -> None:
    text = PRACTICE.replace("  erfasst: 2026-09-01", dates)
    problem = one(check(project, text), "warning")
    assert (problem.line, problem.field) == (line_of(text, f"{key}:"), f"redaktion.{key}")
    assert problem.message.endswith(
        "vor mehr als 24 Monaten: bitte die Angaben prüfen und redaktion.geprueft auf das "
        "heutige Datum setzen."
    )


def test_review_exactly_24_months_ago_is_fine(project: Path) -> None:
    assert check(project, PRACTICE.replace("2026-09-01", "2024-11-21")) == []
    assert one(check(project, PRACTICE.replace("2026-09-01", "2024-11-20")), "warning")


def test_missing_recommended_parts_lower_completeness(project: Path) -> None:
    text = PRACTICE.replace("  stolpersteine: [Die Finanzierung war jedes Jahr unsicher.]\n", "")
    text = text.replace("## Ziele\n", "## Absichten\n")
    problems = check(project, text)
    assert [(p.severity, p.line, p.field, p.message) for p in problems] == [
        (
            "warning",
            line_of(text, "uebertragbarkeit:"),
            "uebertragbarkeit.stolpersteine",
            "Stolpersteine fehlen: sie helfen anderen Kommunen am meisten.",
        ),
        (
            "warning",
            line_of(text, "## Ausgangslage") - 1,
            "text",
            "Abschnitt „## Ziele“ fehlt im Text.",
        ),
    ]
    collection = validate(project)
    assert collection.practices["probe"].completeness == pytest.approx(9 / 11)


def test_personal_email_in_body(project: Path) -> None:
    text = PRACTICE.replace(
        "Familien erreichen.",
        "Familien erreichen. Fragen an anna.schmidt@example.org oder info@example.org.",
    )
    problem = one(check(project, text), "warning")
    assert (problem.line, problem.column) == (line_of(text, "anna.schmidt"), 31)
    assert problem.field == "text"
    assert problem.message.startswith("„anna.schmidt@example.org“ sieht nach einer persönlichen")


def test_near_duplicate_text(project: Path) -> None:
    body = " ".join(
        f"Satz {n} über Nachbarschaft, Kitas und Quartiere im Stadtteil." for n in range(40)
    )
    first = PRACTICE.replace("Hausbesuche in der Muttersprache.", body)
    second = first.replace("Satz 3 ", "Satz drei ")
    check(project, second, name="kopie")
    problems = check(project, first)
    problem = one(problems, "warning")
    assert (problem.line, problem.column, problem.field) == (2, 1, "titel")
    assert problem.message.startswith("Text fast gleich wie content/practices/kopie.md (")
    assert problem.message.endswith(
        "% Übereinstimmung): ist es dasselbe Praxisbeispiel? Dann bitte zusammenführen."
    )


def test_duplicate_warning_is_the_same_in_every_process(project: Path) -> None:
    """Python's string hashes differ per process; the reported result must not."""
    body = " ".join(f"Zeile {n}: Stadtteilarbeit mit Familien und Kitas." for n in range(30))
    first = PRACTICE.replace("Hausbesuche in der Muttersprache.", body)
    check(project, first.replace("Zeile 7:", "Zeile sieben:").replace("Zeile 9:", "Z. 9:"))
    check(project, first, name="kopie")
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-m", "praxis", "validate", "--root", str(project),
             "--format", "json"],
            capture_output=True, text=True, check=False,
            env={**os.environ, "PYTHONHASHSEED": seed, "PRAXIS_TODAY": TODAY.isoformat()},
        )  # fmt: skip
        outputs.add(result.stdout)
    assert len(outputs) == 1
    warnings = [p for p in json.loads(outputs.pop()) if p["message"].startswith("Text fast")]
    assert [w["path"] for w in warnings] == ["content/practices/kopie.md", PROBE_REL]


def test_different_texts_are_not_duplicates(project: Path) -> None:
    check(
        project,
        PRACTICE.replace("Hausbesuche in der Muttersprache.", "Ganz anderer Inhalt " * 30),
        name="a",
    )
    assert (
        check(
            project,
            PRACTICE.replace("Hausbesuche in der Muttersprache.", "Verschiedene Wörter hier " * 30),
        )
        == []
    )


def test_every_problem_is_sorted_and_located(project: Path) -> None:
    text = PRACTICE.replace("titel: Stadtteilmütter in Nordstadt", "titel: Kurz").replace(
        "status: laufend", "status: x"
    )
    check(project, text)
    problems = validate(project).problems
    assert problems == sorted(problems, key=lambda p: (p.path, p.line, p.column))
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)


def test_a_vocabulary_without_ags_prefixes_skips_the_ags_rule(project: Path) -> None:
    vocab = project / "schema" / "vocabularies" / "bundeslaender.yml"
    vocab.write_text(re.sub(r', ags: "\d\d"', "", vocab.read_text("utf-8")), "utf-8")
    assert check(project, PRACTICE.replace('ags: "06611000"', 'ags: "16052000"')) == []
