"""Validation with the entry cache (praxis.load.cache) reports exactly what a run without it
reports: the same problems at the same lines, the same models, for unchanged, edited,
added and deleted entries, on any day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from praxis.config import Instance
from praxis.load.collection import Collection, load_collection
from praxis.validate.collection import validate_collection
from tests.conftest import TODAY
from tests.validate.test_validate import PRACTICE, line_of

PRACTICES = Path("content") / "practices"
# A collection with something to report of every kind: warnings of a valid entry, a
# model error, a YAML error, a reference to an unknown programme, a stale review.
PROBLEMS = {
    "warnungen": PRACTICE.replace("## Ziele\n\nFamilien erreichen.\n\n", "").replace(
        "  stolpersteine: [Die Finanzierung war jedes Jahr unsicher.]\n", ""
    ),
    "modellfehler": PRACTICE.replace("status: laufend", "status: vielleicht"),
    "yamlfehler": PRACTICE.replace("status: laufend", "status: [laufend"),
    "verweis": PRACTICE.replace("programme: [landesprogramm-gwa]", "programme: [gibt-es-nicht]"),
    "alt": PRACTICE.replace("erfasst: 2026-09-01", "erfasst: 2020-01-01"),
}


def run(project: Path, *, cache: bool, today: dt.date = TODAY) -> Collection:
    collection = load_collection(Instance.open(project), cache=cache)
    validate_collection(collection, today)
    return collection


def seen(collection: Collection) -> list[Any]:
    """Everything a later stage or a contributor sees of a collection."""
    documents = [
        (
            doc.rel,
            doc.data,
            doc.body,
            doc.body_line,
            doc.positions,
            doc.readable,
            doc.entry.model_dump() if doc.entry is not None else None,
            doc.completeness,
            doc.published_body,
        )
        for doc in collection.documents
    ]
    problems = [(p.as_text(), p.where) for p in collection.problems]
    return [documents, problems]


def write(project: Path, entries: dict[str, str]) -> None:
    for name, text in entries.items():
        (project / PRACTICES / f"{name}.md").write_text(text, encoding="utf-8")


def test_a_cached_run_reports_the_same_problems_and_models_as_a_fresh_one(project: Path) -> None:
    write(project, PROBLEMS)
    fresh = run(project, cache=False)
    filling = run(project, cache=True)
    cached = run(project, cache=True)
    assert seen(filling) == seen(fresh)
    assert seen(cached) == seen(fresh)
    restored = {doc.path.stem for doc in cached.documents if doc.cached}
    # Entries with a model or YAML error are checked afresh in every run.
    assert restored == {
        *("warnungen", "verweis", "alt", "sozialplanung-gera", "stadtteilbuero-nordstadt"),
        *("entwurf-beispiel", "landesprogramm-gwa", "zusammen-im-quartier"),
    }
    texts = [p.as_text() for p in cached.problems]
    assert any("probe" not in t and "gibt-es-nicht" in t for t in texts)
    assert any("vor mehr als 24 Monaten" in t for t in texts)


def test_an_edited_entry_is_checked_again_and_its_error_is_located(project: Path) -> None:
    write(project, {"probe": PRACTICE})
    run(project, cache=True)
    edited = PRACTICE.replace("  ebene: quartier", "  ebene: stadtviertel")
    write(project, {"probe": edited})
    cached = run(project, cache=True)
    probe = next(doc for doc in cached.documents if doc.path.stem == "probe")
    assert not probe.cached
    [error] = [p for p in cached.problems if p.is_error]
    assert (error.path, error.line, error.field) == (
        "content/practices/probe.md",
        line_of(edited, "ebene: stadtviertel"),
        "ort.ebene",
    )
    assert seen(cached) == seen(run(project, cache=False))
    write(project, {"probe": PRACTICE})  # fixed again: what the cache had before
    fixed = run(project, cache=True)
    assert [p for p in fixed.problems if p.is_error] == []
    assert seen(fixed) == seen(run(project, cache=False))


def test_date_warnings_follow_the_day_not_the_cache(project: Path) -> None:
    write(project, {"probe": PRACTICE})
    run(project, cache=True, today=TODAY)
    later = TODAY.replace(year=TODAY.year + 3)
    cached = run(project, cache=True, today=later)
    assert all(doc.cached for doc in cached.documents)
    stale = [p for p in cached.problems if "vor mehr als 24 Monaten" in p.message]
    assert "content/practices/probe.md" in {p.path for p in stale}
    assert seen(cached) == seen(run(project, cache=False, today=later))


def test_checks_across_entries_see_what_changed_in_other_files(project: Path) -> None:
    body = "\n\n## Mehr\n\n" + " ".join(f"Wort{n} kommt im Text vor." for n in range(40)) + "\n"
    write(project, {"probe": PRACTICE + body})
    run(project, cache=True)
    (project / "content" / "programmes" / "landesprogramm-gwa.md").unlink()
    copy = PRACTICE.replace("titel: Stadtteilmütter in Nordstadt", "titel: Stadtteilmütter Süd")
    write(project, {"kopie": copy + body})
    cached = run(project, cache=True)
    probe = next(doc for doc in cached.documents if doc.path.stem == "probe")
    assert probe.cached
    texts = [p.as_text() for p in probe.problems]
    assert any("„landesprogramm-gwa“ gibt es nicht" in t for t in texts)
    assert any("Text fast gleich wie content/practices/kopie.md" in t for t in texts)
    assert seen(cached) == seen(run(project, cache=False))
