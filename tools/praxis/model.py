"""The content model (§3), declared in one place.

Front-matter keys are German and lowercase ASCII, as contributors write them. Vocabulary
fields hold term ids; which ids exist is read from the instance's vocabulary files at
validation time (passed as pydantic context), never hard-coded here. Cross-field rules
report the key they concern through the error context (`loc`), so that the validator
can point at its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX = 80
GERMANY_LAT = (47.2, 55.1)
GERMANY_LON = (5.8, 15.1)
_ZEITPUNKT = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_TAG = re.compile(r"<[A-Za-z/!]")


# --- field types --------------------------------------------------------------------

class Vocab:
    """Marks a str field as a term id of the named vocabulary."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get_pydantic_core_schema__(self, source: Any,
                                     handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> dict[str, Any]:
        result = handler(schema)
        result["x-vocabulary"] = self.name
        return result

    def _check(self, value: str, info: ValidationInfo) -> str:
        vocabularies = (info.context or {}).get("vocabularies")
        if vocabularies is None or value in vocabularies[self.name]:
            return value
        vocab = vocabularies[self.name]
        suggestion = vocab.suggest(value)
        hint = f" Meinten Sie „{suggestion}“?" if suggestion else (
            " Zulässig sind: " + ", ".join(t.id for t in vocab) + ".")
        raise PydanticCustomError(
            "vocabulary", "„{value}“ ist kein Begriff des Vokabulars „{vocab}“.{hint}",
            {"value": value, "vocab": vocab.label, "hint": hint})


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise PydanticCustomError(
            "url", "„{value}“ ist keine Web-Adresse: sie muss mit http:// oder https:// "
            "beginnen.", {"value": value})
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise PydanticCustomError("email", "„{value}“ ist keine E-Mail-Adresse "
                                  "(Form: name@beispiel.de).", {"value": value})
    return value


def _plain(value: str) -> str:
    if _TAG.search(value) or "](" in value:
        raise PydanticCustomError("plain_text", "Bitte reinen Text ohne HTML oder "
                                  "Markdown-Links schreiben.")
    return value


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
    raise PydanticCustomError("date", "„{value}“ ist kein Datum: bitte als JJJJ-MM-TT "
                              "schreiben, z. B. 2024-03-15.", {"value": value})


def _zeitpunkt(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip() if isinstance(value, int | str) else ""
    if isinstance(value, bool) or not _ZEITPUNKT.match(text):
        raise PydanticCustomError("zeitpunkt", "„{value}“ ist kein Zeitpunkt: bitte ein "
                                  "Jahr (2019) oder Jahr und Monat (2019-04) angeben.",
                                  {"value": value})
    return text


def _ags(value: Any) -> str:
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{8}", text):
        hint = (" Beginnt der Schlüssel mit 0, bitte in Anführungszeichen schreiben, "
                "z. B. \"06411000\"." if isinstance(value, int) else "")
        raise PydanticCustomError("ags", "„{value}“ ist kein Amtlicher Gemeindeschlüssel: "
                                  "er hat genau 8 Ziffern.{hint}", {"value": value, "hint": hint})
    return text


def _in_germany(value: tuple[float, float]) -> tuple[float, float]:
    lat, lon = value
    if GERMANY_LAT[0] <= lat <= GERMANY_LAT[1] and GERMANY_LON[0] <= lon <= GERMANY_LON[1]:
        return value
    hint = " Breite und Länge vertauscht?" if GERMANY_LAT[0] <= lon <= GERMANY_LAT[1] else ""
    raise PydanticCustomError("koordinaten", "[{lat}, {lon}] liegt nicht in Deutschland "
                              "(Breite 47,2–55,1, Länge 5,8–15,1).{hint}",
                              {"lat": lat, "lon": lon, "hint": hint})


def Text(low: int, high: int, description: str) -> Any:  # noqa: N802 - reads like a type
    return Field(min_length=low, max_length=high, description=description)


Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[Str, AfterValidator(_http_url), WithJsonSchema(
    {"type": "string", "format": "uri", "pattern": "^https?://"})]
Email = Annotated[Str, AfterValidator(_email), WithJsonSchema(
    {"type": "string", "format": "email"})]
Datum = Annotated[dt.date, BeforeValidator(_date), WithJsonSchema(
    {"type": "string", "format": "date"})]
Zeitpunkt = Annotated[str, BeforeValidator(_zeitpunkt), WithJsonSchema(
    {"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2100},
               {"type": "string", "pattern": _ZEITPUNKT.pattern}]})]
Ags = Annotated[str, BeforeValidator(_ags), WithJsonSchema(
    {"anyOf": [{"type": "string", "pattern": r"^\d{8}$"},
               {"type": "integer", "minimum": 10000000, "maximum": 99999999}]})]
