"""The generated parts of CONTRIBUTING.md: field reference and validator messages.

Both are made from the running engine, so the guide cannot drift from it: the field
reference from the models' German descriptions and the instance's vocabularies, the
message table by validating deliberately broken copies of a valid practice and quoting
what the validator really says. `praxis contributing` rewrites only the text between the
marker comments; everything else in CONTRIBUTING.md belongs to the instance.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from praxis.authoring.docs_messages import example_practice, message_table
from praxis.authoring.issueform import literal_values
from praxis.config import Instance
from praxis.errors import PraxisError
from praxis.model.entries import MODELS, RECOMMENDED, nested_model
from praxis.model.fields import Vocab
from praxis.model.kinds import KINDS

BLOCKS = ("vorlage", "felder", "meldungen")
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


def vocabulary_of(annotation: Any, metadata: list[Any]) -> str:
    for item in metadata:
        if isinstance(item, Vocab):
            return item.name
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, Vocab):
            return item.name
    for arg in typing.get_args(annotation):
        found = vocabulary_of(arg, [])
        if found:
            return found
    return ""


def is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(
        is_list(arg)
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
    order = ORDER if not prefix else ()  # nested parts keep the model's order
    fields = sorted(
        model.model_fields.items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
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
        vocab = vocabulary_of(annotation, list(field.metadata))
        if vocab:
            values.append(f"Kürzel aus „{vocabularies[vocab].label}“ (unten)")
        literals = literal_values(annotation)
        if literals:
            values.append("eines von " + ", ".join(f"`{value}`" for value in literals))
        nested = nested_model(annotation)
        if is_list(annotation):
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
        parts += [
            f"### {KINDS[kind].label} (`content/{KINDS[kind].folder}/<name>.md`)",
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
        found = pattern.search(current)
        if found is None:
            raise PraxisError(
                f"CONTRIBUTING.md: die Markierung {start} … {end} fehlt. "
                "Bitte beide Zeilen wieder einfügen, dazwischen füllt "
                "`praxis contributing` den Text."
            )
        block = f"{start}\n\n{generated[name]}\n{end}"
        current = current[: found.start()] + block + current[found.end() :]
    return current


def contributing_path(instance: Instance) -> Path:
    return instance.root / "CONTRIBUTING.md"
