"""`praxis new practice|programme`: a new entry as a valid skeleton."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from praxis.authoring import interview, scaffold
from praxis.cli import clihelp
from praxis.cli.options import draft_option, root_option, slug_option, today
from praxis.config import Instance
from praxis.errors import ContentError, PraxisError
from praxis.fsutil import atomic_write
from praxis.load.collection import load_bytes, load_collection
from praxis.model.kinds import KINDS
from praxis.validate.collection import require_slug, slugify, validate_new


@click.group(cls=clihelp.Group)
def new() -> None:
    """Legt ein neues Praxisbeispiel oder Förderprogramm als gültiges Gerüst an.

    Beispiele:

    \b
        praxis new practice
        praxis new programme
    """


def _interactive(
    instance: Instance, kind: str, values: dict[str, Any], skeleton: Callable[..., str]
) -> None:
    """Ask for what the options did not give, checking each answer; keep the answers in a
    draft if anything fails (see praxis.authoring.interview)."""
    answered = interview.offer_draft(instance, kind, values)
    with interview.answers_kept(instance, kind, values, answered):
        interview.interview(kind, values, instance, answered)
        prepared = _prepare(dict(values))
        _write_entry(instance, kind, prepared, skeleton(prepared, today()))


def _check_options(instance: Instance, kind: str, values: dict[str, Any]) -> None:
    """--no-input: the options checked as answers would be, before anything is written."""
    problems = interview.check_options(kind, values, instance)
    if problems:
        raise click.UsageError(
            "Nichts angelegt, diese Angaben passen nicht:\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )


def _require(kind: str, values: dict[str, Any]) -> None:
    """--no-input: every option of a question that is always required is given."""
    required = interview.always_required(kind)
    missing = [question.flag for question in required if not values.get(question.key)]
    if missing:
        raise click.UsageError("Mit --no-input fehlen: " + ", ".join(missing) + ".")


def _write_entry(instance: Instance, kind: str, values: dict[str, Any], text: str) -> None:
    folder = instance.content_dir / KINDS[kind].folder
    slug = require_slug(values.get("slug") or slugify(values["titel"]))
    for programme in values.get("programme") or []:
        require_slug(programme, "--programm")
    path = folder / f"{slug}.md"
    rel = instance.relative(path)
    if path.exists():
        raise PraxisError(
            f"{rel} gibt es schon: nichts überschrieben. Bitte mit --slug "
            "einen anderen Dateinamen wählen."
        )
    doc = load_bytes(rel, kind, path, text.encode("utf-8"))  # type: ignore[arg-type]
    validate_new(load_collection(instance), doc, today())
    errors = [p for p in doc.problems if p.is_error]
    if errors:  # by field, not file:line: the file does not exist
        click.echo("\n".join(f"{p.where or p.field}: {p.message}" for p in errors), err=True)
        raise ContentError(
            f"{rel} wurde nicht angelegt: die Angaben enthalten {len(errors)} Fehler."
        )
    try:
        atomic_write(path, text, exclusive=True)
    except FileExistsError as exc:
        raise PraxisError(f"{rel} gibt es schon: nichts überschrieben.") from exc
    click.echo(f"Angelegt: {rel}")
    click.echo(f"Nächste Schritte: die Abschnitte im Text ausfüllen, dann `praxis validate {rel}`.")


def entry_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by `new practice` and `new programme`."""
    options = [
        click.option("--titel", help="Titel, 5–120 Zeichen."),
        click.option("--kurzbeschreibung", help="Kurzbeschreibung, 80–600 Zeichen."),
        slug_option,
        click.option("--bundesland", help="Land als Kürzel, z. B. HE."),
        click.option(
            "--handlungsfeld",
            "handlungsfelder",
            multiple=True,
            help="Handlungsfeld (mehrfach möglich).",
        ),
        click.option(
            "--zielgruppe", "zielgruppen", multiple=True, help="Zielgruppe (mehrfach möglich)."
        ),
        click.option("--status", help="Stand des Eintrags."),
        click.option("--beginn", help="Beginn: Jahr oder Jahr-Monat."),
        click.option("--web", help="Web-Adresse."),
        click.option("--quelle", help="Titel der Quelle."),
        click.option("--quelle-url", help="Adresse der Quelle."),
        draft_option,
        click.option(
            "--no-input", is_flag=True, help="Nicht nachfragen; alle Angaben als Optionen."
        ),
        root_option,
    ]
    for option in reversed(options):
        command = option(command)  # type: ignore[assignment,arg-type]
    return command


