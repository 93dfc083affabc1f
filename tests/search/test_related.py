"""„Ähnliche Praxisbeispiele“ with the token cache: the same lists as a computation from
scratch, and as the ranking written out plainly, after edits, additions and deletions."""

from __future__ import annotations

import math
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

from praxis.config import Instance
from praxis.generate import published
from praxis.load.collection import Collection, load_collection
from praxis.search.analysis import Analysis
from praxis.search.related import FIELD_WEIGHT, KEY_TERMS, MAX_DF, _text, related_practices
from praxis.validate.collection import validate_collection
from tests.conftest import REPO, TODAY, make_instance

sys.path.insert(0, str(REPO / "bench"))

import synth


def reference(collection: Collection, limit: int = 5) -> dict[str, list[str]]:
    """The ranking as the module describes it, without shortcuts: every practice's key
    terms, the sum of the shared key terms' idf for each other practice sharing one (or,
    with fewer than `limit` of those, the first 50 of each of its Handlungsfelder),
    plus FIELD_WEIGHT per shared Handlungsfeld; ties by slug."""
    docs = published(collection, "practice")
    analysis = Analysis.for_instance(collection.instance)
    counts = [Counter(analysis.tokens(_text(doc))) for doc in docs]
    df = Counter(term for tf in counts for term in tf)
    idf = {term: math.log((1 + len(docs)) / n) for term, n in df.items()}
    keys = [
        sorted((t for t in tf if 1 < df[t] <= MAX_DF), key=lambda t: (-tf[t] * idf[t], t))[
            :KEY_TERMS
        ]
        for tf in counts
    ]
    fields = [set(doc.entry.handlungsfelder) for doc in docs]
    by_field = defaultdict(list)
    for number, names in enumerate(fields):
        for name in names:
            by_field[name].append(number)
    related = {}
    for number, doc in enumerate(docs):
        scores = {
            other: sum(idf[t] for t in keys[number] if t in keys[other])
            for other in range(len(docs))
            if other != number and set(keys[number]) & set(keys[other])
        }
        if len(scores) < limit:
            for name in fields[number]:
                for other in by_field[name][:50]:
                    if other != number:
                        scores.setdefault(other, 0.0)
        final = {
            other: score + FIELD_WEIGHT * len(fields[number] & fields[other])
            for other, score in scores.items()
        }
        ranked = sorted(final, key=lambda other: (-final[other], docs[other].slug))
        related[doc.slug] = [docs[other].slug for other in ranked[:limit]]
    return related


def loaded(root: Path) -> Collection:
    collection = load_collection(Instance.open(root))
    validate_collection(collection, TODAY)
    return collection


def assert_same(root: Path) -> dict[str, list[str]]:
    collection = loaded(root)
    cached = related_practices(collection)
    assert cached == related_practices(collection, cache=False)
    assert cached == reference(collection)
    tokens = root / ".praxis" / "build" / "related"
    texts = {_text(doc) for doc in published(collection, "practice")}  # a copy: one file
    assert len(list(tokens.iterdir())) == len(texts)
    return cached


def test_the_search_fixture_ranks_as_written(tmp_path: Path) -> None:
    related = assert_same(make_instance(tmp_path, "search"))
    assert any(related.values())


def test_cached_tokens_give_a_fresh_ranking_after_edit_add_and_delete(tmp_path: Path) -> None:
    root = synth.generate(tmp_path / "synth", 80, seed=3)
    before = assert_same(root)
    assert assert_same(root) == before  # all from the cache
    practices = sorted((root / "content" / "practices").glob("*.md"))
    edited = practices[5].read_text(encoding="utf-8")
    addition = "\n---\n\nQuartier Garten Nachbarschaft.\n"
    practices[5].write_text(edited.replace("\n---\n", addition, 1), encoding="utf-8")
    shutil.copy(practices[10], practices[10].with_name("neu-hinzugefuegt.md"))
    practices[20].unlink()
    after = assert_same(root)
    assert after != before
    assert "neu-hinzugefuegt" in after and practices[20].stem not in after


def test_a_corrupt_token_file_is_ignored_and_written_again(tmp_path: Path) -> None:
    root = synth.generate(tmp_path / "synth", 30, seed=5)
    before = assert_same(root)
    tokens = root / ".praxis" / "build" / "related"
    for path in tokens.iterdir():
        path.write_text('{"halb', encoding="utf-8")
    assert assert_same(root) == before
    assert all(path.read_text(encoding="utf-8").startswith("{") for path in tokens.iterdir())
    assert assert_same(root) == before
