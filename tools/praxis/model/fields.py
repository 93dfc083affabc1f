"""Field types of the content model: constrained values with German error messages.

Each type carries its own validator (raising a `PydanticCustomError` whose message is
already German) and, where pydantic cannot derive it, its JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX = 80
GERMANY_LAT = (47.2, 55.1)
GERMANY_LON = (5.8, 15.1)
_ZEITPUNKT = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|\]\(")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


# --- field types --------------------------------------------------------------------


class Vocab:
    """Marks a str field as a term id of the named vocabulary."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        result = handler(schema)
        result["x-vocabulary"] = self.name
        return result

    def _check(self, value: str, info: ValidationInfo) -> str:
        vocabularies = (info.context or {}).get("vocabularies")
        if vocabularies is None or value in vocabularies[self.name]:
            return value
        vocab = vocabularies[self.name]
        suggestion = vocab.suggest(value)
        hint = (
            f" Meinten Sie „{suggestion}“?"
            if suggestion
            else (" Zulässig sind: " + ", ".join(t.id for t in vocab) + ".")
        )
        raise PydanticCustomError(
            "vocabulary",
            "„{value}“ ist kein Begriff des Vokabulars „{vocab}“.{hint}",
            {"value": value, "vocab": vocab.label, "hint": hint},
        )


def _http_url(value: str) -> str:
    if _URL.match(value):
        return value
    if re.search(r"\s", value):
        reason = "sie enthält ein Leerzeichen. Bitte das Leerzeichen entfernen."
    elif re.match(r"^https?://", value):
        reason = (
            "nach dem http:// oder https:// fehlt der Name der Website (z. B. www.beispiel.de)."
        )
    else:
        reason = "sie muss mit http:// oder https:// beginnen."
        if "://" not in value and _URL.match(f"https://{value}"):
            reason += f" Meinten Sie „https://{value}“?"
    raise PydanticCustomError(
        "url", "„{value}“ ist keine Web-Adresse: {reason}", {"value": value, "reason": reason}
    )


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise PydanticCustomError(
            "email",
            "„{value}“ ist keine E-Mail-Adresse (Form: name@beispiel.de).",
            {"value": value},
        )
    return value


def _plain(value: str, control: re.Pattern[str] = _CONTROL) -> str:
    """Plain text: no markup (tags, entities, Markdown links) and no control characters,
    because the site, the feed and the data files print it as text."""
    markup = _MARKUP.search(value)
    if markup:
        raise PydanticCustomError(
            "plain_text",
            "„{found}“ (Zeichen {at}): hier bitte reinen Text ohne HTML, HTML-Entities "
            "und Markdown-Links schreiben; Sonderzeichen direkt, z. B. „&“ statt „&amp;“.",
            {"found": markup.group(), "at": markup.start() + 1},
        )
    bad = control.search(value)
    if bad:
        what = "Zeilenumbruch" if bad.group() in "\n\r\u2028\u2029" else "Steuerzeichen"
        raise PydanticCustomError(
            "control_character",
            "{what} (U+{code:04X}) an Stelle {at}: in diesem Feld nicht erlaubt, bitte "
            "entfernen{hint}.",
            {
                "what": what,
                "code": ord(bad.group()),
                "at": bad.start() + 1,
                "hint": " und alles in eine Zeile schreiben" if what == "Zeilenumbruch" else "",
            },
        )
    return value


def _plain_line(value: str) -> str:
    return _plain(value, _CONTROL_OR_NEWLINE)


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError(
        "date",
        "„{value}“ ist kein Datum: bitte als JJJJ-MM-TT schreiben, z. B. 2024-03-15.",
        {"value": value},
    )


def _zeitpunkt(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip() if isinstance(value, int | str) else ""
    if isinstance(value, bool) or not _ZEITPUNKT.match(text):
        raise PydanticCustomError(
            "zeitpunkt",
            "„{value}“ ist kein Zeitpunkt: bitte ein "
            "Jahr (2019) oder Jahr und Monat (2019-04) angeben.",
            {"value": value},
        )
    return text


def _ags(value: Any) -> str:
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{8}", text):
        hint = (
            ' Beginnt der Schlüssel mit 0, bitte in Anführungszeichen schreiben, z. B. "06411000".'
            if isinstance(value, int)
            else ""
        )
        raise PydanticCustomError(
            "ags",
            "„{value}“ ist kein Amtlicher Gemeindeschlüssel: er hat genau 8 Ziffern.{hint}",
            {"value": value, "hint": hint},
        )
    return text


def _in_germany(value: tuple[float, float]) -> tuple[float, float]:
    lat, lon = value
    if GERMANY_LAT[0] <= lat <= GERMANY_LAT[1] and GERMANY_LON[0] <= lon <= GERMANY_LON[1]:
        return value
    hint = " Breite und Länge vertauscht?" if GERMANY_LAT[0] <= lon <= GERMANY_LAT[1] else ""
    raise PydanticCustomError(
        "koordinaten",
        "[{lat}, {lon}] liegt nicht in Deutschland (Breite 47,2–55,1, Länge 5,8–15,1).{hint}",
        {"lat": lat, "lon": lon, "hint": hint},
    )


def Text(low: int, high: int, description: str) -> Any:
    return Field(min_length=low, max_length=high, description=description)


Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[
    Str,
    AfterValidator(_http_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
Email = Annotated[
    Str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})
]
Datum = Annotated[
    dt.date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})
]
Zeitpunkt = Annotated[
    str,
    BeforeValidator(_zeitpunkt),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2100},
                {"type": "string", "pattern": _ZEITPUNKT.pattern},
            ]
        }
    ),
]
Ags = Annotated[
    str,
    BeforeValidator(_ags),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{8}$"},
                {"type": "integer", "minimum": 10000000, "maximum": 99999999},
            ]
        }
    ),
]
Koordinaten = Annotated[tuple[float, float], AfterValidator(_in_germany)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX)]
Land = Annotated[str, Vocab("bundeslaender")]
Handlungsfeld = Annotated[str, Vocab("handlungsfelder")]
Zielgruppe = Annotated[str, Vocab("zielgruppen")]
Traegerart = Annotated[str, Vocab("traegerarten")]
Finanzierungsquelle = Annotated[str, Vocab("finanzierungsquellen")]
# Text fields: `PlainLine` for titles and names (one line), `PlainText` where a
# paragraph may span lines. Neither holds markup or control characters.
# (The length constraint comes last, so that a field's own `Text(low, high)` replaces it.)
PlainText = Annotated[str, AfterValidator(_plain), StringConstraints(min_length=1)]
PlainLine = Annotated[str, AfterValidator(_plain_line), StringConstraints(min_length=1)]
