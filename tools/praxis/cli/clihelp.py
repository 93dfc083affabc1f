"""German help pages and usage errors for every `praxis` command.

click writes its own words (`Usage:`, `Options:`, `Error: Missing option …`) in English
through gettext, which would only turn German on a machine whose locale has a German
catalogue for click. Instead, `Group` and `Command` here say them in German at click's
documented customisation points: the context's `formatter_class`, the help option, the
`format_*` methods, the metavars, the parameter types' messages, and `main`, which
reports usage errors. `praxis.cli` declares its root group with `cls=Group`; every
command and subgroup below it inherits the classes (`command_class`, `group_class`).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from typing import IO, Any

import click

HELP_OPTION = "Diese Hilfe zeigen und beenden."
VERSION_OPTION = "Die Version zeigen und beenden."
_OS_REASONS = {
    errno.ENOENT: "die Datei gibt es nicht",
    errno.EACCES: "keine Leseberechtigung",
    errno.EPERM: "keine Leseberechtigung",
    errno.EISDIR: "das ist ein Verzeichnis",
}


# --- help pages ---------------------------------------------------------------------


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Aufruf: " if prefix is None else prefix)


class Context(click.Context):
    formatter_class = Formatter


def _option_record(option: click.Option, ctx: click.Context) -> tuple[str, str] | None:
    """Like click's own help line of an option, with its bracketed notes in German."""
    if option.hidden:
        return None
    extra = option.get_help_extra(ctx)
    notes = []
    if "default" in extra:
        notes.append(f"Standard: {extra['default']}")
    if "range" in extra:  # click writes `x>=1`; Praxis' own IntRange says it in German
        kind = option.type
        notes.append(kind.span() if isinstance(kind, IntRange) else extra["range"])
    if "required" in extra:
        notes.append("Pflicht")
    help_text = option.help or ""
    if notes:
        help_text = f"{help_text}  [{'; '.join(notes)}]".strip()
    return option.get_help_spec(ctx), help_text


class GermanMixin:
    """What `Command` and `Group` share: help page and error report."""

    context_class: type[click.Context] = Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
        return option

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        rows = [
            row
            for param in params
            if isinstance(param, click.Option) and (row := _option_record(param, ctx))
        ]
        if rows:
            with formatter.section("Optionen"):
                formatter.write_dl(rows)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        args = [p for p in params if isinstance(p, click.Argument)]
        if any(arg.help is not None for arg in args):
            with formatter.section("Argumente"):
                formatter.write_dl([arg.get_help_record(ctx) for arg in args])

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except click.UsageError as exc:
            exc.ctx = exc.ctx or ctx  # the option parser raises without one
            raise

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's `main`, reporting errors in German: click propagates them when not
        standalone, and this method then reports them as click would."""
        run = super().main  # type: ignore[misc]
        if not standalone_mode:
            return run(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = run(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            show_error(exc)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Abgebrochen.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) and not isinstance(result, bool) else 0)


class Command(GermanMixin, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIONEN]")
        super().__init__(*args, **kwargs)


class Group(GermanMixin, click.Group):
    command_class = Command
    group_class = type  # subgroups are of this class too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIONEN]")
        kwargs.setdefault("subcommand_metavar", "BEFEHL [ARGUMENTE]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)  # the German options, then the commands
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        with formatter.section("Befehle"):
            formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])


# --- usage errors -------------------------------------------------------------------


def show_error(exc: click.ClickException, file: IO[Any] | None = None) -> None:
    """Report an error as click does (usage, hint, message), in German."""
    if not isinstance(exc, click.UsageError):
        if type(exc).show is not click.ClickException.show:
            exc.show(file)  # our own exceptions say it in German already
        else:
            click.echo(f"Fehler: {exc.format_message()}", err=file is None, file=file)
        return
    ctx = exc.ctx
    if ctx is not None:
        names = ctx.command.get_help_option_names(ctx)
        hint = f"Hilfe: {ctx.command_path} {max(names, key=len)}\n" if names else ""
        click.echo(f"{ctx.get_usage()}\n{hint}", err=file is None, file=file)
    click.echo(f"Fehler: {usage_message(exc)}", err=file is None, file=file)


def _quote(name: str | None) -> str:
    return f"„{name}“"


def _suggest(possibilities: Sequence[str] | None) -> str:
    if not possibilities:
        return ""
    return " Meinten Sie " + " oder ".join(_quote(p) for p in possibilities) + "?"


def usage_message(exc: click.UsageError) -> str:
    """The German message of one of click's usage errors (ours pass through)."""
    param = getattr(exc, "param", None)
    if isinstance(exc, click.MissingParameter):
        if isinstance(param, click.Argument):
            text = f"Das Argument {_quote(param.human_readable_name)} fehlt."
        elif isinstance(param, click.Option):
            text = f"Die Option {_quote(' / '.join(param.opts))} fehlt."
        else:
            text = f"Die Angabe {_quote(str(exc.param_hint or ''))} fehlt."
        if param is not None and isinstance(param.type, click.Choice):
            text += " Möglich: " + ", ".join(map(str, param.type.choices)) + "."
        return text
    if isinstance(exc, click.BadParameter):
        if isinstance(param, click.Option):
            where = _quote(" / ".join(param.opts))
        elif isinstance(param, click.Argument):
            where = _quote(param.human_readable_name)
        else:
            where = _quote(str(exc.param_hint)) if exc.param_hint else ""
        return f"Ungültiger Wert für {where}: {exc.message}" if where else exc.message
    if isinstance(exc, click.NoSuchOption):
        return f"Unbekannte Option {_quote(exc.option_name)}.{_suggest(exc.possibilities)}"
    if isinstance(exc, click.NoSuchCommand):
        return f"Unbekannter Befehl {_quote(exc.command_name)}.{_suggest(exc.possibilities)}"
    if isinstance(exc, click.BadOptionUsage):
        return _option_usage(exc)
    if isinstance(exc, click.BadArgumentUsage):
        return "Zu wenige Werte für ein Argument."
    if exc.message.startswith("Got unexpected extra argument"):
        extra = exc.message.partition("(")[2].rstrip(")")
        return f"Unerwartete Angabe: {extra}. Werte mit Leerzeichen bitte in Anführungszeichen."
    if exc.message == "Missing command.":
        return "Bitte einen Befehl angeben."
    return exc.message


