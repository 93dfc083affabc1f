"""The site: `praxis build` and `praxis serve`."""

from __future__ import annotations

from pathlib import Path

import click

from praxis.cli import clihelp
from praxis.cli.options import root_option, today
from praxis.config import Instance


@click.command(cls=clihelp.Command)
@click.option(
    "--strict",
    is_flag=True,
    help="Warnungen von MkDocs (z. B. defekte Links) "
    "wie Fehler behandeln. Inhaltliche Warnungen prüft `praxis validate --strict`.",
)
@click.option(
    "--out",
    type=clihelp.Path(path_type=Path),  # a file there: refused by praxis.publish.workspace
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
    from praxis.publish.build import build_site

    build_site(instance, out, today=today(), strict=strict, echo=click.echo)


@click.command(cls=clihelp.Command)
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
    from praxis.publish.serve import serve_site

    serve_site(instance, port, today=today, echo=click.echo)
