"""The `praxis` command line. Each command is a thin, top-to-bottom sequence of stages."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from praxis import clihelp, interview, scaffold
from praxis.config import Instance
from praxis.errors import ConfigError, ContentError, PraxisError, unexpected
from praxis.fsutil import atomic_write
from praxis.load import Collection, Document, load_bytes, load_collection
from praxis.problems import format_problems, sort_problems
from praxis.schema import schema_files, stale_schema_files
from praxis.text import plural
from praxis.validate import require_slug, slugify, validate_collection, validate_new


def today() -> dt.date:
    """The date rules about stale entries are measured from (PRAXIS_TODAY pins it)."""
    pinned = os.environ.get("PRAXIS_TODAY", "").strip()
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise ConfigError(
            f"Die Umgebungsvariable PRAXIS_TODAY („{pinned}“) ist kein Datum: erwartet "
            "JJJJ-MM-TT, z. B. PRAXIS_TODAY=2026-11-21 (oder die Variable entfernen)."
        ) from None


# --- shared options -----------------------------------------------------------------


def root_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--root DIR, turned into the command's `instance` argument."""

    @click.option(
        "--root",
        type=clihelp.Path(file_okay=False, path_type=Path),
        default=None,
        help="Verzeichnis der Instanz (Standard: das aktuelle oder das nächste "
        "übergeordnete mit einer mkdocs.yml).",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, root: Path | None, **kwargs: Any) -> Any:
        return command(*args, instance=Instance.find(root), **kwargs)

    return wrapper


def format_option(*choices: str) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=clihelp.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Ausgabeformat.",
    )


def load_and_validate(instance: Instance) -> Collection:
    """Stages 1 and 2, shared by every command that needs valid content."""
    collection = load_collection(instance)
    validate_collection(collection, today())
    return collection


class Commands(clihelp.Group):
    """The `praxis` group (German help and usage errors, see `clihelp`): nothing a user
    can do ends in a bare traceback. What escapes a command becomes a German error
    (`errors.unexpected`): an OSError names its path, anything else says it is a bug in
    Praxis and shows the traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            raise  # `praxis … | head`: click ends quietly
        except Exception as exc:
            raise unexpected(exc) from exc


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="praxis", message="praxis %(version)s", help=clihelp.VERSION_OPTION
)
def cli() -> None:
    """Praxis: Wissensbasis für gute Praxis in der Sozialplanung.

    Prüft Praxisbeispiele und Förderprogramme, durchsucht sie und baut daraus
    eine statische Website.
    """


def main() -> None:
    cli(prog_name="praxis")


# --- validate -----------------------------------------------------------------------


@cli.command()
@click.argument("dateien", nargs=-1, type=clihelp.Path(exists=True, path_type=Path))
@format_option("text", "github", "json")
@click.option("--strict", is_flag=True, help="Warnungen wie Fehler behandeln (Exit-Code 1).")
@root_option
def validate(instance: Instance, dateien: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Prüft Praxisbeispiele und Förderprogramme und meldet jedes Problem mit Datei und Zeile.

    Ohne DATEIEN wird die ganze Instanz geprüft; Verweise werden immer gegen alle
    Einträge aufgelöst. Exit-Code 0 ohne Fehler, 1 bei Fehlern (mit --strict auch
    bei Warnungen), 2 bei falscher Bedienung.

    Beispiele:

    \b
        praxis validate
        praxis validate content/practices/iksp-gera.md --format json
    """
    collection = load_and_validate(instance)
    documents = select_documents(collection, dateien)
    wanted = [path.resolve() for path in dateien]
    files = [  # links, FIFOs and the like under content/ and schema/
        p
        for p in collection.file_problems
        if not wanted
        or any(
            w == (instance.root / p.path) or w in (instance.root / p.path).parents for w in wanted
        )
    ]
    problems = sort_problems([*files, *(p for doc in documents for p in doc.problems)])
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if fmt == "json":
        click.echo(format_problems(problems, "json"))
    else:
        if problems:
            click.echo(format_problems(problems, fmt))
        if fmt == "text":
            echo_completeness([doc for doc in documents if doc.kind != "page"])
        click.echo(summary(sum(doc.kind != "page" for doc in documents), errors, warnings))
    if errors or (strict and warnings):
        raise SystemExit(1)


def summary(files: int, errors: int, warnings: int) -> str:
    return (
        f"{plural(files, 'Datei', 'Dateien')} geprüft: {errors} Fehler, "
        f"{plural(warnings, 'Warnung', 'Warnungen')}."
    )


def select_documents(collection: Collection, paths: Iterable[Path]) -> list[Document]:
    wanted = [path.resolve() for path in paths]
    everything = [*collection.documents, *collection.pages]
    if not wanted:
        return everything
    chosen = [
        doc
        for doc in everything
        if any(doc.path.resolve() == p or p in doc.path.resolve().parents for p in wanted)
    ]
    matched = {
        p
        for p in wanted
        for doc in chosen
        if doc.path.resolve() == p or p in doc.path.resolve().parents
    }
    for path in wanted:
        if path not in matched:
            raise click.BadParameter(
                f"{path} ist kein Praxisbeispiel oder Förderprogramm dieser Instanz "
                "(erwartet: content/practices/*.md oder content/programmes/*.md).",
                param_hint="DATEIEN",
            )
    return chosen


