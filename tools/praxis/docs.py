"""The generated parts of CONTRIBUTING.md: field reference and validator messages.

Both are made from the running engine, so the guide cannot drift from it: the field
reference from the models' German descriptions and the instance's vocabularies, the
message table by validating deliberately broken copies of a valid practice and quoting
what the validator really says. `praxis contributing` rewrites only the text between the
marker comments; everything else in CONTRIBUTING.md belongs to the instance.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from praxis.config import Instance
from praxis.errors import PraxisError
from praxis.fields import Vocab
from praxis.load import Collection, load_bytes
from praxis.model import KIND_LABELS, MODELS, RECOMMENDED
from praxis.validate import validate_collection

BLOCKS = ("vorlage", "felder", "meldungen")
EXAMPLE_DAY = dt.date(2026, 1, 15)  # fixed, so the generated text does not change daily
ORDER = (
    "titel",
    "kurzbeschreibung",
    "ebene",
    "bundesland",
    "ort",
    "foerdergeber",
    "servicestelle",
    "traeger",
    "handlungsfelder",
    "zielgruppen",
    "antragsberechtigt",
    "programme",
    "finanzierung",
    "status",
    "laufzeit",
    "ressourcen",
    "wirkung",
    "uebertragbarkeit",
    "uebertragen_von",
    "richtlinie",
    "website",
    "kontakt",
    "quellen",
    "schlagworte",
    "redaktion",
)  # the order of a typical file; others follow


def marker(name: str) -> tuple[str, str]:
    return (
        f"<!-- praxis:{name} – erzeugt von `praxis contributing`, nicht von Hand ändern -->",
        f"<!-- /praxis:{name} -->",
    )


# --- field reference ----------------------------------------------------------------


def _vocabulary(annotation: Any, metadata: list[Any]) -> str:
    for item in metadata:
        if isinstance(item, Vocab):
            return item.name
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, Vocab):
            return item.name
    for arg in typing.get_args(annotation):
        found = _vocabulary(arg, [])
        if found:
            return found
    return ""


def _literals(annotation: Any) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    return next((found for arg in typing.get_args(annotation) if (found := _literals(arg))), [])


def _nested(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((found for arg in typing.get_args(annotation) if (found := _nested(arg))), None)


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(
        _is_list(arg)
        for arg in typing.get_args(annotation)
        if typing.get_origin(arg) is not typing.Literal
    )


def _field_rows(
    model: type[BaseModel],
    kind: str,
    vocabularies: dict[str, Any],
    prefix: str = "",
    parent: str = "",
) -> list[str]:
    recommended = {path for path, _, _ in RECOMMENDED[kind]}
    rows = []
    fields = sorted(
        model.model_fields.items(),
        key=lambda item: ORDER.index(item[0]) if item[0] in ORDER else len(ORDER),
    )
    for name, field in fields:
        path = prefix + name
        annotation = field.annotation
        if path in recommended:
            need = "empfohlen"
        elif field.is_required():
            need = f"Pflicht, wenn `{parent}` angegeben" if parent else "**Pflicht**"
        else:
            need = "freiwillig"
        values = []
        vocab = _vocabulary(annotation, list(field.metadata))
        if vocab:
            values.append(f"Kürzel aus „{vocabularies[vocab].label}“ (unten)")
        literals = _literals(annotation)
        if literals:
            values.append("eines von " + ", ".join(f"`{value}`" for value in literals))
        nested = _nested(annotation)
        if _is_list(annotation):
            values.append("Liste" + (", je Eintrag die Unterfelder darunter" if nested else ""))
        elif nested:
            values.append("Unterfelder darunter")
        description = (field.description or "").replace("|", "\\|")
        rows.append(f"| `{path}` | {need} | {description} | {'; '.join(values)} |")
        if nested:
            rows += _field_rows(nested, kind, vocabularies, f"{path}.", path)
    return rows


def field_reference(instance: Instance) -> str:
    vocabularies = instance.vocabularies
    parts = []
    for kind, model in MODELS.items():
        folder = "practices" if kind == "practice" else "programmes"
        parts += [
            f"### {KIND_LABELS[kind]} (`content/{folder}/<name>.md`)",
            "",
            "| Feld | Angabe | Bedeutung | Werte |",
            "|---|---|---|---|",
            *_field_rows(model, kind, vocabularies),
            "",
        ]
    parts += [
        "### Vokabulare (`schema/vocabularies/`)",
        "",
        "In die Felder mit Vokabular gehört das **Kürzel** aus der ersten Spalte. "
        "Die Suche findet die Einträge auch unter den Bezeichnungen und Synonymen.",
        "",
    ]
    for name, vocab in vocabularies.items():
        parts += [f"#### {vocab.label} (`{name}`)", ""]
        if vocab.beschreibung:
            parts += [vocab.beschreibung, ""]
        parts += [
            "| Kürzel | Bezeichnung | Erläuterung | auch gefunden unter |",
            "|---|---|---|---|",
        ]
        for term in vocab:
            cells = [f"`{term.id}`", term.label, term.beschreibung, ", ".join(term.synonyme)]
            parts.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


# --- validator messages -------------------------------------------------------------

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
titel: Stadtteilbüro Nordstadt
kurzbeschreibung: Ein Stadtteilbüro bündelt Gemeinwesenarbeit und Beteiligung in der \
Nordstadt und öffnet einen Nachbarschaftsgarten für alle Generationen.
bundesland: {land}
ort:
  name: Nordstadt
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
  ergebnisse: [Ein Nachbarschaftsgarten wird gemeinsam gepflegt.]
  evidenz: dokumentation
uebertragbarkeit:
  einschaetzung: hoch
  voraussetzungen: [Ein Raum im Quartier]
  erfolgsfaktoren: [Feste Sprechzeiten]
  stolpersteine: [Anfangs kamen nur wenige Menschen.]
kontakt:
  organisation: Stadt Beispielstadt
  web: https://www.beispielstadt.de
quellen:
  - titel: Website der Stadt
redaktion:
  erfasst: 2025-06-01
---

## Ausgangslage

Viele Familien kannten sich kaum.

## Ziele

Nachbarschaft stärken.

## Vorgehen

Ein Büro mit festen Sprechzeiten.

## Ergebnisse

Ein Garten und ein Fest.
"""


