"""The few exceptions a command may end with.

Like mkdocs, every expected failure is a `click.ClickException`, so that click prints
a German one-line message and exits with the right code instead of a traceback. What
escapes a command otherwise becomes one of them in `unexpected`: an operating-system
failure (full disk, read-only directory, no permission) a `FileError` naming the path,
anything else an `InternalError` that says it is a bug and shows the traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import traceback
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from praxis.problems import Problem

REPORT_URL = "https://github.com/praxis-sozialplanung/praxis/issues"


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
    """mkdocs.yml, a vocabulary file or an environment variable cannot be used."""


class ContentError(PraxisError):
    """The content has errors; the problems were already printed, and travel along for
    whoever shows them elsewhere (`praxis serve` in the browser)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class BuildError(PraxisError):
    """MkDocs or Pagefind failed; the previous site stays in place."""


class UnsafePath(PraxisError):
    """A path Praxis refuses to write to (it would destroy something) or to read."""


class FileError(PraxisError):
    """The operating system refused to read or write a file."""

    @classmethod
    def of(cls, exc: OSError) -> FileError:
        return cls(os_error_text(exc))


class InternalError(PraxisError):
    """A bug in Praxis, not in what the user did: the German line says so, the traceback
    (always shown: it is what a bug report needs) says where. Exit code 70 (EX_SOFTWARE)."""

    exit_code = 70

    def __init__(self, summary: str, trace: str) -> None:
        super().__init__(summary)
        self.trace = trace
        self.args = (summary, trace)  # survives the pipe from a build worker

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(
            f"Fehler: interner Fehler in Praxis ({self.format_message()}). Das ist ein "
            f"Fehler im Programm, nicht in Ihren Angaben: bitte unter {REPORT_URL} melden "
            "und diese Ausgabe mitschicken.\n" + self.trace.rstrip(),
            file=file,
            err=file is None,
        )


_REASONS = {
    errno.ENOSPC: "der Datenträger ist voll – bitte Platz schaffen und erneut versuchen",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft – bitte Platz schaffen",
    errno.EROFS: "das Dateisystem ist schreibgeschützt – bitte ein beschreibbares "
    "Verzeichnis verwenden",
    errno.EACCES: "keine Berechtigung – bitte die Zugriffsrechte prüfen",
    errno.EPERM: "keine Berechtigung – bitte die Zugriffsrechte prüfen",
    errno.ENOENT: "gibt es nicht (mehr)",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Verzeichnis",
    errno.EISDIR: "ist ein Verzeichnis, keine Datei",
    errno.EEXIST: "gibt es schon",
    errno.ENOTEMPTY: "das Verzeichnis ist nicht leer",
    errno.ELOOP: "zu viele oder unerlaubte symbolische Verknüpfungen",
    errno.ENAMETOOLONG: "der Name ist zu lang",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.EMFILE: "zu viele offene Dateien",
    errno.ENXIO: "ist kein gewöhnliches Gerät oder keine Datei",
}


def os_reason(exc: OSError) -> str:
    """The German reason of an operating-system failure."""
    fallback = f"Betriebssystemfehler {exc.errno}: {exc.strerror or exc}"
    return _REASONS.get(exc.errno or 0, fallback)


def os_error_text(exc: OSError) -> str:
    """`PATH: reason` for a failure, naming both paths of a rename."""
    names = [os.fsdecode(name) for name in (exc.filename, exc.filename2) if name is not None]
    where = " → ".join(names) if names else "Datei"
    return f"{where}: {os_reason(exc)}."


def unexpected(exc: Exception) -> PraxisError:
    """What escaped a command, as a German error (a PraxisError passes unchanged)."""
    if isinstance(exc, PraxisError):
        return exc
    if isinstance(exc, OSError) and exc.errno is not None:
        return FileError.of(exc)
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        _, target, why = exc.args[0][0]  # copytree collects (source, target, reason)
        return FileError(f"{target}: kann nicht kopiert werden ({why}).")
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    place = f" in {where[0].filename}:{where[0].lineno}" if where else ""
    summary = f"{type(exc).__name__}: {exc}{place}"
    return InternalError(summary, "".join(traceback.format_exception(exc)))