Koordinaten = Annotated[tuple[float, float], AfterValidator(_in_germany)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX)]
Land = Annotated[str, Vocab("bundeslaender")]
Handlungsfeld = Annotated[str, Vocab("handlungsfelder")]
Zielgruppe = Annotated[str, Vocab("zielgruppen")]
Traegerart = Annotated[str, Vocab("traegerarten")]
Finanzierungsquelle = Annotated[str, Vocab("finanzierungsquellen")]
PlainText = Annotated[str, AfterValidator(_plain)]


class Part(BaseModel):
    """Every object in the front matter: unknown keys are errors, not silently kept."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def cross_field_error(loc: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """An error about `loc`, relative to the model that raises it."""
    return PydanticCustomError("cross_field", message, {"loc": loc})  # type: ignore[arg-type]


# --- shared parts -------------------------------------------------------------------

class Laufzeit(Part):
    beginn: Zeitpunkt = Field(description="Beginn: Jahr (2019) oder Jahr und Monat (2019-04).")
    ende: Zeitpunkt | None = Field(None, description="Ende; fehlt es, läuft das Vorhaben noch.")

    @model_validator(mode="after")
    def _in_order(self) -> Laufzeit:
        if self.ende and self.ende < self.beginn:
            raise cross_field_error(("ende",), f"Das Ende ({self.ende}) liegt vor dem Beginn "
                                    f"({self.beginn}): bitte die Jahreszahlen prüfen.")
        return self


class Kontakt(Part):
    organisation: Str = Field(description="Organisation, die Auskunft gibt.")
    email: Email | None = Field(None, description="Öffentliche Funktionsadresse, z. B. info@….")
    telefon: Str | None = Field(None, description="Telefonnummer der Organisation.")
    web: Url | None = Field(None, description="Web-Adresse der Organisation.")
    person: Str | None = Field(None, description="Ansprechperson, nur mit deren Einverständnis.")

    @model_validator(mode="after")
    def _reachable(self) -> Kontakt:
        if not (self.email or self.telefon or self.web):
            raise cross_field_error((), "Mindestens eine Kontaktmöglichkeit angeben: "
                                    "email, telefon oder web.")
        return self


class Quelle(Part):
    titel: Str = Field(description="Titel der Quelle, z. B. der Web-Seite oder des Berichts.")
    url: Url | None = Field(None, description="Adresse der Quelle (http oder https).")
    abgerufen: Datum | None = Field(None, description="Datum des Abrufs (JJJJ-MM-TT).")


class Redaktion(Part):
    erfasst: Datum = Field(description="Datum der Erfassung (JJJJ-MM-TT).")
    aktualisiert: Datum | None = Field(None, description="Datum der letzten Änderung.")
    geprueft: Datum | None = Field(None, description="Datum der letzten fachlichen Prüfung.")
    status: Literal["entwurf", "veroeffentlicht"] = Field(
        "veroeffentlicht", description="Entwürfe werden geprüft, aber nicht veröffentlicht.")

    @model_validator(mode="after")
    def _in_order(self) -> Redaktion:
        for key in ("aktualisiert", "geprueft"):
            value = getattr(self, key)
            if value and value < self.erfasst:
                raise cross_field_error((key,), f"{key} ({value}) liegt vor dem Datum der "
                                        f"Erfassung ({self.erfasst}).")
        return self


# --- practice -----------------------------------------------------------------------

class Ort(Part):
    name: Str = Field(description="Name des Ortes, z. B. Gera oder Landkreis Kassel.")
    ebene: Literal["land", "kreis", "kommune", "quartier"] = Field(
        description="Räumliche Ebene: land, kreis, kommune oder quartier.")
    ags: Ags | None = Field(None, description="Amtlicher Gemeindeschlüssel, 8 Ziffern.")
    quartier: Str | None = Field(None, description="Name des Quartiers oder Stadtteils.")
    koordinaten: Koordinaten | None = Field(
        None, description="[Breite, Länge] in Deutschland, z. B. [50.88, 12.08].")


class Traeger(Part):
    name: Str = Field(description="Name des Trägers.")
    art: Traegerart = Field(description="Art des Trägers (Vokabular traegerarten).")


class Ressourcen(Part):
    personal: Str | None = Field(None, description="Personaleinsatz, z. B. „2 Vollzeitstellen“.")
    kosten_eur: float | None = Field(None, ge=0, description="Kosten in Euro.")
    hinweis: Str | None = Field(None, description="Erläuterung zu den Kosten.")


class Wirkung(Part):
    ergebnisse: list[Str] = Field(default_factory=list, description="Erreichte Ergebnisse.")
    evidenz: Literal["evaluation", "monitoring", "dokumentation", "selbsteinschaetzung",
                     "keine"] | None = Field(None, description="Wie die Wirkung belegt ist.")
    nachweis_url: Url | None = Field(None, description="Adresse des Belegs.")


class Uebertragbarkeit(Part):
    einschaetzung: Literal["hoch", "mittel", "gering"] | None = Field(
        None, description="Wie leicht sich das Beispiel übertragen lässt.")
    voraussetzungen: list[Str] = Field(default_factory=list,
                                       description="Was eine Kommune mitbringen muss.")
    erfolgsfaktoren: list[Str] = Field(default_factory=list, description="Was geholfen hat.")
    stolpersteine: list[Str] = Field(default_factory=list,
                                     description="Was schiefging oder schwer war.")


class Entry(Part):
    """What practices and programmes share."""

    titel: str = Text(5, 120, "Titel, 5–120 Zeichen.")
    kurzbeschreibung: PlainText = Text(80, 600, "Kurzbeschreibung als reiner Text, "
                                       "80–600 Zeichen.")
    handlungsfelder: list[Handlungsfeld] = Field(min_length=1, description="Handlungsfelder "
                                                 "(Vokabular handlungsfelder), mindestens eines.")
    zielgruppen: list[Zielgruppe] = Field(default_factory=list,
                                          description="Zielgruppen (Vokabular zielgruppen).")
    laufzeit: Laufzeit | None = Field(None, description="Laufzeit (empfohlen).")
    quellen: list[Quelle] = Field(min_length=1, description="Quellen, mindestens eine.")
    redaktion: Redaktion = Field(description="Redaktionelle Daten.")

    def ended(self) -> bool:
        return bool(self.laufzeit and self.laufzeit.ende)


class Practice(Entry):
    """A good-practice example (Praxisbeispiel)."""

    model_config = ConfigDict(title="Praxisbeispiel")

    bundesland: Land = Field(description="Land als Kürzel nach ISO 3166-2:DE, z. B. HE.")
    ort: Ort = Field(description="Ort des Praxisbeispiels.")
    traeger: list[Traeger] = Field(min_length=1, description="Träger, mindestens einer.")
    programme: list[Slug] = Field(default_factory=list,
                                  description="Förderprogramme (Dateinamen ohne .md).")
    status: Literal["geplant", "laufend", "abgeschlossen"] = Field(
        description="Stand: geplant, laufend oder abgeschlossen.")
    ressourcen: Ressourcen | None = Field(None, description="Eingesetzte Ressourcen.")
    wirkung: Wirkung | None = Field(None, description="Wirkung (empfohlen).")
    uebertragbarkeit: Uebertragbarkeit | None = Field(None, description="Übertragbarkeit "
                                                      "(empfohlen).")
    uebertragen_von: list[Slug] = Field(default_factory=list, description="Praxisbeispiele, "
                                        "von denen dieses übernommen wurde.")
    kontakt: Kontakt = Field(description="Kontakt.")
    schlagworte: list[Str] = Field(default_factory=list, description="Freie Schlagworte.")

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Practice:
        if self.status == "abgeschlossen" and not self.ended():
            raise cross_field_error(("status",), "Ein abgeschlossenes Praxisbeispiel braucht "
                                    "laufzeit.ende (Jahr des Abschlusses).")
        vocabularies = (info.context or {}).get("vocabularies")
        if self.ort.ags and vocabularies:
            prefix = str(vocabularies["bundeslaender"].by_id[self.bundesland].extra.get("ags"))
            if not self.ort.ags.startswith(prefix):
                owner = next((t for t in vocabularies["bundeslaender"]
                              if str(t.extra.get("ags")) == self.ort.ags[:2]), None)
                where = f" gehört zu {owner.label} ({owner.id})" if owner else ""
                raise cross_field_error(("ort", "ags"), f"Der Schlüssel {self.ort.ags}{where}; "
                                        f"für {self.bundesland} beginnt er mit {prefix}.")
        return self


# --- programme ----------------------------------------------------------------------

class Servicestelle(Part):
    name: Str = Field(description="Name der beratenden Servicestelle.")
    web: Url | None = Field(None, description="Web-Adresse der Servicestelle.")


class Budget(Part):
    betrag_eur: float = Field(ge=0, description="Betrag in Euro.")
    zeitraum: Literal["jaehrlich", "gesamt"] = Field(description="jaehrlich oder gesamt.")
    stand: int | None = Field(None, ge=1900, le=2100, description="Jahr der Angabe.")


class Finanzierung(Part):
    quellen: list[Finanzierungsquelle] = Field(default_factory=list, description=(
        "Herkunft der Mittel (Vokabular finanzierungsquellen)."))
    budget: Budget | None = Field(None, description="Fördervolumen.")


class Richtlinie(Part):
    titel: Str = Field(description="Titel der Förderrichtlinie.")
    url: Url | None = Field(None, description="Adresse der Richtlinie.")


class Programme(Entry):
    """A funding programme (Förderprogramm)."""

    model_config = ConfigDict(title="Förderprogramm")

    ebene: Literal["eu", "bund", "land", "kommune"] = Field(
        description="Ebene des Fördergebers: eu, bund, land oder kommune.")
    bundesland: Land | None = Field(None, description="Land; nur bei Ebene land oder kommune.")
    foerdergeber: Str = Field(description="Fördergeber, z. B. das zuständige Ministerium.")
    servicestelle: Servicestelle | None = Field(None, description="Beratende Servicestelle.")
    finanzierung: Finanzierung | None = Field(None, description="Finanzierung.")
    antragsberechtigt: list[Traegerart] = Field(default_factory=list, description=(
        "Wer Anträge stellen darf (Vokabular traegerarten)."))
    status: Literal["geplant", "aktiv", "beendet"] = Field(
        description="Stand: geplant, aktiv oder beendet.")
    richtlinie: Richtlinie | None = Field(None, description="Förderrichtlinie.")
    website: Url | None = Field(None, description="Web-Seite des Programms.")
    kontakt: Kontakt | None = Field(None, description="Kontakt (optional).")

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        regional = self.ebene in ("land", "kommune")
        if regional and not self.bundesland:
            raise cross_field_error(("ebene",), f"Bei ebene {self.ebene} bitte das Land "
                                    "angeben (bundesland: z. B. HE).")
        if not regional and self.bundesland:
            raise cross_field_error(("bundesland",), f"Bei ebene {self.ebene} gehört kein "
                                    "bundesland dazu: bitte die Zeile löschen.")
        if self.status == "beendet" and not self.ended():
            raise cross_field_error(("status",), "Ein beendetes Programm braucht "
                                    "laufzeit.ende.")
        return self


MODELS: dict[str, type[Entry]] = {"practice": Practice, "programme": Programme}
KIND_LABELS = {"practice": "Praxisbeispiel", "programme": "Förderprogramm"}

# Recommended parts (§3.1): missing ones are warnings, and their share is the
# completeness score. Each is (key path, test on the model, German hint).
Check = Callable[[Any], bool]
RECOMMENDED: dict[str, list[tuple[str, Check, str]]] = {
    "practice": [
        ("laufzeit", lambda e: e.laufzeit is not None,
         "Laufzeit fehlt: seit wann gibt es das Praxisbeispiel (laufzeit.beginn)?"),
        ("wirkung.ergebnisse", lambda e: bool(e.wirkung and e.wirkung.ergebnisse),
         "Ergebnisse fehlen: was hat das Praxisbeispiel bewirkt?"),
        ("wirkung.evidenz", lambda e: bool(e.wirkung and e.wirkung.evidenz),
         "Evidenz fehlt: wie ist die Wirkung belegt (evaluation, monitoring, …)?"),
        ("uebertragbarkeit.einschaetzung",
         lambda e: bool(e.uebertragbarkeit and e.uebertragbarkeit.einschaetzung),
         "Einschätzung der Übertragbarkeit fehlt (hoch, mittel oder gering)."),
        ("uebertragbarkeit.voraussetzungen",
         lambda e: bool(e.uebertragbarkeit and e.uebertragbarkeit.voraussetzungen),
         "Voraussetzungen fehlen: was muss eine Kommune mitbringen?"),
        ("uebertragbarkeit.erfolgsfaktoren",
         lambda e: bool(e.uebertragbarkeit and e.uebertragbarkeit.erfolgsfaktoren),
         "Erfolgsfaktoren fehlen: was hat geholfen?"),
        ("uebertragbarkeit.stolpersteine",
         lambda e: bool(e.uebertragbarkeit and e.uebertragbarkeit.stolpersteine),
         "Stolpersteine fehlen: sie helfen anderen Kommunen am meisten."),
    ],
    "programme": [
        ("laufzeit", lambda e: e.laufzeit is not None,
         "Laufzeit fehlt: seit wann gibt es das Programm (laufzeit.beginn)?"),
        ("antragsberechtigt", lambda e: bool(e.antragsberechtigt),
         "Antragsberechtigte fehlen: wer darf Anträge stellen?"),
        ("finanzierung", lambda e: e.finanzierung is not None,
         "Finanzierung fehlt: woher kommt das Geld, wie viel steht zur Verfügung?"),
    ],
}
BODY_SECTIONS = {"practice": ("Ausgangslage", "Ziele", "Vorgehen", "Ergebnisse"),
                 "programme": ()}
