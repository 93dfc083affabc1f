"""Stage 1, load: read every entry file into front matter, body and key positions.

The loader remembers the line and column of every key so that later stages can point a
contributor at the exact spot. It refuses what would make the YAML ambiguous or unsafe
(duplicate keys, aliases, tabs in indentation, non-UTF-8) with a located German message,
and never raises on bad content. An entry whose file did not change since it was
checked comes from the entry cache (`praxis.load.cache`) instead of being parsed again.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from praxis.config import Instance
from praxis.errors import ConfigError, UnsafePath, os_reason
from praxis.fsutil import kind_of, read_regular
from praxis.load.cache import EntryCache
from praxis.load.frontmatter import parse_front_matter
from praxis.model.kinds import KINDS, Kind, PageKind
from praxis.problems import Problem, sort_problems

MAX_BYTES = 1024 * 1024
RESERVED = {"pagefind": "die Suche der Website (Pagefind) legt dort ihre Dateien ab"}
# What a file under content/ may be, by its ending: pages, and files a browser shows or
# hands on but never runs. HTML, SVG, XML or JavaScript from the site's own address
# would run with its rights (and read what the web editor keeps in the browser).
PUBLISHED = frozenset(
    {
        *(".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"),
        *(".mp4", ".webm", ".ogg", ".ogv", ".mp3", ".m4a", ".wav", ".vtt"),
        *(".pdf", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx", ".csv", ".txt"),
        "",  # no ending, such as CNAME for GitHub Pages: served as a download
    }
)
Loc = tuple[str | int, ...]
_TOP_HEADING = re.compile(r"^#{1,2}[ \t]", re.M)
# Nothing but whitespace and comments (a comment cannot reach past its own end).
_BLANK = re.compile(r"(?:\s|<!--(?:(?!-->).)*(?:-->|\Z))*\Z", re.S)


@dataclass
class Document:
    """One practice or programme file (or hand-written page), as read from disk."""

    path: Path
    rel: str
    kind: PageKind
    slug: str
    digest: str
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = False
    entry: Any = None  # the validated model, set by the validate stage
    completeness: float = 0.0
    sketch: tuple[int, ...] = ()  # of its text, to find duplicates (validate.duplicates)
    cached: bool = False  # restored from the entry cache, its own checks done (load.cache)

    def locate(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the deepest key of `loc` that exists in the file."""
        for end in range(len(loc), 0, -1):
            pos = self.positions.get(loc[:end])
            if pos:
                return pos
        return (1, 1)

    def problem(
        self, severity: str, loc: Loc | str, message: str, at: tuple[int, int] | None = None
    ) -> Problem:
        path: Loc = (
            tuple(loc.split("."))
            if isinstance(loc, str) and loc
            else (loc if isinstance(loc, tuple) else ())
        )
        line, column = at or self.locate(path)
        dotted = ".".join(str(part) for part in path)
        return Problem(self.rel, line, column, severity, dotted, message)  # type: ignore[arg-type]

    def add(
        self, severity: str, loc: Loc | str, message: str, at: tuple[int, int] | None = None
    ) -> None:
        self.problems.append(self.problem(severity, loc, message, at))

    @functools.cached_property
    def empty_sections(self) -> list[tuple[str, int, int]]:
        return empty_sections(self.body)

    @functools.cached_property
    def published_body(self) -> str:
        """The body as it is published and searched: without empty sections (read by
        several stages, so computed once)."""
        return published_body(self.body, self.empty_sections)

    @property
    def published(self) -> bool:
        redaktion = self.data.get("redaktion")
        return not (isinstance(redaktion, dict) and redaktion.get("status") == "entwurf")


def empty_sections(body: str) -> list[tuple[str, int, int]]:
    """(title, start, end) of each `## ` section that holds nothing but blank lines and
    comments, like the hints of a skeleton from `praxis new`."""
    if "##" not in body:
        return []
    heads = [match.start() for match in _TOP_HEADING.finditer(body)]
    found = []
    for number, start in enumerate(heads):
        if body[start + 1] != "#":
            continue  # a `# ` heading only ends the section before it
        eol = body.find("\n", start)
        eol = len(body) if eol < 0 else eol
        end = heads[number + 1] if number + 1 < len(heads) else len(body)
        if _BLANK.match(body, eol, end):
            found.append((body[start + 2 : eol].strip(" \t#"), start, end))
    return found


