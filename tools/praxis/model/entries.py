"""The content model (ARCHITECTURE.md, Content model), declared in one place.

Front-matter keys are German and lowercase ASCII, as contributors write them. Vocabulary
fields hold term ids; which ids exist is read from the instance's vocabulary files at
validation time (passed as pydantic context), never hard-coded here. Cross-field rules
report the key they concern through the error context (`loc`), so that the validator
can point at its line.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from praxis.model.fields import (
    SLUG_MAX,
    SLUG_PATTERN,
    Ags,
    Datum,
    Email,
    Finanzierungsquelle,
    Handlungsfeld,
    Koordinaten,
    Land,
    PlainLine,
    PlainText,
    Slug,
    Text,
    Traegerart,
    Url,
    Vocab,
    Zeitpunkt,
    Zielgruppe,
)
from praxis.model.kinds import KINDS
from praxis.model.recommended import BODY_SECTIONS, RECOMMENDED

__all__ = [
    "BODY_SECTIONS",
    "MODELS",
    "RECOMMENDED",
    "SLUG_MAX",
    "SLUG_PATTERN",
    "Practice",
    "Programme",
]


class Part(BaseModel):
    """Every object in the front matter: unknown keys are errors, not silently kept."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


CrossFieldErrors = Iterator[tuple[tuple[str, ...], str]]
_UNKNOWN: Any = object()  # a field that is absent because its own validation failed


