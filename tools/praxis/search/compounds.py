"""Compound splitting for the German analysis chain (`praxis.search.analysis`, step 5).

A word of six or more letters is cut into pieces that are all known: every piece but the
last a *modifier* (a noun as it is, without its Fugen element -s, -es, -n, -en, -er, -e,
-ens, -ns, with a dropped -e: `Sprach-` for `Sprache`, or a verb stem: `Lern-`), the
last the *head* in any inflected form (`-gärten`, `-büros`). Known are the 88,000 nouns
of the lexicon (`praxis.search.lexicon`; of three letters, as heads, only those that end many
compounds: `-amt`, `-rat`, not `-ion`) and the words of the instance's own text and
vocabularies (four letters and more: adjectives such as `sozial-`). Of all ways to cut a
word the one with the fewest pieces wins, then the one with the longest head
(`Stau|becken`, not `Staub|ecken`). The parts of a word are its pieces, the parts of each
piece of eight letters or more (`Stadtteil` → `Stadt`, `Teil`), and the noun a `-schaft`
is made from (`Nachbarschaft` → `Nachbar`), so that `Hilfe für Nachbarn` finds
`Nachbarschaftshilfe`.

A query word that cannot be cut may hold a typo: `repair` tries the words one edit away
(a dropped, extra or swapped letter) that can be cut.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from praxis.search.lexicon import Lexicon, lexicon, plain_umlaut

MIN_COMPOUND = 6
MIN_INNER = 8  # a piece is cut again only from this length on
MIN_NOUN = 3  # pieces that are nouns of the lexicon
MIN_WORD = 4  # pieces that are words of the instance's text
FUGEN = ("ens", "es", "en", "er", "ns", "s", "n", "e")
DERIVED = ("schaft",)  # a noun made from another noun (Nachbar → Nachbarschaft)
LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß"


class Splitter:
    """Cuts compounds with the lexicon and the given words of the instance."""

    def __init__(
        self, words: Iterable[str], stopwords: Iterable[str] = (), nouns: Lexicon | None = None
    ) -> None:
        self.nouns = nouns or lexicon()
        self.stopwords = frozenset(stopwords)
        self.words = frozenset(w for w in words if len(w) >= MIN_WORD)
        self.split = lru_cache(maxsize=200_000)(self._split)
        self.pieces = lru_cache(maxsize=200_000)(self._pieces)
        self._modifier = lru_cache(maxsize=400_000)(self._modifier_uncached)
        self._head = lru_cache(maxsize=400_000)(self._head_uncached)

    # --- what a piece may be ------------------------------------------------------------
    def _exact(self, piece: str) -> str | None:
        """The noun or word a piece is, as it stands or with a plain vowel for an umlaut."""
        for candidate in (piece, plain_umlaut(piece)):
            if candidate is None:
                continue
            if candidate in self.nouns.nouns or candidate in self.words:
                return candidate
            if candidate in self.nouns.forms:
                return self.nouns.forms[candidate]
        return None

    def _modifier_uncached(self, piece: str) -> str | None:
        """The base of a modifier (`nachbarschafts` → `nachbarschaft`), or None. A stop
        word is none (`nach|en` is not the noun `Nachen` in `Nachbarschaft`)."""
        if piece in self.stopwords:
            return None
        found = self._exact(piece)
        if found:
            return found
        for fuge in FUGEN:
            # no -e after three letters: `Gen|e|ration` is not a compound
            if piece.endswith(fuge) and len(piece) - len(fuge) >= MIN_NOUN + (fuge == "e"):
                found = self._exact(piece[: -len(fuge)])
                if found:
                    return found
        # a dropped -e (`Sprach-`) or a verb stem (`Lern-`, `Wohn-`: `Lernen`, `Wohnen`)
        return self._exact(piece + "e") or self._exact(piece + "en")

    def _head_uncached(self, piece: str) -> bool:
        if piece in DERIVED:
            return False  # Nachbar|schaft is a derivation, not a compound
        return piece in self.words or self.nouns.knows(piece)

    # --- cutting ----------------------------------------------------------------------
    def _pieces(self, word: str) -> tuple[str, ...]:
        """The best cut of a word into known pieces (modifier bases, then the head)."""
        if len(word) < MIN_COMPOUND or not word.isalpha():
            return ()
        size = len(word)
        best: dict[int, tuple[str, ...]] = {0: ()}
        for start in range(size):
            if start not in best:
                continue
            for stop in range(start + MIN_NOUN, size - MIN_NOUN + 1):
                base = self._modifier(word[start:stop])
                if base and (stop not in best or len(best[start]) + 1 < len(best[stop])):
                    best[stop] = (*best[start], base)
        cuts = [
            (*modifiers, word[start:])
            for start, modifiers in best.items()
            if start and self._head(word[start:])
        ]
        return min(cuts, key=lambda cut: (len(cut), -len(cut[-1])), default=())

    def _split(self, word: str) -> tuple[str, ...]:
        """All parts of a word: pieces, their parts, the nouns of -schaft words."""
        found: list[str] = []
        for piece in self.pieces(word):
            found += [piece, *(self.split(piece) if len(piece) >= MIN_INNER else ())]
        for suffix in DERIVED:
            base = word[: -len(suffix)]
            if word.endswith(suffix) and len(base) >= MIN_NOUN and self._exact(base):
                found.append(base)
        return tuple(dict.fromkeys(p for p in found if p != word))

    def derived(self, piece: str) -> tuple[str, ...]:
        """A piece and the noun it is derived from, if any: alternatives for a query."""
        for suffix in DERIVED:
            base = piece[: -len(suffix)]
            if piece.endswith(suffix) and len(base) >= MIN_NOUN and self._exact(base):
                return (piece, base)
        return (piece,)

    def repair(self, word: str) -> tuple[str, ...]:
        """Pieces of the nearest word (one edit away) that can be cut, for a query word
        with a typo that cannot be cut itself; () if there is none."""
        if len(word) < 2 * MIN_NOUN + 2 or self.pieces(word) or self._exact(word):
            return ()
        candidates = [word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in LETTERS]
        candidates += [word[:i] + word[i + 1 :] for i in range(len(word))]
        candidates += [
            word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
        ]
        cuts = [pieces for pieces in map(self._pieces, candidates) if pieces]
        return min(
            cuts,
            key=lambda cut: (len(cut), self._exact(cut[-1]) is None, -len(cut[-1])),
            default=(),
        )
