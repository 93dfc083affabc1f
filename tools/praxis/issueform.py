"""Submission without git: a GitHub issue form, and turning a filled form into a file.

One list of questions (`QUESTIONS`) drives both directions, so the form and the reader
cannot drift apart: `issue_form_text` writes the form with the German labels of the
vocabularies and the model's field descriptions; `read_answers` parses the issue body as
GitHub renders it (`### Label`, blank line, answer; `_No response_` when empty; several
dropdown choices joined by `, `) and `practice_from_answers` maps labels back to ids.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from praxis.config import Instance, fold
from praxis.errors import PraxisError
from praxis.fsutil import atomic_write
from praxis.load import load_bytes, load_collection
from praxis.model import BODY_SECTIONS, Practice
from praxis.problems import Problem
from praxis.scaffold import PRACTICE_SECTIONS
from praxis.validate import slugify, validate_new

FORM_PATH = ".github/ISSUE_TEMPLATE/praxisbeispiel.yml"
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
    _q("bundesland", "Land", "dropdown", "bundesland", vocabulary="bundeslaender"),
    _q("ort", "Ort", "input", "ort", "name"),
    _q("ort_ebene", "Räumliche Ebene", "dropdown", "ort", "ebene"),
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
    _q("status", "Stand", "dropdown", "status"),
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
            fold(title).replace(" ", "_"),
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
        model = _inner_model(field.annotation)
    return field, required


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _literal_values(annotation: Any) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    for arg in typing.get_args(annotation):
        found = _literal_values(arg)
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
    return [(value, CHOICE_LABELS.get(value, value)) for value in _literal_values(field.annotation)]


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
            "id": "einverstaendnis",
            "attributes": {
                "label": "Einverständnis",
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
    description = question.hint
    if question.path:
        field, _ = _field(question.path)
        description = " ".join(part for part in (field.description or "", question.hint) if part)
    if question.id in ("email", "telefon", "web"):
        description = f"{description} {REQUIRED_CONTACT}".strip()
    attributes: dict[str, Any] = {"label": question.label, "description": description}
    if question.kind == "dropdown":
        attributes["options"] = [label for _, label in choices(question, instance)]
        if question.multiple:
            attributes["multiple"] = True
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


# --- reading a filled form ----------------------------------------------------------


def read_answers(body: str) -> dict[str, str]:
    """Answers by question id; only known labels start a section, so `###` in text is kept."""
    by_label = {fold(q.label): q.id for q in QUESTIONS}
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = re.match(r"^###\s+(.+?)\s*$", line)
        if heading and fold(heading.group(1)) in by_label:
            current = answers.setdefault(by_label[fold(heading.group(1))], [])
        elif current is not None:
            current.append(line)
    result = {}
    for key, lines in answers.items():
        text = "\n".join(lines).strip()
        result[key] = "" if text in NO_RESPONSE else text
    return result


def _split_labels(text: str, known: list[str]) -> list[str]:
    """Labels of a multi-select answer; labels may themselves contain commas."""
    remaining, found = text.strip(), []
    while remaining:
        match = next(
            (
                label
                for label in sorted(known, key=len, reverse=True)
                if fold(remaining).startswith(fold(label))
                and remaining[len(label) : len(label) + 1] in ("", ",")
            ),
            None,
        )
        part = match if match else remaining.split(",", 1)[0]
        found.append(part.strip())
        remaining = remaining[len(part) :].lstrip(",").strip()
    return [part for part in found if part]


def _to_id(question: Question, instance: Instance, label: str) -> str:
    pairs = choices(question, instance)
    for term_id, term_label in pairs:
        if fold(label) in (fold(term_label), fold(term_id)):
            return term_id
    if question.vocabulary:
        suggestion = instance.vocabularies[question.vocabulary].suggest(label)
        if suggestion:
            return suggestion
    return label  # left for the validator, which names what is wrong


def _value(question: Question, instance: Instance, text: str) -> Any:
    if question.kind == "dropdown":
        labels = [label for _, label in choices(question, instance)]
        parts = _split_labels(text, labels) if question.multiple else [text]
        ids = [_to_id(question, instance, part) for part in parts]
        return ids if question.multiple else ids[0]
    if question.lines:
        items = (re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip() for line in text.split("\n"))
        return [item for item in items if item]
    if question.commas:
        return [part.strip() for part in text.split(",") if part.strip()]
    if question.path in (("laufzeit", "beginn"), ("laufzeit", "ende")) and text.isdigit():
        return int(text)
    return " ".join(text.split())  # front-matter text is one line


def _put(front: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = front
    for part, following in itertools.pairwise(path):
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
        else:
            node = node.setdefault(part, [] if isinstance(following, int) else {})
    node[path[-1]] = value


def match_programmes(names: list[str], programmes: dict[str, str]) -> tuple[list[str], list[str]]:
    """Slugs of the named programmes (by slug or title), and the names not found."""
    by_name = {fold(title): slug for slug, title in programmes.items()}
    by_name.update({slug: slug for slug in programmes})
    found = [by_name[fold(name)] for name in names if fold(name) in by_name]
    return found, [name for name in names if fold(name) not in by_name]


def practice_from_answers(
    answers: dict[str, str], instance: Instance, today: dt.date, entwurf: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """Front matter and body sections of the practice the form describes."""
    front: dict[str, Any] = {}
    sections: dict[str, str] = {}
    for question in QUESTIONS:
        text = answers.get(question.id, "")
        if not text:
            continue
        if question.section:
            sections[question.section] = text
        else:
            _put(front, question.path, _value(question, instance, text))
    front["redaktion"] = {"erfasst": today, **({"status": "entwurf"} if entwurf else {})}
    return front, sections


def render_practice(front: dict[str, Any], sections: dict[str, str]) -> str:
    """The file text: front matter in the form's order, then the body sections."""
    yaml_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=88)
    body = "\n".join(
        f"## {title}\n\n{sections.get(title) or f'<!-- {hint} -->'}\n"
        for title, hint in PRACTICE_SECTIONS.items()
    )
    return f"---\n{yaml_text}---\n\n{body}"


