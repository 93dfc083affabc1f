"""Open data (`daten/`): every published entry as JSON and CSV, the JSON Schemas, the
Atom feed (made in `syndication`) and the page "Offene Daten" explaining them.

`praxis export` uses the same functions (`records`, `json_text`, `csv_text`), so that
the files on the site and an editor's export never differ.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from praxis.config import Instance
from praxis.generate import GeneratedFile, catalogue, entry_url, published
from praxis.generate.syndication import FEED_PATH, FEED_SIZE, feed, public_url
from praxis.load.collection import Collection, Document
from praxis.model.entries import MODELS, nested_model
from praxis.model.kinds import KINDS, Kind
from praxis.model.schema import json_schema
from praxis.render.templating import markdown_text

FILE_NAMES: dict[Kind, str] = {"practice": "praxisbeispiele", "programme": "foerderprogramme"}
META = ("slug", "kind", "url", "completeness")
TAIL = ("quellen", "redaktion")  # bookkeeping goes last, after the facts


# --- records: the one serialisation -------------------------------------------------


def field_order(model: type[BaseModel]) -> list[str]:
    names = [name for name in model.model_fields if name not in TAIL]
    return names + [name for name in TAIL if name in model.model_fields]


def record(doc: Document, instance: Instance) -> dict[str, Any]:
    """One published entry: its front matter as the model read it, plus where it lives."""
    data = doc.entry.model_dump(mode="json", exclude_none=True)
    ordered = {key: data[key] for key in field_order(type(doc.entry)) if key in data}
    return {
        "slug": doc.slug,
        "kind": doc.kind,
        "url": public_url(instance, entry_url(doc.kind, doc.slug)),
        "completeness": round(doc.completeness, 2),
        **ordered,
    }


def records(collection: Collection, kinds: Sequence[Kind] | None = None) -> list[dict[str, Any]]:
    """The published entries of `kinds` (default: all) as open data rows."""
    if kinds is None:
        kinds = [about.kind for about in KINDS.values()]
    return [
        record(doc, collection.instance) for kind in kinds for doc in published(collection, kind)
    ]


def json_text(rows: list[dict[str, Any]]) -> str:
    """One entry per line: readable, and written by json's C encoder (which `indent`
    would switch off; 10,000 entries)."""
    lines = (json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows)
    return "[\n" + ",\n".join(lines) + "\n]\n"


def model_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted column names (`ort.name`, `traeger.art`) from the model, not from the data,
    so that every export of a kind has the same columns."""
    columns: list[str] = []
    for name in field_order(model):
        sub = nested_model(model.model_fields[name].annotation)
        columns += model_columns(sub, f"{prefix}{name}.") if sub else [prefix + name]
    return columns


def columns(kinds: Sequence[Kind]) -> list[str]:
    result = list(META)
    for kind in kinds:
        result += [c for c in model_columns(MODELS[kind]) if c not in result]
    return result


def _pick(value: Any, parts: Sequence[str]) -> Any:
    """The value at a dotted column's `parts`; across a list, the list of its items'."""
    for number, part in enumerate(parts):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list):
            rest = parts[number:]
            return [_pick(item, rest) for item in value]
        else:
            return None
    return value


def cell(value: Any) -> str:
    """Spreadsheet text: lists joined with ` | `, decimal comma, no formula injection."""
    if isinstance(value, str):  # most cells
        text = value
    elif value is None:
        return ""
    elif isinstance(value, list):
        return " | ".join([cell(item) for item in value])
    elif isinstance(value, bool):
        return "ja" if value else "nein"
    elif isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    else:
        text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(rows: list[dict[str, Any]], kinds: Sequence[Kind], bom: bool = True) -> str:
    """`;`-separated, as Excel in German expects; with BOM so it reads UTF-8 umlauts."""
    header = columns(kinds)
    paths = [tuple(name.split(".")) for name in header]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(_pick(row, parts)) for parts in paths])
    return ("\ufeff" if bom else "") + buffer.getvalue()


# --- files --------------------------------------------------------------------------


