"""„Ähnliche Praxisbeispiele“: more-like-this for every published practice.

Each practice is reduced to its key terms: the German analysis tokens (stems and compound
parts, `praxis.search.analysis`) of its title, short description, tags, results and the start of
its text, weighted by tf·idf. Practices sharing rare key terms rank highest (the sum of
the shared terms' idf), shared Handlungsfelder add a little and break ties. Key terms in
more than MAX_DF practices say little about similarity and are skipped, which also keeps
the work linear. It runs over the loaded collection in pure Python, so a build needs no
search index.

The German analysis is most of the work, and a practice's tokens follow from its text
alone: they are cached per practice under `.praxis/build/related/`, named by a hash of
that text and of the engine, schema and vocabularies (`publish.memory.inputs_digest`), so
that a build analyses only the practices whose text changed. Everything after (document
frequencies, key terms, scores) depends on all practices and is computed in every run.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from itertools import chain
from typing import Any

from praxis.config import Instance
from praxis.fsutil import FileCache
from praxis.generate import published
from praxis.load.collection import Collection, Document, paused_gc
from praxis.publish.memory import inputs_digest
from praxis.search.analysis import Analysis

KEY_TERMS = 12
MAX_DF = 300
BODY_CHARS = 1500
FIELD_WEIGHT = 0.5  # per shared Handlungsfeld


def _text(doc: Document) -> str:
    entry: Any = doc.entry
    parts = [entry.titel, entry.titel, entry.kurzbeschreibung, *doc.data.get("schlagworte", [])]
    wirkung = getattr(entry, "wirkung", None)
    if wirkung is not None:
        parts += wirkung.ergebnisse
    parts.append(doc.published_body[:BODY_CHARS])
    return "\n".join(str(part) for part in parts)


def related_practices(
    collection: Collection, limit: int = 5, *, cache: bool = True
) -> dict[str, list[str]]:
    """Slugs of the most similar published practices, for each published practice.
    With `cache`, the tokens of unchanged practices come from `.praxis/build/related/`."""
    docs = published(collection, "practice")
    texts = [_text(doc) for doc in docs]
    with paused_gc():  # many small objects that all survive this function
        if cache:
            counts = TokenCache(collection.instance).counts(texts)
        else:
            analysis = Analysis.for_instance(collection.instance)
            counts = [Counter(analysis.tokens(text)) for text in texts]
        return _related(docs, counts, limit)


def _related(docs: list[Document], counts: list[Counter[str]], limit: int) -> dict[str, list[str]]:
    """The ranking, over all practices. `docs` are in slug order (`published`), so a
    practice's number breaks ties as its slug does."""
    total = len(docs)
    df = Counter(chain.from_iterable(counts))
    # The idf of the terms that can be key terms (in 2 to MAX_DF practices).
    idf = {term: math.log((1 + total) / n) for term, n in df.items() if 1 < n <= MAX_DF}
    # Each practice's KEY_TERMS terms of highest tf·idf (ties by term).
    keys = [
        [term for _, term in sorted([(-n * idf[t], t) for t, n in tf.items() if t in idf])]
        for tf in counts
    ]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, terms in enumerate(keys):
        del terms[KEY_TERMS:]
        for term in terms:
            postings[term].append(number)
    fields = [frozenset(doc.entry.handlungsfelder) for doc in docs]
    by_field: dict[str, list[int]] = defaultdict(list)
    for number, names in enumerate(fields):
        for name in names:
            by_field[name].append(number)
    # Each practice's Handlungsfelder as the bits of a number: shared ones are counted
    # with `&`, which is faster than intersecting sets for every candidate.
    bits = {name: 1 << place for place, name in enumerate(by_field)}
    masks = [sum(bits[name] for name in names) for names in fields]
    related: dict[str, list[str]] = {}
    for number, doc in enumerate(docs):
        scores: dict[int, float] = defaultdict(float)
        for term in keys[number]:
            weight = idf[term]
            for other in postings[term]:
                scores[other] += weight
        scores.pop(number, None)
        if len(scores) < limit:  # too few shared terms: practices of the same fields
            for name in sorted(fields[number]):
                for other in by_field[name][:50]:
                    if other != number:
                        scores[other] += 0.0
        # Shared Handlungsfelder add at most FIELD_WEIGHT each: whoever scores lower
        # than the limit-th best by more than that cannot reach the top, and is not ranked.
        floor = -math.inf
        if len(scores) > limit:
            floor = sorted(scores.values(), reverse=True)[limit - 1]
            floor -= FIELD_WEIGHT * len(fields[number])
        mask = masks[number]
        ranked = sorted(
            (-(score + FIELD_WEIGHT * (mask & masks[o]).bit_count()), o)
            for o, score in scores.items()
            if score >= floor
        )
        related[doc.slug] = [docs[o].slug for _, o in ranked[:limit]]
    return related


class TokenCache:
    """The analysis tokens of practice texts, counted, one JSON file per text."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.files = FileCache(instance.state_dir / "build" / "related", ".json")
        self.base = hashlib.sha256(f"{inputs_digest(instance)}\0".encode())
        self.analysis: Analysis | None = None

    def counts(self, texts: list[str]) -> list[Counter[str]]:
        """Token counts of each text: cached, or analysed and cached. Files no text uses
        any more are removed."""
        found, used = [], set()
        for text in texts:
            key = self.base.copy()
            key.update(text.encode("utf-8", "surrogatepass"))
            name = key.hexdigest()
            used.add(name)
            tokens = self._read(name)
            if tokens is None:
                tokens = Counter(self._analysis().tokens(text))
                self.files.write(
                    name, json.dumps(tokens, ensure_ascii=False, separators=(",", ":"))
                )
            found.append(tokens)
        self.files.prune(used)
        return found

    def _analysis(self) -> Analysis:
        """Made on the first text not in the cache: its lexicon takes a while."""
        if self.analysis is None:
            self.analysis = Analysis.for_instance(self.instance)
        return self.analysis

    def _read(self, key: str) -> Counter[str] | None:
        """The cached counts, or None for a missing, unreadable or corrupt file (its name
        says what it holds: another engine or text is another name)."""
        data = self.files.read(key)
        try:
            loaded = json.loads(data) if data is not None else None
        except ValueError:
            return None
        return Counter(loaded) if isinstance(loaded, dict) else None