def _prepare(values: dict[str, Any]) -> dict[str, Any]:
    beginn = values.get("beginn")
    if isinstance(beginn, str) and beginn.isdigit():
        values["beginn"] = int(beginn)
    values["redaktion_status"] = "entwurf" if values.pop("entwurf", False) else None
    return values


@new.command("practice")
@entry_options
@click.option("--ort", help="Ort, z. B. Gera.")
@click.option(
    "--ort-ebene",
    type=clihelp.Choice(["land", "kreis", "kommune", "quartier"]),
    help="Räumliche Ebene des Ortes.",
)
@click.option("--traeger", help="Name des Trägers.")
@click.option("--traeger-art", help="Art des Trägers (Vokabular traegerarten).")
@click.option("--programm", "programme", multiple=True, help="Förderprogramm (Slug).")
@click.option("--organisation", help="Kontakt: Organisation.")
@click.option("--email", help="Kontakt: Funktionsadresse.")
@click.option("--telefon", help="Kontakt: Telefon.")
def new_practice(instance: Instance, no_input: bool, **values: Any) -> None:
    """Legt ein neues Praxisbeispiel unter content/practices/ an.

    Ohne --no-input fragt der Befehl nach allen Pflichtangaben, prüft jede Antwort
    sofort und bietet die Begriffe der Vokabulare zur Auswahl an. Bei Abbruch bleiben
    die Antworten in .praxis/entwuerfe/ gespeichert. Eine vorhandene Datei wird nie
    überschrieben.

    Beispiele:

    \b
        praxis new practice
        praxis new practice --no-input --titel "Stadtteilmütter in Kassel" \\
          --kurzbeschreibung "…" --bundesland HE --ort Kassel --ort-ebene kommune \\
          --traeger "Stadt Kassel" --traeger-art kommune --handlungsfeld integration \\
          --status laufend --organisation "Stadt Kassel" --web https://www.kassel.de \\
          --quelle "Website der Stadt Kassel"
    """
    if not no_input:
        _interactive(instance, "practice", values, scaffold.practice)
        return
    _require("practice", values)
    if not (values.get("email") or values.get("telefon") or values.get("web")):
        raise click.UsageError(
            "Bitte mindestens eine Kontaktmöglichkeit angeben: --email, --telefon oder --web."
        )
    _check_options(instance, "practice", values)
    values = _prepare(values)
    _write_entry(instance, "practice", values, scaffold.practice(values, today()))


@new.command("programme")
@entry_options
@click.option(
    "--ebene",
    type=clihelp.Choice(["eu", "bund", "land", "kommune"]),
    help="Ebene des Fördergebers.",
)
@click.option("--foerdergeber", help="Fördergeber, z. B. das Ministerium.")
def new_programme(instance: Instance, no_input: bool, **values: Any) -> None:
    """Legt ein neues Förderprogramm unter content/programmes/ an.

    Ohne --no-input fragt der Befehl nach allen Pflichtangaben und prüft jede Antwort
    sofort; bei Abbruch bleiben die Antworten in .praxis/entwuerfe/ gespeichert.

    Beispiele:

    \b
        praxis new programme
        praxis new programme --no-input --titel "Landesprogramm Gemeinwesenarbeit" \\
          --kurzbeschreibung "…" --ebene land --bundesland HE \\
          --foerdergeber "Hessisches Ministerium für Soziales und Integration" \\
          --handlungsfeld gemeinwesenarbeit --status aktiv --quelle "Informationsportal Hessen"
    """
    if not no_input:
        _interactive(instance, "programme", values, scaffold.programme)
        return
    _require("programme", values)
    _check_options(instance, "programme", values)
    values = _prepare(values)
    _write_entry(instance, "programme", values, scaffold.programme(values, today()))
