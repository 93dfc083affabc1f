"""Possible duplicates: practices whose text is nearly the same (a warning, never an error).

Fast enough for 10,000 practices: bottom-k sketches of word triples and prefix filtering
find the few candidate pairs; only those are compared exactly.
"""

from __future__ import annotations

import math
import zlib
from collections import defaultdict
from collections.abc import Iterator
from typing import TypeVar

from praxis.load.collection import Collection, Document

DUPLICATE_SIMILARITY = 0.8  # exact Jaccard similarity of word triples
CANDIDATE_SIMILARITY = 0.6  # estimate that makes a pair worth the exact comparison
_SKETCH_SIZE = 32
_PREFIX = _SKETCH_SIZE - math.ceil(CANDIDATE_SIMILARITY * _SKETCH_SIZE) + 1
W = TypeVar("W", str, int)
_MAX_GROUP = 50  # a hash in more sketches is a stock phrase, not a sign of a duplicate


def _text(doc: Document) -> str:
    return f"{doc.data.get('kurzbeschreibung', '')} {doc.published_body}"


def _triples(words: list[W]) -> Iterator[tuple[W, W, W]]:
    """Word triples (shingles), paired in C, for speed."""
    return zip(words, words[1:], words[2:], strict=False)


def sketch(doc: Document) -> tuple[int, ...]:
    """Bottom-k sketch: the smallest hashes of the text's word triples (made by the
    validate stage for each practice, and cached with it).

    Only finds candidates, so it may take a shortcut: as bytes, lowercasing and splitting
    are twice as fast (only A–Z are lowercased; the exact comparison lowercases all).
    Words are hashed with CRC-32 and triples as tuples of those numbers, which Python
    hashes alike in every process (unlike text, whose hash changes per process), so
    sketches made by different runs can be compared.
    """
    words = list(map(zlib.crc32, _text(doc).encode("utf-8", "surrogatepass").lower().split()))
    if len(words) < 22:
        return ()
    # Hashes are uniform: about 2k of them lie below this bound, and only those are kept.
    bound = -(2**63) + (2**64 // (len(words) - 2)) * 2 * _SKETCH_SIZE
    smallest = sorted(set(filter(bound.__gt__, map(hash, _triples(words)))))
    if len(smallest) < _SKETCH_SIZE:  # rare: few hashes below the bound, or repeated text
        shingles = set(map(hash, _triples(words)))
        smallest = sorted(shingles) if len(shingles) >= 20 else []
    return tuple(smallest[:_SKETCH_SIZE])


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Bottom-k estimate of the Jaccard similarity of two texts' word triples."""
    union = sorted(a | b)[:_SKETCH_SIZE]
    return sum(1 for h in union if h in a and h in b) / len(union) if union else 0.0


def check_duplicates(collection: Collection) -> None:
    """Warn about practices whose text is nearly the same (a possible duplicate).

    Sketches find candidates fast: a pair whose estimate reaches CANDIDATE_SIMILARITY has
    at most _PREFIX - 1 unshared hashes among the _SKETCH_SIZE smallest of their union,
    so their smallest shared hash lies within the first _PREFIX hashes of both sketches
    (prefix filtering); only pairs meeting there are estimated. The few candidates are
    then decided by the exact similarity of their word triples.
    """
    docs = {d.rel: d for d in collection.documents if d.kind == "practice" and d.readable}
    sketches = {rel: doc.sketch for rel, doc in docs.items()}
    sets = {rel: frozenset(hashes) for rel, hashes in sketches.items()}
    index: dict[int, list[str]] = defaultdict(list)
    for rel, hashes in sketches.items():
        for h in hashes[:_PREFIX]:
            index[h].append(rel)
    triples: dict[str, set[tuple[str, str, str]]] = {}
    enough = {rel: CANDIDATE_SIMILARITY * len(hashes) for rel, hashes in sketches.items()}
    for rel, doc in docs.items():
        mine, mine_enough = sets[rel], enough[rel]
        candidates: set[str] = set()
        for h in sketches[rel][:_PREFIX]:
            if len(index[h]) <= _MAX_GROUP:
                candidates.update(index[h])
        for other_rel in sorted(c for c in candidates if c > rel):  # each pair once
            other = sets[other_rel]
            # necessary for the estimate to reach the threshold; cheap, so tested first
            if len(mine & other) < max(mine_enough, enough[other_rel]):
                continue
            if similarity(mine, other) < CANDIDATE_SIMILARITY:
                continue
            for name in (rel, other_rel):
                if name not in triples:
                    triples[name] = set(_triples(_text(docs[name]).lower().split()))
            a, b = triples[rel], triples[other_rel]
            score = len(a & b) / len(a | b)
            if score >= DUPLICATE_SIMILARITY:
                for one, two in ((doc, other_rel), (docs[other_rel], rel)):
                    one.add(
                        "warning",
                        "titel",
                        f"Text fast gleich wie {two} "
                        f"({math.floor(score * 100)} % Übereinstimmung): ist es dasselbe "
                        "Praxisbeispiel? Dann bitte zusammenführen.",
                    )
