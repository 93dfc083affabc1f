"""Stage 3, index: the whoosh search index under `.praxis/index/`.

Layout: `.praxis/index/CURRENT` names the live generation directory (`gen-…`), which
holds the whoosh files, `meta.json` (analysis version, vocabulary digest, what was indexed
from which file) and `lexicon.txt` (the compound lexicon frozen for this generation).
Updates are incremental by content hash: only changed, added and removed entries are
touched, inside whoosh's own atomic commit. A full rebuild is written to a new generation
and swapped in by rewriting CURRENT atomically, so a killed rebuild leaves the old index
answering. One writer at a time: a second waits (bounded, PRAXIS_INDEX_WAIT seconds) for
the lock and then fails with a German message; readers never wait. The lock is a POSIX
`flock` (`fcntl`): praxis runs on Linux and macOS (and WSL), not on native Windows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import Index

from praxis.config import Instance
from praxis.errors import ConfigError, PraxisError
from praxis.fsutil import atomic_write, naming, read_regular
from praxis.load.collection import (
    Collection,
    Document,
    entry_files,
    load_collection,
    load_document,
)
from praxis.model.kinds import KINDS
from praxis.search.analysis import ANALYSIS_VERSION, Analysis
from praxis.search.indexdoc import collection_lexicon, index_fields, indexable, schema
from praxis.validate.collection import validate_collection

LOCK_WAIT_DEFAULT = 30.0
LOCK_WAIT_MAX = 3600.0
PARTIAL_MAX = 200  # more changed files than this: load the whole collection


class IndexBusy(PraxisError):
    """Another process is writing the index."""


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
    wait = lock_wait()
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


def lock_wait() -> float:
    """Seconds to wait for another writer: PRAXIS_INDEX_WAIT, 0 to 3600."""
    raw = os.environ.get("PRAXIS_INDEX_WAIT", "").strip()
    if not raw:
        return LOCK_WAIT_DEFAULT
    try:
        wait = float(raw)
    except ValueError:
        wait = -1.0
    if not 0 <= wait <= LOCK_WAIT_MAX:  # also NaN
        raise ConfigError(
            f"Die Umgebungsvariable PRAXIS_INDEX_WAIT („{raw}“) ist keine Wartezeit: "
            f"erwartet Sekunden von 0 bis {LOCK_WAIT_MAX:g}, z. B. PRAXIS_INDEX_WAIT=30 "
            "(oder die Variable entfernen)."
        )
    return wait


def file_signature(instance: Instance) -> dict[str, list[int]]:
    """mtime and size of every entry and vocabulary file: a cheap staleness test."""
    signature = {}
    prefix = instance.relative(instance.content_dir)
    for kind, path in entry_files(instance):
        with contextlib.suppress(OSError):
            stat = path.stat()
            signature[f"{prefix}/{KINDS[kind].folder}/{path.name}"] = [
                stat.st_mtime_ns,
                stat.st_size,
            ]
    for path in sorted(instance.vocabulary_dir.glob("*.yml")):
        stat = path.stat()
        signature[f"schema/vocabularies/{path.name}"] = [stat.st_mtime_ns, stat.st_size]
    return signature


def vocabulary_digest(instance: Instance) -> str:
    digest = hashlib.sha1(ANALYSIS_VERSION.encode())
    for path in sorted(instance.vocabulary_dir.glob("*.yml")):
        digest.update(path.name.encode() + b"\0" + read_regular(path))  # never a FIFO
    return digest.hexdigest()


def is_stale(instance: Instance) -> bool:
    """True when the index is missing or any entry or vocabulary file changed since."""
    generation = current_dir(instance)
    if generation is None:
        return True
    return bool(read_meta(generation).get("files") != file_signature(instance))


# --- analysis per generation --------------------------------------------------------


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


def refresh_index(instance: Instance, today: dt.date, rebuild: bool = False) -> IndexReport:
    """What `praxis index` and a stale `praxis search` run: only changed files (and those
    that had errors) are read and validated; a deletion, a vocabulary change or many
    changes load and validate the whole collection, since references may break."""
    signature = file_signature(instance)
    generation = current_dir(instance)
    meta = read_meta(generation) if generation else {}
    known = meta.get("files", {})
    changed = {rel for rel, stat in signature.items() if known.get(rel) != stat}
    reread = changed | set(meta.get("invalid", []))
    partial = (
        not rebuild
        and generation is not None
        and all(rel in signature for rel in known)
        and meta.get("vocabularies") == vocabulary_digest(instance)
        and len(reread) <= PARTIAL_MAX
    )
    collection = partial_collection(instance, reread) if partial else load_collection(instance)
    validate_collection(collection, today)
    return update_index(collection, rebuild, signature, complete=not partial)


def partial_collection(instance: Instance, rels: set[str]) -> Collection:
    """Only the files in `rels` are read; the others stand in by name, so that
    references to them still resolve."""
    prefix = instance.relative(instance.content_dir)
    documents = []
    for kind, path in entry_files(instance):
        rel = f"{prefix}/{KINDS[kind].folder}/{path.name}"
        if rel in rels:
            documents.append(load_document(instance, kind, path))
        else:
            documents.append(Document(path, rel, kind, path.stem, digest=""))
    return Collection(instance, documents)


def update_index(
    collection: Collection,
    rebuild: bool = False,
    signature: dict[str, list[int]] | None = None,
    complete: bool = True,
) -> IndexReport:
    """Bring the index up to date with a validated collection (incrementally if possible).

    `signature` is the file signature taken before the collection was loaded, so that a
    file changed while indexing makes the index stale rather than falsely fresh. With
    `complete=False` only the documents that were read (a digest) are compared.
    """
    instance = collection.instance
    signature = signature if signature is not None else file_signature(instance)
    loaded = [doc for doc in collection.documents if complete or doc.digest]
    with writer_lock(instance), naming(index_root(instance)):
        generation = current_dir(instance)
        meta = read_meta(generation) if generation else {}
        if rebuild or generation is None or meta.get("vocabularies") != vocabulary_digest(instance):
            report = _rebuild(collection, indexable(collection), signature)
        else:
            report = _update(collection, loaded, generation, meta, signature, complete)
    report.invalid = [doc for doc in loaded if doc.entry is None]
    return report


def _meta(
    instance: Instance,
    entries: dict[str, str],
    signature: dict[str, list[int]],
    invalid: list[str],
) -> dict[str, Any]:
    return {
        "version": ANALYSIS_VERSION,
        "vocabularies": vocabulary_digest(instance),
        "files": signature,
        "entries": entries,
        "invalid": sorted(invalid),
    }


def _rebuild(
    collection: Collection, wanted: dict[str, Document], signature: dict[str, list[int]]
) -> IndexReport:
    instance = collection.instance
    root = index_root(instance)
    generation = root / f"gen-{uuid.uuid4().hex[:12]}"
    generation.mkdir(parents=True)
    try:
        report = _write_generation(collection, wanted, signature, generation)
    except BaseException:  # a full disk, say: CURRENT still names the old generation
        shutil.rmtree(generation, ignore_errors=True)
        raise
    for old in root.glob("gen-*"):
        if old != generation:
            shutil.rmtree(old, ignore_errors=True)
    return report


def _write_generation(
    collection: Collection,
    wanted: dict[str, Document],
    signature: dict[str, list[int]],
    generation: Path,
) -> IndexReport:
    instance = collection.instance
    lexicon = sorted(collection_lexicon(collection))
    (generation / "lexicon.txt").write_text("\n".join(lexicon), "utf-8")
    analysis = Analysis.for_instance(instance, lexicon)
    ix = whoosh_index.create_in(str(generation), schema())
    with ix.writer(limitmb=256) as writer:
        for key, doc in wanted.items():
            writer.add_document(**index_fields(key, doc, analysis, instance))
    invalid = [doc.rel for doc in collection.documents if doc.entry is None]
    entries = {key: doc.digest for key, doc in wanted.items()}
    meta = _meta(instance, entries, signature, invalid)
    atomic_write(generation / "meta.json", json.dumps(meta))
    atomic_write(generation.parent / "CURRENT", generation.name + "\n")
    return IndexReport(added=len(wanted), total=len(wanted), rebuilt=True)


def _update(
    collection: Collection,
    loaded: list[Document],
    generation: Path,
    meta: dict[str, Any],
    signature: dict[str, list[int]],
    complete: bool,
) -> IndexReport:
    instance = collection.instance
    indexed: dict[str, str] = meta.get("entries", {})
    scope = {f"{doc.kind}:{doc.slug}" for doc in loaded}
    wanted = {key: doc for key, doc in indexable(collection).items() if key in scope}
    removed = [key for key in indexed if (complete or key in scope) and key not in wanted]
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
    entries = {} if complete else {k: v for k, v in indexed.items() if k not in removed}
    entries.update({key: doc.digest for key, doc in wanted.items()})
    invalid = [doc.rel for doc in loaded if doc.entry is None]
    new_meta = _meta(instance, entries, signature, invalid)
    if new_meta != meta:
        atomic_write(generation / "meta.json", json.dumps(new_meta))
    return IndexReport(
        added=len(added), changed=len(changed), removed=len(removed), total=len(entries)
    )