def _cases(instance: Instance) -> list[tuple[Change, str, str]]:
    """(change to the example, what it means, how to fix it)."""
    land = instance.vocabularies["bundeslaender"]
    code = example_practice(instance).split("bundesland: ", 1)[1].split("\n", 1)[0]
    other = next(t for t in land if t.id != code)
    return [
        (
            _sub("titel: Stadtteilbüro Nordstadt\n", ""),
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
            _sub("  voraussetzungen: [Ein Raum im Quartier]", "  voraussetzungen: Ein Raum"),
            "Eine Liste war erwartet.",
            "Jeden Punkt in eine eigene Zeile mit „- “ davor setzen.",
        ),
        (
            _sub("kurzbeschreibung: Ein Stadtteilbüro bündelt", "kurzbeschreibung: Ein Büro. #"),
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
            _sub("titel: Stadtteilbüro Nordstadt", "titel: Projekt: Nachbarschaft"),
            "Ein Doppelpunkt im Wert verwirrt YAML.",
            'Den ganzen Wert in Anführungszeichen setzen: titel: "Projekt: Nachbarschaft".',
        ),
        (
            _sub("  name: Nordstadt", "\tname: Nordstadt"),
            "Mit Tabulator eingerückt.",
            "Mit Leerzeichen einrücken (zwei je Ebene).",
        ),
        (
            _sub("Viele Familien", "<script>alert(1)</script> Viele Familien"),
            "Im Text steht HTML, das Programmcode ausführen könnte.",
            "Das HTML entfernen.",
        ),
        (
            _sub("  stolpersteine: [Anfangs kamen nur wenige Menschen.]\n", ""),
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
            _sub("Viele Familien", "Mehr bei erika.muster@beispielstadt.de. Viele Familien"),
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
        message = _message(instance, change(base)).replace("|", "\\|")
        rows.append(f"| {message} | {meaning} | {fix} |")
    return "\n".join(rows) + "\n"


# --- CONTRIBUTING.md ----------------------------------------------------------------


def contributing_text(instance: Instance, current: str) -> str:
    """`current` with the marked blocks regenerated; a missing marker is a German error."""
    generated = {
        "vorlage": f"```markdown\n{example_practice(instance)}```\n",
        "felder": field_reference(instance),
        "meldungen": message_table(instance),
    }
    for name in BLOCKS:
        start, end = marker(name)
        pattern = re.compile(re.escape(start) + r"\n.*?" + re.escape(end), re.S)
        if not pattern.search(current):
            raise PraxisError(
                f"CONTRIBUTING.md: die Markierung {start} … {end} fehlt. "
                "Bitte beide Zeilen wieder einfügen, dazwischen füllt "
                "`praxis contributing` den Text."
            )
        current = pattern.sub(
            lambda _m, n=name: f"{marker(n)[0]}\n\n{generated[n]}\n{marker(n)[1]}", current, count=1
        )
    return current


def contributing_path(instance: Instance) -> Path:
    return instance.root / "CONTRIBUTING.md"
