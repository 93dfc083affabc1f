"""Stage 2, validate: check every loaded entry against the content model.

Every problem is collected on its document, with file, line, field and a German
message saying how to fix it; nothing stops at the first error. Valid entries get their
model object (`doc.entry`) and completeness score for the stages after this one.

Each entry's own checks (`_check_entry`: slug, model, body, recommended parts) come
first; a valid entry is then stored in the entry cache (`praxis.load.cache`), and one
restored from it (`doc.cached`) skips them. The checks that depend on the day (stale
dates) or on other entries (references, duplicates) run for every entry in every run.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import difflib
import functools
import re
from typing import Annotated, Any

import click
from pydantic import BaseModel, TypeAdapter, ValidationError

from praxis.config import fold
from praxis.load.cache import EntryCache
from praxis.load.collection import Collection, Document, Loc, paused_gc
from praxis.model.entries import (
    BODY_SECTIONS,
    CROSS_FIELD_RULES,
    MODELS,
    RECOMMENDED,
    SLUG_MAX,
    SLUG_PATTERN,
)
from praxis.model.fields import PlainText
from praxis.model.kinds import KINDS
from praxis.validate.bodies import BodyChecker, Positions, site_extensions
from praxis.validate.duplicates import check_duplicates, sketch
from praxis.validate.messages import field_label, german_message

STALE_MONTHS = 24
PLAIN_TEXT: TypeAdapter[str] = TypeAdapter(PlainText)
_HEADING = re.compile(r"##[ \t]+(.+)")


def validate_collection(collection: Collection, today: dt.date | None = None) -> None:
    """Check every document; afterwards each carries its problems and, if valid, its entry
    (the same with and without the entry cache)."""
    with paused_gc():
        _validate(collection, today or dt.date.today())


def _validate(collection: Collection, today: dt.date) -> None:
    context = {"vocabularies": collection.instance.vocabularies}
    bodies = BodyChecker(site_extensions(collection.instance))
    for doc in collection.documents:
        if doc.cached:  # its own checks were made before it was cached (load.cache)
            _check_dates(doc, doc.entry, today)
        else:
            _check_entry(doc, context, today, bodies, collection.cache)
    for page in collection.pages:
        _check_page(page, bodies)
    _check_references(collection)
    check_duplicates(collection)
    for doc in collection.documents:
        _label_positions(doc, collection.instance.vocabularies)


def _check_entry(
    doc: Document,
    context: dict[str, Any],
    today: dt.date,
    bodies: BodyChecker,
    cache: EntryCache | None,
) -> None:
    """One entry's own checks. A valid entry is cached before the date checks, which
    depend on the day and run for every entry in every run."""
    _check_slug(doc)
    if not doc.readable:
        return
    entry, failed = _check_document(doc, context, bodies)
    if doc.kind == "practice":
        doc.sketch = sketch(doc)
    if cache is not None and doc.entry is not None:
        cache.store(doc)
    if not failed & {"status", "laufzeit", "redaktion"}:
        _check_dates(doc, entry, today)


def _check_document(
    doc: Document, context: dict[str, Any], bodies: BodyChecker
) -> tuple[Any, set[str | int]]:
    """The model, the body and the recommended parts; returns the entry (a partial one
    of the valid fields if the model has errors) and the fields with errors."""
    model = MODELS[doc.kind]
    try:
        doc.entry = model.model_validate(doc.data, context=context)
        entry, failed = doc.entry, set[str | int]()
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors:
            _report(doc, model, error)
        failed = {error["loc"][0] for error in errors if error["loc"]}
        valid = _valid_fields(doc, model, failed, context)
        _check_cross_fields(doc, valid, context)
        # The warnings of an entry with errors are reported too, on a partial entry of
        # its valid fields; those of a field with an error wait for its fix.
        entry = model.model_construct(**valid)
    _check_body(doc, bodies)
    _check_recommended(doc, entry, failed)
    return entry, failed


# --- model errors in German ---------------------------------------------------------


def _report(doc: Document, model: type[BaseModel], error: Any) -> None:
    loc: Loc = tuple(error["loc"]) + tuple((error.get("ctx") or {}).get("loc", ()))
    doc.add("error", loc, german_message(model, loc, error))


def _valid_fields(
    doc: Document, model: type[BaseModel], failed: set[str | int], context: dict[str, Any]
) -> dict[str, Any]:
    """The fields that are valid on their own (absent optional ones with their default)."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in failed:
            continue
        if name in doc.data:
            try:
                values[name] = field_adapter(model, name).validate_python(
                    doc.data[name], context=context
                )
            except ValidationError:
                continue
        elif not info.is_required():
            values[name] = info.get_default(call_default_factory=True)
    return values