def published_body(body: str, empty: list[tuple[str, int, int]] | None = None) -> str:
    for _, start, end in reversed(empty_sections(body) if empty is None else empty):
        body = body[:start] + body[end:]
    return body


@dataclass
class Collection:
    """Every entry of one instance: the object all later stages work on."""

    instance: Instance
    documents: list[Document]
    file_problems: list[Problem] = field(default_factory=list)  # from `check_files`
    pages: list[Document] = field(default_factory=list)  # hand-written pages under content/
    cache: EntryCache | None = None  # where the validate stage stores checked entries

    def of_kind(self, kind: Kind) -> dict[str, Document]:
        return {doc.slug: doc for doc in self.documents if doc.kind == kind}

    @property
    def practices(self) -> dict[str, Document]:
        return self.of_kind("practice")

    @property
    def programmes(self) -> dict[str, Document]:
        return self.of_kind("programme")

    @property
    def problems(self) -> list[Problem]:
        documents = (p for doc in [*self.documents, *self.pages] for p in doc.problems)
        return sort_problems([*self.file_problems, *documents])


def entry_files(instance: Instance) -> list[tuple[Kind, Path]]:
    files: list[tuple[Kind, Path]] = []
    for about in KINDS.values():
        directory = instance.content_dir / about.folder
        files.extend((about.kind, path) for path in sorted(directory.glob("*.md")))
    return files


def load_collection(instance: Instance, *, cache: bool = True) -> Collection:
    """Every entry and page of the instance. With `cache`, an entry whose file and the
    engine did not change since it was last checked comes from the entry cache
    (`praxis.load.cache`), already checked on its own: only changed files are parsed."""
    if not instance.content_dir.is_dir():
        raise ConfigError(
            f"Das Inhaltsverzeichnis {instance.content_dir} fehlt (docs_dir in mkdocs.yml): "
            "dort liegen practices/ und programmes/."
        )
    instance.check_settings()
    entries = EntryCache(instance) if cache else None
    with paused_gc():
        documents = [
            load_document(instance, kind, path, entries) for kind, path in entry_files(instance)
        ]
        pages = [load_document(instance, "page", path) for path in page_files(instance)]
    if entries is not None:
        entries.prune(documents)
    return Collection(instance, documents, check_files(instance), pages, entries)


def check_files(instance: Instance) -> list[Problem]:
    """Everything under content/ and schema/ must be a regular file or a directory.

    A symbolic link could publish a file of the build machine (its target), a FIFO
    would block every read, a device is no content: each is a located error, and none
    is opened (the directory entries' types are read, nothing else). Under content/, a
    file must have an ending of `PUBLISHED`, and names the site needs for itself
    (`pagefind/`) are refused at its top."""
    problems: list[Problem] = []
    entry_dirs = {str(instance.content_dir / about.folder) for about in KINDS.values()}

    def refuse(path: str, message: str) -> None:
        problems.append(Problem(instance.relative(Path(path)), 1, 1, "error", "", message))

    def walk(directory: str, content: bool) -> None:
        try:
            entries = list(os.scandir(directory))
        except OSError as exc:
            refuse(directory, f"Kann nicht gelesen werden: {os_reason(exc)}.")
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, content)
            elif entry.is_file(follow_symlinks=False):
                if content and not allowed_file(entry.name):
                    refuse(entry.path, _NOT_PUBLISHED.format(suffix=Path(entry.name).suffix))
            elif directory in entry_dirs and entry.name.endswith(".md"):
                continue  # an entry: the loader reports it, located at the entry
            else:
                kind = kind_of(entry.stat(follow_symlinks=False).st_mode)
                if kind is not None:  # else it became a regular file meanwhile
                    refuse(entry.path, _NOT_REGULAR.format(kind=kind))

    for top in (instance.content_dir, instance.schema_dir):
        if os.path.islink(top):  # the whole folder elsewhere: not walked, not published
            refuse(str(top), _NOT_REGULAR.format(kind="eine symbolische Verknüpfung"))
        elif top.is_dir():
            walk(str(top), content=top == instance.content_dir)
    for name, why in RESERVED.items():
        if os.path.lexists(instance.content_dir / name):
            refuse(
                str(instance.content_dir / name),
                f"Der Name „{name}“ ist für die Website reserviert: {why}. Bitte den "
                "Ordner oder die Datei umbenennen.",
            )
    return problems


