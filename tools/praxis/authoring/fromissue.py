"""`praxis from-issue`: a filled issue form becomes a practice file.

GitHub renders each answer of an issue form as `### Label`, a blank line and the answer;
`_No response_` stands for an empty answer and several dropdown choices are joined by
`, `. The questions and their labels come from `praxis.authoring.issueform`, so reading and
writing the form cannot drift apart. The file is validated against the whole instance and
written only when it has no errors, atomically and never over an existing file.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from praxis.authoring.issueform import (
    CONSENT_ID,
    CONSENT_LABEL,
    NO_RESPONSE,
    QUESTIONS,
    Question,
    choices,
)
from praxis.authoring.scaffold import PRACTICE_SECTIONS
from praxis.config import Instance, fold
from praxis.errors import PraxisError
from praxis.fsutil import atomic_write
from praxis.load.collection import load_bytes, load_collection
from praxis.problems import Problem
from praxis.validate.collection import require_slug, slugify, validate_new

# --- reading a filled form ----------------------------------------------------------


def read_answers(body: str) -> dict[str, str]:
    """Answers by question id; only known labels start a section, so `###` in text is kept."""
    by_label = {fold(q.label): q.id for q in QUESTIONS}
    by_label[fold(CONSENT_LABEL)] = CONSENT_ID  # read, so it ends the section before it
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)  # GitLab template hints
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
    slug = require_slug(slug) if slug else slugify(str(front.get("titel") or "praxisbeispiel"))
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


# --- the report -----------------------------------------------------------------------


def report_lines(result: Conversion) -> list[str]:
    """What `praxis from-issue` prints: the file made, or what is missing."""
    lines: list[str] = []
    if result.errors:
        lines.append(
            "Das Praxisbeispiel wurde nicht angelegt: "
            + (
                "1 Angabe fehlt oder ist ungültig."
                if len(result.errors) == 1
                else f"{len(result.errors)} Angaben fehlen oder sind ungültig."
            )
        )
        lines += [f"- {line}" for line in result.errors]
    else:
        lines.append(f"Angelegt: {result.rel}")
    if result.unknown_programmes:
        lines.append(
            "Förderprogramme, die es hier (noch) nicht gibt: "
            + ", ".join(result.unknown_programmes)
            + ". Bitte in der Datei ergänzen."
        )
    if result.open_points:
        lines.append("Noch offen (empfohlen, aber keine Pflicht):")
        lines += [f"- {line}" for line in result.open_points]
    return lines


def report_markdown(lines: list[str]) -> str:
    """The report as Markdown for an issue comment or a pull request body.

    It echoes what the form's author wrote, so all of it is one fenced code block whose
    fence is longer than any run of backticks inside: no answer can close the fence, and
    nothing in it becomes a link, an image, a mention or HTML."""
    text = "\n".join(lines).replace("\r", "")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}\n"
