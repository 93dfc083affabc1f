"""The one German analysis chain, shared by the whoosh index, queries and the site search.

Practitioners type German the way they speak it, so text and queries pass through the
same steps, in this order:

1. **Words**: runs of letters and digits; punctuation and hyphens separate words.
2. **Normalise**: lowercase; `ß` → `ss`; `ae/oe/ue` → `ä/ö/ü` (not after `q`, so
   `Quelle` stays), so that `Buergerbeteiligung` and `Bürgerbeteiligung` are one word.
3. **Stop words**: the Snowball list for German (`und`, `der`, `mit` …) is dropped.
4. **Stem**: the Snowball German stemmer (from whoosh), which also folds umlauts
   (`Mütter`/`Mutter`, `Quartiere`/`Quartier`, `Familien`/`Familie`); words ending in a
   vowel + `s` lose the `s` too (`Kitas`/`Kita`, `Büros`/`Büro`), which Snowball leaves.
5. **Compounds** (`praxis.search.compounds`): a word of six or more letters is cut into known
   pieces – nouns of the German lexicon (`praxis.search.lexicon`, 88,000 nouns of the German
   Wiktionary) and words of the instance's vocabularies and text (the index freezes
   those per generation so that incremental updates split alike), with Fugen elements;
   the parts are indexed as extra tokens: `Garten` finds `Nachbarschaftsgarten`,
   `Büro für den Stadtteil` finds `Stadtteilbüro`. Irregular forms stem from their noun
   (`Nachbarn` → `Nachbar`, `Zentren` → `Zentrum`), feminine person nouns from the
   masculine (`Bewohnerinnen` → `Bewohner`).
6. **Synonyms** (query side, and as extra words for the site search): every term of every
   vocabulary forms a ring of its label and `synonyme`. An abbreviation (`GWA`, `QM`,
   `Kita`) is tied strongly to the member it abbreviates (`Gemeinwesenarbeit`,
   `Quartiersmanagement`, `Kindertagesstätte`: its letters in order); label and synonyms
   are tied less, other ring members weakly. Nothing is hard-coded: the rings are read from
   `schema/vocabularies/*.yml`.
7. **Typos** (query side): words of six or more letters also match index terms one edit
   away, of twelve or more two (whoosh `FuzzyTerm`); a long word that cannot be cut is
   also tried one edit away as a compound (`Schuldnerberatng` → `Schuldner`, `Beratung`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh.lang import stemmer_for_language, stopwords_for_language

from praxis.config import Instance
from praxis.search.compounds import MIN_WORD, Splitter
from praxis.search.lexicon import lexicon

ANALYSIS_VERSION = "4"  # bump when the chain changes: indexes of another version are rebuilt
FUZZY_MIN = 6
FUZZY_TWO = 12  # from this length on, two edits
_WORD = re.compile(r"[^\W_]+")
_UMLAUT = re.compile(r"(?<!q)(ae|oe|ue)")
_UMLAUTS = {"ae": "ä", "oe": "ö", "ue": "ü"}
_snowball = stemmer_for_language("de")


@lru_cache(maxsize=200_000)
def normalize(word: str) -> str:
    """Lowercase, `ß` → `ss`, `ae/oe/ue` → `ä/ö/ü`: one spelling for every way of typing."""
    word = word.lower().replace("ß", "ss")
    return _UMLAUT.sub(lambda m: _UMLAUTS[m.group(1)], word)


STOPWORDS = frozenset(normalize(word) for word in stopwords_for_language("de"))


@lru_cache(maxsize=200_000)
def _ascii_umlauts(word: str) -> str:
    return word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem of a normalised word (Snowball German of its noun, plus plural -s after a
    vowel): `Nachbarn` and `Nachbar`, `Zentren` and `Zentrum` stem alike."""
    word = lexicon().base(word)
    if len(word) >= 5 and word[-1] == "s" and word[-2] in "aioyé":
        word = word[:-1]
    return _snowball(word)


def words(text: str) -> list[str]:
    """Normalised words of a text, stop words included (phrases need them)."""
    return [normalize(w) for w in _WORD.findall(text)]


