"""Property tests of the two lines of defence on generated body Markdown.

For every body that validation accepts, the site's Markdown makes HTML that the
sanitizer leaves as it is (so validation reported everything the build would remove);
for every body, what the sanitizer leaves has nothing left to report.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import nh3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from praxis.render.run import EXTENSIONS
from praxis.validate.bodies import BodyChecker
from praxis.validate.sanitize import clean, findings

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHECKER = BodyChecker(EXTENSIONS)

SCHEMES = st.sampled_from(
    ["https://example.org/", "http://example.org", "mailto:info@example.org", "tel:+49301",
     "#anker", "seite/", "../x.png", "//example.org/x", "javascript:alert(1)",
     "JaVaScRiPt:x", "jav&#x61;script:x", "javascript&colon;x", "java&#9;script:x",
     " javascript:x", "data:text/html,x", "vbscript:x", "&#106;avascript:x", "file:///etc",
     "java\tscript:x", "https:x", "ftp://example.org"]
)  # fmt: skip
TAGS = st.sampled_from(
    ["b", "i", "em", "strong", "span", "div", "p", "details", "summary", "kbd", "sup",
     "script", "style", "iframe", "object", "embed", "form", "input", "base", "meta",
     "link", "svg", "math", "img", "a", "x-y", "blink", "table", "td", "button", "title"]
)  # fmt: skip
ATTRIBUTES = st.sampled_from(
    ["id", "class", "title", "href", "src", "style", "onclick", "onmouseover", "ontoggle",
     "onerror", "data", "action", "formaction", "srcset", "target", "align", "open", "lang",
     "ONLOAD", "xlink:href", "http-equiv", "content", "alt"]
)  # fmt: skip
WORDS = st.sampled_from(
    ["Sozialplanung", "Quartier", "a < b", "x > y", "&amp;", "&lt;", "&", "[sic]", "*", "_",
     "`code`", "`<b>`", "\\<", "{", "}", "(", ")", "::", "\n", "\n\n", "  ", "Ä", "—"]
)  # fmt: skip


@st.composite
def attribute(draw: st.DrawFn) -> str:
    name = draw(ATTRIBUTES)
    value = draw(st.one_of(SCHEMES, st.sampled_from(["x", "alert(1)", "color:red", ""])))
    quote = draw(st.sampled_from(['"', "'", ""]))
    if not quote and any(c in value for c in " '\"<>=`\t"):
        quote = '"'
    return f"{name}={quote}{value}{quote}"


@st.composite
def inline(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return draw(WORDS)
    if kind == 1:
        return f"[{draw(WORDS)}]({draw(SCHEMES)})"
    if kind == 2:
        return f"![Bild]({draw(SCHEMES)})"
    if kind == 3:
        tag = draw(TAGS)
        attrs = " ".join(draw(st.lists(attribute(), max_size=2)))
        return f"<{tag} {attrs}>{draw(WORDS)}</{tag}>"
    if kind == 4:
        return "{: " + " ".join(draw(st.lists(attribute(), max_size=2))) + " }"
    if kind == 5:
        return draw(st.text(alphabet="<>[]()&;#:/\"' abcjsx=!-`{}.\n", max_size=12))
    return f"[{draw(WORDS)}][r]"


@st.composite
def body(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        prefix = draw(st.sampled_from(["", "## ", "- ", "1. ", "> ", "    ", "!!! note\n    "]))
        blocks.append(prefix + " ".join(draw(st.lists(inline(), min_size=1, max_size=5))))
    if draw(st.booleans()):
        blocks.append(f"[r]: {draw(SCHEMES)}")
    return "\n\n".join(blocks) + "\n"


def render(text: str) -> str:
    """The body as the site's Markdown converts it."""
    CHECKER.markdown.reset()
    return CHECKER.markdown.convert(text)


class _Tokens(HTMLParser):
    """Start tags with their decoded attributes, and the text between them: what a
    browser builds, whatever the serialisation (quotes, entities, `<br />`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Any] = []
        self.text = ""

    def _flush(self) -> None:
        if self.text.split():
            self.tokens.append(" ".join(self.text.split()))
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self.tokens.append((tag, sorted((name, value or "") for name, value in attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data

    def close(self) -> None:
        super().close()
        self._flush()


def tokens(html: str) -> list[Any]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def as_parsed(html: str) -> str:
    """`html` as an HTML parser builds it (closing a `<p>` before a `<div>` …), with
    nothing removed: the same parser as the sanitizer's, allowing all it finds."""
    found = [token for token in tokens(html) if isinstance(token, tuple)]
    # A stray end tag counts too: `</p>` without a `<p>` is an empty paragraph to the
    # parser (HTML's rule), which the sanitizer keeps as such.
    ends = {name.lower() for name in re.findall(r"</([A-Za-z][A-Za-z0-9-]*)", html)}
    names = {name for _, attrs in found for name, _ in attrs}
    schemes = {value.split(":", 1)[0].lower() for _, attrs in found for _, value in attrs}
    return nh3.clean(
        html,
        tags={tag for tag, _ in found} | ends,
        clean_content_tags=set(),
        attributes={"*": names},
        url_schemes={scheme for scheme in schemes if scheme.isalnum()},
        strip_comments=False,
        link_rel=None,
    )


@SETTINGS
@given(text=body())
def test_accepted_bodies_are_unchanged_by_the_sanitizer(text: str) -> None:
    errors = [p for p in CHECKER.check(text) if p.severity == "error"]
    if errors:
        return
    html = render(text)
    assert tokens(clean(html)) == tokens(as_parsed(html)), (text, html)


@SETTINGS
@given(text=body())
def test_what_the_sanitizer_leaves_has_nothing_to_report(text: str) -> None:
    assert findings(clean(render(text))) == []
