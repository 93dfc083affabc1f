from click.testing import CliRunner

from praxis.cli import cli


def test_sample_instance_has_no_errors(project, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("5 Dateien geprüft: 0 Fehler, 20 Warnungen.\n")