def page(collection: Collection, counts: dict[Kind, int]) -> str:
    instance = collection.instance
    licence = instance.licence
    practices = KINDS["practice"].count(counts["practice"])
    programmes = KINDS["programme"].count(counts["programme"])
    attribution = licence.attribution_text(markdown_text(instance.betreiber))
    if attribution:
        credit = (
            "Die Lizenz verlangt, dass Sie die Quelle nennen. Schreiben Sie bei jeder "
            f"Weiterverwendung, etwa unter einer Tabelle oder Karte:\n\n> {attribution}\n\n"
            "Wenn Sie die Daten verändert haben, sagen Sie das dazu (z. B. „Daten "
            "gekürzt“)."
        )
    else:
        credit = (
            "Die Lizenz verlangt keine Namensnennung; wir freuen uns trotzdem, wenn Sie "
            f"„{markdown_text(instance.betreiber)}“ als Quelle nennen."
        )
    return f"""# Offene Daten

Alle veröffentlichten Einträge dieser Datenbank stehen als offene Daten zum Herunterladen
bereit, damit Kommunen, Forschung und andere Portale sie weiterverwenden können. Entwürfe
sind nicht enthalten.

| Datei | Inhalt |
|---|---|
| [praxisbeispiele.json](praxisbeispiele.json) | {practices} als JSON |
| [praxisbeispiele.csv](praxisbeispiele.csv) | dieselben als CSV-Tabelle |
| [foerderprogramme.json](foerderprogramme.json) | {programmes} als JSON |
| [foerderprogramme.csv](foerderprogramme.csv) | dieselben als CSV-Tabelle |
| [practice.schema.json](practice.schema.json) | JSON-Schema eines Praxisbeispiels |
| [programme.schema.json](programme.schema.json) | JSON-Schema eines Förderprogramms |
| [feed.xml](feed.xml) | Atom-Feed der {FEED_SIZE} neuesten Einträge |
| [katalog.rdf](katalog.rdf) | Datenkatalog nach DCAT-AP.de (RDF/XML) |
| [katalog.jsonld](katalog.jsonld) | derselbe Katalog als JSON-LD |

## Lizenz und Namensnennung

Die Daten stehen unter der Lizenz [{licence.title} ({licence.name})]({licence.url}).
{credit}

## Datenkatalog für GovData und andere Portale

Der Datenkatalog beschreibt die Daten nach dem deutschen Metadatenstandard
[DCAT-AP.de](https://www.dcat-ap.de), den auch [GovData](https://www.govdata.de), das
Datenportal für Deutschland, verwendet: einen Katalog mit je einem Datensatz für die
Praxisbeispiele und die Förderprogramme, und zu jedem Datensatz die Dateien oben
(„Distributionen“) mit Adresse, Format und Lizenz. Jeder Datensatz nennt das Land, für das
die Datenbank geführt wird (politische Geokodierung), die Themen „Bevölkerung und
Gesellschaft“ und „Regierung und öffentlicher Sektor“ aus dem Themenvokabular der EU, die
Kontaktstelle und das Datum der Erfassung und der letzten Änderung.

So übernehmen Portale die Daten:

1. **GovData oder ein Open-Data-Portal des Landes:** Die betreibende Stelle meldet bei
   dem Portal die Adresse von `katalog.rdf` auf dieser Website als Quelle zum
   regelmäßigen Einsammeln („Harvesting“) an. Das Portal liest den Katalog dann selbst
   immer wieder ein; neue Einträge erscheinen dort nach dem nächsten Bau der Website.
2. **Portale mit JSON-LD** (etwa Suchmaschinen für Datensätze) lesen `katalog.jsonld`.

Fragen zur Übernahme der Daten beantwortet die betreibende Stelle (siehe Impressum).

## JSON

Jede Datei ist eine Liste von Einträgen. Jeder Eintrag enthält die Felder des
Front Matters (Daten im Format JJJJ-MM-TT, fehlende Angaben weggelassen) und dazu:
`slug` (Dateiname und Kennung), `kind` (`practice` oder `programme`), `url` (Adresse
der Seite) und `completeness` (Anteil der empfohlenen Angaben, 0 bis 1). Die
JSON-Schemas beschreiben die Felder des Front Matters.

## CSV für Tabellenkalkulationen

Die CSV-Dateien sind mit Semikolon getrennt und als UTF-8 mit BOM gespeichert, so dass
Excel und LibreOffice Umlaute richtig anzeigen. Jede Zeile hat dieselben Spalten;
verschachtelte Felder heißen z. B. `ort.name`, mehrere Werte in einer Zelle sind mit
` | ` getrennt, Dezimalzahlen haben ein Komma. Zellen, die mit `=`, `+`, `-` oder `@`
beginnen würden, erhalten ein vorangestelltes `'`, damit keine Formel ausgeführt wird:
eine Telefonnummer wie `+49 365 …` steht so als Text in der Zelle, mit allen Ziffern
unverändert. Wer die Daten maschinell weiterverarbeitet, nimmt am besten die JSON-Dateien.

## Feed und strukturierte Daten

Der Atom-Feed meldet neue Einträge, sortiert nach dem Datum der Erfassung. Jede
Eintragsseite enthält außerdem eine Beschreibung nach [schema.org](https://schema.org)
(JSON-LD) für Suchmaschinen.

Redaktionen erzeugen dieselben Dateien lokal mit
`praxis export --format csv --kind practice -o praxisbeispiele.csv`.
"""


def files(collection: Collection) -> list[GeneratedFile]:
    instance = collection.instance
    result: list[GeneratedFile] = []
    counts: dict[Kind, int] = {}
    for kind in (about.kind for about in KINDS.values()):
        rows = records(collection, [kind])
        counts[kind] = len(rows)
        name = f"daten/{FILE_NAMES[kind]}"
        result.append(GeneratedFile(f"{name}.json", json_text(rows)))
        result.append(GeneratedFile(f"{name}.csv", csv_text(rows, [kind])))
        schema = json_schema(kind, instance.vocabularies)
        result.append(
            GeneratedFile(
                f"daten/{kind}.schema.json", json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            )
        )
    result.append(GeneratedFile(FEED_PATH, feed(collection)))
    result += catalogue.files(collection)
    result.append(GeneratedFile("daten/index.md", page(collection, counts)))
    return result
