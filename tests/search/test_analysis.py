"""The German analysis chain: what a practitioner types meets what contributors wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from praxis.config import Instance
from praxis.search.analysis import Analysis, normalize, stem
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
    assert analysis.splitter.pieces("nachbarschaftsgarten") == ("nachbarschaft", "garten")


def test_the_instance_text_teaches_new_parts(tmp_path: Path) -> None:
    bare = Analysis.for_instance(Instance.open(REPO))
    taught = Analysis.for_instance(Instance.open(REPO), ["zwuxel"])  # not a noun of the lexicon
    assert bare.split("stadtteilzwuxel") == ()
    assert taught.splitter.pieces("stadtteilzwuxel") == ("stadtteil", "zwuxel")


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


def test_irregular_plurals_and_feminine_forms_stem_alike(analysis: Analysis) -> None:
    assert same(analysis, "Nachbarn", "Nachbar")
    assert same(analysis, "Zentren", "Zentrum")
    assert same(analysis, "Bewohnerinnen", "Bewohner")
    assert same(analysis, "Beraterin", "Berater")
    assert not same(analysis, "Termin", "Term")  # -in of a person noun only


@pytest.mark.parametrize(
    ("phrase", "compound"),
    [
        ("Hilfe für Nachbarn", "Nachbarschaftshilfe"),
        ("Beratung für Schuldner", "Schuldnerberatung"),
        ("Büro für den Stadtteil", "Stadtteilbüro"),
        ("Amt für Jugend", "Jugendamt"),
        ("Zentren für Familien", "Familienzentrum"),
        ("Rat der Senioren", "Seniorenrat"),
    ],
)
def test_a_phrase_finds_the_compound(analysis: Analysis, phrase: str, compound: str) -> None:
    tokens = set(analysis.tokens(compound))
    for word in analysis.query_words(phrase):
        assert word.stem in tokens, word.surface


def test_a_compound_finds_the_phrase(analysis: Analysis) -> None:
    (word,) = analysis.query_words("Nachbarschaftshilfe")
    tokens = set(analysis.tokens("Hilfe unter Nachbarn"))
    assert all(tokens.intersection(piece) for piece in word.parts)


def test_a_typo_in_a_compound_still_finds_its_pieces(analysis: Analysis) -> None:
    (word,) = analysis.query_words("Schuldnerberatng")
    assert word.repaired
    assert word.parts == ((stem("schuldner"),), (stem("beratung"),))
    (whole,) = analysis.query_words("Schuldnerberatung")
    assert not whole.repaired


def test_site_words_add_irregular_and_feminine_forms(analysis: Analysis) -> None:
    extra = set(analysis.site_words("Die Bewohner helfen ihrem Nachbar im Familienzentrum"))
    assert {"bewohnerinnen", "nachbarn", "zentren"} <= extra
