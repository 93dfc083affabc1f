"""The build's memory: what the site it replaces was made from, so that the next build
renders only the pages that changed (ARCHITECTURE.md, "Incremental builds").

One JSON file per target directory under `.praxis/build/`, written atomically after the
swap: the generation it describes, a global fingerprint (what every page shows: the
engine, MkDocs and Material, the configuration with the navigation and footer, the
schema and vocabularies) and one fingerprint per page made from data (`ThemePage`: what
its template gets). A memory that is missing, unreadable, made for another generation or
with another global fingerprint keeps nothing: a cold build is a build with an empty
memory. The new generation starts with hard links of the unchanged pages' outputs
(`keep`); MkDocs renders every page whose output is missing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import praxis
from praxis.config import Instance
from praxis.errors import UnsafePath
from praxis.fsutil import atomic_write
from praxis.generate import ThemePage
from praxis.load.collection import Document
from praxis.render.templating import Labels

FORMAT = 2  # of the memory file; another format is an empty memory
# A link or image of Markdown or HTML, or a reference definition, whose address has no
# scheme and is no anchor alone: a link MkDocs resolves (found generously, never missed).
_RELATIVE_LINK = re.compile(
    r"""(?:\]\(|^[ \t]*\[[^\]\n]+\]:|(?:href|src)\s*=)(?![\s"'<]*(?:[a-z][a-z0-9+.-]*:|#))""",
    re.I | re.M,
)
ENGINE = Path(praxis.__file__).resolve().parent
# The packages whose code shapes every page's HTML.
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments")


@dataclasses.dataclass
class Memory:
    """`generation`: the folder name of the generation described (`publish.swap_in`);
    `fingerprint`: the global one; `pages`: docs path → fingerprint of each ThemePage;
    `inputs`: the `inputs_digest` it was made with (known before anything is loaded)."""

    generation: str = ""
    fingerprint: str = ""
    pages: dict[str, str] = dataclasses.field(default_factory=dict)
    inputs: str = ""

    def unchanged_since(self, before: Memory) -> list[str]:
        """The pages `before` made from the same inputs (none when the global ones differ)."""
        if before.fingerprint != self.fingerprint:
            return []
        return [path for path, key in self.pages.items() if before.pages.get(path) == key]


def location(instance: Instance, out: Path) -> Path:
    """One memory per target: `praxis serve` and `praxis build` do not forget each other's."""
    key = hashlib.sha1(str(out).encode("utf-8")).hexdigest()[:16]
    return instance.state_dir / "build" / f"memory-{key}.json"


def recall(instance: Instance, out: Path, generation: Path | None) -> Memory:
    """The memory of the generation `out` shows now, or an empty one."""
    try:
        raw = json.loads(location(instance, out).read_text(encoding="utf-8"))
        memory = Memory(
            str(raw["generation"]), str(raw["fingerprint"]), dict(raw["pages"]), str(raw["inputs"])
        )
        current = raw["format"] == FORMAT and raw["out"] == str(out)
    except (OSError, ValueError, KeyError, TypeError):
        return Memory()
    if not current or generation is None or memory.generation != generation.name:
        return Memory()
    return memory


def remember(instance: Instance, out: Path, memory: Memory) -> None:
    """Write the memory. One that cannot be written only makes the next build cold (the
    site is in place by now; an older memory describes another generation)."""
    text = json.dumps({"format": FORMAT, "out": str(out), **dataclasses.asdict(memory)})
    with contextlib.suppress(OSError, UnsafePath):
        atomic_write(location(instance, out), text)


def inputs_digest(instance: Instance) -> str:
    """What everything is made with: the engine's files, the versions of MkDocs,
    Material and Markdown, mkdocs.yml, the schema and vocabularies."""
    digest = hashlib.sha256()
    for path in (*_files(ENGINE), instance.root / "mkdocs.yml", *_files(instance.schema_dir)):
        digest.update(f"{path}\0".encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    digest.update(_canonical([_version(name) for name in PACKAGES]).encode())
    return digest.hexdigest()


def global_fingerprint(inputs: str, settings: Any, nav_titles: dict[str, str]) -> str:
    """What every page shows or is made with: `inputs` (`inputs_digest`), what the engine
    adds to mkdocs.yml (`settings`: the navigation, the footer, the site URL) and the
    titles the navigation shows (`nav_titles`)."""
    text = _canonical([inputs, settings, nav_titles])
    return hashlib.sha256(text.encode()).hexdigest()


def digest_of(*parts: Any) -> str:
    """A hash of JSON-able parts (with documents by their file's digest)."""
    return hashlib.sha256(_canonical(parts).encode()).hexdigest()


def page_fingerprint(page: ThemePage, files: str, data: dict[str, Any] | None = None) -> str:
    """A hash of everything the page's template gets (`data`: what `page.make()` made,
    when it is at hand): exact by construction, no list of dependencies to forget.
    Entries in the data count by their file's digest (an entry's validated model
    follows from its file, the schema and vocabularies: global). A body that may link
    a file of the site depends on which files there are (`files`: `digest_of` their
    paths), because MkDocs resolves those links: an added image changes the page."""
    fields = [page.path, page.template, page.title, page.description, page.body, page.editable]
    links = files if _RELATIVE_LINK.search(page.body) else None
    return digest_of(fields, links, page.make() if data is None else data)


def output_of(path: str) -> str:
    """Where MkDocs writes a docs path (directory URLs): `a/b.md` → `a/b/index.html`."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def keep(previous: Path | None, site: Path, paths: Iterable[str]) -> int:
    """Hard-link the outputs of `paths` from the previous generation into the new site;
    returns how many. MkDocs then skips them (`dirty`: an output exists and is not older
    than its source) and never writes to them, so the previous site stays as it was."""
    if previous is None:
        return 0
    kept = 0
    for path in paths:
        source = previous / output_of(path)
        if source.is_file() and not source.is_symlink():
            target = site / output_of(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
            kept += 1
    return kept


def _files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )


def _version(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} -"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    """JSON for what templates get besides plain data. Anything else is a TypeError: a
    new kind of value must be added here, never silently left out of the fingerprint.
    Called for every object in every page's data, so the common ones come first."""
    if isinstance(value, Document):
        return f"document {value.rel} {value.digest}"
    kind: type[object] = type(value)
    names = _field_names(kind)
    if names is not None:  # a dataclass: its class (whose code is global) and values
        return [kind.__name__, *[getattr(value, name) for name in names]]
    if isinstance(value, BaseModel):
        return value.model_dump_json()  # pydantic's own JSON: fast, and exact
    if isinstance(value, Labels):
        return "labels"  # the vocabularies: in the global fingerprint
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"no fingerprint for {type(value).__name__}")


def _field_names(kind: type[object]) -> tuple[str, ...] | None:
    """The fields of a dataclass (None: not one), looked up once per class (a dict, not
    functools.cache: mypy does not take a class as its Hashable argument)."""
    if kind not in _FIELDS:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else None
        _FIELDS[kind] = None if fields is None else tuple(f.name for f in fields)
    return _FIELDS[kind]


_FIELDS: dict[type[object], tuple[str, ...] | None] = {}
