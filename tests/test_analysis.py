"""The German analysis chain: what a practitioner types meets what contributors wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from praxis.analysis import Analysis, normalize, stem
from praxis.config import Instance
from tests.conftest import REPO


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    """The chain with the repository's vocabularies and the bundled base lexicon only."""
    return Analysis.for_instance(Instance.open(REPO))


def same(analysis: Analysis, a: str, b: str) -> bool:
    return analysis.tokens(a)[:1] == analysis.tokens(b)[:1]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kitas", "Kita"),
        ("Quartiere", "Quartier"),
        ("Familien", "Familie"),
        ("Mütter", "Mutter"),
        ("Büros", "Büro"),
        ("Spielplätze", "Spielplatz"),
    ],
)
def test_inflected_forms_meet(analysis: Analysis, a: str, b: str) -> None:
    assert same(analysis, a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Buergerbeteiligung", "Bürgerbeteiligung"),
        ("Strasse", "Straße"),
        ("GEFLUECHTETE", "Geflüchtete"),
        ("Praevention", "Prävention"),
    ],
)
def test_umlaut_spellings_meet(analysis: Analysis, a: str, b: str) -> None:
    assert same(analysis, a, b)


def test_qu_is_not_an_umlaut() -> None:
    assert normalize("Quelle") == "quelle"
    assert normalize("Quartiersmanagement") == "quartiersmanagement"


def test_stop_words_are_dropped(analysis: Analysis) -> None:
    assert analysis.tokens("die Kinder und der Garten") == [stem("kinder"), stem("garten")]


@pytest.mark.parametrize(
    ("compound", "part"),
    [
        ("Nachbarschaftsgarten", "Garten"),
        ("Bewohnerbeteiligung", "Beteiligung"),
        ("Gemeinschaftsschule", "Schule"),
        ("Quartiersmanagement", "Management"),
        ("Stadtteilmütter", "Mutter"),
        ("Kinderarmutsprävention", "Armut"),
        ("Familienzentrum", "Zentrum"),
        ("Nachbarschaftsgärten", "Garten"),
    ],
)
def test_a_part_finds_the_compound(analysis: Analysis, compound: str, part: str) -> None:
    assert analysis.tokens(part)[0] in analysis.tokens(compound)


@pytest.mark.parametrize("word", ["Beteiligung", "Vorgehen", "Unterstützung", "Quartier"])
def test_plain_words_are_not_split(analysis: Analysis, word: str) -> None:
    assert analysis.tokens(word) == [stem(normalize(word))]


def test_fugen_s_is_removed_from_the_modifier(analysis: Analysis) -> None:
    assert analysis.split("nachbarschaftsgarten") == ("nachbarschaft", "garten")


def test_the_instance_text_teaches_new_parts(tmp_path: Path) -> None:
    bare = Analysis.for_instance(Instance.open(REPO))
    taught = Analysis.for_instance(Instance.open(REPO), ["haushalt"])
    assert bare.split("bürgerhaushalt") == ()
    assert taught.split("bürgerhaushalt") == ("bürger", "haushalt")


def alternatives(analysis: Analysis, text: str) -> dict[tuple[str, ...], float]:
    return {
        alt.stems: alt.weight for word in analysis.query_words(text) for alt in word.alternatives
    }


@pytest.mark.parametrize(
    ("abbreviation", "full"),
    [
        ("GWA", "Gemeinwesenarbeit"),
        ("QM", "Quartiersmanagement"),
        ("Kita", "Kindertagesstätte"),
    ],
)
def test_abbreviations_expand_strongly(analysis: Analysis, abbreviation: str, full: str) -> None:
    found = alternatives(analysis, abbreviation)
    strongest = max(found, key=lambda stems: found[stems])
    assert strongest == tuple(analysis.tokens(full)[:1])


def test_synonyms_come_from_the_vocabulary_files(tmp_path: Path) -> None:
    root = tmp_path / "instanz"
    (root / "schema").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: T\n", "utf-8")
    vocabularies = REPO / "schema" / "vocabularies"
    (root / "schema" / "vocabularies").mkdir()
    for path in vocabularies.glob("*.yml"):
        text = path.read_text("utf-8").replace("GWA, ", "GWA, Nachbarschaftsarbeit, ")
        (root / "schema" / "vocabularies" / path.name).write_text(text, "utf-8")
    changed = Analysis.for_instance(Instance.open(root))
    assert (stem("nachbarschaftsarbeit"),) in alternatives(changed, "GWA")
    assert (stem("nachbarschaftsarbeit"),) not in alternatives(
        Analysis.for_instance(Instance.open(REPO)), "GWA"
    )


def test_long_words_tolerate_a_typo_short_ones_do_not(analysis: Analysis) -> None:
    long_word, short_word = analysis.query_words("Gemeinwesenarbiet Kitta")
    assert long_word.fuzzy
    assert not short_word.fuzzy


def test_site_words_add_parts_spellings_and_synonyms(analysis: Analysis) -> None:
    extra = analysis.site_words("Der Nachbarschaftsgarten der Gemeinwesenarbeit für Kitas, Mütter")
    assert {"garten", "gwa", "kita", "muetter"} <= set(extra)
    assert "nachbarschaftsgarten" not in extra  # already in the text
