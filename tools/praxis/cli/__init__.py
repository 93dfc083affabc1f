"""The `praxis` command line: the group, and the commands added to it by topic.

Each command is a thin, top-to-bottom sequence of stages. The commands live in modules of
their own (`content`, `new`, `site`, `authoring`); they never import this module, which
adds them to the group below.
"""

from __future__ import annotations

from typing import Any

import click

from praxis.cli import authoring, clihelp, content, new, site
from praxis.errors import unexpected


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


for command in (
    content.validate,
    content.schema,
    content.export,
    content.index_command,
    content.search_command,
    new.new,
    site.build,
    site.serve,
    authoring.init,
    authoring.issue_form,
    authoring.from_issue,
    authoring.contributing,
    authoring.cms,
):
    cli.add_command(command)
