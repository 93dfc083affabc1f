"""Messages as a contributor reads them: list positions counted from 1 with the item's
German noun, key suggestions across umlauts, examples that fit the field, and empty
sections of a skeleton, which are a warning and are not published."""

from __future__ import annotations

import json
from pathlib import Path

from praxis.config import Instance
from praxis.generate.context import SiteData
from praxis.generate.pages import entry_pages
from praxis.load.collection import load_collection, published_body
from praxis.problems import format_problems
from praxis.search.indexdoc import entry_texts
from praxis.validate.collection import validate_collection
from tests.conftest import TODAY
from tests.validate.test_validate import PRACTICE, check, line_of, one


def message_line(project: Path, old: str, new: str) -> tuple[str, str]:
    """(the text line of the only error, its JSON field) after one change."""
    text = PRACTICE.replace(old, new, 1)
    assert text != PRACTICE
    problem = one(check(project, text))
    row = json.loads(format_problems([problem], "json"))[0]
    return problem.as_text().split(": ", 2)[2], row["field"]


def test_list_positions_count_from_one_with_the_vocabulary_noun(project: Path) -> None:
    line, field = message_line(
        project, "handlungsfelder: [integration, familie]", "handlungsfelder: [integration, x]"
    )
    assert line == (
        "2. Handlungsfeld: „x“ ist kein Begriff des Vokabulars „Handlungsfeld“. Zulässig sind: "
        "quartiersmanagement, gemeinwesenarbeit, beteiligung, kinder-jugend, beschaeftigung, "
        "bildung, gesundheit, wohnen, integration, armutspraevention, sozialplanung, "
        "monitoring, alter-pflege, familie, ehrenamt, kultur-sport, klima-umwelt, vernetzung."
    )
    assert field == "handlungsfelder.1"  # the JSON field stays a path


def test_a_space_in_a_web_address_is_named(project: Path) -> None:
    line, field = message_line(
        project, "url: https://www.example.org/stadtteilmuetter", "url: https://www .example.org"
    )
    assert line == (
        "1. Quelle, url: „https://www .example.org“ ist keine Web-Adresse: sie enthält ein "
        "Leerzeichen. Bitte das Leerzeichen entfernen."
    )
    assert field == "quellen.0.url"


def test_items_of_plain_lists_are_named_by_their_title(project: Path) -> None:
    line, _ = message_line(
        project, "  ergebnisse: [120 Familien begleitet]", "  ergebnisse: [120 Familien, [x]]"
    )
    assert line == "wirkung, 2. Ergebnis: Text erwartet, gefunden: eine Liste."


def test_unknown_key_with_umlaut_suggests_the_ascii_key(project: Path) -> None:
    text = PRACTICE.replace("traeger:\n", "trägerschaft: Diakonie\ntraeger:\n", 1)
    problem = one(check(project, text))
    assert (problem.line, problem.field) == (line_of(text, "trägerschaft"), "trägerschaft")
    assert problem.message == (
        "Unbekanntes Feld „trägerschaft“. Meinten Sie „traeger“? Feldnamen schreiben sich "
        "ohne Umlaute und ß (ae, oe, ue, ss)."
    )


def test_the_example_of_sub_keys_is_a_key_of_that_field(project: Path) -> None:
    ort = (
        'ort:\n  name: Kassel\n  ebene: quartier\n  ags: "06611000"\n  koordinaten: [51.33, 9.50]\n'
    )
    line, _ = message_line(project, ort, "ort: Kassel\n")
    assert line == (
        "ort: Hier werden Unterfelder erwartet, eingerückt unter dem Feld, z. B. „  name: …“. "
        "Gefunden: „Kassel“."
    )
    kontakt = "kontakt:\n  organisation: Diakonie Kassel\n  web: https://www.example.org\n"
    line, _ = message_line(project, kontakt, "kontakt: Diakonie Kassel\n")
    assert "z. B. „  organisation: …“" in line  # kontakt has no name


