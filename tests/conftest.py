"""Layered fixtures, as in Lektor: a sample instance copied to a temporary directory,
then the Instance opened on it, then the loaded and validated collection."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.config import Instance
from praxis.load.collection import Collection, load_collection
from praxis.validate.collection import validate_collection

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 21)


# The enforcement body the sample instance enters for its Land (HE), as an operator does.
SAMPLE_BODY = '{name: "Schlichtungsstelle Test", url: "https://schlichtung.example.org/"}'


def make_instance(tmp_path: Path, name: str = "sample") -> Path:
    """Copy a fixture instance and the repository's vocabularies into tmp_path; the sample
    instance is complete (every duty of an operator filled in)."""
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    shutil.copytree(REPO / "schema" / "vocabularies", root / "schema" / "vocabularies")
    if name == "sample":
        fill_enforcement_body(root, "HE", SAMPLE_BODY)
    return root


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` with `new` in a file, as a contributor edits it; fails where `old` is
    not in the file, so that no test passes on an edit that changed nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def fill_enforcement_body(root: Path, land: str, body: str) -> None:
    """Write the Land's `durchsetzungsstelle` into an instance's vocabulary."""
    path = root / "schema" / "vocabularies" / "bundeslaender.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    empty = 'durchsetzungsstelle: {name: "", url: ""}'
    lines = [
        line.replace(empty, f"durchsetzungsstelle: {body}") if f"id: {land}," in line else line
        for line in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample instance in a temporary directory, with the date pinned."""
    monkeypatch.setenv("PRAXIS_TODAY", TODAY.isoformat())
    return make_instance(tmp_path)


@pytest.fixture
def instance(project: Path) -> Instance:
    return Instance.open(project)


@pytest.fixture
def collection(instance: Instance) -> Collection:
    loaded = load_collection(instance)
    validate_collection(loaded, TODAY)
    return loaded


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample instance built once per session with `praxis build`: its site directory
    (the instance root is its parent). Tests must not change it."""
    from praxis.cli import cli

    root = make_instance(tmp_path_factory.mktemp("built"))
    result = CliRunner().invoke(
        cli,
        ["build", "--root", str(root)],
        env={"PRAXIS_TODAY": TODAY.isoformat()},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return root / "site"
