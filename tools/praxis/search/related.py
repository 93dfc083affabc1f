"""„Ähnliche Praxisbeispiele“: more-like-this for every published practice.

Each practice is reduced to its key terms: the German analysis tokens (stems and compound
parts, `praxis.search.analysis`) of its title, short description, tags, results and the start of
its text, weighted by tf·idf. Practices sharing rare key terms rank highest (the sum of
the shared terms' idf), shared Handlungsfelder add a little and break ties. Key terms in
more than MAX_DF practices say little about similarity and are skipped, which also keeps
the work linear. It runs over the loaded collection in pure Python, so a build needs no
search index, and 10,000 practices take seconds.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from typing import Any

from praxis.generate import published
from praxis.load.collection import Collection, Document
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


def related_practices(collection: Collection, limit: int = 5) -> dict[str, list[str]]:
    """Slugs of the most similar published practices, for each published practice."""
    docs = published(collection, "practice")
    analysis = Analysis.for_instance(collection.instance)
    counts = [Counter(analysis.tokens(_text(doc))) for doc in docs]
    df: Counter[str] = Counter()
    for tf in counts:
        df.update(tf.keys())
    total = len(docs)
    idf = {term: math.log((1 + total) / n) for term, n in df.items()}
    keys = [
        sorted((t for t in tf if 1 < df[t] <= MAX_DF), key=lambda t: (-tf[t] * idf[t], t))[
            :KEY_TERMS
        ]
        for tf in counts
    ]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, terms in enumerate(keys):
        for term in terms:
            postings[term].append(number)
    fields = [frozenset(doc.entry.handlungsfelder) for doc in docs]
    by_field: dict[str, list[int]] = defaultdict(list)
    for number, names in enumerate(fields):
        for name in names:
            by_field[name].append(number)
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
        # Shared Handlungsfelder add at most `bonus`: whoever scores lower than the
        # limit-th best by more than that cannot reach the top, and is not ranked.
        bonus = FIELD_WEIGHT * len(fields[number])
        candidates = list(scores)
        if len(candidates) > limit:
            floor = heapq.nlargest(limit, scores.values())[-1] - bonus
            candidates = [o for o in candidates if scores[o] >= floor]
        ranked = sorted(
            candidates,
            key=lambda o: (
                -(scores[o] + FIELD_WEIGHT * len(fields[number] & fields[o])),
                docs[o].slug,
            ),
        )
        related[doc.slug] = [docs[o].slug for o in ranked[:limit]]
    return related
