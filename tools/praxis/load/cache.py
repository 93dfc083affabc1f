"""The entry cache: each entry as the load and validate stages left it, so that a build
after an edit parses and checks only the files that changed (ARCHITECTURE.md,
"Incremental builds").

One file per entry under `.praxis/build/entries/`, named by a hash of everything the
entry's own result depends on: its file (path and content digest), the engine, schema,
vocabularies and mkdocs.yml (`publish.memory.inputs_digest`: also the Markdown
extensions the body checks use) and the versions of Python, pydantic and PyYAML. A file
that changed is therefore a new name, never a stale hit. What the cache holds is the
`Document` after its own checks (front matter, positions, model, problems with their
lines, completeness, duplicate sketch), pickled. What depends on other entries or on the
day (references, duplicates, lineage, slugs, dates) is checked anew in every run.

Entries with a model error are not cached (they stay rare, and a build stops at them);
they are loaded and checked from scratch each time. The build and the search job load
the same collection at once: entries are written atomically (a reader sees a whole file
or none), both write the same bytes under the same name, and a file that cannot be
read, is not a pickle of a `Document` or holds another file's entry is a miss and is
written again. The unpickler makes only the classes an entry is made of, so a cache
file cannot run code. After loading, files no entry of the collection uses are removed.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from praxis.config import Instance
from praxis.fsutil import FileCache
from praxis.model import entries

if TYPE_CHECKING:
    from praxis.load.collection import Document

SUFFIX = ".pickle"
# What an entry is made of: its Document, its problems, paths and dates, and the
# content model's classes (`praxis.model.entries`).
_CLASSES = {
    ("praxis.load.collection", "Document"),
    ("praxis.problems", "Problem"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("datetime", "date"),
}
# Practice, Ort, …: the models the content model defines, not what its module imports.
_MODEL_CLASSES = {
    name: found
    for name, found in vars(entries).items()
    if isinstance(found, type)
    and issubclass(found, BaseModel)
    and found.__module__ == entries.__name__
}
_PACKAGES = ("pydantic", "pydantic-core", "pyyaml")


class EntryCache:
    """`restore` an entry from its file's bytes, or `store` it once it is checked."""

    def __init__(self, instance: Instance) -> None:
        from praxis.publish.memory import inputs_digest  # imports this stage's modules

        self.files = FileCache(instance.state_dir / "build" / "entries", SUFFIX)
        versions = [sys.version, *(_version(name) for name in _PACKAGES)]
        self.base = hashlib.sha256("\0".join([inputs_digest(instance), *versions]).encode())

    def key(self, kind: str, rel: str, path: Path, digest: str) -> str:
        key = self.base.copy()
        key.update(f"\0{kind}\0{rel}\0{path}\0{digest}".encode())
        return key.hexdigest()

    def file(self, doc: Document) -> Path:
        return self.files.path(self._key_of(doc))

    def _key_of(self, doc: Document) -> str:
        return self.key(doc.kind, doc.rel, doc.path, doc.digest)

    def restore(self, kind: str, rel: str, path: Path, raw: bytes) -> Document | None:
        """The cached entry of a file with these bytes (then `doc.cached`), or None."""
        from praxis.load.collection import Document  # which imports this module

        digest = hashlib.sha1(raw).hexdigest()
        data = self.files.read(self.key(kind, rel, path, digest))
        if data is None:
            return None
        try:
            doc = _Unpickler(io.BytesIO(data)).load()
        except Exception:  # half-written by a crash, foreign or corrupt: a miss
            return None
        if not isinstance(doc, Document) or (doc.kind, doc.rel, doc.digest) != (kind, rel, digest):
            return None  # an entry of another file
        if type(doc.entry) is not entries.MODELS.get(kind):
            return None  # only valid entries are stored
        doc.cached = True
        return doc

    def store(self, doc: Document) -> None:
        """Remember a checked entry; a cache that cannot be written is only slower."""
        self.files.write(self._key_of(doc), pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self, documents: list[Document]) -> None:
        """Remove the entries of files that changed or are gone."""
        self.files.prune({self._key_of(doc) for doc in documents})


class _Unpickler(pickle.Unpickler):
    """Makes only what an entry is made of: a cache file cannot call anything else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _CLASSES:
            return super().find_class(module, name)
        if module == entries.__name__ and name in _MODEL_CLASSES:
            return _MODEL_CLASSES[name]
        raise pickle.UnpicklingError(f"{module}.{name} is not part of an entry")


def _version(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} -"
