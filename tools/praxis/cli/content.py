"""Commands on the content: validate, schema, export, index and search."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from praxis.cli import clihelp
from praxis.cli.options import format_option, load_and_validate, root_option, today
from praxis.config import Instance
from praxis.errors import ContentError
from praxis.fsutil import atomic_write
from praxis.load.collection import Collection, Document
from praxis.model.kinds import KINDS
from praxis.model.schema import schema_files, stale_schema_files
from praxis.problems import format_problems, sort_problems
from praxis.text import plural

# --- validate -----------------------------------------------------------------------


@click.command(cls=clihelp.Command)
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


@click.command(cls=clihelp.Command)
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


@click.command(cls=clihelp.Command)
@format_option("json", "csv")
@click.option(
    "--kind",
    type=clihelp.Choice(list(KINDS)),
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
    from praxis.generate.opendata import csv_text, json_text, records

    collection = load_and_validate(instance)
    errors = [p for p in collection.problems if p.is_error]
    if errors:
        click.echo(format_problems(errors, "text"), err=True)
        raise ContentError(
            f"Nichts exportiert: der Inhalt enthält {len(errors)} Fehler. "
            "Bitte zuerst beheben (`praxis validate`)."
        )
    kinds = [about.kind for about in KINDS.values() if kind in (None, about.kind)]
    rows = records(collection, kinds)
    text = json_text(rows) if fmt == "json" else csv_text(rows, kinds, bom=output is not None)
    if output is None:
        click.echo(text, nl=False)
        return
    atomic_write(output, text)  # a full disk: a German message naming the file (Commands)
    click.echo(f"Geschrieben: {output} ({plural(len(rows), 'Eintrag', 'Einträge')})")


# --- index and search (stage 3) -----------------------------------------------------


@click.command("index", cls=clihelp.Command)
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
    from praxis.search.index import refresh_index

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


@click.command("search", cls=clihelp.Command)
@click.argument("suchwort", required=False, default="")
@click.option("--bundesland", help="Nur dieses Land, z. B. HE.")
@click.option("--handlungsfeld", help="Nur dieses Handlungsfeld (Kürzel, z. B. beteiligung).")
@click.option("--zielgruppe", help="Nur diese Zielgruppe (Kürzel, z. B. familien).")
@click.option("--programm", help="Nur Einträge dieses Förderprogramms (Slug).")
@click.option(
    "--kind",
    type=clihelp.Choice(list(KINDS)),
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
    from praxis.search import query as searching
    from praxis.search.index import is_stale, refresh_index

    if not suchwort.strip() and not any(filters.values()):
        raise click.UsageError("Bitte ein Suchwort oder mindestens einen Filter angeben.")
    if is_stale(instance):
        refresh_index(instance, today())
    response = searching.search(instance, suchwort, searching.Filters(**filters), limit)
    click.echo(searching.to_json(response) if fmt == "json" else searching.to_text(response))
