"""The compound splitter on a public list, not only on the project's own words.

`tests/data/komposita.tsv`: 400 compounds of the German Wiktionary (via the PyPI package
german-nouns, CC BY-SA 4.0, `komposita-LIZENZ.txt`) with their modifier and head,
derived by `tools/lexicon/make_lexicon.py`: nouns with exactly one reading as
noun + Fugen element + noun of the compound's gender.
"""

from __future__ import annotations

import pytest

from praxis.search.analysis import STOPWORDS
from praxis.search.compounds import Splitter
from tests.conftest import REPO

GOLD = REPO / "tests" / "data" / "komposita.tsv"


@pytest.fixture(scope="module")
def splitter() -> Splitter:
    return Splitter([], STOPWORDS)


def gold() -> list[tuple[str, str, str]]:
    rows = [line.split("\t") for line in GOLD.read_text("utf-8").splitlines()]
    return [(w, m, h) for w, m, h in (row for row in rows if not row[0].startswith("#"))]


def test_the_list_is_large_and_has_short_heads() -> None:
    rows = gold()
    assert len(rows) >= 300
    assert sum(len(head) == 3 for _w, _m, head in rows) >= 10


def test_nearly_all_public_compounds_split_right(splitter: Splitter) -> None:
    rows = gold()
    wrong = [(w, splitter.pieces(w)) for w, m, h in rows if splitter.pieces(w) != (m, h)]
    assert len(wrong) <= len(rows) * 0.03, wrong


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("stadtteilbüro", ("stadtteil", "büro")),
        ("jugendamt", ("jugend", "amt")),
        ("ortsbeirat", ("ort", "beirat")),
        ("schuldnerberatung", ("schuldner", "beratung")),
        ("nachbarschaftsgärten", ("nachbarschaft", "gärten")),
        ("sprachförderung", ("sprache", "förderung")),
        ("familienzentren", ("familie", "zentren")),
    ],
)
def test_fugen_short_heads_and_plurals(splitter: Splitter, word: str, pieces: tuple) -> None:
    assert splitter.pieces(word) == pieces


@pytest.mark.parametrize(
    "word", ["generation", "beteiligung", "unterstützung", "integration", "nachbarschaft"]
)
def test_words_that_are_no_compounds_stay_whole(splitter: Splitter, word: str) -> None:
    assert splitter.pieces(word) == ()


def test_a_derived_noun_gives_its_base(splitter: Splitter) -> None:
    assert "nachbar" in splitter.split("nachbarschaftshilfe")
