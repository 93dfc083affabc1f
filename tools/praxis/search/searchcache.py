"""What the site search keeps between builds, under `.praxis/build/search/`, so that a
build redoes only what changed (ARCHITECTURE.md, "Incremental builds").

- **Records** (`records/<key>.json`): each entry's search record, keyed by what it is
  made from: the entry's file, its filter values, the engine, schema and vocabularies.
  One more input is shared by all records: the site's compound lexicon (the words of
  every entry, `indexdoc.collection_lexicon`), which one new word changes; in the key,
  it would make every record again. But the lexicon only decides how the compound
  splitter cuts words, so `lexikon.txt` holds the lexicon the cached records were made
  with, each record the words that could be cut (`dependency_words`), and after a
  change of the lexicon, the words that might be cut differently (`depends`) are cut with
  the old and the new lexicon: a record is made again only if one of its words is cut
  differently now (`RecordCache.compare`). While records are written, `lexikon.txt` is
  absent: a build that stops halfway leaves no record that claims a lexicon it was not
  made with.
- **The bundle** (`bundle/`): Pagefind's output of the last build, keyed by a digest of
  every record page (`records_key`). When no record changed (a template, the navigation,
  a hand-written page), Pagefind does not run again.

Everything here is written to a temporary name and renamed; a missing, unreadable or
foreign file is a cache miss, never an error, and so is a bundle with anything but
regular files and folders in it (a link would bring its target into the site).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from praxis.errors import UnsafePath
from praxis.fsutil import FileCache, atomic_write
from praxis.search.analysis import STOPWORDS, words
from praxis.search.compounds import MIN_COMPOUND

LEXICON = "lexikon.txt"
KEY = "schluessel.txt"  # in the bundle's folder: the records it was made from
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
Splitting = Callable[[str], tuple[str, ...]]  # a word's compound parts


def dependency_words(text: str) -> list[str]:
    """The words of an analysed text that the site lexicon can change: the compound
    splitter cuts only words of MIN_COMPOUND letters and more."""
    return sorted({w for w in words(text) if len(w) >= MIN_COMPOUND and w not in STOPWORDS})


def depends(word: str, changed: set[str]) -> bool:
    """Whether a lexicon word in `changed` can be a piece of `word`. A piece is a part of
    the word, compared with a lexicon word as it is, with a plain vowel, or with a
    dropped -e or -en (`Sprach-` for `Sprache`, `Lern-` for `Lernen`): so a word counts
    if it, or it without that ending, occurs in `word`, umlauts folded. This finds more
    words than are cut differently, never fewer."""
    word = word.translate(_FOLD)
    for lexicon_word in changed:
        folded = lexicon_word.translate(_FOLD)
        forms = [folded]
        if folded.endswith("e"):
            forms.append(folded[:-1])
        if folded.endswith("en"):
            forms.append(folded[:-2])
        if any(form in word for form in forms):
            return True
    return False


class RecordCache:
    """The cached records of one build, by key: `lexicon_of` each entry (its words in
    the site lexicon), `compare` with the whole lexicon, `get` the records still valid,
    `put` those made again, then `finish` (removes what no entry needs, writes the
    lexicon)."""

    def __init__(self, folder: Path, keys: list[str], *, read: bool = True) -> None:
        self.files = FileCache(folder / "records", ".json")
        self.lexicon_path = folder / LEXICON
        self.cached = {key: _parse(self.files.read(key)) if read else None for key in keys}
        self.known = _read_lexicon(self.lexicon_path) if read else None
        self.lexicon: set[str] = set()
        self.moved: set[str] | None = None  # words cut differently now; None: all
        self.writing = False

    def lexicon_of(self, key: str) -> set[str] | None:
        """The words the entry of `key` adds to the site lexicon, if cached."""
        cached = self.cached.get(key)
        return None if cached is None else set(cached["lexikon"])

    def compare(self, lexicon: set[str], splitter: Callable[[set[str]], Splitting]) -> None:
        """The site lexicon of this build. `splitter(lexicon)` cuts words as the analysis
        with that lexicon does: the words that might be cut differently since the cached
        records were made are cut both ways, and those cut differently make their
        records invalid."""
        self.lexicon = lexicon
        if self.known is None:
            self.moved = None  # the lexicon of the cached records is unknown
            return
        self.moved = set()
        changed = lexicon ^ self.known
        if not changed:
            return
        cached = (cached for cached in self.cached.values() if cached is not None)
        candidates = [w for w in {w for c in cached for w in c["woerter"]} if depends(w, changed)]
        if candidates:
            before, now = splitter(self.known), splitter(lexicon)
            self.moved = {word for word in candidates if before(word) != now(word)}

    def get(self, key: str) -> dict[str, Any] | None:
        """The record cached under `key` (a digest of its inputs), if still valid."""
        cached = self.cached.get(key)
        if cached is None or self.moved is None:
            return None
        if self.moved and not self.moved.isdisjoint(cached["woerter"]):
            return None
        return dict(cached["record"])

    def put(self, key: str, record: dict[str, Any], text: str, lexicon: set[str]) -> None:
        """Cache a record made from `text` (what the analysis read); `lexicon`: the
        words its entry adds to the site lexicon."""
        if not self.writing:
            try:
                self.lexicon_path.unlink(missing_ok=True)
            except OSError:
                return  # a record cached now would claim the old lexicon
            self.writing = True
        cached = {"record": record, "woerter": dependency_words(text), "lexikon": sorted(lexicon)}
        self.files.write(key, json.dumps(cached, ensure_ascii=False))

    def finish(self) -> None:
        """A cache that cannot be written only makes the next build slower."""
        self.files.prune(set(self.cached))
        with contextlib.suppress(OSError, UnsafePath):
            for path in self.lexicon_path.parent.glob("*.json"):  # of an earlier engine
                path.unlink(missing_ok=True)
            if self.writing or self.known != self.lexicon:
                atomic_write(self.lexicon_path, "\n".join(sorted(self.lexicon)))


def _parse(data: bytes | None) -> dict[str, Any] | None:
    """A cached record, or None when missing or not of this format."""
    if data is None:
        return None
    try:
        cached = json.loads(data)
        if (
            isinstance(cached["record"], dict)
            and isinstance(cached["woerter"], list)
            and isinstance(cached["lexikon"], list)
        ):
            return dict(cached)
    except (ValueError, KeyError, TypeError):
        pass
    return None


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
        if cached.is_symlink():
            return False
        shutil.copytree(cached, bundle, copy_function=_link, ignore=_plain_files)
    except OSError:
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def keep_bundle(folder: Path, key: str, bundle: Path) -> None:
    """Remember a bundle Pagefind made from the records with `key` (hard links where
    possible: neither the site's copy nor the cache's is ever written to again). A cache
    that cannot be written only makes the next build slower."""
    cached, fresh = folder / "bundle", folder / "bundle.neu"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        shutil.copytree(bundle, fresh, copy_function=_link)
        (fresh / KEY).write_text(key, encoding="utf-8")
        shutil.rmtree(cached, ignore_errors=True)
        os.rename(fresh, cached)
    except OSError:
        shutil.rmtree(fresh, ignore_errors=True)


def _link(source: str, target: str) -> None:
    """A hard link; a copy where there can be none (the site on another file system
    than the instance, as `praxis serve`'s in a temporary directory may be)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _plain_files(folder: str, names: list[str]) -> list[str]:
    """copytree's `ignore`: leaves out the key file, and refuses a bundle that holds
    anything but regular files and folders (copytree would copy what a symbolic link
    points to, a file of the build machine, into the site)."""
    for name in names:
        mode = os.lstat(os.path.join(folder, name)).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise OSError(f"{name} im Suchindex ist keine gewöhnliche Datei")
    return [KEY] if KEY in names else []
