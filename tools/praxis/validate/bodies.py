"""Checks of the Markdown text of entries and hand-written pages, in linear time.

The body goes through the same Markdown conversion as on the site (the extensions of
mkdocs.yml plus the engine's) and then through the sanitizer's allowlist
(`praxis.validate.sanitize.findings`); each element, attribute or URL the build would remove is
reported at its line and column in the file. `attr_list` (`{#anker .klasse}`) may set
only `id` and `class`. Personal-looking e-mail addresses get a warning.

Every search here moves forward through the text or is bounded, so that a 1 MB body
costs about as much as reading it (`make bench`, row „Textprüfung“).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import markdown

from praxis.validate import sanitize

MAX_FINDINGS = 50  # per text: a contributor needs the first ones, not thousands
BATCH_CHARS = 20_000  # blocks converted at once
MAX_BLOCK = 20_000  # a longer block with links or HTML: Markdown would slow down
MAX_DEFINITIONS = 200  # reference definitions passed along with each block
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_PLAIN_LINK = re.compile(r"\]\([ \t]*(?:https?://|mailto:|tel:|#)")
_BRACKETS = re.compile(r"\\.|[\[\]()]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_KEY = re.compile(r"""([^\s=#.'"]+)\s*=\s*("[^"]*"|'[^']*'|\S*)""")
_HEADING = re.compile(r"^ {0,3}(#|=+[ \t]*$|-+[ \t]*$)", re.M)  # ATX or setext
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_EMAIL_LOCAL = re.compile(r"[\w.+-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"[\w-]{1,63}(\.[\w-]{1,63}){0,8}\.[A-Za-z]{2,24}")
_ROLE_MAILBOXES = frozenset(
    {
        *("info", "kontakt", "post", "poststelle", "mail", "office", "service", "buero"),
        *("sekretariat", "presse", "verwaltung", "team", "redaktion", "zentrale", "hallo"),
        *("anfrage", "beratung"),
    }
)


@dataclass(frozen=True)
class BodyProblem:
    severity: str
    line: int  # 1-based, within the body
    column: int
    message: str


class Positions:
    """Line and column of character offsets in one text, by binary search."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        at = text.find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def site_extensions(instance: Any) -> list[Any]:
    """The Markdown extensions of the site: those of mkdocs.yml plus the engine's."""
    # The renderer owns the list; import it only when needed.
    from praxis.render import run as render

    configured = instance.config.get("markdown_extensions")
    return render._extensions(configured if isinstance(configured, list) else [])


class BodyChecker:
    """One Markdown converter, configured like the site's, for all texts of a run."""

    def __init__(self, extensions: list[Any]) -> None:
        names: list[Any] = []
        configs: dict[str, Any] = {}
        for item in extensions:
            if isinstance(item, dict):
                for name, options in item.items():
                    names.append(name)
                    configs[name] = options or {}
            else:
                names.append(item)
        self.markdown = markdown.Markdown(extensions=names, extension_configs=configs)

    def check(self, body: str) -> list[BodyProblem]:
        positions = Positions(body)
        attr_lists = list(self._attr_lists(body))
        named = {(problem.line, name) for problem, name in attr_lists}
        problems = list(self._html(body, positions, named))
        problems += [problem for problem, _ in attr_lists]
        problems += list(self._emails(body, positions))[:MAX_FINDINGS]
        return problems

    def _html(
        self, body: str, positions: Positions, named: set[tuple[int, str]]
    ) -> Iterator[BodyProblem]:
        """What the sanitizer would remove from the rendered body, located in the source.

        Each block is converted on its own, with the body's reference definitions, and
        only if it can make HTML outside the allowlist at all: raw HTML needs `<`,
        attribute lists `{`, links and images `[`. A block that Markdown would parse in
        more than linear time (an unclosed tag, bracket or link) is reported instead. A
        heading with `_` is converted too: its anchor may begin with `__`."""
        if not _may_make_html(body):
            return
        lowered = body.lower()
        if len(lowered) != len(body):  # a few letters lowercase to two characters
            lowered = body.translate(_ASCII_LOWER)
        definitions = "\n".join(_DEFINITION.findall(body)[:MAX_DEFINITIONS])
        found: list[tuple[int, str]] = []
        for batch in _batches(body, found, plain_links=not definitions):
            start, end = batch[0][0], batch[-1][1]
            self.markdown.reset()
            text = "\n\n".join(body[a:b] for a, b in batch)
            html = self.markdown.convert(text + "\n\n" + definitions)
            cursor = start
            previous: tuple[tuple[str, ...], int] | None = None
            for finding in sanitize.findings(html):
                at = _locate(lowered, finding.needles, cursor, start, end)
                if previous == (finding.needles, at):  # the same text again: further on
                    at = _locate(lowered, finding.needles, at + 1, start, end)
                cursor, previous = at, (finding.needles, at)
                if (positions.at(cursor)[0], finding.attribute) not in named:  # `_attr_lists`
                    found.append((cursor, finding.message))
        found.sort()
        for offset, message in found[:MAX_FINDINGS]:
            line, column = positions.at(offset)
            yield BodyProblem("error", line, column, message)
        count = len(found)
        if count > MAX_FINDINGS:
            yield BodyProblem(
                "error", 1, 1, f"… und {count - MAX_FINDINGS} weitere Stellen dieser Art im Text."
            )

    def _attr_lists(self, body: str) -> Iterator[tuple[BodyProblem, str]]:
        """`{…}` attribute lists outside code that set anything but id and class."""
        if "{" not in body:
            return
        fenced = False
        for number, line in enumerate(body.split("\n"), 1):
            if _FENCE.match(line):
                fenced = not fenced
            if fenced or "{" not in line or line.startswith(("    ", "\t")):
                continue
            code = _code_spans(line)
            for group in _ATTR_LIST.finditer(line):
                if "=" not in group.group(1) or any(
                    start <= group.start() < end for start, end in code
                ):
                    continue
                for key in _ATTR_KEY.finditer(group.group(1)):
                    name = key.group(1)
                    if name.lower() not in sanitize.GENERIC_ATTRIBUTES:
                        yield (
                            BodyProblem(
                                "error",
                                number,
                                group.start(1) + key.start() + 1,
                                f"Attributliste {{{group.group(1).strip()}}}: „{name}“ ist "
                                "nicht erlaubt, nur Anker (#name, id=…) und Klassen "
                                "(.klasse, class=…). Bitte entfernen.",
                            ),
                            name.lower(),
                        )

    def _emails(self, body: str, positions: Positions) -> Iterator[BodyProblem]:
        """Addresses found from each `@` outwards, each side bounded in length."""
        at = body.find("@")
        while at >= 0:
            local_match = _EMAIL_LOCAL.search(body, max(0, at - 64), at)
            domain = _EMAIL_DOMAIN.match(body, at + 1)
            if local_match and domain:
                local = local_match.group().lower()
                if local not in _ROLE_MAILBOXES and re.search(r"[a-z][.\-_][a-z]", local):
                    address = body[local_match.start() : domain.end()]
                    line, column = positions.at(local_match.start())
                    yield BodyProblem(
                        "warning",
                        line,
                        column,
                        f"„{address}“ sieht nach einer persönlichen E-Mail-Adresse aus: "
                        "bitte nur Funktionsadressen (z. B. info@…) in kontakt.email nennen.",
                    )
            at = body.find("@", at + 1)


def _locate(lowered: str, needles: tuple[str, ...], cursor: int, start: int, end: int) -> int:
    """Where a finding stands: the first needle found in its block from `cursor` on, else
    anywhere in the body (a reference definition), else the cursor."""
    for needle in needles:
        at = lowered.find(needle, cursor, end)
        if at < 0:
            at = lowered.find(needle, start, end)
        if at < 0:
            at = lowered.find(needle)
        if at >= 0:
            return at
    return cursor


def _blocks(body: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of the body's blocks: runs of lines up to a blank line that
    is followed by an unindented line (indented lines continue a list item or a note)."""
    start = offset = 0
    blank = False
    for line in body.split("\n"):
        if blank and line.strip() and not line.startswith((" ", "\t")) and offset > start:
            yield start, offset
            start = offset
        blank = not line.strip()
        offset += len(line) + 1
    if start < len(body):
        yield start, len(body)


def _batches(
    body: str, unsafe: list[tuple[int, str]], plain_links: bool
) -> Iterator[list[tuple[int, int]]]:
    """The blocks that need converting, in runs of up to BATCH_CHARS characters (one
    conversion has a fixed cost); blocks Markdown cannot parse in linear time go to
    `unsafe` instead. Without reference definitions in the body, a block whose only
    markup is links to web, mail or phone addresses or anchors needs no conversion."""
    batch: list[tuple[int, int]] = []
    size = 0
    for start, end in _blocks(body):
        text = body[start:end]
        if not _may_make_html(text):
            continue
        if plain_links and _only_plain_links(text):
            continue
        problems = _unparsable(text)
        if problems:
            unsafe.extend((start + offset, message) for offset, message in problems)
            continue
        if batch and size + end - start > BATCH_CHARS:
            yield batch
            batch, size = [], 0
        batch.append((start, end))
        size += end - start
    if batch:
        yield batch


def _may_make_html(text: str) -> bool:
    """Whether Markdown can make HTML outside the allowlist of `text`: raw HTML needs `<`,
    attribute lists `{`, links and images `[`, an anchor beginning with `__` a heading
    with `_`."""
    return any(mark in text for mark in ("<", "{", "[")) or _underscore_heading(text)


def _underscore_heading(text: str) -> bool:
    return "_" in text and _HEADING.search(text) is not None


def _only_plain_links(text: str) -> bool:
    """No raw HTML, attribute list, image, entity or reference, and every `](` opens an
    address that starts with an allowed scheme or `#`: Markdown can only make `<a>`s
    with those addresses here."""
    if any(mark in text for mark in ("<", "{", "&", "![", "][", "\\")) or _underscore_heading(text):
        return False
    return text.count("](") == len(_PLAIN_LINK.findall(text)) and text.count("[") == text.count(
        "]("
    )


def _unparsable(text: str) -> list[tuple[int, str]]:
    """Offsets of what Python-Markdown would parse in quadratic time: tags that do not
    end before the next `<`, unclosed comments, `[` without `]`, `](` without `)`.
    Code spans are blanked out first: there `<` and `[` are only characters."""
    masked = list(text)
    for number_start, line in _lines(text):
        for start, end in _code_spans(line):
            masked[number_start + start : number_start + end] = " " * (end - start)
    plain = "".join(masked)
    if len(text) > MAX_BLOCK:
        return [
            (
                0,
                f"Dieser Absatz hat {len(text):,} Zeichen, mit Links oder HTML höchstens "
                f"{MAX_BLOCK:,}: bitte mit Leerzeilen in Absätze teilen.".replace(",", "."),
            )
        ]
    found: list[tuple[int, str]] = []
    close = comment_end = -2  # the next ">" and "-->" (-1: none left, -2: not looked)
    for match in _TAG_START.finditer(plain):
        at = match.start()
        if plain.startswith("<!--", at):
            if comment_end != -1 and comment_end < at:
                comment_end = plain.find("-->", at + 4)
            if comment_end < 0:
                found.append((at, "Ein HTML-Kommentar „<!--“ wird nicht mit „-->“ geschlossen."))
            continue
        if close != -1 and close < at:
            close = plain.find(">", at)
        following = _TAG_START.search(plain, at + 1)
        if close < 0 or (following is not None and following.start() < close):
            found.append(
                (
                    at,
                    "Hier beginnt ein HTML-Tag, das nicht mit „>“ endet: bitte schließen, "
                    "oder ein Kleiner-Zeichen als „&lt;“ schreiben.",
                )
            )
    stack: list[int] = []
    paren, paren_at, skip = 0, -1, -1
    for match in _BRACKETS.finditer(plain):
        token, at = match.group(), match.start()
        if token[0] == "\\" or at == skip:
            continue
        if paren:
            paren += {"(": 1, ")": -1}.get(token, 0)
        elif token == "[":
            stack.append(at)
        elif token == "]":
            if stack:
                stack.pop()
            if plain.startswith("(", at + 1):
                paren, paren_at, skip = 1, at + 1, at + 1
    if stack:
        found.append(
            (
                stack[0],
                "Eine eckige Klammer „[“ wird im selben Absatz nicht geschlossen: bitte „]“ "
                "ergänzen oder „\\[“ schreiben.",
            )
        )
    if paren:
        found.append(
            (
                paren_at,
                "Die Adresse eines Links „](…“ wird nicht mit „)“ geschlossen: bitte ergänzen.",
            )
        )
    return sorted(found)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        if "`" in line:
            yield offset, line
        offset += len(line) + 1


def _code_spans(line: str) -> list[tuple[int, int]]:
    spans = []
    start = line.find("`")
    while start >= 0:
        run = start
        while run < len(line) and line[run] == "`":
            run += 1
        ticks = line[start:run]
        end = line.find(ticks, run)
        if end < 0:
            break
        spans.append((start, end + len(ticks)))
        start = line.find("`", end + len(ticks))
    return spans
