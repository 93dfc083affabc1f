"""The instance's settings: mkdocs.yml and vocabularies refused with located German messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli


def set_land(project: Path, value: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "bundesland: HE" in text
    config.write_text(text.replace("bundesland: HE", f"bundesland: {value}"), encoding="utf-8")


def line_of(project: Path, needle: str) -> int:
    lines = (project / "mkdocs.yml").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("command", [["validate"], ["build"], ["search", "Quartier"]])
def test_a_land_name_instead_of_its_code_is_refused_with_a_suggestion(
    project: Path, runner: CliRunner, command: list[str]
) -> None:
    set_land(project, "Sachsen")
    result = runner.invoke(cli, [*command, "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    line = line_of(project, "bundesland:")
    assert result.output.startswith(
        f"Fehler: mkdocs.yml:{line}:17: extra.praxis.bundesland: „Sachsen“ ist kein Kürzel "
        "eines Landes. Meinten Sie „SN“?"
    )
    assert result.output.count("\n") == 1


def test_an_unknown_land_code_lists_the_codes(project: Path, runner: CliRunner) -> None:
    set_land(project, "XY")
    result = runner.invoke(cli, ["validate", "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "„XY“ ist kein Kürzel eines Landes. Zulässig sind: BW, BY, BE," in result.output


def test_broken_mkdocs_yml_is_located_in_german(project: Path, runner: CliRunner) -> None:
    set_land(project, "HE\n  karte: [1, 2")
    result = runner.invoke(cli, ["validate", "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.startswith("Fehler: ")
    assert "mkdocs.yml:" in result.output
    assert "YAML-Syntaxfehler: Eine eckige Klammer „[“ wird nicht geschlossen." in result.output
    assert "expected" not in result.output


def test_broken_vocabulary_is_located_in_german(project: Path, runner: CliRunner) -> None:
    vocabulary = project / "schema/vocabularies/zielgruppen.yml"
    vocabulary.write_text("name: zielgruppen\nlabel: Zielgruppen\nterms:\n  - id: a: b\n", "utf-8")
    result = runner.invoke(cli, ["validate", "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "zielgruppen.yml:4:" in result.output
    assert (
        "YAML-Syntaxfehler: Hier steht ein Doppelpunkt, wo YAML keinen erwartet." in result.output
    )


@pytest.mark.parametrize(
    "extensions",
    [
        "markdown_extensions:\n  - pymdownx.snippets\n",
        "markdown_extensions:\n  - toc\n  - pymdownx.snippets:\n      base_path: [docs]\n",
        "markdown_extensions:\n  - pymdownx.b64\n",
    ],
)
@pytest.mark.parametrize("command", [["validate"], ["build"]])
def test_extensions_that_read_files_into_pages_are_refused(
    project: Path, runner: CliRunner, command: list[str], extensions: str
) -> None:
    # With them, any text could publish a file of the build machine: `--8<-- ".git/config"`.
    (project / "geheim.txt").write_text("GEHEIMNIS", encoding="utf-8")
    entry = project / "content/practices/stadtteilbuero-nordstadt.md"
    entry.write_text(entry.read_text("utf-8") + '\n--8<-- "geheim.txt"\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + extensions, encoding="utf-8")
    name = "pymdownx.b64" if "b64" in extensions else "pymdownx.snippets"
    result = runner.invoke(cli, [*command, "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Fehler: mkdocs.yml:{line_of(project, name)}: markdown_extensions: „{name}“ liest "
        "Dateien in die Seiten ein"
    )
    assert not (project / "site").exists()
