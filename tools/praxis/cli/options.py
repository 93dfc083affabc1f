"""Options and steps shared by the commands (none of them imports the `cli` group)."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from praxis.cli import clihelp
from praxis.config import Instance
from praxis.errors import ConfigError
from praxis.load.collection import Collection, load_collection
from praxis.validate.collection import validate_collection


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


def check_option(command: Callable[..., object]) -> Callable[..., object]:
    return click.option(
        "--check",
        is_flag=True,
        help="Nur prüfen, ob die Datei aktuell ist (Exit-Code 1, wenn nicht).",
    )(command)


# A new entry's file name and draft state: `praxis new` and `praxis from-issue`.
slug_option = click.option("--slug", help="Dateiname ohne .md (Standard: aus dem Titel).")
draft_option = click.option(
    "--entwurf", is_flag=True, help="Als Entwurf anlegen (nicht veröffentlicht)."
)