def test_warnings_of_a_file_with_errors_are_reported(project: Path) -> None:
    text = PRACTICE.replace("titel: Stadtteilmütter in Nordstadt", "titel: Kurz", 1)
    text = text.replace("  stolpersteine: [Die Finanzierung war jedes Jahr unsicher.]\n", "")
    text = text.replace("  evidenz: dokumentation", "  evidenz: [kaputt]")
    problems = check(project, text)
    assert [p.field for p in problems if p.is_error] == ["titel", "wirkung.evidenz"]
    # the missing Stolpersteine are warned about; the broken wirkung is not warned twice
    assert [p.field for p in problems if not p.is_error] == ["uebertragbarkeit.stolpersteine"]


SKELETON_BODY = """
## Ausgangslage

<!-- Welches Problem gab es vor Ort? Für wen? -->

## Ziele

Familien erreichen.

## Vorgehen

<!-- Was wurde getan,
in welchen Schritten? -->
## Ergebnisse

Mehr Kinder besuchen eine Kita.
"""


def with_body(body: str) -> str:
    return PRACTICE.split("---\n\n", 1)[0] + "---\n" + body


def test_empty_sections_are_a_warning_at_their_heading(project: Path) -> None:
    text = with_body(SKELETON_BODY)
    warnings = [p for p in check(project, text) if not p.is_error]
    assert [(p.line, p.field, p.message) for p in warnings] == [
        (
            line_of(text, f"## {title}"),
            "text",
            f"Abschnitt „{title}“ ist leer: bitte ausfüllen oder die Überschrift löschen. "
            "Leere Abschnitte werden nicht veröffentlicht.",
        )
        for title in ("Ausgangslage", "Vorgehen")
    ]


def test_empty_sections_are_dropped_from_the_published_body() -> None:
    assert published_body(SKELETON_BODY) == (
        "\n## Ziele\n\nFamilien erreichen.\n\n## Ergebnisse\n\nMehr Kinder besuchen eine Kita.\n"
    )
    assert published_body("Nur Text.\n") == "Nur Text.\n"
    assert published_body("## Kommentar\n<!-- Hinweis --> Text.\n") == (
        "## Kommentar\n<!-- Hinweis --> Text.\n"
    )
    assert published_body("## A\n\n" + "\n" * 100_000 + "Text.").endswith("Text.")
    assert published_body("## Leer\n\n### Unterabschnitt\n\nText.\n").startswith("## Leer")


def test_empty_sections_reach_neither_page_nor_search(project: Path) -> None:
    path = project / "content/practices/probe.md"
    path.write_text(with_body(SKELETON_BODY), encoding="utf-8")
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    data = SiteData.of(collection)
    doc = data.practice["probe"]
    page = next(p.body for p in entry_pages(data, {}) if p.path == "practices/probe.md")
    assert "## Ziele" in page and "## Ergebnisse" in page
    assert "Ausgangslage" not in page and "Vorgehen" not in page
    _, shown, _ = entry_texts(doc, collection.instance)
    assert "Ziele" in shown
    assert "Ausgangslage" not in shown and "Vorgehen" not in shown


def test_an_empty_recommended_section_does_not_count_as_written(project: Path) -> None:
    check(project, with_body(SKELETON_BODY))
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    full = collection.practices["probe"].completeness
    check(project, with_body(SKELETON_BODY.replace("<!-- Welches Problem", "Text. <!--")))
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    assert collection.practices["probe"].completeness > full


def test_web_addresses_are_told_what_is_wrong(project: Path) -> None:
    url = "url: https://www.example.org/stadtteilmuetter"
    line, _ = message_line(project, url, "url: www.example.org/stadtteilmuetter")
    assert line == (
        "1. Quelle, url: „www.example.org/stadtteilmuetter“ ist keine Web-Adresse: sie muss "
        "mit http:// oder https:// beginnen. Meinten Sie "
        "„https://www.example.org/stadtteilmuetter“?"
    )
    line, _ = message_line(project, url, "url: https://stadtteilmuetter")
    assert line == (
        "1. Quelle, url: „https://stadtteilmuetter“ ist keine Web-Adresse: nach dem http:// "
        "oder https:// fehlt der Name der Website (z. B. www.beispiel.de)."
    )
    line, _ = message_line(project, url, "url: ftp://www.example.org")
    assert line.endswith("sie muss mit http:// oder https:// beginnen.")