def echo_completeness(documents: list[Document]) -> None:
    scored = sorted((doc.completeness, doc.rel) for doc in documents if doc.entry is not None)
    if not scored:
        return
    click.echo("Vollständigkeit (Anteil der empfohlenen Angaben):")
    for score, rel in scored:
        click.echo(f"{round(score * 100):>4} %  {rel}")


# --- schema -------------------------------------------------------------------------


@cli.command()
@click.option("--check", is_flag=True, help="Nur prüfen, ob die Dateien aktuell sind.")
@root_option
def schema(instance: Instance, check: bool) -> None:
    """Schreibt die JSON-Schemas der Einträge nach schema/ (aus Modell und Vokabularen).

    Beispiele:

    \b
        praxis schema
        praxis schema --check
    """
    if check:
        stale = stale_schema_files(instance)
        for path in stale:
            click.echo(
                f"{instance.relative(path)} ist veraltet: bitte `praxis schema` "
                "ausführen und die Datei mit einchecken."
            )
        if stale:
            raise SystemExit(1)
        click.echo("Die JSON-Schemas sind aktuell.")
        return
    for path, text in schema_files(instance).items():
        atomic_write(path, text)
        click.echo(f"Geschrieben: {instance.relative(path)}")


# --- export -------------------------------------------------------------------------


@cli.command()
@format_option("json", "csv")
@click.option(
    "--kind",
    type=clihelp.Choice(["practice", "programme"]),
    default=None,
    help="Nur Praxisbeispiele (practice) oder nur Förderprogramme (programme); Standard: beide.",
)
@click.option(
    "-o",
    "--output",
    type=clihelp.Path(dir_okay=False, path_type=Path),
    default=None,
    help="In diese Datei schreiben (CSV dann mit BOM für Excel) statt auf die Standardausgabe.",
)
@root_option
def export(instance: Instance, fmt: str, kind: str | None, output: Path | None) -> None:
    """Gibt alle veröffentlichten Einträge als JSON oder CSV aus, wie unter daten/ der Website.

    CSV ist mit Semikolon getrennt; mehrere Werte einer Zelle sind mit „ | “ getrennt.
    Enthält der Inhalt Fehler, wird nichts exportiert (Exit-Code 1).

    Beispiele:

    \b
        praxis export --format csv --kind practice -o praxisbeispiele.csv
        praxis export --format json --kind programme
    """
    from praxis.generate.opendata import KINDS, csv_text, json_text, records

    collection = load_and_validate(instance)
    errors = [p for p in collection.problems if p.is_error]
    if errors:
        click.echo(format_problems(errors, "text"), err=True)
        raise ContentError(
            f"Nichts exportiert: der Inhalt enthält {len(errors)} Fehler. "
            "Bitte zuerst beheben (`praxis validate`)."
        )
    kinds = [k for k in KINDS if kind in (None, k)]
    rows = records(collection, kinds)
    text = json_text(rows) if fmt == "json" else csv_text(rows, kinds, bom=output is not None)
    if output is None:
        click.echo(text, nl=False)
        return
    atomic_write(output, text)  # a full disk: a German message naming the file (Commands)
    click.echo(f"Geschrieben: {output} ({plural(len(rows), 'Eintrag', 'Einträge')})")


# --- new ----------------------------------------------------------------------------


