"""The entry cache (praxis.load.cache): what it keeps, what it refuses, and two processes
sharing it."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from praxis.config import Instance
from praxis.load.cache import EntryCache
from praxis.load.collection import Collection, Document, load_collection
from praxis.publish.build import build_site
from tests.conftest import TODAY
from tests.validate.test_cached import PROBLEMS, run, seen, write


def folder(project: Path) -> Path:
    return project / ".praxis" / "build" / "entries"


def cache_files(project: Path) -> set[str]:
    return {path.name for path in folder(project).iterdir()}


def expected_files(project: Path, collection: Collection) -> set[str]:
    cache = EntryCache(Instance.open(project))
    return {cache.file(doc).name for doc in collection.documents if doc.entry is not None}


def test_one_file_per_valid_entry_and_stale_ones_are_removed(project: Path) -> None:
    write(project, PROBLEMS)
    first = run(project, cache=True)
    assert cache_files(project) == expected_files(project, first)
    write(project, {"alt": PROBLEMS["alt"] + "\nMehr Text.\n"})
    (project / "content" / "practices" / "verweis.md").unlink()
    second = run(project, cache=True)
    assert cache_files(project) == expected_files(project, second)
    assert len(cache_files(project)) == len(expected_files(project, first)) - 1


def test_corrupt_cache_files_are_ignored_and_written_again(project: Path) -> None:
    write(project, PROBLEMS)
    fresh = seen(run(project, cache=False))
    run(project, cache=True)
    for path in folder(project).iterdir():
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])  # as if a crash had cut it
    broken = run(project, cache=True)
    assert not any(doc.cached for doc in broken.documents)
    assert seen(broken) == fresh
    again = run(project, cache=True)
    assert sum(doc.cached for doc in again.documents) == len(cache_files(project)) == 8
    assert seen(again) == fresh


class _RunsCode:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_cache_file_cannot_run_code_nor_stand_for_another_file(
    project: Path, tmp_path: Path
) -> None:
    write(project, {"probe": PROBLEMS["alt"]})
    fresh = seen(run(project, cache=False))
    run(project, cache=True)
    marker = tmp_path / "ausgefuehrt"
    cache = EntryCache(Instance.open(project))
    names = sorted(folder(project).iterdir())
    names[0].write_bytes(pickle.dumps(_RunsCode(marker)))
    other = Document(Path("x.md"), "content/practices/x.md", "practice", "x", "0" * 40)
    names[1].write_bytes(pickle.dumps(other))  # a Document, but of another file
    loaded = run(project, cache=True)
    assert not marker.exists()
    assert sum(not doc.cached for doc in loaded.documents) == 2
    assert seen(loaded) == fresh
    assert {cache.file(doc).name for doc in loaded.documents} == cache_files(project)


SCRIPT = """
import datetime as dt, sys
from pathlib import Path
from praxis.config import Instance
from praxis.load.collection import load_collection
from praxis.validate.collection import validate_collection
for _ in range(3):
    collection = load_collection(Instance.open(Path(sys.argv[1])))
    validate_collection(collection, dt.date(2026, 11, 21))
    print("\\n".join(p.as_text() for p in collection.problems))
    print(sum(doc.cached for doc in collection.documents), file=sys.stderr)
"""


def test_two_processes_loading_at_once_share_the_cache_safely(project: Path) -> None:
    """As the build and its search job do: both write the entries they check, both read
    what the other wrote, and each reports what a run without the cache reports."""
    many = {f"eintrag-{n}": PROBLEMS["alt"].replace("Nordstadt", f"Ort {n}") for n in range(60)}
    write(project, {**PROBLEMS, **many})
    expected = "\n".join(p.as_text() for p in run(project, cache=False).problems) + "\n"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(project)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], results
    for out, counts in results:
        assert out == expected * 3
        assert counts.split()[-1] == str(len(many) + 8)  # the last run: all valid cached
    final = run(project, cache=True)
    assert sum(doc.cached for doc in final.documents) == len(many) + 8
    assert cache_files(project) == expected_files(project, final)


def test_praxis_build_uses_the_caches_and_full_neither_reads_nor_writes_them(
    project: Path,
) -> None:
    instance = Instance.open(project)
    build_site(instance, project / "cold", today=TODAY, full=True, echo=lambda _: None)
    related = project / ".praxis" / "build" / "related"
    assert not folder(project).exists() and not related.exists()
    build_site(instance, project / "site", today=TODAY, echo=lambda _: None)
    entries = load_collection(instance, cache=False).documents
    assert len(cache_files(project)) == len(entries)  # the sample has no invalid entry
    assert len(list(related.iterdir())) == 2  # its published practices