def cross_field_error(loc: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """An error about `loc`, relative to the model that raises it."""
    return PydanticCustomError("cross_field", message, {"loc": loc})


# --- shared parts -------------------------------------------------------------------


class Laufzeit(Part):
    beginn: Zeitpunkt = Field(description="Beginn: Jahr (2019) oder Jahr und Monat (2019-04).")
    ende: Zeitpunkt | None = Field(None, description="Ende; fehlt es, läuft das Vorhaben noch.")

    @model_validator(mode="after")
    def _in_order(self) -> Laufzeit:
        if self.ende and self.ende < self.beginn:
            raise cross_field_error(
                ("ende",),
                f"Das Ende ({self.ende}) liegt vor dem Beginn "
                f"({self.beginn}): bitte die Jahreszahlen prüfen.",
            )
        return self


class Kontakt(Part):
    organisation: PlainLine = Field(description="Organisation, die Auskunft gibt.")
    email: Email | None = Field(None, description="Öffentliche Funktionsadresse, z. B. info@….")
    telefon: PlainLine | None = Field(None, description="Telefonnummer der Organisation.")
    web: Url | None = Field(None, description="Web-Adresse der Organisation.")
    person: PlainLine | None = Field(
        None, description="Ansprechperson, nur mit deren Einverständnis."
    )

    @model_validator(mode="after")
    def _reachable(self) -> Kontakt:
        if not (self.email or self.telefon or self.web):
            raise cross_field_error(
                (), "Mindestens eine Kontaktmöglichkeit angeben: email, telefon oder web."
            )
        return self


class Quelle(Part):
    titel: PlainLine = Field(description="Titel der Quelle, z. B. der Web-Seite oder des Berichts.")
    url: Url | None = Field(None, description="Adresse der Quelle (http oder https).")
    abgerufen: Datum | None = Field(None, description="Datum des Abrufs (JJJJ-MM-TT).")


class Redaktion(Part):
    erfasst: Datum = Field(description="Datum der Erfassung (JJJJ-MM-TT).")
    aktualisiert: Datum | None = Field(None, description="Datum der letzten Änderung.")
    geprueft: Datum | None = Field(None, description="Datum der letzten fachlichen Prüfung.")
    status: Literal["entwurf", "veroeffentlicht"] = Field(
        "veroeffentlicht", description="Entwürfe werden geprüft, aber nicht veröffentlicht."
    )

    @model_validator(mode="after")
    def _in_order(self) -> Redaktion:
        for key in ("aktualisiert", "geprueft"):
            value = getattr(self, key)
            if value and value < self.erfasst:
                raise cross_field_error(
                    (key,), f"{key} ({value}) liegt vor dem Datum der Erfassung ({self.erfasst})."
                )
        return self


# --- practice -----------------------------------------------------------------------


class Ort(Part):
    name: PlainLine = Field(description="Name des Ortes, z. B. Gera oder Landkreis Kassel.")
    ebene: Literal["land", "kreis", "kommune", "quartier"] = Field(
        description="Räumliche Ebene: land, kreis, kommune oder quartier."
    )
    ags: Ags | None = Field(None, description="Amtlicher Gemeindeschlüssel, 8 Ziffern.")
    quartier: PlainLine | None = Field(None, description="Name des Quartiers oder Stadtteils.")
    koordinaten: Koordinaten | None = Field(
        None, description="[Breite, Länge] in Deutschland, z. B. [50.88, 12.08]."
    )


class Traeger(Part):
    model_config = ConfigDict(title="Träger")  # the German noun of one list item

    name: PlainLine = Field(description="Name des Trägers.")
    art: Traegerart = Field(description="Art des Trägers (Vokabular traegerarten).")


class Ressourcen(Part):
    personal: PlainLine | None = Field(
        None, description="Personaleinsatz, z. B. „2 Vollzeitstellen“."
    )
    kosten_eur: float | None = Field(None, ge=0, allow_inf_nan=False, description="Kosten in Euro.")
    hinweis: PlainText | None = Field(None, description="Erläuterung zu den Kosten.")


class Wirkung(Part):
    ergebnisse: list[Annotated[PlainText, Field(title="Ergebnis")]] = Field(
        default_factory=list, description="Erreichte Ergebnisse."
    )
    evidenz: (
        Literal["evaluation", "monitoring", "dokumentation", "selbsteinschaetzung", "keine"] | None
    ) = Field(None, description="Wie die Wirkung belegt ist.")
    nachweis_url: Url | None = Field(None, description="Adresse des Belegs.")


class Uebertragbarkeit(Part):
    einschaetzung: Literal["hoch", "mittel", "gering"] | None = Field(
        None, description="Wie leicht sich das Beispiel übertragen lässt."
    )
    voraussetzungen: list[Annotated[PlainText, Field(title="Voraussetzung")]] = Field(
        default_factory=list, description="Was eine Kommune mitbringen muss."
    )
    erfolgsfaktoren: list[Annotated[PlainText, Field(title="Erfolgsfaktor")]] = Field(
        default_factory=list, description="Was geholfen hat."
    )
    stolpersteine: list[Annotated[PlainText, Field(title="Stolperstein")]] = Field(
        default_factory=list, description="Was schiefging oder schwer war."
    )


class Entry(Part):
    """What practices and programmes share."""

    titel: PlainLine = Text(5, 120, "Titel, 5–120 Zeichen.")
    kurzbeschreibung: PlainText = Text(80, 600, "Kurzbeschreibung als reiner Text, 80–600 Zeichen.")
    handlungsfelder: list[Handlungsfeld] = Field(
        min_length=1, description="Handlungsfelder (Vokabular handlungsfelder), mindestens eines."
    )
    zielgruppen: list[Zielgruppe] = Field(
        default_factory=list, description="Zielgruppen (Vokabular zielgruppen)."
    )
    laufzeit: Laufzeit | None = Field(None, description="Laufzeit (empfohlen).")
    quellen: list[Quelle] = Field(min_length=1, description="Quellen, mindestens eine.")
    redaktion: Redaktion = Field(description="Redaktionelle Daten.")

    def ended(self) -> bool:
        return bool(self.laufzeit and self.laufzeit.ende)


class Practice(Entry):
    """A good-practice example (Praxisbeispiel)."""

    model_config = ConfigDict(title=KINDS["practice"].label)

    bundesland: Land = Field(description="Land als Kürzel nach ISO 3166-2:DE, z. B. HE.")
    ort: Ort = Field(description="Ort des Praxisbeispiels.")
    traeger: list[Traeger] = Field(min_length=1, description="Träger, mindestens einer.")
    programme: list[Annotated[Slug, Field(title=KINDS["programme"].label)]] = Field(
        default_factory=list, description="Förderprogramme (Dateinamen ohne .md)."
    )
    status: Literal["geplant", "laufend", "abgeschlossen"] = Field(
        description="Stand: geplant, laufend oder abgeschlossen."
    )
    ressourcen: Ressourcen | None = Field(None, description="Eingesetzte Ressourcen.")
    wirkung: Wirkung | None = Field(None, description="Wirkung (empfohlen).")
    uebertragbarkeit: Uebertragbarkeit | None = Field(
        None, description="Übertragbarkeit (empfohlen)."
    )
    uebertragen_von: list[Annotated[Slug, Field(title=KINDS["practice"].label)]] = Field(
        default_factory=list, description="Praxisbeispiele, von denen dieses übernommen wurde."
    )
    kontakt: Kontakt = Field(description="Kontakt.")
    schlagworte: list[Annotated[PlainLine, Field(title="Schlagwort")]] = Field(
        default_factory=list, description="Freie Schlagworte."
    )

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Practice:
        for loc, message in practice_rules(vars(self), info.context):
            raise cross_field_error(loc, message)
        return self


def practice_rules(values: dict[str, Any], context: dict[str, Any] | None) -> CrossFieldErrors:
    """Rules across a practice's top-level fields; `values` may be partial (a field whose
    own validation failed is absent), so that they also run on an entry with other errors."""
    status, laufzeit = values.get("status"), values.get("laufzeit", _UNKNOWN)
    if status == "abgeschlossen" and laufzeit is not _UNKNOWN and not (laufzeit and laufzeit.ende):
        yield (
            ("status",),
            "Ein abgeschlossenes Praxisbeispiel braucht laufzeit.ende (Jahr des Abschlusses).",
        )
    vocabularies = (context or {}).get("vocabularies")
    ort, land = values.get("ort"), values.get("bundesland")
    if ort is not None and ort.ags and land and vocabularies:
        lands = vocabularies["bundeslaender"]
        prefix = str(lands.by_id[land].extra.get("ags") or "")  # an instance may omit it
        if prefix and not ort.ags.startswith(prefix):
            owner = next((t for t in lands if str(t.extra.get("ags")) == ort.ags[:2]), None)
            where = f" gehört zu {owner.label} ({owner.id})" if owner else ""
            yield (
                ("ort", "ags"),
                f"Der Schlüssel {ort.ags}{where}; für {land} beginnt er mit {prefix}.",
            )


# --- programme ----------------------------------------------------------------------


class Servicestelle(Part):
    name: PlainLine = Field(description="Name der beratenden Servicestelle.")
    web: Url | None = Field(None, description="Web-Adresse der Servicestelle.")


class Budget(Part):
    betrag_eur: float = Field(ge=0, allow_inf_nan=False, description="Betrag in Euro.")
    zeitraum: Literal["jaehrlich", "gesamt"] = Field(description="jaehrlich oder gesamt.")
    stand: int | None = Field(None, ge=1900, le=2100, description="Jahr der Angabe.")


class Finanzierung(Part):
    quellen: list[Finanzierungsquelle] = Field(
        default_factory=list, description=("Herkunft der Mittel (Vokabular finanzierungsquellen).")
    )
    budget: Budget | None = Field(None, description="Fördervolumen.")


class Richtlinie(Part):
    titel: PlainLine = Field(description="Titel der Förderrichtlinie.")
    url: Url | None = Field(None, description="Adresse der Richtlinie.")


class Programme(Entry):
    """A funding programme (Förderprogramm)."""

    model_config = ConfigDict(title=KINDS["programme"].label)

    ebene: Literal["eu", "bund", "land", "kommune"] = Field(
        description="Ebene des Fördergebers: eu, bund, land oder kommune."
    )
    bundesland: Land | None = Field(None, description="Land; nur bei Ebene land oder kommune.")
    foerdergeber: PlainLine = Field(description="Fördergeber, z. B. das zuständige Ministerium.")
    servicestelle: Servicestelle | None = Field(None, description="Beratende Servicestelle.")
    finanzierung: Finanzierung | None = Field(None, description="Finanzierung.")
    antragsberechtigt: list[Traegerart] = Field(
        default_factory=list, description=("Wer Anträge stellen darf (Vokabular traegerarten).")
    )
    status: Literal["geplant", "aktiv", "beendet"] = Field(
        description="Stand: geplant, aktiv oder beendet."
    )
    richtlinie: Richtlinie | None = Field(None, description="Förderrichtlinie.")
    website: Url | None = Field(None, description="Web-Seite des Programms.")
    kontakt: Kontakt | None = Field(None, description="Kontakt (optional).")

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Programme:
        for loc, message in programme_rules(vars(self), info.context):
            raise cross_field_error(loc, message)
        return self


def programme_rules(values: dict[str, Any], context: dict[str, Any] | None) -> CrossFieldErrors:
    """Rules across a programme's top-level fields; `values` may be partial."""
    ebene, land = values.get("ebene"), values.get("bundesland", _UNKNOWN)
    regional = ebene in ("land", "kommune")
    if ebene and land is not _UNKNOWN:
        if regional and not land:
            yield ("ebene",), f"Bei ebene {ebene} bitte das Land angeben (bundesland: z. B. HE)."
        if not regional and land:
            yield (
                ("bundesland",),
                f"Bei ebene {ebene} gehört kein bundesland dazu: bitte die Zeile löschen.",
            )
    laufzeit = values.get("laufzeit", _UNKNOWN)
    if (
        values.get("status") == "beendet"
        and laufzeit is not _UNKNOWN
        and not (laufzeit and laufzeit.ende)
    ):
        yield ("status",), "Ein beendetes Programm braucht laufzeit.ende."


MODELS: dict[str, type[Entry]] = {"practice": Practice, "programme": Programme}
CROSS_FIELD_RULES: dict[
    str, Callable[[dict[str, Any], dict[str, Any] | None], CrossFieldErrors]
] = {"practice": practice_rules, "programme": programme_rules}


def find_in_annotation(
    annotation: Any, test: Callable[[Any], bool], metadata: Iterable[Any] = ()
) -> Any:
    """The first type or marker inside `annotation` (`X | None`, `list[X]`,
    `Annotated[X, …]`) or a field's `metadata` that passes `test`, or None."""
    stack = [*metadata, annotation]
    while stack:
        item = stack.pop(0)
        if test(item):
            return item
        stack.extend(getattr(item, "__metadata__", ()))
        stack.extend(typing.get_args(item))
    return None


def vocabulary_name(annotation: Any, metadata: Iterable[Any] = ()) -> str | None:
    """The vocabulary of a field (or of its list items), from its `Vocab` marker."""
    marker = find_in_annotation(annotation, lambda item: isinstance(item, Vocab), metadata)
    return marker.name if marker else None


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The object type inside `X | None`, `list[X]` or `Annotated[X, …]`, if any: how
    error messages, forms, docs and CSV columns walk into nested parts alike."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found:
            return found
    return None
