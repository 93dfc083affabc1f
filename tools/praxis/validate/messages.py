"""Pydantic's validation errors, said in German with a hint how to fix them."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from praxis.config import Vocabulary, fold
from praxis.load.collection import Loc
from praxis.model.entries import nested_model, vocabulary_name
from praxis.text import plural


def german_message(model: type[BaseModel], loc: Loc, error: Any) -> str:
    """The message for one pydantic error at `loc` of `model`."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    key = str(loc[-1]) if loc else ""
    if kind == "missing":
        return f"Pflichtfeld fehlt: bitte „{key}“ ergänzen."
    if kind == "extra_forbidden":
        known = _keys_at(model, loc[:-1])
        close = difflib.get_close_matches(fold(key), known, n=1, cutoff=0.6)
        hint = (
            f" Meinten Sie „{close[0]}“?" if close else (" Erlaubt sind: " + ", ".join(known) + ".")
        )
        if fold(key) != key.lower():
            hint += " Feldnamen schreiben sich ohne Umlaute und ß (ae, oe, ue, ss)."
        return f"Unbekanntes Feld „{key}“.{hint}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(value).lower(), allowed, n=1, cutoff=0.6)
        hint = f"Meinten Sie „{close[0]}“?" if close else "Erlaubt: " + ", ".join(allowed) + "."
        if isinstance(value, dict | list):
            return f"Ein einzelner Wert wird erwartet, gefunden: {_show(value)}. {hint}"
        return f"„{value}“ ist nicht zulässig. {hint}"
    if kind == "string_type":
        hint = (
            " Zahlen, Jahreszahlen und Ja/Nein als Text bitte in Anführungszeichen setzen."
            if isinstance(value, int | float | bool)
            else ""
        )
        return f"Text erwartet, gefunden: {_show(value)}.{hint}"
    if kind == "string_too_short":
        return f"Zu kurz: {len(str(value))} Zeichen, mindestens {ctx['min_length']} Zeichen nötig."
    if kind == "string_too_long":
        return f"Zu lang: {len(str(value))} Zeichen, höchstens {ctx['max_length']} erlaubt."
    if kind == "string_pattern_mismatch":
        return (
            f"„{value}“ ist kein gültiger Verweis: Dateiname ohne .md, nur "
            "Kleinbuchstaben, Ziffern und Bindestriche."
        )
    if kind in ("list_type", "tuple_type"):
        return (
            "Liste erwartet: jede Angabe in eine eigene Zeile, eingerückt und mit „- “ "
            f"davor. Gefunden: {_show(value)}."
        )
    if kind == "too_short":
        return f"Mindestens {plural(int(ctx.get('min_length', 1)), 'Angabe', 'Angaben')} nötig."
    if kind == "too_long":
        return f"Höchstens {plural(int(ctx.get('max_length', 1)), 'Angabe', 'Angaben')} erlaubt."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        example = next(iter(_keys_at(model, loc)), "name")
        return (
            "Hier werden Unterfelder erwartet, eingerückt unter dem Feld, z. B. "
            f"„  {example}: …“. Gefunden: {_show(value)}."
        )
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        return f"Zahl erwartet, gefunden: {_show(value)}. Ohne Einheit und Tausenderpunkte."
    if kind == "greater_than_equal":
        return f"Die Zahl muss mindestens {_number(ctx.get('ge'))} sein."
    if kind == "greater_than":
        return f"Die Zahl muss größer als {_number(ctx.get('gt'))} sein."
    if kind == "less_than_equal":
        return f"Die Zahl darf höchstens {_number(ctx.get('le'))} sein."
    if kind == "less_than":
        return f"Die Zahl muss kleiner als {_number(ctx.get('lt'))} sein."
    if kind == "finite_number":
        return f"Zahl erwartet, gefunden: {_show(value)}. Bitte eine endliche Zahl angeben."
    if kind in ("bool_type", "bool_parsing"):
        return f"Ungültiger Wert: {_show(value)}."
    return str(error["msg"])  # our own PydanticCustomError messages are German already


def field_label(model: type[BaseModel], loc: Loc, vocabularies: dict[str, Vocabulary]) -> str:
    """A key path with list positions as a contributor counts them: `quellen.0.url` is
    „1. Quelle, url“, `handlungsfelder.1` „2. Handlungsfeld“; "" without positions. The
    noun is the list item's vocabulary label or model title."""
    if not any(isinstance(part, int) for part in loc):
        return ""
    segments: list[str] = []
    keys: list[str] = []
    current: type[BaseModel] | None = model
    noun = ""
    for part in loc:
        if isinstance(part, int):
            if noun:  # the noun stands for the list's key; keys before it stay
                segments += [".".join(keys[:-1])] if keys[:-1] else []
                segments.append(f"{part + 1}. {noun}")
            else:
                segments.append(f"{part + 1}. Angabe in {'.'.join(keys)}")
            keys = []
            continue
        keys.append(str(part))
        field = current.model_fields.get(part) if current else None
        current = nested_model(field.annotation) if field else None
        noun = _item_noun(field.annotation, vocabularies) if field else ""
    if keys:
        segments.append(".".join(keys))
    return ", ".join(segments)


def _item_noun(annotation: Any, vocabularies: dict[str, Vocabulary]) -> str:
    """What one item of a list field is called: its own title, vocabulary or model."""
    items = typing.get_args(annotation) if typing.get_origin(annotation) is list else ()
    if not items:
        return ""
    for meta in getattr(items[0], "__metadata__", ()):
        if isinstance(meta, FieldInfo) and meta.title:
            return meta.title
    vocab = vocabulary_name(items[0])
    if vocab and vocab in vocabularies:
        return vocabularies[vocab].label
    model = nested_model(items[0])
    return str(model.model_config.get("title") or model.__name__) if model else ""


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "Unterfelder"
    if isinstance(value, list):
        return "eine Liste"
    if value is None:
        return "nichts (leerer Wert)"
    if isinstance(value, bool):
        return "„true“" if value else "„false“"
    return f"„{value}“"


def _keys_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at `loc`, for "Meinten Sie …?" on unknown keys."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = nested_model(field.annotation) if field else None
    return list(current.model_fields) if current else []
