"""Regenerate the German lexicon `tools/praxis/data/lexikon.txt` and the compound test list
`tests/data/komposita.tsv` from the PyPI package `german-nouns` (nouns of the German
Wiktionary, CC BY-SA 4.0), so that the shipped files can be checked and updated.

    python tools/lexicon/make_lexicon.py            # downloads german-nouns with pip

The lexicon holds one noun per line (lowercase, `ß` as `ss`); `lexikon-formen.txt` holds
an inflected form whose Snowball stem differs from its noun's or that is not the noun
with a regular ending, and the noun (`nachbarn nachbar`, `zentren zentrum`,
`freiwilligen freiwilliger`): regular forms are found by the stemmer, these are not.
Names, abbreviations, words of fewer than three letters and stop words are left out.
`lexikon-kurz.txt` lists the three-letter nouns that end at least twelve compounds of
the list (`amt`, `rat`): only these may be the head of a compound. The files are bare
word lists (no header) so that they load in one split.

The test list holds nouns that are compounds of two other nouns of the list: exactly one
way to write them as modifier + Fugen element + head, the head of the same grammatical
gender as the compound (the head decides it in German). It is derived, not hand-judged.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from whoosh.lang import stemmer_for_language, stopwords_for_language

VERSION = "1.2.5"
REPO = Path(__file__).resolve().parents[2]
LEXICON = REPO / "tools" / "praxis" / "data" / "lexikon.txt"
SHORT = REPO / "tools" / "praxis" / "data" / "lexikon-kurz.txt"
SHORT_HEADS = 12  # a three-letter noun is a head if this many compounds of the list end in it
FORMS = REPO / "tools" / "praxis" / "data" / "lexikon-formen.txt"
LICENCE = REPO / "tools" / "praxis" / "data" / "lexikon-LIZENZ.txt"
GOLD = REPO / "tests" / "data" / "komposita.tsv"
GOLD_LICENCE = REPO / "tests" / "data" / "komposita-LIZENZ.txt"
GOLD_SIZE = 400
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
FUGEN = ("", "s", "es", "n", "en", "er", "e", "ens")
SKIP = ("Toponym", "Vorname", "Nachname", "Abkürzung")
HEADER = (
    "# German nouns from the German Wiktionary via the PyPI package german-nouns {v}\n"
    "# (Gregor Weichbrodt), licence CC BY-SA 4.0: see lexikon-LIZENZ.txt.\n"
    "# Regenerate: python tools/lexicon/make_lexicon.py\n"
)


def download(target: Path) -> tuple[Path, Path]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(target),
            f"german-nouns=={VERSION}",
        ],
        check=True,
    )
    wheel = next(target.glob("german_nouns-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target / "wheel")
    return target / "wheel" / "german_nouns" / "nouns.csv", target / "wheel" / "LICENSE"


def norm(word: str) -> str:
    return word.lower().replace("ß", "ss")


def read_nouns(path: Path) -> dict[str, tuple[str, set[str]]]:
    """lemma -> (genus, forms) of the usable nouns."""
    stop = {norm(w) for w in stopwords_for_language("de")}
    nouns: dict[str, tuple[str, set[str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lemma = row["lemma"] or ""
            if not WORD.fullmatch(lemma) or any(s in row["pos"] for s in SKIP):
                continue
            if lemma.isupper() or len(lemma) < 3 or norm(lemma) in stop:
                continue
            forms = {
                norm(value)
                for key, value in row.items()
                if key not in ("lemma", "pos")
                and not key.startswith("genus")
                and value
                and WORD.fullmatch(value)
            }
            genus, old = nouns.get(norm(lemma), (row["genus"], set()))
            nouns[norm(lemma)] = (genus, old | forms)
    return nouns


ENDINGS = ("s", "es", "e", "en", "n", "er", "ern", "ns", "nen")  # as praxis.search.lexicon


def regular(form: str, lemma: str) -> bool:
    """Whether `praxis.search.lexicon` finds the noun of a form by its regular endings."""
    plain = form
    for umlaut, vowel in (("ä", "a"), ("ö", "o"), ("ü", "u")):
        plain = plain.replace(umlaut, vowel)
    return any(f in (lemma + e for e in ENDINGS) for f in (form, plain))


def write_lexicon(nouns: dict[str, tuple[str, set[str]]]) -> None:
    stem = stemmer_for_language("de")
    pairs: dict[str, str] = {}
    for lemma in sorted(nouns):
        own = stem(lemma)
        for form in sorted(nouns[lemma][1]):
            if form not in nouns and (stem(form) != own or not regular(form, lemma)):
                pairs.setdefault(form, lemma)
    lines = [f"{form} {noun}" for form, noun in sorted(pairs.items())]
    LEXICON.write_text("\n".join(sorted(nouns)) + "\n", "utf-8")
    SHORT.write_text("\n".join(short_heads(nouns)) + "\n", "utf-8")
    FORMS.write_text("\n".join(lines) + "\n", "utf-8")


def short_heads(nouns: dict[str, tuple[str, set[str]]]) -> list[str]:
    """Three-letter nouns that end many compounds of the list (`amt`, `rat`, `hof`), so
    that a splitter may take them as heads (and not `ion` in `Generation`)."""
    counts = dict.fromkeys((n for n in nouns if len(n) == 3), 0)
    for word in nouns:
        head = word[-3:]
        if len(word) >= 7 and head in counts and nouns[head][0] == nouns[word][0]:
            modifier = word[:-3]
            if any(
                modifier[: len(modifier) - len(f)] in nouns for f in FUGEN if modifier.endswith(f)
            ):
                counts[head] += 1
    return sorted(head for head, count in counts.items() if count >= SHORT_HEADS)


def gold(nouns: dict[str, tuple[str, set[str]]]) -> list[tuple[str, str, str]]:
    """(compound, modifier, head) for compounds with exactly one such reading."""
    found = []
    for word in sorted(nouns):
        if len(word) < 7:
            continue
        readings = set()
        for cut in range(3, len(word) - 2):
            head = word[cut:]
            if head not in nouns or nouns[head][0] != nouns[word][0]:
                continue
            for fuge in FUGEN:
                modifier = word[:cut]
                if fuge and not modifier.endswith(fuge):
                    continue
                modifier = modifier[: len(modifier) - len(fuge)]
                if len(modifier) >= 3 and modifier in nouns:
                    readings.add((modifier, head))
        if len(readings) == 1:
            found.append((word, *readings.pop()))
    step = max(1, len(found) // GOLD_SIZE)
    return found[::step][:GOLD_SIZE]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, licence = download(Path(tmp))
        nouns = read_nouns(csv_path)
        write_lexicon(nouns)
        text = licence.read_text("utf-8")
        LICENCE.write_text(HEADER.format(v=VERSION) + "\n" + text, "utf-8")
        GOLD.parent.mkdir(parents=True, exist_ok=True)
        rows = gold(nouns)
        GOLD.write_text(
            HEADER.format(v=VERSION).replace("lexikon-LIZENZ", "komposita-LIZENZ")
            + "# compound<TAB>modifier<TAB>head, derived (see the script's docstring)\n"
            + "".join(f"{w}\t{m}\t{h}\n" for w, m, h in rows),
            "utf-8",
        )
        GOLD_LICENCE.write_text(HEADER.format(v=VERSION) + "\n" + text, "utf-8")
    print(f"{len(nouns)} Substantive, {len(rows)} Komposita")


if __name__ == "__main__":
    main()
