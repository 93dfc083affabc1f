"""The generated entry and overview pages of the built sample site, as a practitioner
reads them: Steckbrief, Übertragbarkeit, Förderwege, lineage, contact, lists."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from praxis.cli import cli
from praxis.generate.site import navigation
from tests.sitehtml import page, section


def built(project: Path) -> Path:
    """The project built with `praxis build`: its site directory."""
    result = CliRunner().invoke(cli, ["build", "--root", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project / "site"


def test_practice_page_shows_steckbrief_with_vocabulary_labels(built_site: Path) -> None:
    facts = section(built_site, "practices/stadtteilbuero-nordstadt", "steckbrief")
    for expected in (
        "Land Hessen",
        "Ort Kassel, Nordstadt (Quartier)",
        "Träger Stadt Kassel (Kommune)",
        "Laufzeit seit 2015",
        "Status läuft",
        "Bewohnerbeteiligung und Aktivierung",
        "Familien",
        "Kosten keine Angabe",
        "Evidenz Dokumentation",
    ):
        assert expected in facts
    links = page(built_site, "practices/stadtteilbuero-nordstadt").hrefs()
    assert "../../laender/he/" in links
    assert "../../handlungsfelder/beteiligung/" in links


def test_uebertragbarkeit_shows_stolpersteine_or_invites_them(built_site: Path) -> None:
    known = section(built_site, "practices/stadtteilbuero-nordstadt", "uebertragbarkeit")
    assert "Stolpersteine Anfangs kamen nur wenige Menschen." in known
    assert "Voraussetzungen Ein Raum im Quartier" in known
    missing = section(built_site, "practices/sozialplanung-gera", "uebertragbarkeit")
    assert "Noch keine Stolpersteine erfasst" in missing
    edit = "https://example.org/praxis-test/edit/main/content/practices/sozialplanung-gera.md"
    assert edit in page(built_site, "practices/sozialplanung-gera").hrefs()


def test_foerderwege_list_programmes_the_entry_does_not_name(built_site: Path) -> None:
    gera = section(built_site, "practices/sozialplanung-gera", "foerderwege")
    assert "Nordrhein-Westfalen Zusammen im Quartier · Ministerium" in gera
    assert "passt zu: Strategische und integrierte Sozialplanung" in gera
    kassel = section(built_site, "practices/stadtteilbuero-nordstadt", "foerderwege")
    assert "Zusammen im Quartier" in kassel
    assert "Landesprogramm Gemeinwesenarbeit" not in kassel  # named above it
    assert "Landesprogramm Gemeinwesenarbeit" in section(
        built_site, "practices/stadtteilbuero-nordstadt", "foerderprogramme"
    )


def test_bundesweite_programmes_are_listed_separately(project: Path) -> None:
    (project / "content/programmes/soziale-stadt.md").write_text(
        "---\ntitel: Sozialer Zusammenhalt\nkurzbeschreibung: Das Bund-Länder-Programm der "
        "Städtebauförderung unterstützt Quartiere mit besonderem Entwicklungsbedarf.\n"
        "ebene: bund\nfoerdergeber: Bundesministerium für Wohnen\nhandlungsfelder: "
        "[quartiersmanagement, sozialplanung]\nstatus: aktiv\nquellen: [{titel: BMWSB}]\n"
        "redaktion: {erfasst: 2026-10-01}\n---\nText.\n",
        encoding="utf-8",
    )
    wege = section(built(project), "practices/sozialplanung-gera", "foerderwege")
    assert "Bund und EU Sozialer Zusammenhalt" in wege
    assert "Nordrhein-Westfalen Zusammen im Quartier" in wege


def test_lineage_is_shown_both_ways(built_site: Path) -> None:
    kassel = section(built_site, "practices/stadtteilbuero-nordstadt", "uebertragung")
    assert "Wurde übertragen nach Integrierte Sozialplanung in Gera" in kassel
    assert (
        "../../practices/sozialplanung-gera/"
        in page(built_site, "practices/stadtteilbuero-nordstadt").hrefs()
    )
    gera = section(built_site, "practices/sozialplanung-gera", "uebertragung")
    assert "Übertragen von Stadtteilbüro Nordstadt" in gera


def test_email_addresses_are_not_harvestable(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "mailto:" not in text, html
        assert not re.search(r"[\w.+-]+(@|&#64;|&#x40;)[\w-]+\.[a-z]{2,}", text), html
    contact = section(built_site, "practices/stadtteilbuero-nordstadt", "kontakt")
    assert "E-Mail info [at] example [punkt] org" in contact


def test_history_completeness_and_edit_link(built_site: Path) -> None:
    text = section(built_site, "practices/stadtteilbuero-nordstadt", "kontakt")
    assert "Erfasst am 01.10.2026" in text and "Vollständigkeit 100 %" in text
    assert "Vollständigkeit 18 %" in section(built_site, "practices/sozialplanung-gera", "kontakt")
    edit = [
        attrs
        for _, attrs in page(built_site, "practices/stadtteilbuero-nordstadt").links
        if attrs.get("rel") == "edit"
    ]
    assert edit and edit[0]["href"] == (
        "https://example.org/praxis-test/edit/main/content/practices/stadtteilbuero-nordstadt.md"
    )
    overview = page(built_site, "laender/he")
    assert not [a for _, a in overview.links if a.get("rel") == "edit"]  # generated: no file


def test_programme_page_has_facts_and_funded_practices(built_site: Path) -> None:
    facts = section(built_site, "programmes/landesprogramm-gwa", "steckbrief")
    for expected in (
        "Ebene Land",
        "Land Hessen",
        "Fördergeber Hessisches Ministerium",
        "Servicestelle Landesarbeitsgemeinschaft",
        "Budget 4.500.000 € jährlich",
        "Laufzeit seit 2014",
        "Status aktiv",
        "Antragsberechtigt Kommune",
        "Richtlinie keine Angabe",
    ):
        assert expected in facts
    funded = section(built_site, "programmes/landesprogramm-gwa", "praxisbeispiele")
    assert "Stadtteilbüro Nordstadt" in funded
    assert "Noch ist kein Praxisbeispiel" in section(
        built_site, "programmes/zusammen-im-quartier", "praxisbeispiele"
    )


def test_overviews_group_entries_and_invite_to_empty_ones(built_site: Path) -> None:
    hessen = page(built_site, "laender/he").plain
    assert "Praxisbeispiele (1)" in hessen and "Stadtteilbüro Nordstadt" in hessen
    assert "Landesprogramm Gemeinwesenarbeit" in hessen
    bayern = page(built_site, "laender/by").plain
    assert "Aus Bayern ist noch kein Praxisbeispiel erfasst" in bayern
    feld = page(built_site, "handlungsfelder/gemeinwesenarbeit").plain
    assert "Stadtteilbüro Nordstadt" in feld and "Zusammen im Quartier" in feld
    assert "Integrierte Sozialplanung in Gera" not in feld
    zielgruppe = page(built_site, "zielgruppen/fachkraefte").plain
    assert "Integrierte Sozialplanung in Gera" in zielgruppe
    laender = page(built_site, "laender").plain
    assert "Hessen 1 1" in laender and "Thüringen 1 0" in laender


def test_lists_of_all_entries_are_sortable_tables(built_site: Path) -> None:
    html = (built_site / "praxisbeispiele/index.html").read_text(encoding="utf-8")
    assert 'class="praxis-sortable"' in html and 'data-sort="2015"' in html
    rows = page(built_site, "praxisbeispiele").plain
    assert "Integrierte Sozialplanung in Gera Thüringen Gera 2012 läuft 18 %" in rows
    assert (
        "Landesprogramm Gemeinwesenarbeit Land Hessen" in page(built_site, "foerderprogramme").plain
    )


def test_navigation_holds_overviews_not_entries(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    nav = html[
        html.index('class="md-nav md-nav--primary"') : html.index(
            "</nav>", html.index('class="md-nav md-nav--primary"')
        )
    ]
    for label in ("Praxisbeispiele", "Förderprogramme", "Länder", "Handlungsfelder", "Zielgruppen"):
        assert label in nav
    assert "practices/" not in nav and "programmes/" not in nav


def test_navigation_takes_pages_only_when_present(collection) -> None:  # type: ignore[no-untyped-def]
    nav = navigation(
        collection,
        {
            "index.md",
            "laender/index.md",
            "laender/he.md",
            "karte/index.md",
            "ueber-uns.md",
            "impressum.md",
        },
    )
    assert nav[0] == {"Start": "index.md"}
    assert {"Länder": ["laender/index.md", {"Hessen": "laender/he.md"}]} in nav
    assert {"Karte": "karte/index.md"} in nav
    assert nav[-2:] == ["ueber-uns.md", {"Impressum": "impressum.md"}]
    assert not any("Statistik" in item for item in nav if isinstance(item, dict))


def test_foerderwege_show_the_best_matches_per_land_and_link_the_rest(project: Path) -> None:
    for number in range(1, 5):
        felder = "[sozialplanung, monitoring]" if number == 4 else "[sozialplanung]"
        (project / f"content/programmes/nrw-programm-{number}.md").write_text(
            f"---\ntitel: NRW-Programm {number}\nkurzbeschreibung: Ein weiteres Programm des "
            "Landes Nordrhein-Westfalen, das Kommunen bei der integrierten Sozialplanung "
            f"unterstützt.\nebene: land\nbundesland: NW\nfoerdergeber: MAGS NRW\n"
            f"handlungsfelder: {felder}\nstatus: aktiv\nquellen: [{{titel: MAGS}}]\n"
            "redaktion: {erfasst: 2026-10-01}\n---\nText.\n",
            encoding="utf-8",
        )
    site = built(project)
    wege = section(site, "practices/sozialplanung-gera", "foerderwege")
    assert wege.index("NRW-Programm 4") < wege.index("NRW-Programm 1")  # two shared fields
    assert wege.count("· MAGS NRW ·") + wege.count("· Ministerium für Arbeit") == 3
    assert "2 weitere Programme in Nordrhein-Westfalen" in wege
    links = page(site, "practices/sozialplanung-gera").hrefs()
    assert "../../laender/nw/#foerderprogramme" in links
