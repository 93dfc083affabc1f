"""Submission without git: a GitHub issue form, and turning a filled form into a file.

One list of questions (`QUESTIONS`) drives both directions, so the form and the reader
cannot drift apart: `issue_form_text` writes the form with the German labels of the
vocabularies and the model's field descriptions; `read_answers` parses the issue body as
GitHub renders it (`### Label`, blank line, answer; `_No response_` when empty; several
dropdown choices joined by `, `) and `practice_from_answers` maps labels back to ids.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from praxis.authoring.scaffold import PRACTICE_SECTIONS
from praxis.config import Instance, fold
from praxis.model.entries import BODY_SECTIONS, Practice, nested_model

FORM_PATH = ".github/ISSUE_TEMPLATE/praxisbeispiel.yml"
GITLAB_PATH = ".gitlab/issue_templates/Praxisbeispiel.md"  # GitLab has no forms: headings
LABEL = "praxisbeispiel"
NO_RESPONSE = {"_No response_", "None", ""}
CHOICE_LABELS = {  # German labels of the model's fixed choices, where the id is not enough
    "kreis": "Landkreis oder Kreis",
    "kommune": "Stadt oder Gemeinde",
    "quartier": "Quartier oder Stadtteil",
    "land": "ganzes Land",
    "laufend": "läuft",
    "selbsteinschaetzung": "Selbsteinschätzung",
    "keine": "kein Nachweis",
}
CONSENT_ID, CONSENT_LABEL = "einverstaendnis", "Einverständnis"
SECTION_LABELS = {"Ergebnisse": "Ergebnisse ausführlich"}


@dataclass(frozen=True)
class Question:
    """One form field; `path` is where its answer goes in the front matter."""

    id: str
    label: str
    kind: str  # input | textarea | dropdown
    path: tuple[str | int, ...] = ()
    vocabulary: str = ""
    multiple: bool = False
    lines: bool = False  # textarea: one list item per line
    commas: bool = False  # input: a list separated by commas
    section: str = ""  # a body section instead of a front-matter key
    hint: str = ""
    description: str = ""  # replaces the model's, where that speaks of ids, not labels


def _q(id: str, label: str, kind: str, *path: str | int, **options: Any) -> Question:
    return Question(id, label, kind, tuple(path), **options)


QUESTIONS: tuple[Question, ...] = (
    _q("titel", "Titel", "input", "titel"),
    _q(
        "kurzbeschreibung",
        "Kurzbeschreibung",
        "textarea",
        "kurzbeschreibung",
        hint="Zwei bis vier Sätze: was, wo, für wen, mit welchem Ergebnis.",
    ),
    _q(
        "bundesland",
        "Land",
        "dropdown",
        "bundesland",
        vocabulary="bundeslaender",
        description="Land, in dem das Praxisbeispiel umgesetzt wird.",
    ),
    _q("ort", "Ort", "input", "ort", "name"),
    _q(
        "ort_ebene",
        "Räumliche Ebene",
        "dropdown",
        "ort",
        "ebene",
        description="Wirkt das Praxisbeispiel im ganzen Land, im Kreis, in der Stadt oder "
        "in einem Quartier?",
    ),
    _q("quartier", "Quartier oder Stadtteil", "input", "ort", "quartier"),
    _q("traeger", "Träger", "input", "traeger", 0, "name"),
    _q(
        "traeger_art", "Art des Trägers", "dropdown", "traeger", 0, "art", vocabulary="traegerarten"
    ),
    _q(
        "handlungsfelder",
        "Handlungsfelder",
        "dropdown",
        "handlungsfelder",
        vocabulary="handlungsfelder",
        multiple=True,
    ),
    _q(
        "zielgruppen",
        "Zielgruppen",
        "dropdown",
        "zielgruppen",
        vocabulary="zielgruppen",
        multiple=True,
    ),
    _q(
        "status",
        "Stand",
        "dropdown",
        "status",
        description="Ist das Vorhaben geplant, läuft es noch oder ist es abgeschlossen?",
    ),
    _q("beginn", "Beginn", "input", "laufzeit", "beginn"),
    _q("ende", "Ende", "input", "laufzeit", "ende"),
    _q(
        "programme",
        "Förderprogramme",
        "input",
        "programme",
        commas=True,
        hint="Titel der Programme, durch Kommas getrennt; die Redaktion ordnet sie zu.",
    ),
    _q(
        "ergebnisse",
        "Ergebnisse in Stichworten",
        "textarea",
        "wirkung",
        "ergebnisse",
        lines=True,
        hint="Ein Ergebnis je Zeile.",
    ),
    _q("evidenz", "Nachweis der Wirkung", "dropdown", "wirkung", "evidenz"),
    _q("einschaetzung", "Übertragbarkeit", "dropdown", "uebertragbarkeit", "einschaetzung"),
    _q(
        "voraussetzungen",
        "Voraussetzungen",
        "textarea",
        "uebertragbarkeit",
        "voraussetzungen",
        lines=True,
        hint="Eine Voraussetzung je Zeile.",
    ),
    _q(
        "erfolgsfaktoren",
        "Erfolgsfaktoren",
        "textarea",
        "uebertragbarkeit",
        "erfolgsfaktoren",
        lines=True,
        hint="Ein Erfolgsfaktor je Zeile.",
    ),
    _q(
        "stolpersteine",
        "Stolpersteine",
        "textarea",
        "uebertragbarkeit",
        "stolpersteine",
        lines=True,
        hint="Eine Schwierigkeit je Zeile. Sie helfen anderen Kommunen am meisten.",
    ),
    _q("organisation", "Kontakt: Organisation", "input", "kontakt", "organisation"),
    _q("email", "Kontakt: E-Mail", "input", "kontakt", "email"),
    _q("telefon", "Kontakt: Telefon", "input", "kontakt", "telefon"),
    _q("web", "Kontakt: Web-Adresse", "input", "kontakt", "web"),
    _q("quelle", "Quelle", "input", "quellen", 0, "titel"),
    _q("quelle_url", "Adresse der Quelle", "input", "quellen", 0, "url"),
    _q(
        "schlagworte",
        "Schlagworte",
        "input",
        "schlagworte",
        commas=True,
        hint="Durch Kommas getrennt.",
    ),
    *(
        _q(
            "text_" + fold(title).replace(" ", "_"),
            SECTION_LABELS.get(title, title),
            "textarea",
            section=title,
            hint=PRACTICE_SECTIONS.get(title, ""),
        )
        for title in BODY_SECTIONS["practice"]
    ),
)
REQUIRED_CONTACT = "Mindestens eine Kontaktmöglichkeit: E-Mail, Telefon oder Web-Adresse."


# --- the model behind a question ----------------------------------------------------


def _field(path: tuple[str | int, ...]) -> tuple[Any, bool]:
    """The pydantic field at `path`, and whether every step down to it is required."""
    model: type[BaseModel] | None = Practice
    field, required = None, True
    for part in path:
        if isinstance(part, int):
            continue
        assert model is not None, path
        field = model.model_fields[part]
        required = required and field.is_required()
        model = nested_model(field.annotation)
    return field, required


def literal_values(annotation: Any) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    for arg in typing.get_args(annotation):
        found = literal_values(arg)
        if found:
            return found
    return []


def is_required(question: Question) -> bool:
    return bool(question.path) and _field(question.path)[1]


def choices(question: Question, instance: Instance) -> list[tuple[str, str]]:
    """(id, label) of a dropdown, in vocabulary or model order."""
    if question.vocabulary:
        terms = instance.vocabularies[question.vocabulary]
        labels = [term.label for term in terms]
        return [
            (term.id, term.label if labels.count(term.label) == 1 else f"{term.label} ({term.id})")
            for term in terms
        ]
    field, _ = _field(question.path)
    return [(value, CHOICE_LABELS.get(value, value)) for value in literal_values(field.annotation)]


# --- writing the form ---------------------------------------------------------------


def issue_form_path(instance: Instance) -> Path:
    return instance.root / FORM_PATH


def issue_form(instance: Instance) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": (
                    "Mit diesem Formular schlagen Sie ein Praxisbeispiel für "
                    f"„{instance.name}“ vor. "
                    "Die Redaktion prüft Ihre Angaben und übernimmt sie. Pflichtangaben sind mit * "
                    "markiert; was Sie nicht wissen, lassen Sie bitte leer, statt zu schätzen.\n"
                )
            },
        }
    ]
    for question in QUESTIONS:
        body.append(_form_field(question, instance))
    body.append(
        {
            "type": "checkboxes",
            "id": CONSENT_ID,
            "attributes": {
                "label": CONSENT_LABEL,
                "options": [
                    {
                        "label": "Die Angaben stammen aus öffentlichen Quellen oder ich darf sie "
                        f"weitergeben; sie dürfen unter {instance.lizenz} "
                        "veröffentlicht werden.",
                        "required": True,
                    }
                ],
            },
        }
    )
    return {
        "name": "Neues Praxisbeispiel",
        "description": "Ein Praxisbeispiel vorschlagen, ohne git und ohne YAML.",
        "title": "Praxisbeispiel: ",
        "labels": [LABEL],
        "body": body,
    }


def _form_field(question: Question, instance: Instance) -> dict[str, Any]:
    description = question.description
    if question.path and not description:
        field, _ = _field(question.path)
        description = re.sub(r"\s*\(Vokabular \w+\)", "", field.description or "")
    description = " ".join(part for part in (description, question.hint) if part)
    if question.id in ("email", "telefon", "web"):
        description = f"{description} {REQUIRED_CONTACT}".strip()
    attributes: dict[str, Any] = {"label": question.label, "description": description}
    if question.kind == "dropdown":
        attributes["options"] = [label for _, label in choices(question, instance)]
        if question.multiple:
            attributes["multiple"] = True
        ids = [term_id for term_id, _ in choices(question, instance)]
        if question.vocabulary == "bundeslaender" and instance.bundesland in ids:
            attributes["default"] = ids.index(instance.bundesland)  # the instance's own Land
    field_spec: dict[str, Any] = {
        "type": question.kind,
        "id": question.id,
        "attributes": attributes,
    }
    if is_required(question):
        field_spec["validations"] = {"required": True}
    return field_spec


def issue_form_text(instance: Instance) -> str:
    header = (
        "# Erzeugt von `praxis issue-form` aus den Vokabularen und dem Modell. "
        "Nicht von Hand ändern.\n"
    )
    return header + yaml.safe_dump(
        issue_form(instance), allow_unicode=True, sort_keys=False, width=100
    )


def gitlab_template_text(instance: Instance) -> str:
    """The same questions as a GitLab issue template: answers go under the headings, which
    `praxis from-issue` reads like GitHub's rendering (the comments are dropped)."""
    parts = [
        f"<!-- Neues Praxisbeispiel für „{instance.name}“. Bitte unter jeder Überschrift "
        "antworten und die Überschriften nicht ändern. Pflichtangaben sind mit * markiert; "
        "was Sie nicht wissen, lassen Sie leer. Erzeugt von `praxis issue-form`. -->"
    ]
    for item in issue_form(instance)["body"][1:]:
        attributes = item["attributes"]
        notes = [attributes.get("description", "")]
        if item["type"] == "dropdown":
            many = "eine oder mehrere, mit Komma getrennt" if attributes.get("multiple") else "eine"
            notes.append(f"Auswahl ({many}): " + "; ".join(attributes["options"]) + ".")
        if item["type"] == "checkboxes":
            notes = [f"[x] ankreuzen: {option['label']}" for option in attributes["options"]]
        star = "* " if item.get("validations", {}).get("required") else ""
        note = " ".join(n for n in notes if n)
        parts.append(f"### {attributes['label']}\n\n<!-- {star}{note} -->\n")
    return "\n\n".join(parts) + "\n"


def form_files(instance: Instance) -> dict[Path, str]:
    """The GitHub issue form and the GitLab issue template, by path."""
    return {
        instance.root / FORM_PATH: issue_form_text(instance),
        instance.root / GITLAB_PATH: gitlab_template_text(instance),
    }
