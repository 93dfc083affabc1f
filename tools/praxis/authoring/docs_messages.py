"""The message table of CONTRIBUTING.md, quoted from the validator itself.

Each row breaks a valid example practice in one typical way and quotes what the validator
really says about it, so the table changes when the messages change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from praxis.config import Instance
from praxis.errors import PraxisError
from praxis.load.collection import Collection, load_bytes
from praxis.validate.collection import validate_collection

EXAMPLE_DAY = dt.date(2026, 1, 15)  # fixed, so the generated text does not change daily


Change = Callable[[str], str]


def _sub(old: str, new: str) -> Change:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def _first(vocabularies: dict[str, Any], name: str, preferred: str) -> str:
    vocab = vocabularies[name]
    return preferred if preferred in vocab else vocab.terms[0].id


def example_practice(instance: Instance) -> str:
    """A valid practice with every recommended part, in this instance's vocabularies."""
    v = instance.vocabularies
    land = (
        instance.bundesland
        if instance.bundesland in v["bundeslaender"]
        else v["bundeslaender"].terms[0].id
    )
    return f"""---
titel: Nachbarschaftslotsen Südstadt
kurzbeschreibung: Ehrenamtliche Lotsen zeigen neu zugezogenen Haushalten der Südstadt \
Beratungsstellen, Vereine und Treffpunkte und begleiten sie beim ersten Besuch.
bundesland: {land}
ort:
  name: Südstadt
  ebene: quartier
traeger:
  - name: Stadt Beispielstadt
    art: {_first(v, "traegerarten", "kommune")}
handlungsfelder: [{_first(v, "handlungsfelder", "gemeinwesenarbeit")}]
zielgruppen: [{_first(v, "zielgruppen", "bewohner")}]
status: laufend
laufzeit:
  beginn: 2019
wirkung:
  ergebnisse: [Über 200 Haushalte wurden begleitet.]
  evidenz: dokumentation
uebertragbarkeit:
  einschaetzung: hoch
  voraussetzungen: [Eine Koordinierungsstelle]
  erfolgsfaktoren: [Lotsen sprechen die Sprachen der Zugezogenen]
  stolpersteine: [Ehrenamtliche zu halten war schwer.]
kontakt:
  organisation: Stadt Beispielstadt
  web: https://www.beispielstadt.de
quellen:
  - titel: Website der Stadt
redaktion:
  erfasst: 2025-06-01
---

## Ausgangslage

Neu Zugezogene fanden die Hilfsangebote im Stadtteil nicht.

## Ziele

Das Ankommen erleichtern.

## Vorgehen

Lotsen werden geschult und an Haushalte vermittelt.

## Ergebnisse

Beratungsstellen berichten von mehr Erstbesuchen.
"""


