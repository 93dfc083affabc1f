"""Stage 1, load: read every entry file into front matter, body and key positions.

The loader remembers the line and column of every key so that later stages can point a
contributor at the exact spot. It refuses what would make the YAML ambiguous or unsafe
(duplicate keys, aliases, tabs in indentation, non-UTF-8) with a located German message,
and never raises on bad content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from praxis.config import Instance
from praxis.problems import Problem, sort_problems

try:  # the C parser is several times faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Keeps dates as text, so that an impossible date is a located model error."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)

MAX_BYTES = 1024 * 1024
Kind = Literal["practice", "programme"]
KIND_DIRS: dict[Kind, str] = {"practice": "practices", "programme": "programmes"}
Loc = tuple[str | int, ...]

_YAML_HINTS = {
    "mapping values are not allowed":
        "Enthält ein Wert einen Doppelpunkt? Dann den Wert in Anführungszeichen setzen.",
    "could not find expected ':'":
        "Fehlt ein Doppelpunkt nach dem Feldnamen, oder ist ein Wert über mehrere Zeilen "
        "umgebrochen? Mehrzeilige Werte in Anführungszeichen setzen.",
    "expected <block end>":
        "Die Einrückung passt nicht: Felder auf derselben Ebene müssen genau gleich weit "
        "eingerückt sein.",
    "found unexpected end of stream":
        "Ein Anführungszeichen wurde geöffnet, aber nicht geschlossen.",
    "found undefined alias": "YAML-Verweise (*name) sind nicht erlaubt.",
    "did not find expected key":
        "Die Einrückung passt nicht, oder eine Listenzeile beginnt nicht mit „- “.",
    "did not find expected '-' indicator":
        "In einer Liste muss jede Zeile gleich eingerückt mit „- “ beginnen.",
    "found character":
        "Ein Wert beginnt mit einem Sonderzeichen wie @ oder `: bitte in Anführungszeichen setzen.",
}


@dataclass
class Document:
    """One practice or programme file, as read from disk."""

    path: Path
    rel: str
    kind: Kind
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

    def locate(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the deepest key of `loc` that exists in the file."""
        for end in range(len(loc), 0, -1):
            pos = self.positions.get(loc[:end])
            if pos:
                return pos
        return (1, 1)

    def problem(self, severity: str, loc: Loc | str, message: str,
                at: tuple[int, int] | None = None) -> Problem:
        path: Loc = tuple(loc.split(".")) if isinstance(loc, str) and loc else (
            loc if isinstance(loc, tuple) else ())
        line, column = at or self.locate(path)
        dotted = ".".join(str(part) for part in path)
        return Problem(self.rel, line, column, severity, dotted, message)  # type: ignore[arg-type]

    def add(self, severity: str, loc: Loc | str, message: str,
            at: tuple[int, int] | None = None) -> None:
        self.problems.append(self.problem(severity, loc, message, at))

    @property
    def published(self) -> bool:
        redaktion = self.data.get("redaktion")
        return not (isinstance(redaktion, dict) and redaktion.get("status") == "entwurf")


@dataclass
class Collection:
    """Every entry of one instance: the object all later stages work on."""

    instance: Instance
    documents: list[Document]

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
        return sort_problems(p for doc in self.documents for p in doc.problems)


def entry_files(instance: Instance) -> list[tuple[Kind, Path]]:
    files: list[tuple[Kind, Path]] = []
    for kind, folder in KIND_DIRS.items():
        directory = instance.content_dir / folder
        files.extend((kind, path) for path in sorted(directory.glob("*.md")))
    return files


def load_collection(instance: Instance) -> Collection:
    return Collection(instance, [load_document(instance, kind, path)
                                 for kind, path in entry_files(instance)])


