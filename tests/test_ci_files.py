"""The review path: workflows, GitLab CI, issue form and pre-commit hooks are valid and safe.

The CI files are checked against their published JSON Schemas with check-jsonschema's
built-in (offline) copies, for the repository and for the templates `praxis init` ships.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from praxis.authoring.init import DATA
from praxis.cli import cli

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = Path(str(DATA / "instance"))
WORKFLOWS = sorted(REPO.glob(".github/workflows/*.yml")) + sorted(
    TEMPLATES.glob("dot-github/workflows/*.yml")
)
GITLAB = [REPO / ".gitlab-ci.yml", TEMPLATES / "dot-gitlab-ci.yml"]


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def steps(path: Path) -> list[dict[str, Any]]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflows_match_the_github_schema() -> None:
    assert len(WORKFLOWS) == 7
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_ci_matches_the_gitlab_schema() -> None:
    result = check_jsonschema("vendor.gitlab-ci", *GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_notices_a_broken_workflow(tmp_path: Path) -> None:
    """The check above can fail: a misspelt key is found."""
    broken = tmp_path / "ci.yml"
    broken.write_text(
        (REPO / ".github/workflows/ci.yml").read_text("utf-8").replace("runs-on:", "runs_on:", 1),
        encoding="utf-8",
    )
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


def test_issue_forms_match_the_github_schema(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(cli, ["issue-form", "--root", str(project)]).exit_code == 0
    forms = [
        REPO / ".github/ISSUE_TEMPLATE/praxisbeispiel.yml",
        project / ".github/ISSUE_TEMPLATE/praxisbeispiel.yml",
    ]
    result = check_jsonschema("vendor.github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_expression_is_interpolated_into_a_shell_script(path: Path) -> None:
    """Untrusted text (issue bodies, titles, branch names) reaches run: only via env."""
    for step in steps(path):
        assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


@pytest.mark.parametrize("folder", [REPO / ".github", TEMPLATES / "dot-github"])
def test_from_issue_workflow_passes_the_body_through_the_environment(folder: Path) -> None:
    path = folder / "workflows/from-issue.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the bare key `on` as True (YAML 1.1).
    trigger = workflow.get("on", workflow.get(True))
    assert trigger == {"issues": {"types": ["labeled"]}}
    job = workflow["jobs"]["uebernehmen"]
    assert "praxisbeispiel-uebernehmen" in job["if"]
    convert = next(s for s in job["steps"] if "from-issue" in s.get("run", ""))
    assert convert["env"]["BODY"] == "${{ github.event.issue.body }}"
    assert "printf '%s' \"$BODY\" | praxis from-issue -" in convert["run"]
    assert any(
        s.get("uses", "").startswith("peter-evans/create-pull-request@") for s in job["steps"]
    )


@pytest.mark.parametrize("folder", [REPO / ".github", TEMPLATES / "dot-github"])
def test_ci_validates_with_annotations_and_builds(folder: Path) -> None:
    runs = "\n".join(s.get("run", "") for s in steps(folder / "workflows/ci.yml"))
    assert "praxis validate --format github" in runs
    assert "praxis build" in runs
    pages = [s.get("uses", "") for s in steps(folder / "workflows/pages.yml")]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in pages)
    assert any(u.startswith("actions/deploy-pages@") for u in pages)


def test_repository_ci_runs_the_tests_with_a_real_browser() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    tests = workflow["jobs"]["tests"]
    assert tests["env"]["PRAXIS_REQUIRE_BROWSER"] == "1"
    assert "make test" in "\n".join(s.get("run", "") for s in tests["steps"])
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "public" in gitlab["pages"]["artifacts"]["paths"]
    assert "make test" in gitlab["tests"]["script"]


def test_pre_commit_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")  # in the dev extra
    hooks = clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert {hook["id"] for hook in hooks} == {"praxis-validate", "praxis-schema-check"}


def test_pre_commit_validate_hook_blocks_a_broken_entry(project: Path) -> None:
    """Run the hook's entry the way pre-commit does: command plus the staged file names."""
    hook = next(
        h
        for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
        if h["id"] == "praxis-validate"
    )
    praxis = str(Path(sys.executable).with_name("praxis"))
    entry = [praxis, *hook["entry"].split()[1:]]
    good = "content/practices/stadtteilbuero-nordstadt.md"
    ok = subprocess.run([*entry, good], cwd=project, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = project / "content/practices/kaputt.md"
    broken.write_text(
        (project / good).read_text("utf-8").replace("status: laufend", "status: läuft"), "utf-8"
    )
    bad = subprocess.run(
        [*entry, "content/practices/kaputt.md"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert "content/practices/kaputt.md:" in bad.stdout
    assert "„läuft“ ist nicht zulässig" in bad.stdout