# --- the whole conversion -----------------------------------------------------------


@dataclass
class Conversion:
    """What `praxis from-issue` made of a form: the file, or why there is none."""

    rel: str
    written: bool
    errors: list[str]
    open_points: list[str]
    unknown_programmes: list[str]


def label_of_field(dotted: str) -> str:
    """The form label a validator field (`kontakt.email`, `traeger.0.art`) belongs to."""
    best = ""
    for question in QUESTIONS:
        path = ".".join(str(part) for part in question.path)
        if path and (dotted == path or dotted.startswith(path + ".")) and len(path) > len(best):
            best = path
            label = question.label
    if best:
        return label
    if dotted == "text" or not dotted:
        return "Text"
    top = dotted.split(".")[0]
    return next((q.label for q in QUESTIONS if q.path and q.path[0] == top), dotted)


def _explain(problem: Problem) -> str:
    return f"{label_of_field(problem.field)}: {problem.message}"


def convert(
    instance: Instance, body: str, today: dt.date, *, slug: str | None = None, entwurf: bool = False
) -> Conversion:
    """Read a filled form, validate the practice it describes, write it if it is valid."""
    answers = read_answers(body)
    if not any(answers.values()):
        raise PraxisError(
            "Der Text enthält keine Antworten des Formulars „Neues "
            "Praxisbeispiel“ (Abschnitte wie „### Titel“)."
        )
    front, sections = practice_from_answers(answers, instance, today, entwurf)
    collection = load_collection(instance)
    titles = {s: str(d.data.get("titel", s)) for s, d in collection.programmes.items()}
    found, unknown = match_programmes(front.pop("programme", []), titles)
    if found:
        front = _insert_after(
            front, "laufzeit" if "laufzeit" in front else "status", "programme", found
        )
    slug = slug or slugify(str(front.get("titel") or "praxisbeispiel"))
    path = instance.practices_dir / f"{slug}.md"
    rel = instance.relative(path)
    if path.exists():
        raise PraxisError(
            f"{rel} gibt es schon: nichts überschrieben. Bitte mit --slug "
            "einen anderen Dateinamen wählen."
        )
    text = render_practice(front, sections)
    doc = load_bytes(rel, "practice", path, text.encode("utf-8"))
    validate_new(collection, doc, today)
    errors = [_explain(p) for p in doc.problems if p.is_error]
    open_points = [_explain(p) for p in doc.problems if not p.is_error]
    if not errors:
        try:
            atomic_write(path, text, exclusive=True)
        except FileExistsError as exc:
            raise PraxisError(f"{rel} gibt es schon: nichts überschrieben.") from exc
    return Conversion(rel, not errors, errors, open_points, unknown)


def _insert_after(front: dict[str, Any], anchor: str, key: str, value: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, item in front.items():
        result[name] = item
        if name == anchor:
            result[key] = value
    result.setdefault(key, value)
    return result