def load_document(instance: Instance, kind: Kind, path: Path) -> Document:
    rel = instance.relative(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc = Document(path, rel, kind, path.stem, "")
        doc.add("error", "", f"Datei kann nicht gelesen werden: {exc.strerror}.")
        return doc
    return load_bytes(rel, kind, path, raw)


def load_bytes(rel: str, kind: Kind, path: Path, raw: bytes) -> Document:
    """Read one entry from its bytes (also used to check a file before it is written)."""
    doc = Document(path, rel, kind, path.stem, hashlib.sha1(raw).hexdigest())
    if len(raw) > MAX_BYTES:
        doc.add("error", "", f"Datei ist größer als 1 MB ({len(raw) // 1024} kB): bitte "
                "Bilder und Anhänge nicht einbetten, sondern verlinken.")
        return doc
    text = _decode(doc, raw)
    if text is not None:
        _parse(doc, text)
    return doc


def _decode(doc: Document, raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.add("error", "", "Datei ist nicht UTF-8 – bitte als UTF-8 speichern "
                f"(ungültiges Byte 0x{raw[exc.start]:02x}; im Editor beim Speichern die "
                "Kodierung „UTF-8“ wählen).", at=(line, column))
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _parse(doc: Document, text: str) -> None:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        doc.add("error", "", "Front Matter fehlt: die Datei muss mit einer Zeile „---“ "
                "beginnen, dann die Felder, dann wieder „---“, dann der Text.")
        return
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        doc.add("error", "", "Das Front Matter wird nicht geschlossen: nach den Feldern "
                "fehlt eine Zeile „---“.")
        return
    doc.body = "\n".join(lines[end + 1:])
    doc.body_line = end + 2
    front = lines[1:end]
    if _has_tab_indent(doc, front):
        return
    source = "\n".join(front)
    if ("&" in source or "*" in source) and _has_anchor(doc, source):
        return
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.add("error", "", "Das Front Matter ist leer: es braucht mindestens die "
                    "Pflichtfelder (z. B. titel, kurzbeschreibung).")
            return
        if not isinstance(node, yaml.MappingNode):
            doc.add("error", "", "Das Front Matter muss aus Feldern der Form "
                    "„name: wert“ bestehen.", at=(2, 1))
            return
        _walk(doc, node, ())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        _yaml_error(doc, exc)
        return
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        doc.add("error", "", f"YAML kann nicht gelesen werden: {exc}.", at=(2, 1))
        return
    finally:
        loader.dispose()
    doc.data = data
    doc.readable = True


def _has_tab_indent(doc: Document, front: list[str]) -> bool:
    found = False
    for number, line in enumerate(front, start=2):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            doc.add("error", "", "Tabulator in der Einrückung: YAML erlaubt nur "
                    "Leerzeichen. Bitte den Tabulator durch Leerzeichen ersetzen.",
                    at=(number, indent.index("\t") + 1))
            found = True
    return found


def _has_anchor(doc: Document, source: str) -> bool:
    try:
        for event in yaml.parse(source, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                doc.add("error", "", "YAML-Anker und -Verweise (&name, *name) sind nicht "
                        "erlaubt: bitte den Wert ausschreiben.",
                        at=(mark.line + 2, mark.column + 1))
                return True
    except yaml.YAMLError:
        return False  # reported with its location by the main parse
    return False


def _walk(doc: Document, node: yaml.Node, loc: Loc) -> None:
    """Record key positions and find duplicate keys; the YAML is already alias-free."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            here = (key_node.start_mark.line + 2, key_node.start_mark.column + 1)
            child = (*loc, key)
            if child in doc.positions:
                first = doc.positions[child][0]
                doc.add("error", child, f"Feld „{key}“ kommt doppelt vor (zuerst in Zeile "
                        f"{first}): bitte eine der beiden Angaben löschen.", at=here)
                continue
            doc.positions[child] = here
            _walk(doc, value_node, child)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*loc, index)
            doc.positions[child] = (item.start_mark.line + 2, item.start_mark.column + 1)
            _walk(doc, item, child)


def _yaml_error(doc: Document, exc: yaml.MarkedYAMLError) -> None:
    mark = exc.problem_mark or exc.context_mark
    at = (mark.line + 2, mark.column + 1) if mark else (2, 1)
    problem = exc.problem or "unbekannter Fehler"
    hint = next((h for key, h in _YAML_HINTS.items() if problem.startswith(key)), "")
    doc.add("error", "", f"YAML-Syntaxfehler ({problem}). {hint}".rstrip(), at=at)