def _cases(instance: Instance) -> list[tuple[Change, str, str]]:
    """(change to the example, what it means, how to fix it)."""
    land = instance.vocabularies["bundeslaender"]
    code = example_practice(instance).split("bundesland: ", 1)[1].split("\n", 1)[0]
    other = next(t for t in land if t.id != code)
    return [
        (
            _sub("titel: Nachbarschaftslotsen Südstadt\n", ""),
            "Ein Pflichtfeld fehlt ganz.",
            "Das Feld ergänzen; welche Felder Pflicht sind, steht in der Tabelle oben.",
        ),
        (
            _sub("zielgruppen:", "zielgruppe:"),
            "Der Feldname ist falsch geschrieben.",
            "Den vorgeschlagenen Namen übernehmen. Feldnamen schreiben sich klein, ohne Umlaute.",
        ),
        (
            _sub(f"bundesland: {code}", f"bundesland: {land.label_of(code)}"),
            "Beim Land steht der Name statt des Kürzels.",
            "Das vorgeschlagene Kürzel eintragen.",
        ),
        (
            _sub("handlungsfelder: [", "handlungsfelder: [Stadtteilarbeit, "),
            "Ein Begriff steht nicht im Vokabular.",
            "Ein Kürzel aus der Vokabular-Tabelle oben wählen; passt keines, die Redaktion fragen.",
        ),
        (
            _sub("status: laufend", "status: läuft"),
            "Das Feld erlaubt nur feste Werte.",
            "Einen der genannten Werte genau so schreiben.",
        ),
        (
            _sub("status: laufend", "status: [laufend]"),
            "Ein einzelner Wert war erwartet, aber eine Liste steht da.",
            "Die eckigen Klammern entfernen.",
        ),
        (
            _sub("  voraussetzungen: [Eine Koordinierungsstelle]", "  voraussetzungen: Ein Raum"),
            "Eine Liste war erwartet.",
            "Jeden Punkt in eine eigene Zeile mit „- “ davor setzen.",
        ),
        (
            _sub("kurzbeschreibung: Ehrenamtliche Lotsen zeigen", "kurzbeschreibung: Ein Büro. #"),
            "Die Kurzbeschreibung ist zu kurz (oder zu lang).",
            "Auf 80 bis 600 Zeichen bringen: was, wo, für wen, mit welchem Ergebnis.",
        ),
        (
            _sub("erfasst: 2025-06-01", "erfasst: 01.06.2025"),
            "Das Datum hat die falsche Form.",
            "Daten als Jahr-Monat-Tag schreiben: 2025-06-01.",
        ),
        (
            _sub("web: https://www.beispielstadt.de", "web: www.beispielstadt.de"),
            "Der Web-Adresse fehlt der Anfang.",
            "https:// davor setzen.",
        ),
        (
            _sub("  web: https://www.beispielstadt.de\n", ""),
            "Beim Kontakt fehlt jede Möglichkeit, jemanden zu erreichen.",
            "email (Funktionsadresse), telefon oder web ergänzen.",
        ),
        (
            _sub(
                "  ebene: quartier", f'  ebene: quartier\n  ags: "{other.extra.get("ags")}011000"'
            ),
            "Der Gemeindeschlüssel gehört zu einem anderen Land.",
            "Schlüssel und Land prüfen: die ersten zwei Ziffern nennen das Land.",
        ),
        (
            _sub("status: laufend", "programme: [gibt-es-nicht]\nstatus: laufend"),
            "Der Verweis zeigt auf ein Förderprogramm, das es (unter diesem Namen) nicht gibt.",
            "Den Dateinamen des Programms ohne .md eintragen, wie er in content/programmes/ steht.",
        ),
        (
            _sub("status: laufend", "status: abgeschlossen"),
            "Ein abgeschlossenes Vorhaben braucht ein Ende.",
            "laufzeit.ende (Jahr) ergänzen oder den Status korrigieren.",
        ),
        (
            _sub("titel: Nachbarschaftslotsen Südstadt", "titel: Projekt: Nachbarschaft"),
            "Ein Doppelpunkt im Wert verwirrt YAML.",
            'Den ganzen Wert in Anführungszeichen setzen: titel: "Projekt: Nachbarschaft".',
        ),
        (
            _sub("  name: Südstadt", "\tname: Südstadt"),
            "Mit Tabulator eingerückt.",
            "Mit Leerzeichen einrücken (zwei je Ebene).",
        ),
        (
            _sub("Neu Zugezogene", "<script>alert(1)</script> Neu Zugezogene"),
            "Im Text steht HTML, das die Website nicht veröffentlicht (sie lässt nur "
            "Markdown und einfache HTML-Elemente durch).",
            "Das HTML entfernen oder durch Markdown ersetzen.",
        ),
        (
            _sub("Neu Zugezogene", "[Mehr](javascript:alert(1)) Neu Zugezogene"),
            "Ein Link führt nicht zu einer Web-, Mail- oder Telefonadresse.",
            "Eine Adresse mit https:// (oder mailto:, tel:) eintragen.",
        ),
        (
            _sub("titel: Nachbarschaftslotsen Südstadt", "titel: Nachbarschaftslotsen <b>Süd</b>"),
            "Titel, Namen und Listen sind reiner Text.",
            "Das HTML entfernen; Sonderzeichen wie & direkt schreiben.",
        ),
        (
            _sub("  stolpersteine: [Ehrenamtliche zu halten war schwer.]\n", ""),
            "Warnung: eine empfohlene Angabe fehlt. Der Eintrag wird trotzdem veröffentlicht.",
            "Ergänzen, wenn bekannt. Nichts erfinden.",
        ),
        (
            _sub("## Ziele\n", "## Ziel\n"),
            "Warnung: ein empfohlener Abschnitt fehlt im Text.",
            "Den Abschnitt mit genau dieser Überschrift anlegen.",
        ),
        (
            _sub("  beginn: 2019", "  beginn: 2019\n  ende: 2021"),
            "Warnung: der Status passt nicht zum Ende der Laufzeit.",
            "status auf abgeschlossen setzen oder laufzeit.ende korrigieren.",
        ),
        (
            _sub("erfasst: 2025-06-01", "erfasst: 2022-06-01"),
            "Warnung: der Eintrag wurde lange nicht geprüft.",
            "Angaben prüfen, dann redaktion.geprueft auf das heutige Datum setzen.",
        ),
        (
            _sub("Neu Zugezogene", "Mehr bei erika.muster@beispielstadt.de. Neu Zugezogene"),
            "Warnung: im Text steht eine persönliche E-Mail-Adresse.",
            "Nur Funktionsadressen nennen, in kontakt.email.",
        ),
    ]


def _message(instance: Instance, text: str) -> str:
    path = instance.practices_dir / "beispiel.md"
    doc = load_bytes("beispiel.md", "practice", path, text.encode("utf-8"))
    validate_collection(Collection(instance, [doc]), EXAMPLE_DAY)
    if not doc.problems:
        raise PraxisError(
            "Interner Fehler: ein Beispiel für die Meldungstabelle erzeugt keine Meldung."
        )
    problem = min(doc.problems, key=lambda p: (not p.is_error, p.line))
    return problem.as_text().split(": ", 1)[1]


def message_table(instance: Instance) -> str:
    base = example_practice(instance)
    rows = ["| Meldung (Beispiel) | Was dahintersteckt | So beheben Sie es |", "|---|---|---|"]
    for change, meaning, fix in _cases(instance):
        message = _message(instance, change(base)).replace("|", "\\|").replace("<", "&lt;")
        rows.append(f"| {message} | {meaning} | {fix} |")
    return "\n".join(rows) + "\n"
