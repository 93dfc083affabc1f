"""Stage 2, validate: check every loaded entry against the content model (§4).

Every problem is collected on its document, with file, line, field and a German
message saying how to fix it; nothing stops at the first error. Valid entries get their
model object (`doc.entry`) and completeness score for the stages after this one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import heapq
import re
import types
import typing
from collections import Counter, defaultdict
from typing import Any

from pydantic import BaseModel, ValidationError

from praxis.load import Collection, Document, Loc
from praxis.model import BODY_SECTIONS, MODELS, RECOMMENDED, SLUG_MAX, SLUG_PATTERN

STALE_MONTHS = 24
DUPLICATE_SIMILARITY = 0.8
_SKETCH_SIZE = 32
_WORD = re.compile(r"\w+")
_UNSAFE_HTML = [
    (re.compile(r"<\s*script\b", re.I), "<script>"),
    (re.compile(r"<\s*iframe\b", re.I), "<iframe>"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "on…=-Attribut"),
    (re.compile(r"javascript\s*:", re.I), "javascript:-Adresse"),
]
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}")
_ROLE_MAILBOXES = {"info", "kontakt", "post", "poststelle", "mail", "office", "service",
                   "buero", "sekretariat", "presse", "verwaltung", "team", "redaktion",
                   "zentrale", "hallo", "anfrage", "beratung"}


def validate_collection(collection: Collection, today: dt.date | None = None) -> None:
    """Check every document; afterwards each carries its problems and, if valid, its entry."""
    today = today or dt.date.today()
    context = {"vocabularies": collection.instance.vocabularies}
    for doc in collection.documents:
        _check_slug(doc)
        if doc.readable:
            _check_document(doc, context, today)
    _check_references(collection)
    _check_duplicates(collection)


def _check_document(doc: Document, context: dict[str, Any], today: dt.date) -> None:
    model = MODELS[doc.kind]
    try:
        doc.entry = model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            _report(doc, model, error)
    _check_body(doc)
    if doc.entry is not None:
        _check_recommended(doc)
        _check_dates(doc, today)


# --- model errors in German ---------------------------------------------------------

def _report(doc: Document, model: type[BaseModel], error: Any) -> None:
    loc: Loc = tuple(error["loc"]) + tuple((error.get("ctx") or {}).get("loc", ()))
    doc.add("error", loc, _message(model, loc, error))


def _message(model: type[BaseModel], loc: Loc, error: Any) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    key = str(loc[-1]) if loc else ""
    if kind == "missing":
        return f"Pflichtfeld fehlt: bitte „{key}“ ergänzen."
    if kind == "extra_forbidden":
        known = _keys_at(model, loc[:-1])
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f" Meinten Sie „{close[0]}“?" if close else (
            " Erlaubt sind: " + ", ".join(known) + ".")
        return f"Unbekanntes Feld „{key}“.{hint}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(value).lower(), allowed, n=1, cutoff=0.6)
        hint = f"Meinten Sie „{close[0]}“?" if close else "Erlaubt: " + ", ".join(allowed) + "."
        return f"„{value}“ ist nicht zulässig. {hint}"
    if kind == "string_type":
        hint = " Zahlen, Jahreszahlen und Ja/Nein als Text bitte in Anführungszeichen setzen." \
            if isinstance(value, int | float | bool) else ""
        return f"Text erwartet, gefunden: {_show(value)}.{hint}"
    if kind == "string_too_short":
        return (f"Zu kurz: {len(str(value))} Zeichen, mindestens {ctx['min_length']} "
                "Zeichen nötig.")
    if kind == "string_too_long":
        return f"Zu lang: {len(str(value))} Zeichen, höchstens {ctx['max_length']} erlaubt."
    if kind == "string_pattern_mismatch":
        return (f"„{value}“ ist kein gültiger Verweis: Dateiname ohne .md, nur "
                "Kleinbuchstaben, Ziffern und Bindestriche.")
    if kind in ("list_type", "tuple_type"):
        return ("Liste erwartet: jede Angabe in eine eigene Zeile, eingerückt und mit „- “ "
                f"davor. Gefunden: {_show(value)}.")
    if kind == "too_short":
        return f"Mindestens {ctx.get('min_length', 1)} Angabe(n) nötig."
    if kind == "too_long":
        return f"Höchstens {ctx.get('max_length')} Angaben erlaubt."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return ("Hier werden Unterfelder erwartet, eingerückt unter dem Feld, z. B. "
                f"„  name: …“. Gefunden: {_show(value)}.")
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        return f"Zahl erwartet, gefunden: {_show(value)}. Ohne Einheit und Tausenderpunkte."
    if kind in ("greater_than_equal", "greater_than"):
        return f"Die Zahl muss mindestens {ctx.get('ge', ctx.get('gt'))} sein."
    if kind in ("less_than_equal", "less_than"):
        return f"Die Zahl darf höchstens {ctx.get('le', ctx.get('lt'))} sein."
    if kind in ("finite_number", "bool_type", "bool_parsing"):
        return f"Ungültiger Wert: {_show(value)}."
    return str(error["msg"])  # our own PydanticCustomError messages are German already


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "Unterfelder"
    if isinstance(value, list):
        return "eine Liste"
    if value is None:
        return "nichts (leerer Wert)"
    return f"„{value}“"


def _keys_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at `loc`, for "Meinten Sie …?" on unknown keys."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _nested_model(field.annotation) if field else None
    return list(current.model_fields) if current else []


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found:
                return found
    return None


# --- file-level and body checks -----------------------------------------------------

def _check_slug(doc: Document) -> None:
    if re.match(SLUG_PATTERN, doc.slug) and len(doc.slug) <= SLUG_MAX:
        return
    suggestion = slugify(doc.slug)
    doc.add("error", "slug", f"Dateiname „{doc.slug}.md“ ist ungültig: nur Kleinbuchstaben "
            f"a–z, Ziffern und Bindestriche, höchstens {SLUG_MAX} Zeichen. Vorschlag: "
            f"„{suggestion}.md“.", at=(1, 1))


def slugify(text: str) -> str:
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:SLUG_MAX].strip("-") or "eintrag"


def _check_body(doc: Document) -> None:
    for offset, line in enumerate(doc.body.split("\n")):
        at_line = doc.body_line + offset
        for pattern, label in _UNSAFE_HTML:
            for match in pattern.finditer(line):
                doc.add("error", "text", f"{label} ist im Text nicht erlaubt, weil es "
                        "Programmcode im Browser ausführen kann: bitte entfernen.",
                        at=(at_line, match.start() + 1))
        for match in _EMAIL_IN_TEXT.finditer(line):
            local = match.group().split("@")[0].lower()
            if local not in _ROLE_MAILBOXES and re.search(r"[a-z][.\-_][a-z]", local):
                doc.add("warning", "text", f"„{match.group()}“ sieht nach einer persönlichen "
                        "E-Mail-Adresse aus: bitte nur Funktionsadressen (z. B. info@…) "
                        "in kontakt.email nennen.", at=(at_line, match.start() + 1))


def _check_recommended(doc: Document) -> None:
    checks = RECOMMENDED[doc.kind]
    sections = BODY_SECTIONS[doc.kind]
    present = 0
    for path, test, hint in checks:
        if test(doc.entry):
            present += 1
        else:
            doc.add("warning", path, hint)
    headings = {m.group(1).strip() for m in re.finditer(r"^##\s+(.+)$", doc.body, re.M)}
    for section in sections:
        if section in headings:
            present += 1
        else:
            doc.add("warning", "text", f"Abschnitt „## {section}“ fehlt im Text.",
                    at=(doc.body_line, 1))
    doc.completeness = present / (len(checks) + len(sections))


def _months_ago(date: dt.date, today: dt.date) -> int:
    return (today.year - date.year) * 12 + today.month - date.month - (today.day < date.day)


def _before_this_month(zeitpunkt: str, today: dt.date) -> bool:
    year, _, month = zeitpunkt.partition("-")
    return (int(year), int(month or 12)) < (today.year, today.month)


def _check_dates(doc: Document, today: dt.date) -> None:
    entry = doc.entry
    running = {"practice": "laufend", "programme": "aktiv"}[doc.kind]
    finished = {"practice": "abgeschlossen", "programme": "beendet"}[doc.kind]
    if entry.status == running and entry.ended() and _before_this_month(entry.laufzeit.ende,
                                                                        today):
        doc.add("warning", "status", f"Status „{running}“, aber laufzeit.ende "
                f"({entry.laufzeit.ende}) liegt in der Vergangenheit: Status auf "
                f"„{finished}“ setzen oder das Ende anpassen.")
    key = "geprueft" if entry.redaktion.geprueft else "erfasst"
    checked = getattr(entry.redaktion, key)
    if _months_ago(checked, today) >= STALE_MONTHS:
        doc.add("warning", f"redaktion.{key}", f"Zuletzt geprüft am {checked.isoformat()}, "
                f"vor mehr als {STALE_MONTHS} Monaten: bitte die Angaben prüfen und "
                f"redaktion.geprueft auf das heutige Datum setzen.")


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
            folder = "programmes" if kind == "programme" else "practices"
            if kind == "practice" and slug == doc.slug:
                doc.add("error", (key, index), "Ein Praxisbeispiel kann nicht von sich "
                        "selbst übertragen sein.")
            elif slug not in known:
                close = difflib.get_close_matches(slug, list(known), n=1, cutoff=0.6)
                hint = f" Meinten Sie „{close[0]}“?" if close else ""
                doc.add("error", (key, index), f"„{slug}“ gibt es nicht (keine Datei "
                        f"content/{folder}/{slug}.md).{hint}")
            elif doc.published and not known[slug].published:
                doc.add("warning", (key, index), f"„{slug}“ ist ein Entwurf und wird nicht "
                        "veröffentlicht: der Verweis bleibt auf der Website unsichtbar.")


def _sketch(doc: Document) -> frozenset[int]:
    text = f"{doc.data.get('kurzbeschreibung', '')} {doc.body}".lower()
    words = _WORD.findall(text)
    shingles = {hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2)}
    if len(shingles) < 20:
        return frozenset()
    return frozenset(heapq.nsmallest(_SKETCH_SIZE, shingles))


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Bottom-k estimate of the Jaccard similarity of two texts' word triples."""
    union = heapq.nsmallest(_SKETCH_SIZE, a | b)
    return sum(1 for h in union if h in a and h in b) / len(union) if union else 0.0


