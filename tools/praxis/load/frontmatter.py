"""Reading the YAML front matter of one entry, with the position of every key.

Refuses what would make the YAML ambiguous or unsafe (duplicate keys, keys that are not
text, aliases and anchors, tags, absurd nesting, tabs in indentation) with a located
German message; never raises on bad content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml

from praxis.yamlerrors import MAX_DEPTH, TOO_DEEP, YAML_GENERAL, explain_yaml_error, is_nesting

if TYPE_CHECKING:
    from praxis.load.collection import Document, Loc

try:  # the C parser is several times faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """Keeps dates as text, so that an impossible date is a located model error.

    Tag resolution is PyYAML's, made cheaper for front matter: without path resolvers
    the descend/ascend hooks do nothing, and the tag of a plain scalar depends only on
    its text, so it is remembered (keys and vocabulary ids repeat in every file).
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX and len(value) < 64:
                    _PLAIN_TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_MAX = 50_000


_Loader.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str
)

_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Each level of block nesting needs more indentation (or a "- "), so front matter without
# a line indented this far and with few brackets and dashes cannot nest beyond MAX_DEPTH.
_DEEP_INDENT = "\n" + " " * MAX_DEPTH


def parse_front_matter(doc: Document, text: str) -> None:
    """Split `text` into front matter and body; fill doc.data, positions, problems."""
    first_end = text.find("\n")
    if (text[:first_end] if first_end >= 0 else text).rstrip() != "---":
        doc.add(
            "error",
            "",
            "Front Matter fehlt: die Datei muss mit einer Zeile „---“ "
            "beginnen, dann die Felder, dann wieder „---“, dann der Text.",
        )
        return
    fence = _closing_fence(text, first_end) if first_end >= 0 else None
    if fence is None:
        doc.add(
            "error",
            "",
            "Das Front Matter wird nicht geschlossen: nach den Feldern fehlt eine Zeile „---“.",
        )
        return
    source = text[first_end + 1 : fence[0]]
    doc.body = text[fence[1] + 1 :] if fence[1] >= 0 else ""
    doc.body_line = source.count("\n") + 3
    if "\t" in source and _has_tab_indent(doc, source.split("\n")):
        return
    if _unsafe_structure(doc, source):
        return
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.add(
                "error",
                "",
                "Das Front Matter ist leer: es braucht mindestens die "
                "Pflichtfelder (z. B. titel, kurzbeschreibung).",
            )
            return
        if not isinstance(node, yaml.MappingNode):
            doc.add(
                "error",
                "",
                "Das Front Matter muss aus Feldern der Form „name: wert“ bestehen.",
                at=(2, 1),
            )
            return
        data = _Builder(doc, loader).build(node, ())
    except yaml.MarkedYAMLError as exc:
        _yaml_error(doc, exc)
        return
    except yaml.reader.ReaderError as exc:
        # The C reader counts bytes, the Python one characters: find the character itself.
        found = _CONTROL.search(source)
        offset = found.start() if found else 0
        before = source[:offset]
        at = (before.count("\n") + 2, offset - (before.rfind("\n") + 1) + 1)
        shown = _codepoint(found.group() if found else exc.character)
        doc.add(
            "error",
            "",
            f"Unzulässiges Steuerzeichen ({shown}) im Front Matter: bitte das unsichtbare "
            "Zeichen löschen.",
            at=at,
        )
        return
    except RecursionError:
        _too_deep(doc, (2, 1))
        return
    except (yaml.YAMLError, ValueError, OverflowError):
        doc.add("error", "", f"YAML-Syntaxfehler: {YAML_GENERAL}", at=(2, 1))
        return
    finally:
        loader.dispose()
    doc.data = data
    doc.readable = True


def _closing_fence(text: str, first_end: int) -> tuple[int, int] | None:
    """Start and end (-1: end of text) of the first line after line 1 that is `---` or `...`.

    str.find instead of a multi-line regular expression: several times faster.
    """
    found: tuple[int, int] | None = None
    for marker in ("\n---", "\n..."):
        at = text.find(marker, first_end)
        while at >= 0 and (found is None or at < found[0]):
            end = text.find("\n", at + 1)
            if not text[at + 4 : end if end >= 0 else len(text)].strip(" \t"):
                found = (at + 1, end)
                break
            at = text.find(marker, at + 1)
    return found


def _codepoint(character: object) -> str:
    code = ord(character) if isinstance(character, str) and len(character) == 1 else character
    return f"U+{code:04X}" if isinstance(code, int) else str(code)


