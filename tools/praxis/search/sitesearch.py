"""Site search with Pagefind: the index bundle under `<site>/pagefind/` (the page that
uses it is `search.finder`).

Pagefind replaces Material's lunr index: the browser loads only the index chunks and
result fragments a query needs, so the first search on a site of thousands of entries
costs kilobytes, not megabytes. What Pagefind indexes is made from the collection, not
scraped from the rendered pages: for each published entry a small HTML page with its
text (title and further fields weighted more), plus the words the German analysis adds
(compound parts, irregular and feminine forms, ae/oe/ue spellings, synonyms;
`Analysis.site_words`), so that the site finds what `praxis search` finds; those words
are indexed but never shown (the finder's excerpt is made from the entry's own text, the
meta `auszug`); filters Land, Handlungsfeld, Zielgruppe, Programm, Art. They are written
to a directory (`write_records`) and indexed by Pagefind's command line in one run
(`pagefind_command`). Beside the bundle, `woerter/<letter>.json` lists the site's words for the
finder's "Meinten Sie …?", loaded only when a query finds little.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from praxis.errors import BuildError, os_reason
from praxis.generate import entry_url, published
from praxis.load.collection import Collection, Document
from praxis.model.kinds import KINDS
from praxis.publish.memory import digest_of, inputs_digest
from praxis.search.analysis import STOPWORDS, Analysis, normalize
from praxis.search.indexdoc import collection_lexicon, entry_lexicon, entry_texts
from praxis.search.searchcache import RecordCache
from praxis.text import plural

BUNDLE = "pagefind"
FILTERS = ("Land", "Handlungsfeld", "Zielgruppe", "Programm", "Art")
TEXT_CHARS = 600  # text shown in result excerpts and indexed with positions
MAX_TERMS = 120  # search words per entry beyond its text (parts, forms, synonyms, rest)
TITLE_WEIGHT = 10  # Pagefind weights: an h1 counts 7 by default, body text 1
EXTRA_WEIGHT = 2
WORDS_DIR = "woerter"  # inside the bundle: the site's search words by first letter
WORDS_MIN = 4
WORDS_PER_LETTER = 3000
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Record:
    """One entry as the site search sees it: its page path, texts and filter values."""

    path: str  # the page's path on the site, e.g. practices/<slug>/
    titel: str
    content: str  # the entry's own text, shown in the excerpt
    extra: str  # further fields (keywords, fields of action, organisations), weighted
    words: list[str]  # search words the analysis adds: indexed, never shown
    meta: dict[str, str]
    filters: dict[str, list[str]]
    terms: list[str]  # its distinct words for the finder's word lists (`search_words`)


def record(
    doc: Document,
    texts: tuple[str, str, str],
    analysis: Analysis,
    filters: dict[str, list[str]],
) -> Record:
    """`texts`: the entry's `entry_texts`, `filters`: its `filter_values`."""
    titel, plain, extra = texts
    shown, rest = shorten(plain)
    expansion = analysis.site_words(f"{titel}\n{plain}\n{extra}")
    expansion += further_words(rest, f"{titel}\n{shown}\n{extra}")
    added = expansion[:MAX_TERMS]
    text = f"{titel} {shown} {extra} {' '.join(added)}".lower()
    return Record(
        path=entry_url(doc.kind, doc.slug),
        titel=titel,
        content=shown,
        extra=extra,
        words=added,
        meta={"Land": filters["Land"][0], "Art": KINDS[doc.kind].label, "auszug": shown},
        filters=filters,
        terms=sorted({w for w in WORD.findall(text) if len(w) >= WORDS_MIN}),
    )


def filter_values(
    doc: Document, collection: Collection, programmes: dict[str, Document]
) -> dict[str, list[str]]:
    """An entry's values for the site search filters, as readers see them (labels).
    `programmes`: the collection's, by slug (made once, not once per entry)."""
    vocabs = collection.instance.vocabularies
    entry: Any = doc.entry
    code = getattr(entry, "bundesland", None)
    titles = [
        str(programmes[s].data.get("titel", s))
        for s in getattr(entry, "programme", [])
        if s in programmes
    ]
    return {
        "Land": [vocabs["bundeslaender"].label_of(code) if code else "Bund/EU"],
        "Handlungsfeld": [vocabs["handlungsfelder"].label_of(t) for t in entry.handlungsfelder],
        "Zielgruppe": [vocabs["zielgruppen"].label_of(t) for t in entry.zielgruppen],
        "Programm": titles,
        "Art": [KINDS[doc.kind].label],
    }


