"""Querying the whoosh index: German query analysis, filters, facets and snippets.

A query is analysed by the same chain as the index (`praxis.search.analysis`). Every query word
must match (AND); each word may match by its stem, all of its compound pieces (each by its stem
or the noun it derives from), a synonym (weighted lower) or, for long words, a term one
or two typos away or the pieces of the compound one typo away (lowest). Filters are AND-ed
and restrict without scoring; an empty query with filters lists every matching entry by
title. Facet counts are over all matches, not just the shown ones.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from whoosh.query import And, Every, FuzzyTerm, Or, Query, Term

from praxis.config import Instance
from praxis.errors import PraxisError
from praxis.model.kinds import KINDS
from praxis.search.analysis import Analysis, QueryWord, surface_words
from praxis.search.index import load_analysis, open_index
from praxis.text import plural

FACETS = ("bundesland", "handlungsfelder", "zielgruppen", "programme", "kind")
FIELDS = ("titel", "text")
SNIPPET_CHARS = 220
PART_WEIGHT = 0.6
FUZZY_WEIGHT = 0.4
MAX_WORDS = 32
MAX_CHARS = 2000


@dataclass(frozen=True)
class Filters:
    """Filters as given on the command line; all set ones must hold (AND)."""

    bundesland: str | None = None
    handlungsfeld: str | None = None
    zielgruppe: str | None = None
    programm: str | None = None
    kind: str | None = None

    def query(self) -> Query | None:
        terms = [
            Term(name, value)
            for name, value in (
                ("bundesland", self.bundesland),
                ("handlungsfelder", self.handlungsfeld),
                ("zielgruppen", self.zielgruppe),
                ("programme", self.programm),
                ("kind", self.kind),
            )
            if value
        ]
        return And(terms) if terms else None

    def describe(self) -> str:
        labels = {
            "bundesland": "Land",
            "handlungsfeld": "Handlungsfeld",
            "zielgruppe": "Zielgruppe",
            "programm": "Programm",
            "kind": "Art",
        }
        return ", ".join(f"{labels[k]}: {v}" for k, v in asdict(self).items() if v)


@dataclass
class Result:
    id: str
    kind: str
    titel: str
    bundesland: str
    url: str
    score: float
    snippet: list[tuple[str, bool]]  # text pieces; True = a matched word


@dataclass
class Response:
    query: str
    filters: Filters
    total: int
    results: list[Result] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


# --- query building -----------------------------------------------------------------


def transpositions(text: str) -> list[str]:
    """Two neighbouring letters swapped: the commonest typo, two edits for Levenshtein."""
    return [
        text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        for i in range(2, len(text) - 1)
        if text[i] != text[i + 1]
    ]


def word_query(word: QueryWord, fieldname: str) -> Query:
    """Everything one query word may match in one field."""
    options: list[Query] = [Term(fieldname, word.stem)]
    if len(word.parts) > 1:
        pieces = [Or([Term(fieldname, s) for s in piece]) for piece in word.parts]
        weight = FUZZY_WEIGHT if word.repaired else PART_WEIGHT
        options.append(And(pieces, boost=weight))
    if word.fuzzy:
        options.append(
            FuzzyTerm(fieldname, word.stem, boost=FUZZY_WEIGHT, maxdist=word.fuzzy, prefixlength=2)
        )
        options += [
            Term(fieldname, swapped, boost=FUZZY_WEIGHT) for swapped in transpositions(word.stem)
        ]
    for alternative in word.alternatives:
        terms = [Term(fieldname, s) for s in alternative.stems]
        options.append(terms[0] if len(terms) == 1 else And(terms))
        options[-1].boost = alternative.weight
    return Or(options)


class QueryTooLong(PraxisError):
    """Every query word nests the whoosh query one level deeper: bounded."""


def build_query(analysis: Analysis, text: str) -> Query | None:
    """The whoosh query for a user's text, or None for an empty text. A word repeated
    counts once; more than MAX_WORDS different words (or MAX_CHARS characters) are
    refused, since every word must match and the query nests one level per word."""
    if len(text) > MAX_CHARS:
        raise QueryTooLong(
            f"Die Suchanfrage ist {len(text)} Zeichen lang; höchstens {MAX_CHARS} sind "
            "möglich. Bitte auf die wichtigsten Wörter kürzen."
        )
    unique: dict[str, QueryWord] = {}
    for word in analysis.query_words(text):
        unique.setdefault(word.stem, word)
    words = list(unique.values())
    if len(words) > MAX_WORDS:
        raise QueryTooLong(
            f"Die Suchanfrage hat {len(words)} verschiedene Wörter; höchstens {MAX_WORDS} "
            "sind möglich (jedes Wort muss vorkommen). Bitte auf die wichtigsten kürzen."
        )
    if not words:
        return None
    groups = [Or([word_query(word, name) for name in FIELDS]) for word in words]
    return groups[0] if len(groups) == 1 else And(groups)


# --- snippets -----------------------------------------------------------------------


def snippet(plain: str, matched: set[str], analysis: Analysis) -> list[tuple[str, bool]]:
    """About SNIPPET_CHARS of the text around the first matched word, marked."""
    spans = [
        (start, end)
        for start, end, word in surface_words(plain)
        if matched.intersection(analysis.word_stems(word))
    ]
    begin = 0
    if spans and spans[0][1] > SNIPPET_CHARS - 40:
        begin = max(0, spans[0][0] - 60)
        begin = plain.find(" ", begin) + 1 if plain.find(" ", begin) < spans[0][0] else begin
    end = min(len(plain), begin + SNIPPET_CHARS)
    if end < len(plain) and plain.rfind(" ", begin, end) > begin:
        end = plain.rfind(" ", begin, end)
    pieces: list[tuple[str, bool]] = [("…", False)] if begin else []
    cursor = begin
    for start, stop in spans:
        if start < begin or stop > end:
            continue
        pieces += [(plain[cursor:start], False), (plain[start:stop], True)]
        cursor = stop
    pieces.append((plain[cursor:end], False))
    if end < len(plain):
        pieces.append(("…", False))
    return [(re.sub(r"\s+", " ", text), marked) for text, marked in pieces if text]


def _joined(pieces: Sequence[tuple[str, bool]], mark: tuple[str, str], escape: bool) -> str:
    out = []
    for text, marked in pieces:
        text = html.escape(text, quote=False) if escape else text
        out.append(f"{mark[0]}{text}{mark[1]}" if marked else text)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def snippet_text(pieces: Sequence[tuple[str, bool]]) -> str:
    return _joined(pieces, ("»", "«"), escape=False)


def snippet_html(pieces: Sequence[tuple[str, bool]]) -> str:
    return _joined(pieces, ("<mark>", "</mark>"), escape=True)


# --- searching ----------------------------------------------------------------------


def search(
    instance: Instance,
    text: str,
    filters: Filters | None = None,
    limit: int = 10,
    analysis: Analysis | None = None,
) -> Response:
    """Ranked hits, total and facet counts from the current index (call update first)."""
    filters = filters or Filters()
    analysis = analysis or load_analysis(instance)
    query = build_query(analysis, text)
    response = Response(text, filters, 0)
    restrict = filters.query()
    with open_index(instance).searcher() as searcher:
        wanted = query if query is not None else Every()
        everything = searcher.search(wanted, filter=restrict, limit=None, scored=False)
        column = searcher.reader().column_reader("facets")
        rows = {docnum: column[docnum].decode("utf-8").split("\t") for docnum in everything.docs()}
        response.total = len(rows)
        response.facets = count_facets(rows.values())
        if query is None:
            top = sorted(rows, key=lambda docnum: rows[docnum][-1])[:limit]
            ranked = [(docnum, 0.0) for docnum in top]
            matched: set[str] = set()
        else:
            hits = searcher.search(query, filter=restrict, limit=limit)
            ranked = [(hit.docnum, round(float(hit.score or 0.0), 3)) for hit in hits]
            matched = matched_terms(query, searcher.reader())
        for docnum, score in ranked:
            fields = searcher.stored_fields(docnum)
            response.results.append(
                Result(
                    id=fields["id"],
                    kind=fields["kind"],
                    titel=fields["titel_raw"],
                    bundesland=fields["bundesland"],
                    url=fields["url"],
                    score=score,
                    snippet=snippet(fields["plain"], matched, analysis),
                )
            )
    return response


def matched_terms(query: Query, reader: Any) -> set[str]:
    """Index terms the query can match (typo variants expanded): what snippets mark."""
    found: set[str] = set()
    for leaf in query.leaves():
        if isinstance(leaf, FuzzyTerm):
            found.update(
                reader.terms_within(leaf.fieldname, leaf.text, leaf.maxdist, leaf.prefixlength)
            )
        elif isinstance(leaf, Term) and (leaf.fieldname, leaf.text) in reader:
            found.add(leaf.text)
    return found


def count_facets(rows: Iterable[list[str]]) -> dict[str, dict[str, int]]:
    """How many hits have each value, per facet; most frequent first."""
    counters: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for row in rows:
        for name, value in zip(FACETS, row, strict=False):
            counters[name].update(value.split())
    return {
        name: dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
        for name, counter in counters.items()
    }


# --- output -------------------------------------------------------------------------


def to_json(response: Response) -> str:
    data = {
        "total": response.total,
        "results": [
            {
                "id": r.id,
                "kind": r.kind,
                "titel": r.titel,
                "bundesland": r.bundesland,
                "url": r.url,
                "score": r.score,
                "snippet": snippet_html(r.snippet),
            }
            for r in response.results
        ],
        "facets": response.facets,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_text(response: Response) -> str:
    """Human-readable hits: title, Land, kind, slug, marked snippet, then facet counts."""
    head = f"{response.total} Treffer"
    if response.query.strip():
        head += f" für „{response.query.strip()}“"
    if response.filters.describe():
        head += f" ({response.filters.describe()})"
    lines = [
        head
        + (
            "."
            if response.total
            else ". Tipp: weniger oder andere Wörter versuchen, Filter weglassen."
        )
    ]
    for number, result in enumerate(response.results, start=1):
        land = f"{result.bundesland} · " if result.bundesland else ""
        lines.append(
            f"{number:>2}. {result.titel} [{land}{KINDS[result.kind].label} · {result.id}]"
        )
        lines.append(f"    {snippet_text(result.snippet)}")
        lines.append(f"    {result.url}")
    if response.total > len(response.results):
        lines.append(
            f"… und {plural(response.total - len(response.results), 'weiterer', 'weitere')} "
            "(mit --limit mehr anzeigen)."
        )
    if response.total:
        lines.append("")
        labels = {
            "bundesland": "Länder",
            "handlungsfelder": "Handlungsfelder",
            "zielgruppen": "Zielgruppen",
            "programme": "Programme",
            "kind": "Art",
        }
        for name in FACETS:
            counts = response.facets.get(name) or {}
            if counts:
                shown = ", ".join(f"{value} {count}" for value, count in counts.items())
                lines.append(f"{labels[name]}: {shown}")
    return "\n".join(lines)
