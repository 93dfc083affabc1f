"""The render stage as readers and editors see its result: every entry page once, its
table of contents with the fixed sections around the body's headings, unique anchors,
every field escaped, MkDocs' warnings reported, and an instance's own MkDocs plugins
and hooks at work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli

ENTRIES = (
    "practices/sozialplanung-gera",
    "practices/stadtteilbuero-nordstadt",
    "programmes/landesprogramm-gwa",
    "programmes/zusammen-im-quartier",
)


def build(project: Path, *args: str) -> tuple[int, str]:
    """`praxis build`; an exception other than a German error message fails the test."""
    result = CliRunner().invoke(
        cli, ["build", "--root", str(project), *args], catch_exceptions=False
    )
    return result.exit_code, result.output


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


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


def test_every_entry_page_is_written_once_with_one_title(built_site: Path) -> None:
    for url in ENTRIES:
        html = html_of(built_site, url)
        assert html.count('<h2 id="steckbrief">') == 1, url
        assert html.count("<h1") == 1, url
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), url


def test_practice_page_lists_its_sections_and_body_headings_in_order(
    built_site: Path,
) -> None:
    html = html_of(built_site, "practices/stadtteilbuero-nordstadt")
    anchors = [anchor for anchor, _ in toc(html)]
    assert anchors[0] == "steckbrief"
    assert anchors[-2:] == ["quellen", "kontakt"]
    assert anchors.index("uebertragbarkeit") < anchors.index("foerderwege")
    fixed = {"steckbrief", "wirkung", "uebertragbarkeit", "foerderprogramme", "foerderwege"}
    fixed |= {"uebertragung", "aehnliche", "quellen", "kontakt"}
    body = [anchor for anchor in anchors if anchor not in fixed]
    assert body, "the body's own headings are in the table of contents"
    assert anchors.index(body[-1]) < anchors.index("uebertragbarkeit")
    for anchor in anchors:  # every entry of the table of contents leads somewhere
        assert f'id="{anchor}"' in html
        assert f'class="headerlink" href="#{anchor}"' in html


def test_a_body_heading_named_like_a_section_gets_its_own_anchor(project: Path) -> None:
    append_body(project, "stadtteilbuero-nordstadt", "\n## Kontakt\n\nIm Stadtteilbüro.\n")
    code, output = build(project)
    assert code == 0, output
    html = html_of(project / "site", "practices/stadtteilbuero-nordstadt")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert ("kontakt", "Kontakt") in toc(html) and ("kontakt_1", "Kontakt") in toc(html)
    assert html.index('id="kontakt"') < html.index('id="kontakt_1"')  # body, then section


def test_html_comments_and_markers_in_a_body_are_just_text(project: Path) -> None:
    append_body(
        project,
        "stadtteilbuero-nordstadt",
        "\n<!--praxis-fragment 99-->\n\n<!--praxis-fragment 0-->\n\nEnde.\n",
    )
    code, output = build(project)
    assert code == 0, output
    html = html_of(project / "site", "practices/stadtteilbuero-nordstadt")
    assert html.count('<h2 id="steckbrief">') == 1
    assert "Ende." in html


def test_every_field_of_an_entry_is_escaped(project: Path) -> None:
    """Markup in front matter values is shown as text: in the page, its title and its
    description, and in the lists of other pages."""
    path = project / "content/practices/stadtteilbuero-nordstadt.md"
    text = path.read_text(encoding="utf-8")
    evil = 'Nord > Süd "&"'
    text = re.sub(r"(?m)^titel: .*$", f"titel: 'Stadtteilbüro {evil}'", text, count=1)
    text = re.sub(
        r"(?m)^kurzbeschreibung: .*$",
        "kurzbeschreibung: 'Ein Büro im Quartier, das Menschen zusammenbringt: "
        'Nachbarn > Nachbarschaft "&" mehr\'',
        text,
        count=1,
    )
    path.write_text(text, encoding="utf-8")
    code, output = build(project)
    assert code == 0, output
    site = project / "site"
    for url in ("practices/stadtteilbuero-nordstadt", "laender/he", "praxisbeispiele"):
        html = html_of(site, url)
        assert "Nord &gt; Süd &#34;&amp;&#34;" in html, url
    html = html_of(site, "practices/stadtteilbuero-nordstadt")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "Nord &gt; Süd &#34;&amp;&#34;" in title.group(1)
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert description and "Nachbarn &gt; Nachbarschaft &#34;&amp;&#34;" in description.group(1)


def test_site_warnings_are_reported_and_strict_fails(project: Path) -> None:
    for slug in ("sozialplanung-gera", "stadtteilbuero-nordstadt"):
        append_body(project, slug, f"\n[Weiter](fehlt-{slug}.md)\n")
    code, output = build(project, "--strict")
    assert code == 1
    assert "fehlt-sozialplanung-gera.md" in output
    assert "fehlt-stadtteilbuero-nordstadt.md" in output
    assert "Die bisherige Website bleibt unverändert." in output


@pytest.mark.parametrize(("anchor", "fails"), [("ausgangslage", False), ("gibt-es-nicht", True)])
def test_links_to_anchors_of_other_entries_are_checked(
    project: Path, anchor: str, fails: bool
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n", encoding="utf-8"
    )
    append_body(project, "sozialplanung-gera", f"\n[Dort](stadtteilbuero-nordstadt.md#{anchor})\n")
    code, output = build(project, "--strict")
    assert (code == 1) is fails, output
    if fails:
        assert "#gibt-es-nicht" in output


def primary_nav(html: str) -> str:
    start = html.index('data-md-type="navigation"')
    return html[start : html.index('data-md-type="toc"')]


def test_entry_pages_share_one_navigation_and_overviews_keep_their_own(
    built_site: Path,
) -> None:
    entries = [primary_nav(html_of(built_site, url)) for url in ENTRIES]
    assert len(set(entries)) == 1
    assert 'href="../../laender/"' in entries[0]
    assert "md-nav__link--active" not in entries[0]
    land = primary_nav(html_of(built_site, "laender/he"))
    assert "md-nav__link--active" in land and land != entries[0]


HOOK = """\
def on_page_markdown(markdown, page, **kwargs):
    return markdown + "\\n\\nVon der Instanz ergänzt.\\n"
"""


def test_an_instance_runs_its_own_plugins_and_hooks(project: Path) -> None:
    """Material's tags plugin and a hook file in the instance's mkdocs.yml run next to the
    engine's plugin; lunr search stays replaced by Pagefind."""
    (project / "hooks").mkdir()
    (project / "hooks/ergaenzen.py").write_text(HOOK, encoding="utf-8")
    (project / "content/mitmachen.md").write_text(
        "---\ntags:\n  - Beteiligung\n---\n\n# Mitmachen\n\nSo geht es.\n", encoding="utf-8"
    )
    (project / "content/schlagworte.md").write_text(
        "# Schlagworte\n\n<!-- material/tags -->\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "plugins:\n  - search\n  - tags\nhooks:\n  - hooks/ergaenzen.py\n",
        encoding="utf-8",
    )
    code, output = build(project)
    assert code == 0, output
    site = project / "site"
    tags = html_of(site, "schlagworte")
    assert "Beteiligung" in tags and "../mitmachen/" in tags
    assert "Beteiligung" in html_of(site, "mitmachen")  # the tag shown on the page
    assert "Von der Instanz ergänzt." in html_of(site, "mitmachen")
    assert "Von der Instanz ergänzt." in html_of(site, "practices/sozialplanung-gera")
    assert not (site / "search/search_index.json").exists()