def shorten(text: str) -> tuple[str, str]:
    """The first TEXT_CHARS of an entry's text (cut at a space), and the rest.

    Pagefind stores every word position and the whole text of each result; beyond the
    start, the distinct words of the rest are enough to find an entry, and keep the index
    chunks and result fragments a browser loads small."""
    if len(text) <= TEXT_CHARS:
        return text, ""
    cut = text.rfind(" ", 0, TEXT_CHARS)
    cut = cut if cut > 0 else TEXT_CHARS
    return text[:cut] + " …", text[cut:]


def further_words(rest: str, kept: str) -> list[str]:
    """Distinct words of the cut-off rest that the kept text does not contain."""
    known = {w.casefold() for w in WORD.findall(kept)}
    found: dict[str, None] = {}
    for word in dict.fromkeys(WORD.findall(rest)):
        folded = word.casefold()
        if len(word) >= 4 and folded not in known and normalize(word) not in STOPWORDS:
            known.add(folded)
            found[word] = None
    return list(found)


def records(
    collection: Collection, cache: Path | None = None, *, read: bool = True
) -> list[Record]:
    """Records of every published entry, analysed like the whoosh index. With `cache`, a
    record is made only when what it is made from changed (`searchcache.RecordCache`):
    the German analysis is most of the work. `read=False` makes every record again
    (`praxis build --full`) and caches it."""
    docs = [*published(collection, "practice"), *published(collection, "programme")]
    programmes = collection.programmes
    filters = {doc.rel: filter_values(doc, collection, programmes) for doc in docs}
    if cache is None:
        analysis = Analysis.for_instance(collection.instance, collection_lexicon(collection))
        return [
            record(doc, entry_texts(doc, collection.instance), analysis, filters[doc.rel])
            for doc in docs
        ]
    base = inputs_digest(collection.instance)
    keys = {doc.rel: digest_of(base, doc, filters[doc.rel]) for doc in docs}
    store = RecordCache(cache, list(keys.values()), read=read)
    own = {doc.rel: store.lexicon_of(keys[doc.rel]) or entry_lexicon(doc) for doc in docs}
    lexicon = set().union(*own.values())
    store.compare(lexicon, lambda words: Analysis.for_instance(collection.instance, words).split)
    made: Analysis | None = None
    found = []
    for doc in docs:
        cached = store.get(keys[doc.rel])
        if cached is not None:
            try:
                found.append(Record(**cached))
                continue
            except TypeError:  # a record of another engine version
                pass
        made = made or Analysis.for_instance(collection.instance, lexicon)
        texts = entry_texts(doc, collection.instance)
        item = record(doc, texts, made, filters[doc.rel])
        store.put(keys[doc.rel], dataclasses.asdict(item), "\n".join(texts), own[doc.rel])
        found.append(item)
    store.finish()
    return found


def page(item: Record) -> str:
    """The HTML Pagefind indexes for one entry: title (weighted most), own text, further
    fields (weighted more), the added search words; filters and meta beside. The finder
    builds its excerpt from the meta `auszug` (the own text), so the search words, which
    Pagefind's excerpt might show, never appear."""
    esc = html.escape
    tags = [
        f'<span data-pagefind-filter="{esc(name)}">{esc(value)}</span>'
        for name, values in item.filters.items()
        for value in values
    ]
    tags += [
        f'<span data-pagefind-meta="{esc(name)}">{esc(value)}</span>'
        for name, value in item.meta.items()
    ]
    text = "".join(f"<p>{esc(part)}</p>" for part in item.content.split("\n") if part)
    extra = "".join(
        f'<p data-pagefind-weight="{EXTRA_WEIGHT}">{esc(part)}</p>'
        for part in item.extra.split("\n")
        if part
    )
    words = f"<p>{esc(' '.join(item.words))}</p>" if item.words else ""
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>'
        f"{esc(item.titel)}</title></head><body>{''.join(tags)}<main data-pagefind-body>"
        f'<h1 data-pagefind-meta="title" data-pagefind-weight="{TITLE_WEIGHT}">'
        f"{esc(item.titel)}</h1>{text}{extra}{words}</main></body></html>"
    )


