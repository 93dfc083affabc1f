"""The reproducible set-up: what `make site` and `make test` install is the lock, exactly.

A fresh clone installs the versions CI passed with, whatever upstream released since; the
scheduled drift job is where the newest allowed versions are tried.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"
INSTANCE_LOCK = REPO / "tools/praxis/data/instance/requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def pins(path: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """name → [(version, hashes)] (a name may be pinned twice, under exclusive markers)."""
    found: dict[str, list[tuple[str, list[str]]]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = []
            name = canonicalize_name(match.group(1))
            found.setdefault(name, []).append((match.group(2), current))
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current.append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return found


def project_requirements() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    declared = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    for extra in project["project"]["optional-dependencies"].values():
        declared += [r for r in extra if not r.startswith("praxis[")]
    return {canonicalize_name(Requirement(r).name) for r in declared}


def test_every_declared_dependency_is_locked_exactly_with_hashes() -> None:
    locked = pins(LOCK)
    assert project_requirements() <= set(locked)
    for name, versions in locked.items():
        for version, hashes in versions:
            assert re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), (name, version)
            assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), name


def test_locked_versions_satisfy_the_declared_ranges() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    locked = pins(LOCK)
    for text in project["project"]["dependencies"]:
        requirement = Requirement(text)
        for version, _ in locked[canonicalize_name(requirement.name)]:
            assert requirement.specifier.contains(version, prereleases=True), (text, version)


def test_instances_get_the_same_runtime_versions() -> None:
    """`praxis init` copies the runtime lock: the versions this repository is tested with."""
    locked, runtime = pins(LOCK), pins(INSTANCE_LOCK)
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    for text in project["project"]["dependencies"]:
        assert canonicalize_name(Requirement(text).name) in runtime
    for name, versions in runtime.items():
        assert [v for v, _ in versions] == [v for v, _ in locked[name]], name
    assert "pytest" not in runtime and "ruff" not in runtime


def test_makefile_installs_from_the_lock_only() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    install = makefile.split("$(STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes --no-deps -r $(LOCK)" in install
    assert "--no-deps --no-build-isolation -e ." in install
    assert "--upgrade" not in install
    npm = makefile.split("$(AXE): ", 1)[1].split("\n\n", 1)[0]
    assert "npm ci" in npm


def test_drift_job_runs_the_newest_versions_on_a_schedule() -> None:
    workflow = yaml.safe_load(
        (REPO / ".github/workflows/neueste-versionen.yml").read_text(encoding="utf-8")
    )
    trigger = workflow.get("on", workflow.get(True))
    assert "schedule" in trigger
    runs = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert "make test-latest" in runs
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    drift = gitlab["neueste-versionen"]
    assert drift["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert "make test-latest" in drift["script"]
    makefile = (REPO / "Makefile").read_text("utf-8")
    latest = makefile.split("test-latest: ", 1)[1].split("\n\n", 1)[0]
    assert "--upgrade" in latest and "-r $(LOCK)" not in latest
