"""The few exceptions a command may end with.

Like mkdocs, every expected failure is a `click.ClickException`, so that click prints
a German one-line message and exits with the right code instead of a traceback.
"""

from __future__ import annotations

from typing import IO, Any

import click


class PraxisError(click.ClickException):
    """A failure the user can fix; printed as `Fehler: …`, exit code 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Fehler: {self.format_message()}", file=file, err=file is None)


class InstanceNotFound(PraxisError):
    """No mkdocs.yml in the directory or any parent: the command was called in the wrong
    place, a usage error (exit code 2, as for a wrong option)."""

    exit_code = 2


class ConfigError(PraxisError):
    """mkdocs.yml or a vocabulary file cannot be used."""


class ContentError(PraxisError):
    """The content has errors; the problems were already printed."""


class BuildError(PraxisError):
    """MkDocs or Pagefind failed; the previous site stays in place."""