def _check_cross_fields(doc: Document, values: dict[str, Any], context: dict[str, Any]) -> None:
    """Run the cross-field rules on the fields that are valid on their own.

    Pydantic skips a model's after-validator as soon as any field fails, which would hide
    e.g. an AGS/Land mismatch behind an unrelated error until the next run.
    """
    reported = {(p.field, p.message) for p in doc.problems}
    for loc, message in CROSS_FIELD_RULES[doc.kind](values, context):
        if (".".join(loc), message) not in reported:
            doc.add("error", loc, message)


@functools.cache
def field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotated: Any = Annotated[info.annotation, info]
    return TypeAdapter(annotated)


# --- file-level and body checks -----------------------------------------------------


# MkDocs publishes `index.md` as its folder's page (`practices/`), not at the address
# every link to an entry has (`practices/index/`).
FOLDER_PAGE = "index"


def is_slug(text: str) -> bool:
    return (
        len(text) <= SLUG_MAX
        and re.fullmatch(SLUG_PATTERN, text) is not None
        and text != FOLDER_PAGE
    )


def require_slug(slug: str, option: str = "--slug") -> str:
    """The one check of a slug a command is given (`--slug`, `--programm`): a slug is
    also a file name, so this keeps every file inside its folder (no `../`, no `/`)."""
    if not is_slug(slug):
        raise click.BadParameter(
            f"„{slug}“ taugt nicht als Kürzel und Dateiname: nur Kleinbuchstaben a–z, "
            f"Ziffern und einzelne Bindestriche, höchstens {SLUG_MAX} Zeichen. "
            f"Vorschlag: „{slugify(slug)}“.",
            param_hint=option,
        )
    return slug


def _check_slug(doc: Document) -> None:
    if is_slug(doc.slug):
        return
    why = (
        "ist für Einträge nicht möglich: MkDocs macht daraus die Seite des Ordners, und "
        "die Links auf den Eintrag gingen ins Leere"
        if doc.slug == FOLDER_PAGE
        else f"ist ungültig: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, höchstens "
        f"{SLUG_MAX} Zeichen"
    )
    doc.add(
        "error",
        "slug",
        f"Dateiname „{doc.slug}.md“ {why}. Vorschlag: „{slugify(doc.slug)}.md“.",
        at=(1, 1),
    )


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:SLUG_MAX].strip("-") or "eintrag"
    return f"{slug}-eintrag" if slug == FOLDER_PAGE else slug


def _check_body(doc: Document, bodies: BodyChecker) -> None:
    """What the sanitizer would remove, attribute lists, personal e-mail addresses."""
    for problem in bodies.check(doc.body):
        at = (doc.body_line + problem.line - 1, problem.column)
        doc.add(problem.severity, "text", problem.message, at=at)


def _check_page(page: Document, bodies: BodyChecker) -> None:
    """A hand-written page: the same body checks as an entry, and a plain-text title."""
    for key in ("title", "description"):
        value = page.data.get(key)
        if value is None:
            continue
        try:
            PLAIN_TEXT.validate_python(value)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                page.add("error", key, error["msg"])
    if page.readable:
        _check_body(page, bodies)


def _check_recommended(doc: Document, entry: Any, failed: set[str | int]) -> None:
    checks = RECOMMENDED[doc.kind]
    sections = BODY_SECTIONS[doc.kind]
    present = 0
    for path, test, hint in checks:
        if path.split(".")[0] in failed:
            continue  # the field has an error, reported already
        if test(entry):
            present += 1
        else:
            doc.add("warning", path, hint)
    empty = set()
    positions = Positions(doc.body) if doc.empty_sections else None
    for title, start, _ in doc.empty_sections:
        empty.add(title)
        assert positions is not None
        line, column = positions.at(start)
        doc.add(
            "warning",
            "text",
            f"Abschnitt „{title}“ ist leer: bitte ausfüllen oder die Überschrift löschen. "
            "Leere Abschnitte werden nicht veröffentlicht.",
            at=(doc.body_line + line - 1, column),
        )
    headings = _headings(doc.body)
    for section in sections:
        if section in headings and section not in empty:
            present += 1
        elif section not in empty:
            doc.add(
                "warning", "text", f"Abschnitt „## {section}“ fehlt im Text.", at=(doc.body_line, 1)
            )
    doc.completeness = present / (len(checks) + len(sections))


