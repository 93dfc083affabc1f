"""Relevance of `praxis search` on the judged queries, against whoosh's StemmingAnalyzer.

Two suites, each a fictional instance with its judged queries: `queries.yml` on
`tests/fixtures/search`, `queries2.yml` on `tests/fixtures/search2` (other places, other
words: written so that the project's own figure does not flatter it). Prints MRR and
recall@10 per phenomenon (compound, inflection, umlaut, synonym, typo, filter, phrase)
and overall, for the German chain and for a plain whoosh index of the same texts with
`StemmingAnalyzer` (English Porter stemmer, no folding, no splitting); `site_relevance.py` measures
the site search on the same suites.

    .venv/bin/python tests/relevance/evaluate.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.qparser import MultifieldParser
from whoosh.query import Every

from praxis.config import Instance
from praxis.load.collection import load_collection
from praxis.search.index import update_index
from praxis.search.indexdoc import entry_texts, indexable
from praxis.search.query import Filters, search
from praxis.validate.collection import validate_collection

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "search"
SUITES = {"search": "queries.yml", "search2": "queries2.yml"}  # fixture -> judged queries
TODAY = dt.date(2026, 11, 21)


@dataclass
class Judged:
    query: str
    kind: str
    relevant: set[str]
    filters: Filters


def load_queries(suite: str = "search") -> list[Judged]:
    raw = yaml.safe_load((HERE / SUITES[suite]).read_text("utf-8"))
    return [
        Judged(str(q["query"]), q["kind"], set(q["relevant"]), Filters(**(q.get("filters") or {})))
        for q in raw["queries"]
    ]


def copy_fixture(target: Path, suite: str = "search") -> Path:
    root = target / suite
    shutil.copytree(FIXTURE.parent / suite, root)
    shutil.copytree(REPO / "schema" / "vocabularies", root / "schema" / "vocabularies")
    return root


def scores(ranked: list[str], relevant: set[str]) -> tuple[float, float]:
    """Reciprocal rank of the first relevant hit, share of relevant ones in the top 10."""
    top = ranked[:10]
    rr = next((1.0 / rank for rank, slug in enumerate(top, 1) if slug in relevant), 0.0)
    return rr, len(relevant.intersection(top)) / len(relevant)


def ours(root: Path, queries: list[Judged]) -> list[list[str]]:
    instance = Instance.open(root)
    collection = load_collection(instance)
    validate_collection(collection, TODAY)
    update_index(collection, rebuild=True)
    return [[r.id for r in search(instance, q.query, q.filters, limit=10).results] for q in queries]


def baseline(root: Path, queries: list[Judged]) -> list[list[str]]:
    """The same texts and filters in a whoosh index with the plain StemmingAnalyzer."""
    instance = Instance.open(root)
    collection = load_collection(instance)
    validate_collection(collection, TODAY)
    schema = Schema(
        id=ID(stored=True),
        kind=ID,
        bundesland=ID,
        handlungsfelder=KEYWORD,
        zielgruppen=KEYWORD,
        programme=KEYWORD,
        titel=TEXT(analyzer=StemmingAnalyzer(), field_boost=3.0),
        text=TEXT(analyzer=StemmingAnalyzer()),
    )
    with tempfile.TemporaryDirectory() as tmp:
        ix = whoosh_index.create_in(tmp, schema)
        with ix.writer() as writer:
            for doc in indexable(collection).values():
                titel, plain, extra = entry_texts(doc, instance)
                entry: Any = doc.entry
                writer.add_document(
                    id=doc.slug,
                    kind=doc.kind,
                    titel=titel,
                    text=f"{titel}\n{plain}\n{extra}",
                    bundesland=getattr(entry, "bundesland", None) or "",
                    handlungsfelder=" ".join(entry.handlungsfelder),
                    zielgruppen=" ".join(entry.zielgruppen),
                    programme=" ".join(getattr(entry, "programme", [])),
                )
        parser = MultifieldParser(["titel", "text"], schema)
        ranked = []
        with ix.searcher() as searcher:
            for q in queries:
                query = parser.parse(q.query) if q.query.strip() else Every()
                hits = searcher.search(query, filter=q.filters.query(), limit=10)
                ranked.append([hit["id"] for hit in hits])
        return ranked


def report(queries: list[Judged], ranked: list[list[str]]) -> dict[str, tuple[float, float]]:
    """MRR and recall@10 per phenomenon and overall ('alle')."""
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for judged, hits in zip(queries, ranked, strict=True):
        pair = scores(hits, judged.relevant)
        groups[judged.kind].append(pair)
        groups["alle"].append(pair)
    return {
        kind: (sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs))
        for kind, pairs in groups.items()
    }


def evaluate(root: Path, suite: str = "search") -> dict[str, dict[str, tuple[float, float]]]:
    queries = load_queries(suite)
    return {
        "praxis": report(queries, ours(root, queries)),
        "StemmingAnalyzer": report(queries, baseline(root, queries)),
    }


def main() -> None:
    for suite in SUITES:
        with tempfile.TemporaryDirectory() as tmp:
            results = evaluate(copy_fixture(Path(tmp), suite), suite)
        kinds = list(results["praxis"])
        print(f"{suite}: {len(load_queries(suite))} Suchanfragen, MRR / Recall@10")
        print(f"{'Phänomen':<12} {'praxis search':>18} {'StemmingAnalyzer':>20}")
        for kind in sorted(kinds, key=lambda k: (k == "alle", k)):
            a, b = results["praxis"][kind], results["StemmingAnalyzer"][kind]
            print(f"{kind:<12} {a[0]:>8.3f} / {a[1]:.3f} {b[0]:>10.3f} / {b[1]:.3f}")


if __name__ == "__main__":
    sys.exit(main())
