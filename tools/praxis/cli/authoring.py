"""Commands for contributors and other Länder: init, issue-form, from-issue, contributing, cms."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from praxis.authoring.cms import admin_path, config_files
from praxis.authoring.docs import contributing_path, contributing_text
from praxis.authoring.engine import engine_source
from praxis.authoring.fromissue import convert, report_lines, report_markdown
from praxis.authoring.init import LIZENZ_DEFAULT, Settings, create_instance
from praxis.authoring.issueform import form_files
from praxis.cli import clihelp
from praxis.cli.options import (
    check_option,
    draft_option,
    load_and_validate,
    root_option,
    slug_option,
    today,
)
from praxis.config import Instance, read_config_text
from praxis.errors import PraxisError
from praxis.fsutil import atomic_write
from praxis.text import plural


def _write_or_check(instance: Instance, files: dict[Path, str], check: bool, command: str) -> None:
    """Shared by the generated files: write them, or with --check fail if one differs."""
    stale = False
    for path, text in files.items():
        rel = instance.relative(path)
        if not check:
            atomic_write(path, text)
            click.echo(f"Geschrieben: {rel}")
        elif (path.read_bytes() if path.is_file() else None) != text.encode("utf-8"):
            click.echo(
                f"{rel} ist veraltet: bitte `praxis {command}` ausführen und die "
                "Datei mit einchecken."
            )
            stale = True
        else:
            click.echo(f"{rel} ist aktuell.")
    if stale:
        raise SystemExit(1)


@click.command(cls=clihelp.Command)
@click.argument("verzeichnis", type=clihelp.Path(path_type=Path))
@click.option("--bundesland", required=True, help="Land der Instanz als Kürzel, z. B. TH.")
@click.option("--name", required=True, help='Name der Website, z. B. "Praxisdatenbank Thüringen".')
@click.option(
    "--repo-url",
    default="",
    help="Adresse des Repositorys, z. B. "
    "https://github.com/land/praxis (für Links zum Bearbeiten).",
)
@click.option("--lizenz", default=LIZENZ_DEFAULT, show_default=True, help="Lizenz der Inhalte.")
@click.option(
    "--engine",
    "engine_spec",
    default=None,
    help="Woher die Instanz die Engine installiert: ein Wheel (make dist), eine "
    "git-Adresse mit Tag oder ein Paketname mit Version. Ohne Angabe: dieselbe Quelle, "
    "aus der diese Engine installiert ist.",
)
def init(
    verzeichnis: Path,
    bundesland: str,
    name: str,
    repo_url: str,
    lizenz: str,
    engine_spec: str | None,
) -> None:
    """Legt eine neue, leere Instanz für ein Land an, die sofort prüft und baut.

    Mit eigener mkdocs.yml, Vokabularen, Standardseiten (Impressum und Datenschutz
    vom Betreiber auszufüllen), CI-Dateien für GitHub und GitLab, README und derselben
    Einrichtung wie hier: `make site` und `make test` (mit .venv und den festgelegten
    Versionen aus requirements.lock). Ein vorhandenes, nicht leeres Verzeichnis wird nie
    überschrieben.

    Beispiel:

    \b
        praxis init ../praxis-th --bundesland TH --name "Praxisdatenbank Thüringen" \\
          --repo-url https://github.com/koss-thueringen/praxis \\
          --engine dist/praxis-0.1.0-py3-none-any.whl
    """
    settings = Settings(name=name, bundesland=bundesland, repo_url=repo_url, lizenz=lizenz)
    engine = engine_source(engine_spec)
    written = create_instance(verzeichnis, settings, engine)
    load_and_validate(Instance.open(verzeichnis))
    click.echo(f"Angelegt: {verzeichnis} ({plural(len(written), 'Datei', 'Dateien')}).")
    click.echo(f"Engine: {engine.requirement}")
    if engine.note:
        click.echo(f"Hinweis: {engine.note}")
    click.echo("Nächste Schritte:")
    click.echo(f"  cd {verzeichnis}")
    click.echo('  git init && git add . && git commit -m "Neue Instanz"')
    click.echo("  make site                    # .venv anlegen, installieren, Website bauen")
    click.echo("  .venv/bin/praxis new practice  # erstes Praxisbeispiel anlegen")
    click.echo("  content/impressum.md und content/datenschutz.md ausfüllen")


@click.command("issue-form", cls=clihelp.Command)
@check_option
@root_option
def issue_form(instance: Instance, check: bool) -> None:
    """Schreibt das Formular „Neues Praxisbeispiel“ aus Vokabularen und Modell.

    Für GitHub .github/ISSUE_TEMPLATE/praxisbeispiel.yml (ein Formular mit
    Auswahllisten), für GitLab .gitlab/issue_templates/Praxisbeispiel.md (dieselben
    Fragen als Vorlage). Beide werden eingecheckt; nach einer Änderung der Vokabulare
    bitte neu erzeugen.

    Beispiele:

    \b
        praxis issue-form
        praxis issue-form --check
    """
    _write_or_check(instance, form_files(instance), check, "issue-form")


@click.command("from-issue", cls=clihelp.Command)
@click.argument("quelle", type=clihelp.File("r", encoding="utf-8"))
@slug_option
@draft_option
@click.option(
    "--bericht",
    type=clihelp.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Den Bericht zusätzlich als Markdown in diese Datei schreiben (für Kommentar "
    "oder Pull-Request; der Text des Issues steht darin sicher als Codeblock).",
)
@root_option
def from_issue(
    instance: Instance, quelle: TextIO, slug: str | None, entwurf: bool, bericht: Path | None
) -> None:
    """Macht aus einem ausgefüllten Formular „Neues Praxisbeispiel“ eine Datei.

    QUELLE ist der Text des Issues als Datei, oder - für die Standardeingabe. Die
    Datei wird geprüft und nur geschrieben, wenn sie keine Fehler hat; eine
    vorhandene Datei wird nie überschrieben. Exit-Code 1, wenn etwas fehlt.

    Beispiel:

    \b
        gh issue view 42 --json body --jq .body | praxis from-issue - --bericht bericht.md
    """
    lines: list[str] = []
    try:
        try:
            body = quelle.read()
        except UnicodeDecodeError as exc:
            raise PraxisError("Der Text des Issues ist nicht UTF-8.") from exc
        result = convert(instance, body, today(), slug=slug, entwurf=entwurf)
        lines = report_lines(result)
        for line in lines:
            click.echo(line)
    except click.ClickException as exc:
        lines.append(f"Fehler: {exc.format_message()}")
        raise
    finally:
        if bericht is not None:
            atomic_write(bericht, report_markdown(lines or ["Fehler: kein Ergebnis."]))
    sys.stdout.flush()
    if result.errors:
        raise SystemExit(1)


@click.command(cls=clihelp.Command)
@check_option
@root_option
def contributing(instance: Instance, check: bool) -> None:
    """Erneuert die Feldübersicht und die Meldungstabelle in CONTRIBUTING.md.

    Beide werden aus dem Modell, den Vokabularen und dem Prüfprogramm erzeugt; der
    übrige Text bleibt, wie er ist.

    Beispiel:

    \b
        praxis contributing --check
    """
    path = contributing_path(instance)
    if not path.is_file():
        raise PraxisError(f"{instance.relative(path)} fehlt.")
    text = contributing_text(instance, read_config_text(path, "Die Anleitung", follow=True))
    _write_or_check(instance, {path: text}, check, "contributing")


@click.command(cls=clihelp.Command)
@check_option
@root_option
def cms(instance: Instance, check: bool) -> None:
    """Schreibt die Konfiguration des Web-Editors nach cms/config.yml (aus Modell und Vokabularen).

    Die Website bietet den Editor unter /admin/ an (oder unter extra.praxis.cms.pfad);
    das Back-End (GitHub, GitLab, Open CoDE) ergibt sich aus repo_url und
    extra.praxis.cms in mkdocs.yml. Nach einer Änderung der Vokabulare bitte neu erzeugen.

    Beispiele:

        praxis cms

        praxis cms --check
    """
    _write_or_check(instance, config_files(instance), check, "cms")
    if not check:
        click.echo(f"Der Editor erscheint nach `praxis build` unter /{admin_path(instance)}/.")
