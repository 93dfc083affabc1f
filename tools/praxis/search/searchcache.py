"""What the site search keeps between builds, under `.praxis/build/search/`, so that a
build redoes only what changed (ARCHITECTURE.md, "Incremental builds").

- **Records** (`records/<key>.json`): each entry's search record, keyed by what it is
  made from: the entry's file, its filter values, the engine, schema and vocabularies.
  One more input is shared by all records: the site's compound lexicon (the words of
  every entry, `indexdoc.collection_lexicon`), so that one new word would otherwise make
  every record again. A record depends only on the lexicon words that could be a piece of
  one of its words (`depends`), so `lexikon.txt` holds the lexicon every cached record
  was made with, each record the words it was made from, and a record is made again only
  when a word that entered or left the lexicon could be a piece of one of them. While
  records are written, `lexikon.txt` is absent: a build that stops halfway leaves no
  record that claims a lexicon it was not made with.
- **The bundle** (`bundle/`): Pagefind's output of the last build, keyed by a digest of
  every record page (`records_key`). When no record changed (a template, the navigation,
  a hand-written page), Pagefind does not run again.

Everything here is written to a temporary name and renamed; a missing, unreadable or
foreign file is a cache miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from praxis.fsutil import atomic_write
from praxis.search.analysis import STOPWORDS, words
from praxis.search.compounds import MIN_COMPOUND

LEXICON = "lexikon.txt"
KEY = "schluessel.txt"  # in the bundle's folder: the records it was made from
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def dependency_words(text: str) -> str:
    """The words of an analysed text that the site lexicon can change: the compound
    splitter cuts only words of MIN_COMPOUND letters and more. Umlauts are folded,
    because a piece is also looked up with a plain vowel (`gärten` → `garten`)."""
    found = {w for w in words(text) if len(w) >= MIN_COMPOUND and w not in STOPWORDS}
    return " ".join(sorted(found)).translate(_FOLD)


def depends(text: str, changed: set[str]) -> bool:
    """Whether a lexicon word in `changed` can be a piece of a word of `text`
    (`dependency_words`). A piece is a part of the word, compared with a lexicon word as
    it is, with a plain vowel, or with a dropped -e or -en (`Sprach-` for `Sprache`,
    `Lern-` for `Lernen`): so a word counts if it, or it without that ending, occurs in
    the text. This may make a record again that would not have changed, never the
    other way round."""
    for word in changed:
        word = word.translate(_FOLD)
        forms = [word]
        if word.endswith("e"):
            forms.append(word[:-1])
        if word.endswith("en"):
            forms.append(word[:-2])
        if any(form in text for form in forms):
            return True
    return False


class RecordCache:
    """The cached records of one build: `get` what is still valid, `put` what was made,
    then `finish` (removes what no entry needs, writes the lexicon)."""

    def __init__(self, folder: Path, lexicon: set[str], *, read: bool = True) -> None:
        self.folder = folder / "records"
        self.lexicon_path = folder / LEXICON
        self.lexicon = lexicon
        known = _read_lexicon(self.lexicon_path) if read else None
        # None: the lexicon of the cached records is unknown, none of them is valid
        self.changed = None if known is None else lexicon ^ known
        self.used: set[str] = set()
        self.writing = False

    def get(self, key: str) -> dict[str, Any] | None:
        """The record cached under `key` (a digest of its inputs), if still valid."""
        self.used.add(key)
        if self.changed is None:
            return None
        try:
            cached = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            record, text = dict(cached["record"]), str(cached["woerter"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if self.changed and depends(text, self.changed):
            return None
        return record

    def put(self, key: str, record: dict[str, Any], text: str) -> None:
        """Cache a record made from `text` (the text the analysis read)."""
        if not self.writing:
            self.lexicon_path.unlink(missing_ok=True)
            self.writing = True
        cached = {"record": record, "woerter": dependency_words(text)}
        atomic_write(self.folder / f"{key}.json", json.dumps(cached, ensure_ascii=False))

    def finish(self) -> None:
        if self.folder.is_dir():
            for path in self.folder.glob("*.json"):
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)
        if self.writing or self.changed:
            atomic_write(self.lexicon_path, "\n".join(sorted(self.lexicon)))


def _read_lexicon(path: Path) -> set[str] | None:
    try:
        return set(path.read_text(encoding="utf-8").split("\n")) - {""}
    except (OSError, ValueError):
        return None


# --- the bundle ---------------------------------------------------------------------


def records_key(records: Path) -> str:
    """A digest of every file Pagefind reads (the record pages under `records`) and of
    Pagefind's version."""
    digest = hashlib.sha256()
    for name in ("pagefind", "pagefind-bin"):
        try:
            digest.update(f"{name} {metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -\0".encode())
    for path in sorted(records.rglob("*.html")):
        digest.update(f"{path.relative_to(records)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def reuse_bundle(folder: Path, key: str, bundle: Path) -> bool:
    """Hard-link the cached bundle into `bundle` if it was made from the same records."""
    cached = folder / "bundle"
    try:
        if (cached / KEY).read_text(encoding="utf-8") != key:
            return False
        shutil.copytree(cached, bundle, copy_function=os.link, ignore=_key_file)
    except OSError:
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def keep_bundle(folder: Path, key: str, bundle: Path) -> None:
    """Remember a bundle Pagefind made from the records with `key` (hard links: neither
    the site's copy nor the cache's is ever written to again)."""
    cached, fresh = folder / "bundle", folder / "bundle.neu"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(bundle, fresh, copy_function=os.link)
    (fresh / KEY).write_text(key, encoding="utf-8")
    shutil.rmtree(cached, ignore_errors=True)
    os.rename(fresh, cached)


def _key_file(folder: str, names: list[str]) -> list[str]:
    return [KEY] if KEY in names else []
