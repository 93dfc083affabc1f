"""The German lexicon: 88,000 nouns of the German Wiktionary (`data/lexikon.txt`).

Made by `tools/lexicon/make_lexicon.py` from the PyPI package `german-nouns` (CC BY-SA 4.0,
`data/lexikon-LIZENZ.txt`). Each line is a noun, lowercase with `ß` as `ss`, and after a
tab the inflected forms that the Snowball stemmer does not bring back to it
(`nachbarn → nachbar`, `zentren → zentrum`; `ämter → amt` is regular), in
`data/lexikon-formen.txt`. It answers two questions of the analysis chain: is a piece
of a compound a noun (in any form; of three letters only the heads listed in
`data/lexikon-kurz.txt`), and what is the base form of an irregular one. It is
read once per process, when first needed (the benchmark gives the time).
"""

from __future__ import annotations

from functools import cache, cached_property
from importlib import resources

ENDINGS = ("s", "es", "e", "en", "n", "er", "ern", "ns", "nen")  # regular inflection
PERSON = ("er", "ar", "ent", "ant", "ist", "eur", "or", "loge", "at", "ier")  # -in after these
MIN_NOUN = 3


class Lexicon:
    """Nouns, their irregular forms, and the way back from a form to its noun."""

    def __init__(self, nouns: str, forms: str, short: str = "") -> None:
        self.nouns = frozenset(nouns.split())
        self.short_heads = frozenset(short.split())  # three-letter nouns that end compounds
        pairs = forms.split()
        self.forms = dict(zip(pairs[::2], pairs[1::2], strict=True))  # irregular form -> noun

    @cached_property
    def odd(self) -> dict[str, list[str]]:
        """Noun -> its irregular forms (only the site search needs them)."""
        found: dict[str, list[str]] = {}
        for form, noun in self.forms.items():
            found.setdefault(noun, []).append(form)
        return found

    def base(self, word: str) -> str:
        """The noun of an irregular form, masculine for a feminine person noun
        (`bewohnerinnen` → `bewohner`, `streetworkerin` → `streetworker`): what both
        index and query stem from."""
        word = self.forms.get(word, word)
        for ending in ("innen", "in"):
            person = word[: -len(ending)]
            if word.endswith(ending) and len(person) >= 5 and person.endswith(PERSON):
                return person
        return word

    def knows(self, word: str) -> bool:
        """True for a noun in any of its forms (a compound's head), umlaut plurals too."""
        if len(word) <= MIN_NOUN:
            return word in self.short_heads
        if self._form(word):
            return True
        plain = plain_umlaut(word)
        return plain is not None and self._form(plain)

    def _form(self, word: str) -> bool:
        if word in self.nouns or word in self.forms:
            return True
        return any(
            word.endswith(end)
            and len(word) - len(end) >= MIN_NOUN
            and word[: -len(end)] in self.nouns
            for end in ENDINGS
        )

    def variants(self, word: str) -> tuple[str, ...]:
        """Irregular and feminine forms of a noun: what the site search (which stems but
        knows no irregular plural) indexes besides the word."""
        noun = self.base(word)
        found = [noun, *self.odd.get(noun, ())]
        if noun + "in" in self.nouns:
            found += [noun + "in", noun + "innen"]
        return tuple(w for w in dict.fromkeys(found) if w != word)


_PLAIN = {"ä": "a", "ö": "o", "ü": "u"}


def plain_umlaut(word: str) -> str | None:
    """The word with its last umlaut as a plain vowel (`gärten` → `garten`), or None."""
    last = max(word.rfind(u) for u in _PLAIN)
    return word[:last] + _PLAIN[word[last]] + word[last + 1 :] if last >= 0 else None


@cache
def lexicon() -> Lexicon:
    data = resources.files("praxis").joinpath("data")
    return Lexicon(
        data.joinpath("lexikon.txt").read_text("utf-8"),
        data.joinpath("lexikon-formen.txt").read_text("utf-8"),
        data.joinpath("lexikon-kurz.txt").read_text("utf-8"),
    )
