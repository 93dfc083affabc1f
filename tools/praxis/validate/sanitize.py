"""The HTML allowlist for everything contributors write, and the sanitizer that applies it.

Contributor Markdown may contain raw HTML and `attr_list` attributes, so the HTML that
Markdown makes of it is untrusted. One allowlist (the tags Markdown and the site's
extensions produce plus a few harmless ones, `id` and `class` everywhere, a handful of
attributes per tag, URLs only with http, https, mailto, tel or relative, anchors that
begin with a letter or digit, after at most one `_`) serves twice:

- `clean` runs the `nh3` sanitizer (the Rust crate ammonia) with it. The build passes
  every page's HTML through it (`Sanitize`, a MkDocs plugin), the second line of defence.
- `findings` lists what `clean` would remove, so that `praxis validate` can name each
  element, attribute or URL with its place in the file (the first line).

Images load only from the site itself: an image from another host would tell that host
who reads the page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3
from mkdocs.plugins import BasePlugin

TAGS = frozenset(
    {
        # Python-Markdown itself
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"),
        *("em", "strong", "a", "img", "ul", "ol", "li"),
        # tables, admonition, footnotes, def_list, abbr, md_in_html
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
        *("div", "span", "sup", "sub", "dl", "dt", "dd", "abbr"),
        # a few harmless ones contributors use
        *("b", "i", "u", "s", "del", "ins", "mark", "small", "kbd", "samp", "var", "q"),
        *("cite", "dfn", "details", "summary", "figure", "figcaption", "wbr"),
    }
)
GENERIC_ATTRIBUTES = frozenset({"id", "class"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "abbr": frozenset({"title"}),
    "th": frozenset({"colspan", "rowspan"}),
    "td": frozenset({"colspan", "rowspan"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
}
# Python-Markdown's tables extension aligns columns with exactly these styles.
ALIGN_STYLES = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
TAG_ATTRIBUTE_VALUES = {tag: {"style": set(ALIGN_STYLES)} for tag in ("th", "td")}
URL_ATTRIBUTES = frozenset({"href", "src"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
REMOVED_WITH_CONTENT = frozenset({"script", "style"})
# Anchors begin with a letter or digit, or with one `_` before it (`_1` is the anchor
# Markdown gives a heading without letters). The theme's own elements have ids beginning
# with `__` (Material reads its settings from `#__config`), and an element of the text
# with the same id, earlier on the page, would stand in for them.
_ID = re.compile(r"_?[^\W_]\S*\Z")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_IGNORED = str.maketrans("", "", "\t\n\r")
_VISIBLE = {code: f"\\x{code:02x}" for code in range(32)}


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it: entities already decoded, leading and
    trailing control characters and spaces ignored, tabs and newlines anywhere dropped."""
    text = value.strip("".join(map(chr, range(33)))).translate(_URL_IGNORED)
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def local_url(value: str) -> bool:
    """A URL within the site: relative, with neither scheme nor host."""
    text = value.strip("".join(map(chr, range(33)))).translate(_URL_IGNORED)
    return url_scheme(text) is None and not text.startswith(("//", "\\\\", "/\\", "\\/"))


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not _ID.match(value):
        return None
    if tag == "img" and attribute == "src" and not local_url(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={"*": set(GENERIC_ATTRIBUTES), **{t: set(a) for t, a in TAG_ATTRIBUTES.items()}},
    tag_attribute_values=TAG_ATTRIBUTE_VALUES,
    attribute_filter=_keep_attribute,
    url_schemes=set(URL_SCHEMES),
    strip_comments=False,  # harmless, and the renderer marks its blocks with comments
    link_rel=None,  # links cannot open new windows (no target), so no rel is needed
)


def clean(fragment: str) -> str:
    """The HTML fragment with everything outside the allowlist removed."""
    return _CLEANER.clean(fragment)


@dataclass(frozen=True)
class Finding:
    """Something `clean` would remove: what it is (German) and what to search for in the
    Markdown source to find its place (`needles`, best first, ASCII-lowercase)."""

    message: str
    needles: tuple[str, ...]
    attribute: str | None = None


def findings(fragment: str) -> list[Finding]:
    """Every element, attribute and URL of `fragment` that the allowlist does not cover,
    in document order."""
    parser = _Walker()
    parser.feed(fragment)
    parser.close()
    return parser.found


def allowed_attributes(tag: str) -> list[str]:
    return sorted(GENERIC_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset()))


