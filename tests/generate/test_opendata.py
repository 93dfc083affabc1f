"""Open data under daten/: JSON, CSV for Excel, JSON Schema, Atom feed, JSON-LD, the page."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from praxis.config import Instance
from praxis.generate import entry_url, opendata
from praxis.generate.syndication import jsonld
from praxis.load.collection import Collection, load_collection
from praxis.validate.collection import validate_collection
from tests.conftest import TODAY, edit

ATOM = "{http://www.w3.org/2005/Atom}"
META = ("slug", "kind", "url", "completeness")
GERA = "content/practices/sozialplanung-gera.md"


def generated(collection: Collection) -> dict[str, str]:
    files = {f.path: f.content for f in opendata.files(collection)}
    assert all(isinstance(text, str) for text in files.values())
    return files  # type: ignore[return-value]


def reload(project: Path) -> Collection:
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    return collection


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "UTF-8 BOM, so that Excel reads the umlauts"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_json_has_the_published_entries_only(collection: Collection) -> None:
    files = generated(collection)
    practices = json.loads(files["daten/praxisbeispiele.json"])
    programmes = json.loads(files["daten/foerderprogramme.json"])
    assert [p["slug"] for p in practices] == ["sozialplanung-gera", "stadtteilbuero-nordstadt"]
    assert [p["slug"] for p in programmes] == ["landesprogramm-gwa", "zusammen-im-quartier"]
    nordstadt = practices[1]
    assert nordstadt["kind"] == "practice" and nordstadt["url"] == entry_url(
        "practice", "stadtteilbuero-nordstadt"
    )
    assert nordstadt["titel"] == "Stadtteilbüro Nordstadt"
    assert nordstadt["redaktion"]["erfasst"] == "2026-10-01"  # dates as ISO text
    assert nordstadt["ort"]["koordinaten"] == [51.33, 9.5]
    assert 0 < practices[0]["completeness"] < nordstadt["completeness"] <= 1


def test_each_exported_entry_validates_against_the_published_schema(collection: Collection) -> None:
    files = generated(collection)
    for kind, name in (("practice", "praxisbeispiele"), ("programme", "foerderprogramme")):
        schema = json.loads(files[f"daten/{kind}.schema.json"])
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        rows = json.loads(files[f"daten/{name}.json"])
        assert rows
        for row in rows:
            validator.validate({k: v for k, v in row.items() if k not in META})
        # and the schema does catch a broken entry
        broken = {k: v for k, v in rows[0].items() if k not in META and k != "titel"}
        assert not validator.is_valid(broken)


def test_csv_opens_in_excel_with_umlauts_and_the_same_columns_in_every_row(project: Path) -> None:
    edit(
        project / GERA,
        "titel: Integrierte Sozialplanung in Gera",
        'titel: "=HYPERLINK(\\"http://x\\") Gera"',
    )
    files = generated(reload(project))
    rows = read_csv(files["daten/praxisbeispiele.csv"])
    header, body = rows[0], rows[1:]
    assert header[:4] == list(META)
    assert {
        "ort.name",
        "traeger.art",
        "uebertragbarkeit.stolpersteine",
        "redaktion.erfasst",
    } <= set(header)
    assert len(body) == 2 and all(len(row) == len(header) for row in body)
    record = dict(zip(header, body[1], strict=True))
    assert record["titel"] == "Stadtteilbüro Nordstadt"
    assert record["zielgruppen"] == "bewohner | familien"
    assert record["ort.koordinaten"] == "51,33 | 9,5"  # decimal comma, as in German Excel
    assert record["uebertragbarkeit.stolpersteine"] == "Anfangs kamen nur wenige Menschen."
    gera = dict(zip(header, body[0], strict=True))
    assert gera["titel"].startswith("'="), "a formula is shown as text, never run"
    programmes = read_csv(files["daten/foerderprogramme.csv"])
    assert "foerdergeber" in programmes[0] and "ort.name" not in programmes[0]
    assert "Hessisches Ministerium für Soziales und Integration" in programmes[1]


def test_feed_is_atom_with_the_newest_entries_first(project: Path) -> None:
    edit(
        project / GERA,
        "erfasst: 2026-10-01",
        "erfasst: 2026-11-02\n  aktualisiert: 2026-11-10",
    )
    edit(
        project / "content/programmes/zusammen-im-quartier.md",
        "erfasst: 2026-10-01",
        "erfasst: 2025-01-15",
    )
    feed = ET.fromstring(generated(reload(project))["daten/feed.xml"])
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert feed.findtext(ATOM + name), name
    assert feed.findtext(f"{ATOM}updated") == "2026-11-10T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[0] == "Integrierte Sozialplanung in Gera"
    assert titles[-1] == "Zusammen im Quartier"
    assert "Ein Entwurf" not in titles
    published = [e.findtext(f"{ATOM}published", "") for e in entries]
    assert published == sorted(published, reverse=True)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:uuid:") for i in ids)
    # without site_url the links are relative to the feed and lead to the entry pages
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    assert urljoin("https://x.de/daten/feed.xml", link.get("href", "")) == (
        "https://x.de/practices/sozialplanung-gera/"
    )


def test_feed_keeps_the_newest_fifty_with_absolute_links_when_site_url_is_set(
    project: Path,
) -> None:
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(
        "site_url: https://praxis.example.de/\n" + mkdocs.read_text("utf-8"), encoding="utf-8"
    )
    source = (project / "content/practices/stadtteilbuero-nordstadt.md").read_text("utf-8")
    for day in range(1, 56):
        date = f"2025-{(day - 1) // 28 + 1:02d}-{(day - 1) % 28 + 1:02d}"
        text = source.replace("erfasst: 2026-10-01", f"erfasst: {date}")
        (project / f"content/practices/kopie-{day:02d}.md").write_text(text, encoding="utf-8")
    feed = ET.fromstring(generated(reload(project))["daten/feed.xml"])
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 50
    links = [e.find(f"{ATOM}link").get("href", "") for e in entries]  # type: ignore[union-attr]
    assert all(link.startswith("https://praxis.example.de/") for link in links)
    assert "https://praxis.example.de/practices/kopie-01/" not in links  # the oldest fell out
    self_link = [lk for lk in feed.findall(f"{ATOM}link") if lk.get("rel") == "self"]
    assert self_link[0].get("href") == "https://praxis.example.de/daten/feed.xml"
    data = json.loads(generated(reload(project))["daten/praxisbeispiele.json"])
    assert data[0]["url"].startswith("https://praxis.example.de/practices/")


def test_page_explains_the_files_and_the_instances_licence(project: Path) -> None:
    edit(project / "mkdocs.yml", "lizenz: CC BY 4.0", "lizenz: dl-de/by-2-0")
    files = generated(reload(project))
    page = files["daten/index.md"]
    assert page.startswith("# Offene Daten")
    assert (
        "[Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)]"
        "(https://www.govdata.de/dl-de/by-2-0)"
    ) in page
    assert "> Servicestelle Test, dl-de/by-2-0 (https://www.govdata.de/dl-de/by-2-0)" in page
    for name in files:
        if name != "daten/index.md":
            assert f"]({name.removeprefix('daten/')})" in page, name
    assert "2 Praxisbeispiele" in page and "2 Förderprogramme" in page


@pytest.mark.parametrize("slug", ["stadtteilbuero-nordstadt", "landesprogramm-gwa"])
def test_jsonld_describes_an_entry_with_schema_org(collection: Collection, slug: str) -> None:
    doc = next(d for d in collection.documents if d.slug == slug)
    data = jsonld(doc, collection.instance)
    json.dumps(data)  # serialisable
    assert data["@context"] == "https://schema.org"
    page = "https://example.org/" + entry_url(doc.kind, doc.slug)
    assert data["name"] == doc.entry.titel and urljoin(page, data["url"]) == page
    if doc.kind == "practice":
        assert data["@type"] == "CreativeWork"
        assert data["spatialCoverage"]["name"] == "Kassel"
        assert data["spatialCoverage"]["geo"]["latitude"] == 51.33
        assert data["license"] == "https://creativecommons.org/licenses/by/4.0/deed.de"
        assert data["dateCreated"] == "2026-10-01"
        assert data["temporalCoverage"] == "2015/.."
    else:
        assert data["@type"] == "FundingScheme"
        assert data["funder"]["name"] == "Hessisches Ministerium für Soziales und Integration"
        assert data["areaServed"]["name"] == "Hessen"


def test_built_site_serves_the_data_files_and_embeds_jsonld(built_site: Path) -> None:
    daten = built_site / "daten"
    for name in (
        "praxisbeispiele.json",
        "praxisbeispiele.csv",
        "foerderprogramme.json",
        "foerderprogramme.csv",
        "practice.schema.json",
        "programme.schema.json",
        "feed.xml",
        "index.html",
    ):
        assert (daten / name).is_file(), name
    assert (daten / "praxisbeispiele.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    html = (built_site / "practices/stadtteilbuero-nordstadt/index.html").read_text("utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert script, "the entry page embeds JSON-LD"
    assert json.loads(script.group(1))["name"] == "Stadtteilbüro Nordstadt"
    for page in ("karte", "statistik", "daten"):
        text = (built_site / page / "index.html").read_text("utf-8")
        links = re.findall(r'href="(\.\./(?:laender|handlungsfelder)/[a-z-]+/)"', text)
        assert page == "daten" or len(links) >= 16
        for href in links:
            assert (built_site / page / href / "index.html").resolve().is_file(), href


@settings(max_examples=200, deadline=None)
@given(
    titel=st.text(min_size=1, max_size=40),
    felder=st.lists(st.text(alphabet="abcäöüß;|\"'\n =+-@", max_size=8), max_size=4),
    betrag=st.one_of(st.none(), st.floats(min_value=0, max_value=1e9, allow_nan=False)),
)
def test_any_text_survives_the_csv_round_trip(
    titel: str, felder: list[str], betrag: float | None
) -> None:
    row = {
        "slug": "x",
        "titel": titel,
        "handlungsfelder": felder,
        "finanzierung": {"budget": {"betrag_eur": betrag}},
    }
    parsed = read_csv(opendata.csv_text([row], ["programme"]))
    header, values = parsed[0], parsed[1]
    assert len(values) == len(header)
    record = dict(zip(header, values, strict=True))
    assert record["titel"] == opendata.cell(titel)  # ; " and line breaks are quoted
    assert record["handlungsfelder"] == " | ".join(opendata.cell(f) for f in felder)
    assert record["titel"][:1] not in ("=", "+", "-", "@")
    if betrag is not None:
        assert float(record["finanzierung.budget.betrag_eur"].replace(",", ".")) == betrag


def test_jsonld_links_adapted_from_only_to_published_practices(collection: Collection) -> None:
    gera = collection.practices["sozialplanung-gera"]
    data = jsonld(gera, collection.instance, {"sozialplanung-gera", "stadtteilbuero-nordstadt"})
    page = "https://example.org/" + entry_url("practice", "sozialplanung-gera")
    assert [urljoin(page, link) for link in data["isBasedOn"]] == [
        "https://example.org/" + entry_url("practice", "stadtteilbuero-nordstadt")
    ]  # relative to Gera's page
    assert "isBasedOn" not in jsonld(gera, collection.instance, {"sozialplanung-gera"})


def test_international_phone_number_stays_readable_in_a_spreadsheet(project: Path) -> None:
    """`+49 …` would start a formula (Excel shows #NAME? or computes 49 561…); the
    protective `'` keeps it text, and every character of the number stays as written:
    no scientific notation, no lost `+`, no split cell. The JSON keeps it unchanged."""
    edit(project / GERA, "0365 838-3010", "'+49 365 838-3010'")
    files = generated(reload(project))
    header, gera, _ = read_csv(files["daten/praxisbeispiele.csv"])
    cell = dict(zip(header, gera, strict=True))["kontakt.telefon"]
    assert cell == "'+49 365 838-3010"
    assert cell.removeprefix("'") == "+49 365 838-3010"
    [entry] = [
        e
        for e in json.loads(files["daten/praxisbeispiele.json"])
        if e["slug"] == "sozialplanung-gera"
    ]
    assert entry["kontakt"]["telefon"] == "+49 365 838-3010"
    assert opendata.cell("0365 838-3010") == "0365 838-3010", "national numbers untouched"


def test_programme_page_describes_a_funding_scheme_with_its_budget(
    collection: Collection,
) -> None:
    doc = next(d for d in collection.documents if d.slug == "landesprogramm-gwa")
    data = jsonld(doc, collection.instance)
    assert data["@type"] == "FundingScheme"
    grant = data["funding"]
    assert grant["@type"] == "MonetaryGrant"
    assert grant["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", "value": 4500000.0}
    assert grant["funder"]["name"] == "Hessisches Ministerium für Soziales und Integration"
    assert grant["name"].startswith("Fördervolumen (jährlich")
    other = next(d for d in collection.documents if d.slug == "zusammen-im-quartier")
    assert "funding" not in jsonld(other, collection.instance)  # no budget given
    practice = next(d for d in collection.documents if d.slug == "stadtteilbuero-nordstadt")
    assert jsonld(practice, collection.instance)["@type"] == "CreativeWork"
