"""The render stage: HTML blocks kept beside Markdown (`praxis.fragments`) and the entry
pages rendered in two processes (`praxis.render_split`), as readers and editors see the
result: every page, its table of contents, unique anchors, and every MkDocs warning."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mkdocs.structure.toc import AnchorLink

from praxis import fragments
from praxis.cli import cli
from praxis.generate.templating import heading, html_block
from praxis.render_split import StandIn

ENTRIES = (
    "practices/sozialplanung-gera",
    "practices/stadtteilbuero-nordstadt",
    "programmes/landesprogramm-gwa",
    "programmes/zusammen-im-quartier",
)


def build(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--root", str(project), *args])
    return result.exit_code, result.output


def toc(html: str) -> list[tuple[str, str]]:
    """(anchor, title) of the page's table of contents, in order."""
    sidebar = html[html.index('data-md-type="toc"') :]
    sidebar = sidebar[: sidebar.index("</nav>")]
    return [
        (anchor, " ".join(title.split()))
        for anchor, title in re.findall(
            r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">(.*?)</span>',
            sidebar,
            re.S,
        )
    ]


def append_body(project: Path, slug: str, text: str) -> None:
    path = project / "content/practices" / f"{slug}.md"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_blocks_leave_markdown_and_come_back_unchanged() -> None:
    page = (
        f"{html_block('<p>vor</p>')}\n\n## Text\n\nAbsatz\n\n"
        f"{html_block(heading('quellen', 'Quellen & Belege') + '<ul><li>x</li></ul>')}\n"
    )
    markdown, lifted = fragments.split(page)
    assert markdown == (
        "<!--praxis-fragment 0-->\n\n## Text\n\nAbsatz\n\n<!--praxis-fragment 1-->\n"
    )
    assert lifted.headings == [[], [("quellen", "Quellen &amp; Belege")]]
    assert lifted.ids == {"quellen"}
    html = "<p>x</p><!--praxis-fragment 1--><!--praxis-fragment 0-->"
    blocks = fragments.Fragments.unpack(lifted.pack())
    assert fragments.join(html, blocks) == "<p>x</p>" + lifted.blocks[1] + "<p>vor</p>"


def test_block_headings_join_the_table_of_contents_in_page_order() -> None:
    lifted = fragments.Fragments(
        ["<p>Lead</p>", '<h2 id="kontakt">Kontakt<a class="headerlink" href="#kontakt">'],
        [[("steckbrief", "Steckbrief")], [("kontakt", "Kontakt")]],
    )
    html = (
        "<!--praxis-fragment 0-->"
        '<h2 id="ziele">Ziele<a class="headerlink" href="#ziele">¶</a></h2>'
        '<h2 id="kontakt">Kontakt<a class="headerlink" href="#kontakt">¶</a></h2>'
        "<!--praxis-fragment 1-->"
    )
    body = [AnchorLink("Ziele", "ziele", 2), AnchorLink("Kontakt", "kontakt", 2)]

    def make(title: str, anchor: str) -> Any:
        return AnchorLink(title, anchor, 2)

    html, items = fragments.merge_toc(html, body, lifted, make)
    assert [(item.id, item.title) for item in items] == [
        ("steckbrief", "Steckbrief"),
        ("ziele", "Ziele"),
        ("kontakt_1", "Kontakt"),
        ("kontakt", "Kontakt"),
    ]
    assert '<h2 id="kontakt_1">Kontakt<a class="headerlink" href="#kontakt_1">' in html
    assert 'id="kontakt"' not in html  # until the block comes back


def test_every_entry_page_is_written_once_whichever_process_renders_it(
    built_site: Path,
) -> None:
    for url in ENTRIES:
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert "praxis-fragment" not in html and "praxis-html" not in html, url
        assert html.count('<h2 id="steckbrief">') == 1, url
        assert html.count("<h1") == 1, url


