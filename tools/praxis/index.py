"""Stage 3, index: the whoosh search index under `.praxis/index/`.

Layout: `.praxis/index/CURRENT` names the live generation directory (`gen-…`), which
holds the whoosh files, `meta.json` (analysis version, vocabulary digest, what was indexed
from which file) and `lexicon.txt` (the compound lexicon frozen for this generation).
Updates are incremental by content hash: only changed, added and removed entries are
touched, inside whoosh's own atomic commit. A full rebuild is written to a new generation
and swapped in by rewriting CURRENT atomically, so a killed rebuild leaves the old index
answering. One writer at a time: a second waits (bounded, PRAXIS_INDEX_WAIT seconds) for
the lock and then fails with a German message; readers never wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import Index
from whoosh.query import Term

from praxis.analysis import ANALYSIS_VERSION, Analysis, text_lexicon
from praxis.config import Instance
from praxis.errors import PraxisError
from praxis.fsutil import atomic_write
from praxis.generate import entry_url
from praxis.load import Collection, Document, entry_files

LOCK_WAIT_DEFAULT = 30.0
_MARKDOWN = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|^#+\s*|[*_`>|]", re.MULTILINE)


class IndexBusy(PraxisError):
    """Another process is writing the index."""


def schema() -> Schema:
    tokens = SpaceSeparatedTokenizer()
    return Schema(
        key=ID(stored=True, unique=True),
        id=ID(stored=True),
        kind=ID(stored=True),
        titel=TEXT(analyzer=tokens, field_boost=3.0),
        text=TEXT(analyzer=tokens, vector=True),
        titel_raw=STORED(),
        plain=STORED(),
        url=STORED(),
        bundesland=ID(stored=True),
        handlungsfelder=KEYWORD(stored=True),
        zielgruppen=KEYWORD(stored=True),
        programme=KEYWORD(stored=True),
    )


@dataclass
class IndexReport:
    """What an update did, for the command's summary line."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    total: int = 0
    rebuilt: bool = False
    invalid: list[Document] = field(default_factory=list)


# --- paths, lock, staleness ---------------------------------------------------------


def index_root(instance: Instance) -> Path:
    return instance.state_dir / "index"


def current_dir(instance: Instance) -> Path | None:
    """The live generation, or None when there is no usable index."""
    pointer = index_root(instance) / "CURRENT"
    try:
        name = pointer.read_text("utf-8").strip()
    except OSError:
        return None
    path = index_root(instance) / name
    return path if name and (path / "meta.json").is_file() else None


def read_meta(generation: Path) -> dict[str, Any]:
    try:
        meta: dict[str, Any] = json.loads((generation / "meta.json").read_text("utf-8"))
        return meta
    except (OSError, ValueError):
        return {}


@contextlib.contextmanager
def writer_lock(instance: Instance) -> Iterator[None]:
    """Exclusive right to change the index; waits a bounded time for another writer."""
    root = index_root(instance)
    root.mkdir(parents=True, exist_ok=True)
    wait = float(os.environ.get("PRAXIS_INDEX_WAIT", LOCK_WAIT_DEFAULT))
    deadline = time.monotonic() + wait
    with open(root / ".lock", "w", encoding="utf-8") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"Der Suchindex ({instance.relative(root)}) wird gerade von einem "
                        f"anderen praxis-Befehl aktualisiert; nach {wait:g} s Warten "
                        "aufgegeben. Bitte später erneut versuchen."
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def file_signature(instance: Instance) -> dict[str, list[int]]:
    """mtime and size of every entry and vocabulary file: a cheap staleness test."""
    paths = [path for _kind, path in entry_files(instance)]
    paths += sorted(instance.vocabulary_dir.glob("*.yml"))
    signature = {}
    for path in paths:
        with contextlib.suppress(OSError):
            stat = path.stat()
            signature[instance.relative(path)] = [stat.st_mtime_ns, stat.st_size]
    return signature


