"""The benchmark harness: synthetic instances and the quick end-to-end run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from praxis.config import Instance
from praxis.load.collection import load_collection
from praxis.validate.collection import validate_collection
from tests.conftest import REPO, TODAY

sys.path.insert(0, str(REPO / "bench"))

import synth


def test_synthetic_instance_is_valid_deterministic_and_uses_every_term(tmp_path: Path) -> None:
    first = synth.generate(tmp_path / "a", 60, seed=7)
    second = synth.generate(tmp_path / "b", 60, seed=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*.md"))
    assert len(files) == 60 + 3 + 1  # practices, programmes (N/20), index.md
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.md"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)

    instance = Instance.open(first)
    collection = load_collection(instance)
    validate_collection(collection, TODAY)
    assert [p for p in collection.problems if p.is_error] == []
    practices = [d.entry for d in collection.practices.values()]
    assert any(p.programme for p in practices)
    assert any(p.uebertragen_von for p in practices)
    used = {
        "bundeslaender": {p.bundesland for p in practices},
        "handlungsfelder": {h for p in practices for h in p.handlungsfelder},
        "zielgruppen": {z for p in practices for z in p.zielgruppen},
        "traegerarten": {t.art for p in practices for t in p.traeger},
    }
    for name, ids in used.items():
        assert ids == {term.id for term in instance.vocabularies[name]}, name
    words = [len(d.body.split()) for d in collection.practices.values()]
    assert min(words) >= 300 and max(words) <= 900


def test_quick_run_prints_one_table_and_writes_the_report(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARK.md"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--only", "b_validate",
         "--workdir", str(tmp_path / "work"), "--output", str(report)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "| Messung | N | Median | Verhältnis | Ziel | Spitzenspeicher | erfüllt |"
    rows = [line.split(" | ") for line in lines[2:]]
    assert [row[0].lstrip("| ") for row in rows] == [
        "YAML parsen (PyYAML C-Loader), 210 Dateien",
        "praxis validate (laden + prüfen)",
    ]
    assert rows[1][3].endswith("×") and rows[1][5].endswith(" MB")
    text = report.read_text(encoding="utf-8")
    assert "| praxis validate (laden + prüfen) | 200 |" in text
    assert "- Prozessoren (nproc): " in text and "- Python: " in text


def test_vocabularies_of_the_synthetic_instance_are_the_repository_ones(tmp_path: Path) -> None:
    root = synth.generate(tmp_path / "c", 20)
    for path in (REPO / "schema" / "vocabularies").glob("*.yml"):
        copied = root / "schema" / "vocabularies" / path.name
        assert yaml.safe_load(copied.read_text("utf-8")) == yaml.safe_load(path.read_text("utf-8"))


def test_every_registered_measurement_has_a_measure_function() -> None:
    import importlib

    import run

    for name in run.MEASUREMENTS:
        assert callable(importlib.import_module(name).measure), name
