"""CONTRIBUTING.md: its generated parts follow the models, vocabularies and validator."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from praxis.authoring.docs import contributing_text
from praxis.authoring.init import DATA
from praxis.cli import cli
from praxis.config import Instance

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = Path(str(DATA / "instance" / "CONTRIBUTING.md"))


def with_guide(project: Path, runner: CliRunner) -> Path:
    guide = project / "CONTRIBUTING.md"
    shutil.copy(TEMPLATE, guide)
    result = runner.invoke(cli, ["contributing", "--root", str(project)])
    assert result.exit_code == 0, result.output
    return guide


def block(text: str, name: str) -> str:
    found = re.search(rf"<!-- praxis:{name} .*?-->\n(.*?)<!-- /praxis:{name} -->", text, re.S)
    assert found, name
    return found.group(1)


def test_repository_guide_is_current() -> None:
    result = CliRunner().invoke(cli, ["contributing", "--check", "--root", str(REPO)])
    assert result.exit_code == 0, result.output


def test_guide_walks_through_browser_and_local_contribution() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for step in (
        "Auf GitHub",
        "Auf GitLab",
        "Create new file",
        "Merge-Request",
        "praxis new practice",
        "praxis serve",
        "praxis validate",
        "Neues Praxisbeispiel",
        "Stolpersteine",
    ):
        assert step in text, step


def test_field_reference_lists_every_key_with_its_description(
    project: Path, runner: CliRunner
) -> None:
    felder = block(with_guide(project, runner).read_text("utf-8"), "felder")
    assert "| `titel` | **Pflicht** | Titel, 5–120 Zeichen. |" in felder
    assert "| `uebertragbarkeit.stolpersteine` | empfohlen |" in felder
    assert "| `ort.ebene` | Pflicht, wenn `ort` angegeben |" in felder
    assert "| `foerdergeber` | **Pflicht** |" in felder  # programmes too
    assert "| `gemeinwesenarbeit` | Gemeinwesenarbeit |" in felder
    assert "GWA" in felder  # synonyms, so contributors see what search also finds


def test_drift_is_detected_and_regeneration_fixes_it(project: Path, runner: CliRunner) -> None:
    with_guide(project, runner)
    check = ["contributing", "--check", "--root", str(project)]
    assert runner.invoke(cli, check).exit_code == 0
    vocab = project / "schema/vocabularies/zielgruppen.yml"
    vocab.write_text(
        vocab.read_text("utf-8") + "  - {id: pflegende, label: Pflegende Angehörige}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, check)
    assert result.exit_code == 1
    assert "CONTRIBUTING.md ist veraltet" in result.output
    guide = with_guide(project, runner)
    assert "| `pflegende` | Pflegende Angehörige |" in guide.read_text("utf-8")
    assert runner.invoke(cli, check).exit_code == 0


def test_hand_written_text_outside_the_markers_is_kept(project: Path, runner: CliRunner) -> None:
    guide = with_guide(project, runner)
    guide.write_text(guide.read_text("utf-8") + "\n## Unsere Redaktion\n\nFrau K.\n", "utf-8")
    assert runner.invoke(cli, ["contributing", "--root", str(project)]).exit_code == 0
    assert guide.read_text("utf-8").endswith("## Unsere Redaktion\n\nFrau K.\n")


def test_missing_marker_is_a_german_error(project: Path, runner: CliRunner) -> None:
    (project / "CONTRIBUTING.md").write_text("# Mitmachen\n", encoding="utf-8")
    result = runner.invoke(cli, ["contributing", "--root", str(project)])
    assert result.exit_code == 1
    assert "Fehler: CONTRIBUTING.md: die Markierung" in result.output
    assert (project / "CONTRIBUTING.md").read_text("utf-8") == "# Mitmachen\n"


def test_template_in_the_guide_is_a_valid_complete_practice(
    project: Path, runner: CliRunner
) -> None:
    """Contributors copy the Vorlage: it must pass without a single warning."""
    vorlage = block(with_guide(project, runner).read_text("utf-8"), "vorlage")
    text = vorlage.strip().removeprefix("```markdown\n").removesuffix("```")
    path = project / "content/practices/vorlage.md"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path), "--strict", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert "0 Fehler, 0 Warnungen" in result.output


def test_message_table_quotes_errors_and_warnings_with_fixes(
    project: Path, runner: CliRunner
) -> None:
    rows = block(with_guide(project, runner).read_text("utf-8"), "meldungen").strip().split("\n")
    messages = [row.split(" | ")[0].lstrip("| ") for row in rows[2:]]
    assert len(messages) >= 15
    assert all(m.startswith(("fehler: ", "warnung: ")) for m in messages), messages
    assert any("Meinten Sie „zielgruppen“?" in m for m in messages)
    assert any(m.startswith("warnung: uebertragbarkeit.stolpersteine") for m in messages)
    assert any("YAML" in m for m in messages)
    assert all(row.count(" | ") >= 2 and not row.endswith("|  |") for row in rows[2:])


def test_repository_guide_is_the_shipped_one() -> None:
    """The reference instance uses the guide new instances get, so the two never drift."""
    expected = contributing_text(Instance.open(REPO), TEMPLATE.read_text(encoding="utf-8"))
    assert (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8") == expected, (
        "CONTRIBUTING.md weicht von tools/praxis/data/instance/CONTRIBUTING.md ab: "
        "Änderungen bitte in der Vorlage machen, kopieren, dann `praxis contributing`."
    )