def allowed_file(name: str) -> bool:
    """Whether a file of this name may lie under content/ (`PUBLISHED`; dot files, which
    the site never publishes, too)."""
    return name.startswith(".") or Path(name).suffix.lower() in PUBLISHED


_NOT_PUBLISHED = (
    "Eine Datei der Art „{suffix}“ veröffentlicht die Website nicht, denn sie könnte im "
    "Browser Programmcode ausführen. Erlaubt sind unter content/ Markdown-Seiten (.md), "
    "Bilder (.png, .jpg, .gif, .webp, .avif), Videos, Tonaufnahmen und Untertitel (.mp4, "
    ".webm, .mp3, .ogg, .vtt) und Dokumente (.pdf, .odt, .docx, .xlsx, .csv, .txt …). "
    "Bitte entfernen oder umwandeln (eine SVG-Grafik z. B. als PNG)."
)
_NOT_REGULAR = (
    "Das ist {kind}, keine gewöhnliche Datei: unter content/ und schema/ sind nur "
    "Dateien und Ordner erlaubt (eine Verknüpfung kann auf Dateien außerhalb der Instanz "
    "zeigen). Bitte die Datei selbst hier ablegen oder entfernen."
)


def page_files(instance: Instance) -> list[Path]:
    """The hand-written Markdown pages: every regular `.md` file under content/ but the
    entries (links, FIFOs and devices are `check_files`' errors, never opened)."""
    entry_dirs = {instance.content_dir / about.folder for about in KINDS.values()}
    return sorted(
        path
        for path in instance.content_dir.rglob("*.md")
        if path.parent not in entry_dirs
        and not any(part.startswith(".") for part in path.relative_to(instance.content_dir).parts)
        and not path.is_symlink()
        and path.is_file()
    )


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building many small objects that all survive.

    Each collection would rescan the growing collection; loading 10,000 entries took a
    third longer with it. Entries form no reference cycles, so nothing is missed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_document(
    instance: Instance, kind: PageKind, path: Path, cache: EntryCache | None = None
) -> Document:
    rel = instance.relative(path)
    doc = Document(path, rel, kind, path.stem, "")
    try:
        info = os.lstat(path)  # one call answers: link? directory? FIFO? too big?
        if stat.S_ISDIR(info.st_mode):
            doc.add(
                "error",
                "",
                "Das ist ein Verzeichnis, keine Datei: bitte umbenennen, "
                "Einträge sind Dateien mit der Endung .md.",
            )
            return doc
        kind_name = kind_of(info.st_mode)
        if kind_name is not None:  # never opened: a FIFO would block, a link leak
            doc.add("error", "", _NOT_REGULAR.format(kind=kind_name))
            return doc
        if info.st_size > MAX_BYTES:  # not even read
            _too_big(doc, info.st_size)
            return doc
        raw = read_regular(path, limit=MAX_BYTES)  # refuses a file swapped meanwhile
    except UnsafePath as exc:
        doc.add("error", "", exc.format_message())
        return doc
    except OSError as exc:
        doc.add("error", "", f"Datei kann nicht gelesen werden: {os_reason(exc)}.")
        return doc
    restored = cache.restore(kind, rel, path, raw) if cache is not None else None
    return restored or load_bytes(rel, kind, path, raw)


def load_bytes(rel: str, kind: PageKind, path: Path, raw: bytes) -> Document:
    """Read one entry from its bytes (also used to check a file before it is written)."""
    doc = Document(path, rel, kind, path.stem, hashlib.sha1(raw).hexdigest())
    if len(raw) > MAX_BYTES:
        _too_big(doc, len(raw))
        return doc
    text = _decode(doc, raw)
    if text is None:
        return doc
    if kind == "page" and not text.startswith("---"):  # pages may do without front matter
        doc.body, doc.readable = text, True
    else:
        parse_front_matter(doc, text)
    return doc


def _too_big(doc: Document, size: int) -> None:
    doc.add(
        "error",
        "",
        f"Datei ist größer als 1 MB ({size // 1024} kB): bitte Bilder und Anhänge nicht "
        "einbetten, sondern verlinken.",
    )


def _decode(doc: Document, raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.add(
            "error",
            "",
            "Datei ist nicht UTF-8 – bitte als UTF-8 speichern "
            f"(ungültiges Byte 0x{raw[exc.start]:02x}; im Editor beim Speichern die "
            "Kodierung „UTF-8“ wählen).",
            at=(line, column),
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