def _option_usage(exc: click.BadOptionUsage) -> str:
    command = exc.ctx.command if exc.ctx else None
    option = next(
        (
            p
            for p in (command.params if command else [])
            if isinstance(p, click.Option) and exc.option_name in (*p.opts, *p.secondary_opts)
        ),
        None,
    )
    if option is not None and option.is_flag:
        return f"Die Option {_quote(exc.option_name)} nimmt keinen Wert."
    return f"Die Option {_quote(exc.option_name)} braucht einen Wert."


# --- parameter types with German messages -------------------------------------------


class Choice(click.Choice):
    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return f"{_quote(value)} ist nicht möglich. Möglich: " + ", ".join(self.choices) + "."


class IntRange(click.IntRange):
    name = "zahl"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"{_quote(value)} ist keine ganze Zahl.", param, ctx)
        if (self.min is not None and number < self.min) or (
            self.max is not None and number > self.max
        ):
            self.fail(f"{number} ist nicht erlaubt: nur ganze Zahlen {self.span()}.", param, ctx)
        return number

    def span(self) -> str:
        """`ab 1`, `bis 10`, `von 1 bis 10` (closed bounds, as Praxis' options use)."""
        if self.min is not None and self.max is not None:
            return f"von {self.min} bis {self.max}"
        return f"ab {self.min}" if self.min is not None else f"bis {self.max}"


class Path(click.Path):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.file_okay and not self.dir_okay:
            self.name = "datei"
        elif self.dir_okay and not self.file_okay:
            self.name = "verzeichnis"
        else:
            self.name = "pfad"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            name = os.fsdecode(value)
            if not os.path.exists(name):
                reason = "gibt es nicht"
            elif os.path.isdir(name) and not self.dir_okay:
                reason = "ist ein Verzeichnis, keine Datei"
            elif not os.path.isdir(name) and not self.file_okay:
                reason = "ist eine Datei, kein Verzeichnis"
            else:
                reason = "ist nicht zugänglich (Berechtigungen?)"
            self.fail(f"{_quote(name)} {reason}.", param, ctx)


class File(click.File):
    name = "datei"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if "r" not in self.mode or value == "-" or hasattr(value, "read"):
            return super().convert(value, param, ctx)
        try:
            with open(os.fsdecode(value), "rb"):
                pass
        except OSError as exc:
            reason = _OS_REASONS.get(exc.errno or 0, f"Betriebssystemfehler {exc.errno}")
            self.fail(f"{_quote(os.fsdecode(value))} kann nicht geöffnet werden: {reason}.")
        return super().convert(value, param, ctx)