def surface_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised word) for each word: what a snippet highlights."""
    return [(m.start(), m.end(), normalize(m.group())) for m in _WORD.finditer(text)]


def text_lexicon(texts: Iterable[str]) -> set[str]:
    """Words of the instance's own text that can be compound parts (≥ 4 letters)."""
    found: set[str] = set()
    for text in texts:
        found.update(w for w in set(words(text)) if len(w) >= MIN_WORD and not w.isdigit())
    return found - STOPWORDS


@dataclass(frozen=True)
class Alternative:
    """Another way to say a query word: the stems of a phrase, and how much it counts."""

    stems: tuple[str, ...]
    weight: float


@dataclass
class QueryWord:
    """One word of a query with everything it may match."""

    surface: str
    stem: str
    parts: tuple[tuple[str, ...], ...]  # per compound piece: the stems it may match
    fuzzy: int  # edits allowed against index terms
    repaired: bool = False  # parts found one edit away (a typo in a compound)
    alternatives: list[Alternative] = field(default_factory=list)


@dataclass(frozen=True)
class Ring:
    """A vocabulary term: its label and synonyms, normalised, as word tuples."""

    vocabulary: str
    term_id: str
    label: tuple[str, ...]
    members: tuple[tuple[str, ...], ...]


def _is_abbreviation(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`GWA` abbreviates `Gemeinwesenarbeit`: same first letter, letters in order."""
    if len(short) != 1 or len(short[0]) > 5:
        return False
    letters, target = short[0], "".join(long)
    if len(target) < len(letters) + 3 or letters[0] != target[0]:
        return False
    position = 0
    for char in letters:
        position = target.find(char, position) + 1
        if position == 0:
            return False
    return True


class Analysis:
    """The chain with its lexicon and synonym rings; build one with `for_instance`."""

    def __init__(self, lexicon: Iterable[str], rings: Iterable[Ring] = ()) -> None:
        self.splitter = Splitter((normalize(w) for w in lexicon), STOPWORDS)
        self.rings = tuple(rings)
        self._site_extras = lru_cache(maxsize=200_000)(self._site_extras_uncached)
        self._stems = lru_cache(maxsize=200_000)(self._stems_uncached)
        self._partners: dict[tuple[str, ...], dict[tuple[str, ...], float]] = {}
        for ring in self.rings:
            self._add_ring(ring)
        self._starts = frozenset(key[0] for key in self._partners if key)

    @classmethod
    def for_instance(cls, instance: Instance, text_words: Iterable[str] = ()) -> Analysis:
        """Vocabulary words + the given words of the instance's text (besides the
        lexicon of nouns, which the splitter always knows)."""
        lexicon = set(text_words)
        rings = []
        for vocab in instance.vocabularies.values():
            for term in vocab.terms:
                phrases = (term.label, *term.synonyme)
                lexicon.update(
                    w
                    for phrase in (*phrases, term.beschreibung)
                    for w in words(phrase)
                    if w not in STOPWORDS
                )
                rings.append(
                    Ring(
                        vocab.name,
                        term.id,
                        tuple(words(term.label)),
                        tuple(tuple(words(p)) for p in phrases if words(p)),
                    )
                )
        return cls(lexicon, rings)

    # --- synonyms -------------------------------------------------------------------
    def _add_ring(self, ring: Ring) -> None:
        for a in ring.members:
            links = self._partners.setdefault(self._key(a), {})
            for b in ring.members:
                if a == b:
                    continue
                if _is_abbreviation(a, b) or _is_abbreviation(b, a):
                    weight = 0.8
                elif ring.label in (a, b):
                    weight = 0.35
                else:
                    weight = 0.2
                links[b] = max(weight, links.get(b, 0.0))

    def _key(self, phrase: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(stem(w) for w in phrase if w not in STOPWORDS)

    def partners(self, phrase: tuple[str, ...]) -> dict[tuple[str, ...], float]:
        """Other names of a vocabulary member (normalised words) with their weights."""
        return self._partners.get(self._key(phrase), {})

    # --- compounds ------------------------------------------------------------------
    def split(self, word: str) -> tuple[str, ...]:
        """Known parts of a normalised compound (without the word itself), or ()."""
        return self.splitter.split(word)

    # --- index side -----------------------------------------------------------------
    def word_stems(self, word: str) -> tuple[str, ...]:
        """Index tokens of one normalised word: its stem and the stems of its parts
        (remembered per word: a collection repeats its words)."""
        return self._stems(word)

    def _stems_uncached(self, word: str) -> tuple[str, ...]:
        if word in STOPWORDS:
            return ()
        return (stem(word), *(stem(part) for part in self.split(word)))

    def tokens(self, text: str) -> list[str]:
        """Index tokens of a text, in order."""
        return [token for word in words(text) for token in self._stems(word)]

    def site_words(self, text: str) -> list[str]:
        """Extra words for the site search, which stems but neither splits nor folds:
        synonyms and compound parts first, then the ae/oe/ue spelling of umlaut words."""
        found = words(text)
        extra: dict[str, None] = {}
        for phrase in self._phrases_in(found, minimum=0.35):
            extra.update(dict.fromkeys(phrase))
        unique = list(dict.fromkeys(found))
        for word in unique:
            extra.update(dict.fromkeys(self._site_extras(word)))
        for word in [*unique, *extra]:
            if word not in STOPWORDS:
                extra[_ascii_umlauts(word)] = None
        for word in unique:
            extra.pop(word, None)
        return list(extra)

    def _site_extras_uncached(self, word: str) -> tuple[str, ...]:
        """Compound parts of a word, the word without a plural -s, and the irregular and
        feminine forms of the word and its parts (Pagefind's stemmer knows none)."""
        if word in STOPWORDS:
            return ()
        plural_s = len(word) >= 5 and word[-1] == "s" and word[-2] in "aioyé"
        parts = self.split(word)
        forms = [form for part in (word, *parts) for form in lexicon().variants(part)]
        return (*parts, *([word[:-1]] if plural_s else []), *forms)

    def _phrases_in(self, found: list[str], minimum: float) -> list[tuple[str, ...]]:
        """Other names (weight ≥ minimum) of the vocabulary members in a text, each once.

        A long text names the same members again and again: each run of up to three
        stems is looked up once."""
        stems = [None if w in STOPWORDS else stem(w) for w in found]
        seen: set[tuple[str, ...]] = set()
        result: dict[tuple[str, ...], None] = {}
        for start, first in enumerate(stems):
            if first not in self._starts:
                continue  # no vocabulary member begins with this word
            window = [s for s in stems[start : start + 3] if s]
            for size in (3, 2, 1):
                key = tuple(window[:size])
                if len(key) < size or key in seen:
                    continue
                seen.add(key)
                for phrase, weight in self._partners.get(key, {}).items():
                    if weight >= minimum:
                        result[phrase] = None
        return list(result)

    # --- query side -----------------------------------------------------------------
    def query_words(self, text: str) -> list[QueryWord]:
        """The words of a query with their parts, synonyms and typo tolerance."""
        found = words(text)
        result: list[QueryWord] = []
        for index, word in enumerate(found):
            if word in STOPWORDS and len(found) > 1:
                continue
            pieces = self.splitter.pieces(word)
            repaired = not pieces and word not in STOPWORDS
            pieces = pieces or (self.splitter.repair(word) if repaired else ())
            query = QueryWord(
                word,
                stem(word),
                tuple(tuple(stem(p) for p in self.splitter.derived(piece)) for piece in pieces),
                fuzzy=0
                if len(word) < FUZZY_MIN or not word.isalpha()
                else 1 + (len(word) >= FUZZY_TWO),
                repaired=repaired and bool(pieces),
            )
            for size in (3, 2, 1):
                phrase = tuple(found[index : index + size])
                if len(phrase) < size:
                    continue
                for other, weight in self.partners(phrase).items():
                    stems = tuple(stem(w) for w in other if w not in STOPWORDS)
                    if stems:
                        query.alternatives.append(Alternative(stems, weight))
            result.append(query)
        return result