def _has_tab_indent(doc: Document, front: list[str]) -> bool:
    found = False
    for number, line in enumerate(front, start=2):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            doc.add(
                "error",
                "",
                "Tabulator in der Einrückung: YAML erlaubt nur "
                "Leerzeichen. Bitte den Tabulator durch Leerzeichen ersetzen.",
                at=(number, indent.index("\t") + 1),
            )
            found = True
    return found


def _unsafe_structure(doc: Document, source: str) -> bool:
    """Refuse aliases/anchors and absurd nesting before building the node tree.

    The C composer recurses without a limit, so a deeply nested value would crash the
    interpreter, and libyaml has a nesting limit of its own; the event stream is flat and
    is read only when a cheap count hints at anchors or deep nesting.
    """
    if (
        "&" not in source
        and "*" not in source
        and _DEEP_INDENT not in source
        and sum(source.count(mark) for mark in ("[", "{", "- ", "? ")) <= MAX_DEPTH
    ):
        return False  # fewer than MAX_DEPTH openings and indentation: cannot nest deeper
    depth = 0
    try:
        for event in yaml.parse(source, Loader=_Loader):
            mark = event.start_mark
            at = (mark.line + 2, mark.column + 1) if mark else (2, 1)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                doc.add(
                    "error",
                    "",
                    "YAML-Anker und -Verweise (&name, *name) sind nicht "
                    "erlaubt: bitte den Wert ausschreiben.",
                    at=at,
                )
                return True
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    _too_deep(doc, at)
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if is_nesting(exc):
            _yaml_error(doc, exc)
            return True
        return False  # reported with its location by the main parse
    except yaml.YAMLError:
        return False
    return False


class _Builder:
    """Build the data and record key positions in one pass over the node tree.

    Replaces PyYAML's generic constructor (the slowest part of loading) for the plain
    maps, lists and scalars of front matter; anything else goes to the constructor,
    which refuses unknown tags with a located error. Keys that are not text and
    duplicate keys are reported and skipped. The tree is alias-free (checked before).
    """

    def __init__(self, doc: Document, loader: Any) -> None:
        self.doc = doc
        self.loader = loader
        self.positions = doc.positions

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode:
            if tag == _STR_TAG:
                return node.value
            scalar = _SCALARS.get(tag)
            if scalar is not None:
                return scalar(self.loader, node)
        elif kind is yaml.MappingNode and tag == _MAP_TAG:
            return self.mapping(node, loc)
        elif kind is yaml.SequenceNode and tag == _SEQ_TAG:
            return [self.item(item, (*loc, index)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def item(self, node: yaml.Node, loc: Loc) -> Any:
        self.positions[loc] = (node.start_mark.line + 2, node.start_mark.column + 1)
        return self.build(node, loc)

    def mapping(self, node: yaml.Node, loc: Loc) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            here = (key_node.start_mark.line + 2, key_node.start_mark.column + 1)
            if key_node.tag != _STR_TAG or not isinstance(key_node, yaml.ScalarNode):
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"
                self.doc.add(
                    "error",
                    loc,
                    f"„{shown}“ ist als Feldname nicht möglich: Feldnamen "
                    "sind Wörter aus Kleinbuchstaben wie „titel“.",
                    at=here,
                )
                continue
            key = key_node.value
            child = (*loc, key)
            if key in data:
                self.doc.add(
                    "error",
                    child,
                    f"Feld „{key}“ kommt doppelt vor (zuerst in Zeile "
                    f"{self.positions[child][0]}): bitte eine der beiden Angaben löschen.",
                    at=here,
                )
                continue
            self.positions[child] = here
            data[key] = self.build(value_node, child)
        return data


_SCALARS: dict[str, Callable[[Any, Any], Any]] = {
    "tag:yaml.org,2002:null": lambda loader, node: None,
    "tag:yaml.org,2002:bool": yaml.SafeLoader.construct_yaml_bool,
    "tag:yaml.org,2002:int": yaml.SafeLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.SafeLoader.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": lambda loader, node: node.value,  # dates stay text
}


def _yaml_error(doc: Document, exc: yaml.MarkedYAMLError) -> None:
    line, column, message = explain_yaml_error(exc)
    doc.add("error", "", message, at=(line + 1, column))  # +1: the opening `---`


def _too_deep(doc: Document, at: tuple[int, int]) -> None:
    doc.add("error", "", TOO_DEEP, at=at)