def vocabulary_digest(instance: Instance) -> str:
    digest = hashlib.sha1(ANALYSIS_VERSION.encode())
    for path in sorted(instance.vocabulary_dir.glob("*.yml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def is_stale(instance: Instance) -> bool:
    """True when the index is missing or any entry or vocabulary file changed since."""
    generation = current_dir(instance)
    if generation is None:
        return True
    return bool(read_meta(generation).get("files") != file_signature(instance))


# --- what is indexed ----------------------------------------------------------------


def indexable(collection: Collection) -> dict[str, Document]:
    """Valid, published entries by key: drafts and entries with errors are not searchable."""
    return {
        f"{doc.kind}:{doc.slug}": doc
        for doc in collection.documents
        if doc.entry is not None and doc.published
    }


def plain_text(markdown: str) -> str:
    return re.sub(r"\n{2,}", "\n", _MARKDOWN.sub(r"\1", markdown)).strip()


def entry_texts(doc: Document, instance: Instance) -> tuple[str, str, str]:
    """(title, text shown in snippets, further searchable text) of an entry."""
    entry = doc.entry
    plain = f"{entry.kurzbeschreibung}\n{plain_text(doc.body)}"
    extra: list[str] = list(doc.data.get("schlagworte") or [])
    vocabs = instance.vocabularies
    extra += [vocabs["handlungsfelder"].label_of(t) for t in entry.handlungsfelder]
    extra += [vocabs["zielgruppen"].label_of(t) for t in entry.zielgruppen]
    if getattr(entry, "bundesland", None):
        extra.append(vocabs["bundeslaender"].label_of(entry.bundesland))
    ort = getattr(entry, "ort", None)
    if ort is not None:
        extra += [ort.name, ort.quartier or ""]
    extra += [t.name for t in getattr(entry, "traeger", [])]
    wirkung = getattr(entry, "wirkung", None)
    if wirkung is not None:
        extra += wirkung.ergebnisse
    uebertragbarkeit = getattr(entry, "uebertragbarkeit", None)
    if uebertragbarkeit is not None:
        extra += [
            *uebertragbarkeit.voraussetzungen,
            *uebertragbarkeit.erfolgsfaktoren,
            *uebertragbarkeit.stolpersteine,
        ]
    for key in ("foerdergeber",):
        extra.append(str(getattr(entry, key, "") or ""))
    return entry.titel, plain, "\n".join(str(x) for x in extra if x)


def index_fields(key: str, doc: Document, analysis: Analysis, instance: Instance) -> dict[str, Any]:
    titel, plain, extra = entry_texts(doc, instance)
    entry = doc.entry
    return {
        "key": key,
        "id": doc.slug,
        "kind": doc.kind,
        "titel_raw": titel,
        "plain": plain,
        "titel": " ".join(analysis.tokens(titel)),
        "text": " ".join(analysis.tokens(f"{titel}\n{plain}\n{extra}")),
        "url": entry_url(doc.kind, doc.slug),
        "bundesland": getattr(entry, "bundesland", None) or "",
        "handlungsfelder": " ".join(entry.handlungsfelder),
        "zielgruppen": " ".join(entry.zielgruppen),
        "programme": " ".join(getattr(entry, "programme", [])),
    }


# --- analysis per generation --------------------------------------------------------


def collection_lexicon(collection: Collection) -> set[str]:
    """Words of the instance's own text, the compound lexicon of a new generation."""
    docs = indexable(collection).values()
    return text_lexicon(
        f"{doc.data.get('titel', '')} {doc.data.get('kurzbeschreibung', '')} {doc.body}"
        for doc in docs
    )


def load_analysis(instance: Instance, generation: Path | None = None) -> Analysis:
    """The analysis of the live generation (its frozen lexicon) or of the bare instance."""
    generation = generation or current_dir(instance)
    words: list[str] = []
    if generation is not None:
        with contextlib.suppress(OSError):
            words = (generation / "lexicon.txt").read_text("utf-8").split()
    return Analysis.for_instance(instance, words)


def open_index(instance: Instance) -> Index:
    generation = current_dir(instance)
    if generation is None:
        raise PraxisError("Es gibt noch keinen Suchindex: bitte `praxis index` ausführen.")
    return whoosh_index.open_dir(str(generation))


# --- writing ------------------------------------------------------------------------


def update_index(
    collection: Collection, rebuild: bool = False, signature: dict[str, list[int]] | None = None
) -> IndexReport:
    """Bring the index up to date with a validated collection (incrementally if possible).

    `signature` is the file signature taken before the collection was loaded, so that a
    file changed while indexing makes the index stale rather than falsely fresh.
    """
    instance = collection.instance
    signature = signature if signature is not None else file_signature(instance)
    wanted = indexable(collection)
    invalid = [doc for doc in collection.documents if doc.entry is None]
    with writer_lock(instance):
        generation = current_dir(instance)
        meta = read_meta(generation) if generation else {}
        if rebuild or generation is None or meta.get("vocabularies") != vocabulary_digest(instance):
            report = _rebuild(collection, wanted, signature)
        else:
            report = _update(collection, wanted, generation, meta, signature)
    report.invalid = invalid
    return report


def _meta(
    instance: Instance, wanted: dict[str, Document], signature: dict[str, list[int]]
) -> dict[str, Any]:
    return {
        "version": ANALYSIS_VERSION,
        "vocabularies": vocabulary_digest(instance),
        "files": signature,
        "entries": {key: doc.digest for key, doc in wanted.items()},
    }


def _rebuild(
    collection: Collection, wanted: dict[str, Document], signature: dict[str, list[int]]
) -> IndexReport:
    instance = collection.instance
    root = index_root(instance)
    generation = root / f"gen-{uuid.uuid4().hex[:12]}"
    generation.mkdir(parents=True)
    lexicon = sorted(collection_lexicon(collection))
    (generation / "lexicon.txt").write_text("\n".join(lexicon), "utf-8")
    analysis = Analysis.for_instance(instance, lexicon)
    ix = whoosh_index.create_in(str(generation), schema())
    with ix.writer(limitmb=256) as writer:
        for key, doc in wanted.items():
            writer.add_document(**index_fields(key, doc, analysis, instance))
    meta = _meta(instance, wanted, signature)
    atomic_write(generation / "meta.json", json.dumps(meta))
    atomic_write(root / "CURRENT", generation.name + "\n")
    for old in root.glob("gen-*"):
        if old != generation:
            shutil.rmtree(old, ignore_errors=True)
    return IndexReport(added=len(wanted), total=len(wanted), rebuilt=True)


def _update(
    collection: Collection,
    wanted: dict[str, Document],
    generation: Path,
    meta: dict[str, Any],
    signature: dict[str, list[int]],
) -> IndexReport:
    instance = collection.instance
    indexed: dict[str, str] = meta.get("entries", {})
    removed = [key for key in indexed if key not in wanted]
    changed = [key for key, doc in wanted.items() if key in indexed and indexed[key] != doc.digest]
    added = [key for key in wanted if key not in indexed]
    if removed or changed or added:
        analysis = load_analysis(instance, generation)
        ix = whoosh_index.open_dir(str(generation))
        with ix.writer() as writer:
            for key in (*removed, *changed):
                writer.delete_by_term("key", key)
            for key in (*changed, *added):
                writer.add_document(**index_fields(key, wanted[key], analysis, instance))
    new_meta = _meta(instance, wanted, signature)
    if new_meta != meta:
        atomic_write(generation / "meta.json", json.dumps(new_meta))
    return IndexReport(
        added=len(added), changed=len(changed), removed=len(removed), total=len(wanted)
    )


# --- related entries ----------------------------------------------------------------


def related_practices(collection: Collection, limit: int = 5) -> dict[str, list[str]]:
    """Slugs of the most similar published practices for each published practice."""
    update_index(collection)
    ix = open_index(collection.instance)
    related: dict[str, list[str]] = {}
    with ix.searcher() as searcher:
        only_practices = Term("kind", "practice")
        for docnum, fields in searcher.iter_docs():
            if fields["kind"] != "practice":
                continue
            hits = searcher.more_like(docnum, "text", top=limit, numterms=12, filter=only_practices)
            related[fields["id"]] = [hit["id"] for hit in hits]
    return dict(sorted(related.items()))