class _Walker(HTMLParser):
    """Walks the HTML as a browser would read its tags (entities in attribute values
    decoded) and checks each tag and attribute against the allowlist."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            content = " samt Inhalt" if tag in REMOVED_WITH_CONTENT else ""
            self.found.append(
                Finding(
                    f"Das HTML-Element <{tag}> ist im Text nicht erlaubt und wird beim "
                    f"Veröffentlichen entfernt{content}: bitte entfernen oder durch "
                    "Markdown ersetzen.",
                    (f"<{tag}",),
                )
            )
            return
        seen: set[str] = set()
        for name, value in attrs:
            if name in seen:  # a browser keeps the first, the sanitizer drops the others
                self.found.append(
                    Finding(
                        f"Das Attribut „{name}“ steht an <{tag}> doppelt: bitte eines entfernen.",
                        (f"{name}=", name),
                        name,
                    )
                )
                continue
            seen.add(name)
            problem = _attribute_problem(tag, name, value or "")
            if problem:
                self.found.append(Finding(problem, _needles(name, value or ""), name))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl: str) -> None:
        self._markup(f"<!{decl.split()[0] if decl.split() else ''}")

    def unknown_decl(self, data: str) -> None:
        self._markup("<![")

    def handle_pi(self, data: str) -> None:
        self._markup("<?")

    def _markup(self, needle: str) -> None:
        self.found.append(
            Finding(
                f"„{needle}…>“ ist im Text nicht erlaubt und wird beim Veröffentlichen "
                "entfernt: bitte entfernen.",
                (needle.lower(),),
            )
        )


def _attribute_problem(tag: str, name: str, value: str) -> str | None:
    if name == "style" and tag in TAG_ATTRIBUTE_VALUES and value in ALIGN_STYLES:
        return None
    if name not in GENERIC_ATTRIBUTES and name not in TAG_ATTRIBUTES.get(tag, ()):
        why = (
            ", weil es Programmcode im Browser ausführen kann"
            if name.startswith("on")
            else (", weil es die Gestaltung der Seite verändern kann" if name == "style" else "")
        )
        allowed = ", ".join(allowed_attributes(tag))
        return (
            f"Das Attribut „{name}“ an <{tag}> ist nicht erlaubt{why}; es wird beim "
            f"Veröffentlichen entfernt. Erlaubt sind hier: {allowed}. Bitte entfernen."
        )
    shown = value[:60].translate(_VISIBLE)
    if name == "id" and not _ID.match(value):
        return (
            f"Der Anker „{shown}“ (id an <{tag}>) wird beim Veröffentlichen entfernt: ein "
            "Anker beginnt mit einem Buchstaben oder einer Ziffer (davor höchstens ein "
            "„_“) und enthält kein Leerzeichen; Namen, die mit „__“ beginnen, gehören der "
            "Seite selbst. Bitte umbenennen, bei einer Überschrift mit einem Anker "
            "dahinter wie {#name}."
        )
    if name not in URL_ATTRIBUTES:
        return None
    scheme = url_scheme(value)
    if tag == "img" and name == "src" and not local_url(value):
        return (
            f"Das Bild „{shown}“ liegt nicht auf dieser Website: Bilder von anderen "
            "Servern verraten ihnen, wer die Seite liest. Bitte das Bild neben den "
            "Eintrag legen und relativ einbinden, oder verlinken."
        )
    if scheme is not None and scheme not in URL_SCHEMES:
        return (
            f"Die Adresse „{shown}“ ({name} an <{tag}>) beginnt mit „{scheme}:“ und wird "
            "beim Veröffentlichen entfernt: erlaubt sind nur http://, https://, mailto:, "
            "tel: und Adressen innerhalb der Website."
        )
    return None


def _needles(name: str, value: str) -> tuple[str, ...]:
    """The value as written, else its part after the scheme (the scheme may be written
    with entities), else the attribute's name."""
    lowered = value.lower()
    after_scheme = lowered.partition(":")[2][:30]
    candidates = (lowered[:40], after_scheme if len(after_scheme) >= 4 else "", f"{name}=", name)
    return tuple(n for n in candidates if n)


class Sanitize(BasePlugin):
    """The build's second line of defence: the HTML of every page with contributor
    Markdown (entries, hand-written pages) passes `clean` as soon as Markdown has made
    it, and page titles and descriptions, which the theme prints as HTML, are escaped.
    The overview and data pages in `generated` are the engine's own, made from front
    matter by autoescaping templates, and keep their maps, charts and search forms."""

    def __init__(self, generated: set[str]) -> None:
        self.generated = generated

    def on_page_markdown(self, markdown: str, /, *, page: Any, **kwargs: Any) -> str:
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str):
                page.meta[key] = html.escape(plain_text(value), quote=True)
        return markdown

    def on_page_content(self, html_text: str, /, *, page: Any, **kwargs: Any) -> str:
        return html_text if page.file.src_uri in self.generated else clean(html_text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def plain_text(text: str) -> str:
    """`text` without the control characters that no text field may hold (tab and
    newline stay): for output formats that a stray one would break, such as XML."""
    return _CONTROL.sub("", text)