def _check_duplicates(collection: Collection) -> None:
    """Warn about practices whose text is nearly the same (a possible duplicate)."""
    docs = [d for d in collection.documents if d.kind == "practice" and d.readable]
    sketches = {d.rel: _sketch(d) for d in docs}
    holders: dict[int, list[Document]] = defaultdict(list)
    for doc in docs:
        for h in sketches[doc.rel]:
            holders[h].append(doc)
    for doc in docs:
        shared: Counter[str] = Counter()
        for h in sketches[doc.rel]:
            if len(holders[h]) <= 50:
                shared.update(other.rel for other in holders[h] if other is not doc)
        for other_rel, count in sorted(shared.items()):
            if count < _SKETCH_SIZE // 2:
                continue
            score = similarity(sketches[doc.rel], sketches[other_rel])
            if score >= DUPLICATE_SIMILARITY:
                doc.add("warning", "titel", f"Text fast gleich wie {other_rel} "
                        f"({round(score * 100)} % Übereinstimmung): ist es dasselbe "
                        "Praxisbeispiel? Dann bitte zusammenführen.")


def validate_new(collection: Collection, doc: Document, today: dt.date | None = None) -> None:
    """Check a not-yet-written entry against the rest of the instance."""
    collection.documents = [d for d in collection.documents if d.path != doc.path] + [doc]
    validate_collection(collection, today)