def write_records(
    collection: Collection, directory: Path, cache: Path | None = None, *, read: bool = True
) -> int:
    """The pages Pagefind indexes, one per published entry, and the search words by first
    letter (`WORDS_DIR`, which `run_pagefind` puts into the bundle); returns how many.
    `cache`, `read`: see `records`."""
    items = records(collection, cache, read=read)
    for item in items:
        target = directory / item.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(item), "utf-8")
    (directory / WORDS_DIR).mkdir(parents=True, exist_ok=True)
    for letter, found in search_words(items).items():
        text = json.dumps(found, ensure_ascii=False, separators=(",", ":"))
        (directory / WORDS_DIR / f"{letter}.json").write_text(text, "utf-8")
    return len(items)


def first_letter(word: str) -> str:
    """The file a word's list is in: its first letter without umlaut (as suche.js)."""
    return {"ä": "a", "ö": "o", "ü": "u", "ß": "s"}.get(word[0], word[0])


def search_words(items: list[Record]) -> dict[str, list[str]]:
    """The site's words (four letters and more, lowercase), most entries first, by first
    letter: the finder's "Meinten Sie …?" loads the one list a mistyped word needs."""
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(item.terms)  # made with the record, and cached with it
    found: dict[str, list[str]] = {}
    for word, _count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        letter = first_letter(word)
        if "a" <= letter <= "z" and len(found.setdefault(letter, [])) < WORDS_PER_LETTER:
            found[letter].append(word)
    return found


def pagefind_command(records: Path, bundle: Path) -> list[str]:
    """Pagefind's command line (`python -m pagefind`, which runs its binary) on the
    record pages. The command line, not Pagefind's Python service: it has finished
    writing every file when it exits, and it needs no event loop."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(records),
        "--output-path",
        str(bundle),
        "--force-language",
        "de",
        "--quiet",
    ]


def check_bundle(bundle: Path, expected: int) -> int:
    """After Pagefind: the bundle holds every record. Returns the number of entries.
    Without records (a new instance) there is no index: Pagefind makes none of nothing."""
    if expected == 0:
        return 0
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        count = sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(
            f"Die Suche (Pagefind) hat kein vollständiges Verzeichnis {bundle} geschrieben: {exc}."
        ) from exc
    if count != expected:
        raise BuildError(
            f"Pagefind hat {count} von {plural(expected, 'Eintrag', 'Einträgen')} indexiert."
        )
    return count


def add_words(records: Path, bundle: Path) -> None:
    """The site's search words (`WORDS_DIR`) from the records directory into the bundle."""
    shutil.copytree(records / WORDS_DIR, bundle / WORDS_DIR)


def run_pagefind(records: Path, bundle: Path, expected: int) -> int:
    """Index the record pages under `records` into the bundle directory `bundle`."""
    if expected:
        try:
            done = subprocess.run(
                pagefind_command(records, bundle), capture_output=True, text=True, check=False
            )
        except OSError as exc:
            raise BuildError(f"Pagefind konnte nicht gestartet werden: {os_reason(exc)}.") from exc
        if done.returncode != 0:
            raise BuildError(
                "Die Suche (Pagefind) konnte nicht erzeugt werden:\n"
                + (done.stdout + done.stderr).strip()
            )
    count = check_bundle(bundle, expected)
    add_words(records, bundle)
    return count


def index_site(collection: Collection, site_dir: Path) -> int:
    """Write the Pagefind bundle into `site_dir/pagefind/`; returns the number of entries."""
    with tempfile.TemporaryDirectory(prefix="praxis-pagefind-") as tmp:
        return run_pagefind(Path(tmp), site_dir / BUNDLE, write_records(collection, Path(tmp)))