@cli.group()
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
    draft if anything fails (see praxis.interview)."""
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


def _require(values: dict[str, Any], names: dict[str, str]) -> None:
    missing = [option for key, option in names.items() if not values.get(key)]
    if missing:
        raise click.UsageError("Mit --no-input fehlen: " + ", ".join(missing) + ".")


def _write_entry(instance: Instance, kind: str, values: dict[str, Any], text: str) -> None:
    folder = instance.practices_dir if kind == "practice" else instance.programmes_dir
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
        click.option("--slug", help="Dateiname ohne .md (Standard: aus dem Titel)."),
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
        click.option("--entwurf", is_flag=True, help="Als Entwurf anlegen (nicht veröffentlicht)."),
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
    _require(
        values,
        {
            "titel": "--titel",
            "kurzbeschreibung": "--kurzbeschreibung",
            "bundesland": "--bundesland",
            "ort": "--ort",
            "ort_ebene": "--ort-ebene",
            "traeger": "--traeger",
            "traeger_art": "--traeger-art",
            "handlungsfelder": "--handlungsfeld",
            "status": "--status",
            "organisation": "--organisation",
            "quelle": "--quelle",
        },
    )
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
    _require(
        values,
        {
            "titel": "--titel",
            "kurzbeschreibung": "--kurzbeschreibung",
            "ebene": "--ebene",
            "foerdergeber": "--foerdergeber",
            "handlungsfelder": "--handlungsfeld",
            "status": "--status",
            "quelle": "--quelle",
        },
    )
    _check_options(instance, "programme", values)
    values = _prepare(values)
    _write_entry(instance, "programme", values, scaffold.programme(values, today()))


# --- build and serve ----------------------------------------------------------------


@cli.command()
@click.option(
    "--strict",
    is_flag=True,
    help="Warnungen von MkDocs (z. B. defekte Links) "
    "wie Fehler behandeln. Inhaltliche Warnungen prüft `praxis validate --strict`.",
)
@click.option(
    "--out",
    type=clihelp.Path(path_type=Path),  # a file there: refused by praxis.publish
    default=None,
    help="Zielverzeichnis (Standard: site/ der Instanz).",
)
@root_option
def build(instance: Instance, strict: bool, out: Path | None) -> None:
    """Baut die Website: prüfen, Seiten erzeugen, mit MkDocs rendern, Suche indexieren.

    Die neue Website entsteht neben der alten und ersetzt sie erst, wenn sie
    vollständig ist: ein fehlgeschlagener Bau lässt die bisherige Website stehen.

    Beispiele:

    \b
        praxis build
        praxis build --strict --out /tmp/vorschau
    """
    from praxis.build import build_site

    build_site(instance, out, today=today(), strict=strict, echo=click.echo)


@cli.command()
@click.option(
    "--port",
    type=clihelp.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port auf 127.0.0.1.",
)
@root_option
def serve(instance: Instance, port: int) -> None:
    """Vorschau auf http://127.0.0.1:PORT/, die sich bei jeder Änderung neu baut.

    Beobachtet content/, schema/vocabularies/ und mkdocs.yml. Fehler im Inhalt werden
    angezeigt; die Vorschau zeigt dann weiter den letzten fehlerfreien Stand.

    Beispiel:

    \b
        praxis serve --port 8001
    """
    from praxis.serve import serve_site

    serve_site(instance, port, today=today, echo=click.echo)


# --- index and search (stage 3) -----------------------------------------------------


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Den Index vollständig neu aufbauen.")
@root_option
def index_command(instance: Instance, rebuild: bool) -> None:
    """Aktualisiert den Suchindex unter .praxis/index/ (nur geänderte Dateien).

    Einträge mit Fehlern und Entwürfe werden nicht aufgenommen; Fehler werden
    gemeldet (Exit-Code 1).

    Beispiele:

    \b
        praxis index
        praxis index --rebuild
    """
    from praxis.index import refresh_index

    report = refresh_index(instance, today(), rebuild=rebuild)
    errors = [p for doc in report.invalid for p in doc.problems if p.is_error]
    if errors:
        click.echo(format_problems(sort_problems(errors), "text"), err=True)
    how = (
        "neu aufgebaut"
        if report.rebuilt
        else (f"{report.added} neu, {report.changed} geändert, {report.removed} entfernt")
    )
    click.echo(f"Suchindex aktuell: {plural(report.total, 'Eintrag', 'Einträge')} ({how}).")
    if report.invalid:
        raise ContentError(
            f"{plural(len(report.invalid), 'Datei', 'Dateien')} mit Fehlern nicht in den "
            "Suchindex aufgenommen (Details: `praxis validate`)."
        )


@cli.command("search")
@click.argument("suchwort", required=False, default="")
@click.option("--bundesland", help="Nur dieses Land, z. B. HE.")
@click.option("--handlungsfeld", help="Nur dieses Handlungsfeld (Kürzel, z. B. beteiligung).")
@click.option("--zielgruppe", help="Nur diese Zielgruppe (Kürzel, z. B. familien).")
@click.option("--programm", help="Nur Einträge dieses Förderprogramms (Slug).")
@click.option(
    "--kind",
    type=clihelp.Choice(["practice", "programme"]),
    help="Nur Praxisbeispiele (practice) oder Förderprogramme (programme).",
)
@click.option(
    "--limit",
    type=clihelp.IntRange(min=1),
    default=10,
    show_default=True,
    help="Höchstens so viele Treffer zeigen.",
)
@format_option("text", "json")
@root_option
def search_command(
    instance: Instance, suchwort: str, fmt: str, limit: int, **filters: str | None
) -> None:
    """Durchsucht Praxisbeispiele und Förderprogramme (deutsch: Wortformen, Komposita,
    Synonyme, Tippfehler).

    Filter werden mit UND verknüpft; ohne Suchwort listet der Befehl alle Einträge,
    die zu den Filtern passen. Ist der Index veraltet, wird er zuerst aktualisiert.

    Beispiele:

    \b
        praxis search Nachbarschaftsgarten
        praxis search "GWA" --bundesland HE --format json
    """
    from praxis import search as searching
    from praxis.index import is_stale, refresh_index

    if not suchwort.strip() and not any(filters.values()):
        raise click.UsageError("Bitte ein Suchwort oder mindestens einen Filter angeben.")
    if is_stale(instance):
        refresh_index(instance, today())
    response = searching.search(instance, suchwort, searching.Filters(**filters), limit)
    click.echo(searching.to_json(response) if fmt == "json" else searching.to_text(response))


# Commands for contributors and other Länder live in their own module; importing it
# registers them on `cli`.
import praxis.cli_contrib  # noqa: E402, F401
