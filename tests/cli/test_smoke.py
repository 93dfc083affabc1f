from click.testing import CliRunner

from praxis.cli import cli


def test_sample_instance_has_no_errors(project, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("5 Dateien geprüft: 0 Fehler, 20 Warnungen.\n")


def test_pre_commit_hooks_pass_on_the_repository(runner: CliRunner) -> None:
    """The hooks in .pre-commit-config.yaml, run on this repository's own content."""
    import yaml

    from tests.conftest import REPO

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook["entry"] for hook in config["repos"][0]["hooks"]}
    assert list(hooks) == ["ruff", "ruff-format", "mypy", "praxis-validate", "praxis-schema"]
    for hook in ("praxis-validate", "praxis-schema"):
        args = hooks[hook].split()[1:]
        result = runner.invoke(cli, [*args, "--root", str(REPO)])
        assert result.exit_code == 0, (hook, result.output)