def _headings(body: str) -> set[str]:
    """Second-level headings (`## Titel`), found with str.find, which is fast on long text."""
    found = set()
    text = "\n" + body
    start = text.find("\n##")
    while start >= 0:
        end = text.find("\n", start + 1)
        match = _HEADING.fullmatch(text, start + 1, end if end >= 0 else len(text))
        if match:
            found.add(match.group(1).strip())
        start = text.find("\n##", start + 1)
    return found


def _label_positions(doc: Document, vocabularies: dict[str, Any]) -> None:
    """Say list positions as contributors count them ("1. Quelle") in the problems."""
    model = MODELS[doc.kind]
    doc.problems = [
        dataclasses.replace(p, where=field_label(model, _loc(p.field), vocabularies))
        if any(c.isdigit() for c in p.field)
        else p
        for p in doc.problems
    ]


def _loc(dotted: str) -> Loc:
    return tuple(int(part) if part.isdigit() else part for part in dotted.split("."))


def _months_before(today: dt.date, months: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def _before_this_month(zeitpunkt: str, today: dt.date) -> bool:
    year, _, month = zeitpunkt.partition("-")
    return (int(year), int(month or 12)) < (today.year, today.month)


def _check_dates(doc: Document, entry: Any, today: dt.date) -> None:
    running = {"practice": "laufend", "programme": "aktiv"}[doc.kind]
    finished = {"practice": "abgeschlossen", "programme": "beendet"}[doc.kind]
    if entry.status == running and entry.ended() and _before_this_month(entry.laufzeit.ende, today):
        doc.add(
            "warning",
            "status",
            f"Status „{running}“, aber laufzeit.ende "
            f"({entry.laufzeit.ende}) liegt in der Vergangenheit: Status auf "
            f"„{finished}“ setzen oder das Ende anpassen.",
        )
    key = "geprueft" if entry.redaktion.geprueft else "erfasst"
    checked = getattr(entry.redaktion, key)
    if checked < _months_before(today, STALE_MONTHS):
        doc.add(
            "warning",
            f"redaktion.{key}",
            f"Zuletzt geprüft am {checked.isoformat()}, "
            f"vor mehr als {STALE_MONTHS} Monaten: bitte die Angaben prüfen und "
            f"redaktion.geprueft auf das heutige Datum setzen.",
        )


# --- across documents ---------------------------------------------------------------


def _check_references(collection: Collection) -> None:
    targets = {"programme": collection.programmes, "practice": collection.practices}
    for doc in collection.documents:
        if doc.kind != "practice" or doc.entry is None:
            continue
        links = [("programme", "programme", s) for s in doc.entry.programme]
        links += [("practice", "uebertragen_von", s) for s in doc.entry.uebertragen_von]
        for kind, key, slug in links:
            index = getattr(doc.entry, key).index(slug)
            known = targets[kind]
            folder = KINDS[kind].folder
            if kind == "practice" and slug == doc.slug:
                doc.add(
                    "error",
                    (key, index),
                    "Ein Praxisbeispiel kann nicht von sich selbst übertragen sein.",
                )
            elif slug not in known:
                close = difflib.get_close_matches(slug, list(known), n=1, cutoff=0.6)
                hint = f" Meinten Sie „{close[0]}“?" if close else ""
                doc.add(
                    "error",
                    (key, index),
                    f"„{slug}“ gibt es nicht (keine Datei content/{folder}/{slug}.md).{hint}",
                )
            elif doc.published and not known[slug].published:
                doc.add(
                    "warning",
                    (key, index),
                    f"„{slug}“ ist ein Entwurf und wird nicht "
                    "veröffentlicht: der Verweis bleibt auf der Website unsichtbar.",
                )


def validate_new(collection: Collection, doc: Document, today: dt.date | None = None) -> None:
    """Check a not-yet-written entry against the rest of the instance."""
    collection.documents = [d for d in collection.documents if d.path != doc.path] + [doc]
    validate_collection(collection, today)
