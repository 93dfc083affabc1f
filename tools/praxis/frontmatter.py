"""Reading the YAML front matter of one entry, with the position of every key.

Refuses what would make the YAML ambiguous or unsafe (duplicate keys, keys that are not
text, aliases and anchors, tags, absurd nesting, tabs in indentation) with a located
German message; never raises on bad content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from praxis.load import Document, Loc

try:  # the C parser is several times faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """Keeps dates as text, so that an impossible date is a located model error."""


_Loader.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str
)

_STR_TAG = "tag:yaml.org,2002:str"
MAX_DEPTH = 100
_ESCAPE_HINT = (
    "In doppelten Anführungszeichen leitet \\ ein Sonderzeichen ein: einfache "
    "Anführungszeichen verwenden oder \\\\ schreiben."
)
_YAML_HINTS = {
    "mapping values are not allowed": (
        "Enthält ein Wert einen Doppelpunkt? Dann den Wert in Anführungszeichen setzen."
    ),
    "could not find expected ':'": (
        "Fehlt ein Doppelpunkt nach dem Feldnamen, oder ist ein Wert über mehrere Zeilen "
        "umgebrochen? Mehrzeilige Werte in Anführungszeichen setzen."
    ),
    "expected <block end>": (
        "Die Einrückung passt nicht: Felder auf derselben Ebene müssen genau gleich weit "
        "eingerückt sein."
    ),
    "found unexpected end of stream": (
        "Ein Anführungszeichen wurde geöffnet, aber nicht geschlossen."
    ),
    "found undefined alias": "YAML-Verweise (*name) sind nicht erlaubt.",
    "did not find expected key": (
        "Die Einrückung passt nicht, oder eine Listenzeile beginnt nicht mit „- “."
    ),
    "did not find expected '-' indicator": (
        "In einer Liste muss jede Zeile gleich eingerückt mit „- “ beginnen."
    ),
    "could not determine a constructor": (
        "YAML-Tags wie „!!python/…“ oder „!name“ sind nicht erlaubt: bitte nur einfache "
        "Werte schreiben."
    ),
    "found unknown escape character": _ESCAPE_HINT,
    "found invalid Unicode character escape code": _ESCAPE_HINT,
    "found character": (
        "Ein Wert beginnt mit einem Sonderzeichen wie @ oder `: bitte in Anführungszeichen setzen."
    ),
}


def parse_front_matter(doc: Document, text: str) -> None:
    """Split `text` into front matter and body; fill doc.data, positions, problems."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        doc.add(
            "error",
            "",
            "Front Matter fehlt: die Datei muss mit einer Zeile „---“ "
            "beginnen, dann die Felder, dann wieder „---“, dann der Text.",
        )
        return
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        doc.add(
            "error",
            "",
            "Das Front Matter wird nicht geschlossen: nach den Feldern fehlt eine Zeile „---“.",
        )
        return
    doc.body = "\n".join(lines[end + 1 :])
    doc.body_line = end + 2
    front = lines[1:end]
    if _has_tab_indent(doc, front):
        return
    source = "\n".join(front)
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
        _walk(doc, node, ())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        _yaml_error(doc, exc)
        return
    except yaml.reader.ReaderError as exc:
        before = source[: exc.position]
        at = (before.count("\n") + 2, exc.position - (before.rfind("\n") + 1) + 1)
        doc.add(
            "error",
            "",
            f"Unzulässiges Steuerzeichen ({_codepoint(exc.character)}) im "
            "Front Matter: bitte das unsichtbare Zeichen löschen.",
            at=at,
        )
        return
    except RecursionError:
        doc.add(
            "error",
            "",
            "Das Front Matter ist zu tief verschachtelt: bitte höchstens "
            "wenige Ebenen von Listen und Unterfeldern verwenden.",
            at=(2, 1),
        )
        return
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        doc.add("error", "", f"YAML kann nicht gelesen werden ({exc}).", at=(2, 1))
        return
    finally:
        loader.dispose()
    doc.data = data
    doc.readable = True


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
    interpreter; the event stream is flat and is read only when a cheap count hints at
    anchors or deep nesting.
    """
    nesting = sum(source.count(mark) for mark in ("[", "{", "- ", "? "))
    if "&" not in source and "*" not in source and nesting <= MAX_DEPTH:
        return False
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
                    doc.add(
                        "error",
                        "",
                        f"Mehr als {MAX_DEPTH} Ebenen ineinander "
                        "verschachtelter Listen oder Unterfelder: bitte vereinfachen.",
                        at=at,
                    )
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False  # reported with its location by the main parse
    return False


def _walk(doc: Document, node: yaml.Node, loc: Loc) -> None:
    """Record key positions, report duplicate and non-text keys; the YAML is alias-free.

    Pairs with a key that is not text are dropped from the node, so that constructing
    the document cannot fail on them (an unhashable key) after they were reported.
    """
    if isinstance(node, yaml.MappingNode):
        kept = []
        for key_node, value_node in node.value:
            here = (key_node.start_mark.line + 2, key_node.start_mark.column + 1)
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG):
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"
                doc.add(
                    "error",
                    loc,
                    f"„{shown}“ ist als Feldname nicht möglich: Feldnamen "
                    "sind Wörter aus Kleinbuchstaben wie „titel“.",
                    at=here,
                )
                continue
            kept.append((key_node, value_node))
            key = key_node.value
            child = (*loc, key)
            if child in doc.positions:
                first = doc.positions[child][0]
                doc.add(
                    "error",
                    child,
                    f"Feld „{key}“ kommt doppelt vor (zuerst in Zeile "
                    f"{first}): bitte eine der beiden Angaben löschen.",
                    at=here,
                )
                continue
            doc.positions[child] = here
            _walk(doc, value_node, child)
        node.value = kept
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