def test_practice_page_lists_its_sections_and_body_headings_in_order(
    built_site: Path,
) -> None:
    html = (built_site / "practices/stadtteilbuero-nordstadt/index.html").read_text("utf-8")
    anchors = [anchor for anchor, _ in toc(html)]
    assert anchors[0] == "steckbrief"
    assert anchors[-2:] == ["quellen", "kontakt"]
    assert anchors.index("uebertragbarkeit") < anchors.index("foerderwege")
    body = [a for a in anchors if a not in {h for b in _sections() for h in b}]
    assert body, "the body's own headings are in the table of contents"
    assert anchors.index(body[-1]) < anchors.index("uebertragbarkeit")


def _sections() -> list[set[str]]:
    return [
        {"steckbrief", "wirkung", "uebertragbarkeit", "foerderprogramme", "foerderwege"},
        {"uebertragung", "aehnliche", "quellen", "kontakt"},
    ]


def test_a_body_heading_named_like_a_section_gets_its_own_anchor(project: Path) -> None:
    append_body(project, "stadtteilbuero-nordstadt", "\n## Kontakt\n\nIm Stadtteilbüro.\n")
    code, output = build(project)
    assert code == 0, output
    html = (project / "site/practices/stadtteilbuero-nordstadt/index.html").read_text("utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert ("kontakt_1", "Kontakt") in toc(html) and ("kontakt", "Kontakt") in toc(html)


def test_warnings_of_pages_in_both_processes_are_reported(project: Path) -> None:
    for slug in ("sozialplanung-gera", "stadtteilbuero-nordstadt"):
        append_body(project, slug, f"\n[Weiter](fehlt-{slug}.md)\n")
    code, output = build(project, "--strict")
    assert code == 1
    assert "fehlt-sozialplanung-gera.md" in output
    assert "fehlt-stadtteilbuero-nordstadt.md" in output
    assert "bisherige Website bleibt unverändert" in output


@pytest.mark.parametrize(
    ("anchor", "fails"), [("kontakt", False), ("ausgangslage", False), ("gibt-es-nicht", True)]
)
def test_links_to_anchors_of_the_other_process_are_checked(
    project: Path, anchor: str, fails: bool
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n", encoding="utf-8"
    )
    for slug, other in (
        ("sozialplanung-gera", "stadtteilbuero-nordstadt"),
        ("stadtteilbuero-nordstadt", "sozialplanung-gera"),
    ):
        append_body(project, slug, f"\n[Dort]({other}.md#{anchor})\n")
    code, output = build(project, "--strict")
    assert (code == 1) is fails, output
    if fails:
        assert output.count("#gibt-es-nicht") >= 2


def test_an_error_in_the_second_process_fails_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(project)[0] == 0
    before = (project / "site/index.html").read_bytes()
    from praxis import render

    original = render._NoEditLink.on_page_context

    def broken(self: Any, context: Any, /, *, page: Any, **kwargs: Any) -> Any:
        rendered_here = not isinstance(page, StandIn)
        if page.file.src_uri == "practices/stadtteilbuero-nordstadt.md" and rendered_here:
            raise RuntimeError("Vorlage kaputt")
        return original(self, context, page=page, **kwargs)

    monkeypatch.setattr(render._NoEditLink, "on_page_context", broken)
    code, output = build(project)
    assert code == 1
    assert "Der zweite MkDocs-Prozess ist abgebrochen" in output
    assert "Vorlage kaputt" in output
    assert (project / "site/index.html").read_bytes() == before


def primary_nav(html: str) -> str:
    start = html.index('data-md-type="navigation"')
    return html[start : html.index('data-md-type="toc"')]


def test_entry_pages_share_one_navigation_and_overviews_keep_their_own(
    built_site: Path,
) -> None:
    """The navigation of pages outside it is rendered once (`praxis_nav`): the same on
    every entry page, while a page in the navigation is still marked as the current one."""
    entries = [
        primary_nav((built_site / url / "index.html").read_text(encoding="utf-8"))
        for url in ENTRIES
    ]
    assert len(set(entries)) == 1
    assert 'href="../../laender/"' in entries[0]
    assert "md-nav__link--active" not in entries[0]
    land = primary_nav((built_site / "laender/he/index.html").read_text(encoding="utf-8"))
    assert "md-nav__link--active" in land and land != entries[0]
