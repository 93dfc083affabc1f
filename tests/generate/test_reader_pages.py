"""What a practitioner reads on the built pages: who funds a practice "here" (Förderwege
grouped by own Land, Bund and EU, other Länder; the one-Land instance), plain German
instead of field names, no place named twice, e-mail addresses a script can make
clickable without letting a hostile address run anything."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from praxis.model.entries import Practice, Programme
from tests.readersite import HOSTILE_EMAILS, add_reader_entries, build, programme
from tests.sitehtml import Page, page, section


@pytest.fixture
def reader_site(project: Path) -> Path:
    add_reader_entries(project)
    return build(project)


class Elements(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def groups(site: Path, url: str) -> list[str]:
    """The `data-land` of the Förderwege groups, in page order ("" for Bund und EU)."""
    return [
        attrs.get("data-land") or ""
        for tag, attrs in Elements(html_of(site, url)).tags
        if "praxis-weg" in (attrs.get("class") or "").split()
    ]


def test_foerderwege_put_the_own_land_first_then_bund_and_eu_then_other_laender(
    reader_site: Path,
) -> None:
    gera = "practices/sozialplanung-gera"
    assert groups(reader_site, gera) == ["TH", "", "HE", "NW"]
    wege = section(reader_site, gera, "foerderwege")
    order = [
        "Thüringen (Land des Praxisbeispiels) Thüringer Sozialplanungsförderung · Land Thüringen",
        "Bund und EU Sozialer Zusammenhalt",
        "Hessen Hessische Sozialplanungsförderung",
        "Nordrhein-Westfalen Zusammen im Quartier",
    ]
    assert all(part in wege for part in order), wege
    assert [wege.index(part) for part in order] == sorted(wege.index(part) for part in order)
    assert wege.count("passt zu: Strategische und integrierte Sozialplanung") == 4
    # the entry names no programme: no empty "Förderprogramme" section above
    assert 'id="foerderprogramme"' not in html_of(reader_site, gera)
    assert "Keine Förderprogramme angegeben" not in page(reader_site, gera).plain


def test_a_programme_the_entry_names_is_not_listed_again(reader_site: Path) -> None:
    kassel = "practices/stadtteilbuero-nordstadt"
    named = section(reader_site, kassel, "foerderprogramme")
    assert "Landesprogramm Gemeinwesenarbeit" in named
    assert "Landesprogramm Gemeinwesenarbeit" not in section(reader_site, kassel, "foerderwege")


def test_the_mein_land_choice_offers_every_land_and_waits_for_the_script(
    reader_site: Path,
) -> None:
    html = html_of(reader_site, "practices/sozialplanung-gera")
    tags = Elements(html).tags
    choice = [a for t, a in tags if (a.get("class") or "") == "praxis-meinland"]
    assert choice and "hidden" in choice[0]  # without script it does nothing, so not shown
    options = [a for t, a in tags if t == "option" and a.get("data-url")]
    assert len(options) == 16
    assert {"value": "BY", "data-url": "../../laender/by/#foerderprogramme"}.items() <= (
        options[1].items()
    )
    assert '<label for="praxis-meinland-wahl">Mein Land</label>' in html


def test_one_land_instance_shows_bund_and_eu_and_hides_what_is_empty(project: Path) -> None:
    (project / "content/programmes/zusammen-im-quartier.md").unlink()  # only Hessen left
    programme(project, "bund-zusammenhalt", "Sozialer Zusammenhalt", "bund", None, "BMWSB")
    site = build(project)
    gera = "practices/sozialplanung-gera"
    assert groups(site, gera) == [""]
    wege = section(site, gera, "foerderwege")
    assert "Bund und EU Sozialer Zusammenhalt" in wege
    assert "Mein Land" not in wege  # programmes of one Land only: nothing to reorder
    kassel = html_of(site, "practices/stadtteilbuero-nordstadt")
    assert 'id="foerderwege"' not in kassel  # nothing else funds its Handlungsfelder
    assert 'href="#foerderwege"' not in kassel  # nor in the table of contents
    assert 'id="foerderprogramme"' in kassel
    for url in (gera, "practices/stadtteilbuero-nordstadt"):
        headings = re.findall(r"<h3[^>]*>(.*?)</h3>\s*<ul>\s*</ul>", html_of(site, url), re.S)
        assert not headings, f"{url}: leere Gruppen {headings}"


def test_nothing_that_funds_the_practice_is_an_invitation_not_an_empty_heading(
    project: Path,
) -> None:
    for slug in ("zusammen-im-quartier", "landesprogramm-gwa"):
        (project / f"content/programmes/{slug}.md").unlink()
    text = (project / "content/practices/stadtteilbuero-nordstadt.md").read_text("utf-8")
    path = project / "content/practices/stadtteilbuero-nordstadt.md"
    path.write_text(text.replace("programme: [landesprogramm-gwa]\n", ""), "utf-8")
    site = build(project)
    wege = section(site, "practices/sozialplanung-gera", "foerderwege")
    assert "Noch keine Förderprogramme zu diesen Handlungsfeldern erfasst." in wege
    assert groups(site, "practices/sozialplanung-gera") == []


def field_names(schema: dict) -> set[str]:  # type: ignore[type-arg]
    """Every key of an entry, nested ones included (`beginn` of `laufzeit`)."""
    parts = [schema, *schema.get("$defs", {}).values()]
    return {name for part in parts for name in part.get("properties", {})}


FIELD_NAMES = field_names(Practice.model_json_schema()) | field_names(Programme.model_json_schema())
# a field name in quotes („programme“), or a dotted path (laufzeit.beginn)
FIELD_LIKE = re.compile(r"„([a-z_]+)“|\b([a-z_]+)\.[a-z_]+\b")


def test_readers_get_plain_german_not_field_names(reader_site: Path) -> None:
    """Every page a reader meets, including the invitations of empty sections. The open
    data page `daten/` is left out: it documents the columns of the data files."""
    found = []
    for html in reader_site.rglob("*.html"):
        url = html.parent.relative_to(reader_site).as_posix()
        if url.startswith(("daten", "pagefind")):
            continue
        text = Page(html.read_text(encoding="utf-8")).plain
        for quoted, dotted in FIELD_LIKE.findall(text):
            if (quoted or dotted) in FIELD_NAMES:
                found.append(f"{url}: {quoted or dotted}")
    assert not found
    invite = section(reader_site, "programmes/zusammen-im-quartier", "praxisbeispiele")
    assert "nennen Sie dabei dieses Programm als Förderung" in invite
    assert "So tragen Sie ein Praxisbeispiel ein." in invite


def test_a_place_or_a_land_is_named_once(reader_site: Path) -> None:
    thueringen = page(reader_site, "laender/th").plain
    assert "Sozialbericht Thüringen Thüringen · läuft" in thueringen
    assert "Thüringen, Thüringen" not in thueringen
    assert "Thüringer Sozialplanungsförderung Land Thüringen · aktiv" in thueringen
    assert "Land Thüringen · Land Thüringen" not in thueringen
    facts = section(reader_site, "practices/th-sozialbericht", "steckbrief")
    assert "Land Thüringen Ort landesweit Träger" in facts
    gera = page(reader_site, "laender/th").plain  # a place and its Land are both named
    assert "Integrierte Sozialplanung in Gera Gera, Thüringen · läuft" in gera
    hessen = page(reader_site, "laender/he").plain
    assert "Land Hessen · Hessisches Ministerium für Soziales und Integration · aktiv" in hessen


def email_spans(site: Path, url: str) -> list[dict[str, str | None]]:
    return [
        attrs
        for tag, attrs in Elements(html_of(site, url)).tags
        if tag == "span" and attrs.get("class") == "praxis-email"
    ]


def test_a_valid_address_carries_its_halves_for_the_script(reader_site: Path) -> None:
    (span,) = email_spans(reader_site, "practices/th-sozialbericht")
    assert span["data-name"] == "sozialbericht" and span["data-host"] == "example.org"
    contact = section(reader_site, "practices/th-sozialbericht", "kontakt")
    assert "E-Mail sozialbericht [at] example [punkt] org" in contact  # without script
    html = html_of(reader_site, "practices/th-sozialbericht")
    assert "sozialbericht@example.org" not in html and "mailto:" not in html


@pytest.mark.parametrize("name", sorted(HOSTILE_EMAILS))
def test_a_hostile_address_stays_text(reader_site: Path, name: str) -> None:
    url = f"practices/mail-{name}"
    (span,) = email_spans(reader_site, url)
    assert "data-name" not in span and "data-host" not in span  # the script makes no link
    tags = Elements(html_of(reader_site, url)).tags
    handlers = [(t, k) for t, a in tags for k in a if k.startswith("on")]
    assert not handlers
    assert not [a for t, a in tags if t in ("img", "b")]
    assert not [a for t, a in tags if (a.get("href") or "").startswith("javascript:")]
    # the reader still sees the address as it was entered, as text
    local = HOSTILE_EMAILS[name].partition("@")[0]
    assert local in section(reader_site, url, "kontakt")
