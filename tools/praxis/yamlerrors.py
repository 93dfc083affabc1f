"""German explanations of YAML errors, for front matter, mkdocs.yml and vocabularies alike.

The parser's own English never reaches a contributor: each known problem gets a German
explanation with an example of the fix, unknown ones a general explanation.
"""

from __future__ import annotations

import yaml

MAX_DEPTH = 100  # levels of lists and mappings an entry's front matter may nest
_ESCAPE_HINT = (
    "In doppelten Anführungszeichen leitet \\ ein Sonderzeichen ein: einfache "
    "Anführungszeichen verwenden oder \\\\ schreiben."
)
# What the parser says (its English `problem`), explained in German with an example of the
# fix. The parser's own words never reach a contributor: unknown problems get the general
# explanation below. Keys are prefixes of PyYAML's and libyaml's problem texts.
_YAML_PROBLEMS: dict[str, str] = {
    "mapping values are not allowed": (
        "Hier steht ein Doppelpunkt, wo YAML keinen erwartet. Enthält der Wert einen "
        "Doppelpunkt? Dann den Wert in Anführungszeichen setzen, z. B. "
        '„titel: "Quartier: gemeinsam planen"“.'
    ),
    "could not find expected ':'": (
        "Nach einem Feldnamen fehlt der Doppelpunkt, oder ein Wert ist über mehrere Zeilen "
        "umgebrochen. Beispiel: „titel: Stadtteilbüro Nord“; mehrzeilige Werte in "
        "Anführungszeichen setzen."
    ),
    "expected <block end>": (
        "Die Einrückung passt nicht: Felder auf derselben Ebene müssen genau gleich weit "
        "eingerückt sein, z. B. „ort:“ und darunter „  name: Kassel“ und „  ebene: kommune“."
    ),
    "did not find expected key": (
        "Die Einrückung passt nicht, oder eine Listenzeile beginnt nicht mit „- “. "
        "Beispiel: „handlungsfelder:“ und darunter „  - beteiligung“."
    ),
    "did not find expected '-' indicator": (
        "In einer Liste muss jede Zeile gleich weit eingerückt mit „- “ beginnen, z. B. "
        "„  - senioren“."
    ),
    "block sequence entries are not allowed": (
        "Hier beginnt eine Listenzeile („- “), wo ein Wert stehen müsste. Die Liste gehört "
        "in die Zeilen unter den Feldnamen: „zielgruppen:“ und darunter „  - familien“."
    ),
    "found unexpected end of stream": (
        "Ein Anführungszeichen wurde geöffnet, aber nicht geschlossen. Beispiel: "
        '„titel: "Stadtteilbüro Nord"“ – mit Anführungszeichen am Anfang und am Ende.'
    ),
    "found unexpected ':'": (
        "Hier steht ein Doppelpunkt, wo YAML keinen erwartet: den Wert in Anführungszeichen "
        'setzen, z. B. „titel: "Quartier: gemeinsam planen"“.'
    ),
    "expected ',' or ']'": (
        "Eine eckige Klammer „[“ wird nicht geschlossen. Beispiel: „koordinaten: [51.3, 9.5]“."
    ),
    "did not find expected ',' or ']'": (
        "Eine eckige Klammer „[“ wird nicht geschlossen. Beispiel: „koordinaten: [51.3, 9.5]“."
    ),
    "expected ',' or '}'": (
        "Eine geschweifte Klammer „{“ wird nicht geschlossen: besser die Unterfelder "
        "untereinander schreiben, eingerückt unter dem Feldnamen."
    ),
    "did not find expected ',' or '}'": (
        "Eine geschweifte Klammer „{“ wird nicht geschlossen: besser die Unterfelder "
        "untereinander schreiben, eingerückt unter dem Feldnamen."
    ),
    "did not find expected node content": (
        "Hier fehlt ein Wert, oder ein Wert beginnt mit einem Sonderzeichen wie „,“, „]“ "
        "oder „}“: den Wert in Anführungszeichen setzen."
    ),
    "expected the node content": (
        "Hier fehlt ein Wert, oder ein Wert beginnt mit einem Sonderzeichen wie „,“, „]“ "
        "oder „}“: den Wert in Anführungszeichen setzen."
    ),
    "expected a comment or a line break": (
        "Nach dem schließenden Anführungszeichen geht die Zeile weiter: den ganzen Wert in "
        "Anführungszeichen setzen und innere Anführungszeichen als „…“ schreiben."
    ),
    "found undefined alias": "YAML-Verweise (*name) sind nicht erlaubt: bitte den Wert "
    "ausschreiben.",
    "found duplicate anchor": "YAML-Anker (&name) sind nicht erlaubt: bitte den Wert ausschreiben.",
    "could not determine a constructor": (
        "YAML-Tags wie „!!python/…“ oder „!name“ sind nicht erlaubt: bitte nur einfache "
        "Werte schreiben."
    ),
    "found unknown escape character": _ESCAPE_HINT,
    "found invalid Unicode character escape code": _ESCAPE_HINT,
    "expected escape sequence": _ESCAPE_HINT,
    "found a tab character": (
        "Tabulator an einer Stelle, an der YAML nur Leerzeichen erlaubt: bitte den "
        "Tabulator durch Leerzeichen ersetzen."
    ),
    "found character": (
        "Ein Wert beginnt mit einem Sonderzeichen wie @, ` oder %: den Wert in "
        'Anführungszeichen setzen, z. B. „email: "@nordstadt"“.'
    ),
    "found unknown directive": (
        "Eine Zeile beginnt mit „%“: den Wert in Anführungszeichen setzen."
    ),
    "while scanning a directive": (
        "Eine Zeile beginnt mit „%“: den Wert in Anführungszeichen setzen."
    ),
}
YAML_GENERAL = (
    "Der Kopf der Datei ist an dieser Stelle kein gültiges YAML. Häufige Ursachen: ein "
    "Doppelpunkt, „#“ oder ein Sonderzeichen am Anfang eines Werts ohne Anführungszeichen "
    '(richtig: „titel: "Quartier: gemeinsam planen"“), oder Felder derselben Ebene, die '
    "unterschiedlich weit eingerückt sind."
)
# libyaml (PyYAML 6.0.4 and later) has its own nesting limit; the loader reports it like
# its own limit, so the contributor reads the same message whichever layer noticed.
_NESTING_PROBLEM = "exceeded maximum nesting depth"
TOO_DEEP = (
    f"Zu tief verschachtelt: mehr als {MAX_DEPTH} Ebenen von Listen oder Unterfeldern "
    "ineinander. Ein Eintrag braucht nur wenige Ebenen (z. B. „ort:“ und darunter "
    "„  name: Kassel“): bitte die Klammern [ ] und { } und die Einrückung ab dieser Zeile "
    "prüfen und vereinfachen."
)


def explain_yaml_error(exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Line and column (from 1, in the parsed text) and the German message for `exc`.

    Used for front matter, mkdocs.yml and vocabularies alike, so that no parser English
    reaches a user and deep nesting reads the same whichever layer noticed it.
    """
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if is_nesting(exc):
        return line, column, TOO_DEEP
    problem = exc.problem or ""
    explanation = next(
        (text for key, text in _YAML_PROBLEMS.items() if problem.startswith(key)), YAML_GENERAL
    )
    return line, column, f"YAML-Syntaxfehler: {explanation}"


def is_nesting(exc: yaml.MarkedYAMLError) -> bool:
    """Whether libyaml stopped at its own nesting limit (reported like the loader's)."""
    return (exc.problem or "").startswith(_NESTING_PROBLEM)
