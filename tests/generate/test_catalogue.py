"""The DCAT-AP.de catalogue of the open data: both serialisations parse with rdflib to the
same graph, conform to DCAT-AP 3.0 SHACL shapes (tests/fixtures/dcat-ap) and carry
the DCAT-AP.de properties GovData needs, with the instance's Land and licence."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyshacl
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from praxis.config import Instance
from praxis.generate.catalogue import JSONLD_PATH, RDF_PATH, files
from praxis.load.collection import load_collection
from praxis.validate.collection import validate_collection
from tests.conftest import FIXTURES, TODAY

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
BASE = "https://daten.example.org/praxis/daten/"


@cache
def shapes() -> Graph:
    graph = Graph()
    graph.parse(FIXTURES / "dcat-ap" / "shapes.ttl", format="turtle")
    return graph


def parse(text: str, fmt: str, base: str = BASE) -> Graph:
    return Graph().parse(data=text, format=fmt, publicID=base + "katalog")


def catalogue(project: Path) -> tuple[Graph, Graph]:
    collection = load_collection(Instance.open(project))
    validate_collection(collection, TODAY)
    made = {item.path: str(item.content) for item in files(collection)}
    return parse(made[RDF_PATH], "xml"), parse(made[JSONLD_PATH], "json-ld")


def conforms(graph: Graph) -> tuple[bool, str]:
    ok, _, report = pyshacl.validate(graph, shacl_graph=shapes())
    return ok, report


def set_setting(project: Path, old: str, new: str) -> None:
    mkdocs = project / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    assert old in text
    mkdocs.write_text(text.replace(old, new), encoding="utf-8")


def test_both_serialisations_say_the_same_and_pass_the_dcat_ap_shapes(project: Path) -> None:
    rdf, jsonld = catalogue(project)
    assert len(rdf) > 100
    assert isomorphic(rdf, jsonld)
    ok, report = conforms(rdf)
    assert ok, report


def test_shapes_reject_a_catalogue_without_title_or_access_url(project: Path) -> None:
    rdf, _ = catalogue(project)
    broken = Graph()
    for triple in rdf:
        if triple[1] not in (DCT["title"], DCAT.accessURL):
            broken.add(triple)
    ok, report = conforms(broken)
    assert not ok
    assert "dcat:accessURL" in report and "dct:title" in report


def test_datasets_carry_land_themes_contact_and_contributor(project: Path) -> None:
    graph, _ = catalogue(project)
    datasets = sorted(graph.subjects(RDF.type, DCAT.Dataset))
    assert [str(d) for d in datasets] == [BASE + "#foerderprogramme", BASE + "#praxisbeispiele"]
    for dataset in datasets:
        assert graph.value(dataset, DCATDE.politicalGeocodingURI) == URIRef(
            "http://dcat-ap.de/def/politicalGeocoding/stateKey/06"
        )
        assert graph.value(dataset, DCATDE.politicalGeocodingLevelURI) == URIRef(
            "http://dcat-ap.de/def/politicalGeocoding/Level/state"
        )
        assert graph.value(dataset, DCATDE.contributorID) == URIRef(
            "https://example.org/contributors/test"
        )
        themes = set(graph.objects(dataset, DCAT.theme))
        assert URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI") in themes
        contact = graph.value(dataset, DCAT.contactPoint)
        assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:barrierefreiheit@example.org")
        assert str(graph.value(dataset, DCT.issued)) and str(graph.value(dataset, DCT.modified))
        assert Literal("Sozialplanung", lang="de") in set(graph.objects(dataset, DCAT.keyword))
    practices = URIRef(BASE + "#praxisbeispiele")
    date = URIRef("http://www.w3.org/2001/XMLSchema#date")
    assert graph.value(practices, DCT.issued) == Literal("2026-10-01", datatype=date)
    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(catalog, DCT.spatial) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/06"
    )
    assert graph.value(catalog, DCT["title"]) == Literal("Praxisdatenbank Test", lang="de")


def test_a_distribution_per_file_with_the_instances_licence(project: Path) -> None:
    set_setting(project, "lizenz: CC BY 4.0", "lizenz: dl-de/by-2-0")
    graph, _ = catalogue(project)
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    urls = {str(graph.value(d, DCAT.accessURL)) for d in distributions}
    assert urls == {
        BASE + name
        for name in (
            "praxisbeispiele.json",
            "praxisbeispiele.csv",
            "practice.schema.json",
            "foerderprogramme.json",
            "foerderprogramme.csv",
            "programme.schema.json",
            "feed.xml",
        )
    }
    formats = {
        str(graph.value(d, DCAT.accessURL)).rsplit("/", 1)[1]: str(graph.value(d, DCT["format"]))
        for d in distributions
    }
    assert formats["praxisbeispiele.csv"].endswith("/file-type/CSV")
    assert formats["feed.xml"].endswith("/file-type/ATOM")
    for distribution in distributions:
        assert graph.value(distribution, DCT.license) == URIRef(
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        )
        assert graph.value(distribution, DCATDE.licenseAttributionByText) == Literal(
            "Servicestelle Test, dl-de/by-2-0 (https://www.govdata.de/dl-de/by-2-0)", lang="de"
        )
    assert len(distributions) == 8  # the feed belongs to both datasets
    assert conforms(graph)[0]


def test_zero_licence_has_no_attribution_text(project: Path) -> None:
    set_setting(project, "lizenz: CC BY 4.0", "lizenz: CC0")
    graph, _ = catalogue(project)
    assert set(graph.objects(None, DCT.license)) == {
        URIRef("http://dcat-ap.de/def/licenses/cc-zero")
    }
    assert list(graph.objects(None, DCATDE.licenseAttributionByText)) == []


def test_absolute_addresses_with_site_url_and_no_contributor_that_is_no_uri(
    project: Path,
) -> None:
    set_setting(
        project, "docs_dir: content", "site_url: https://praxis.example.de/\ndocs_dir: content"
    )
    set_setting(
        project,
        "contributor_id: https://example.org/contributors/test",
        "contributor_id: '\"><x>'",
    )
    graph, _ = catalogue(project)
    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    assert str(catalog) == "https://praxis.example.de/daten/#katalog"
    assert list(graph.objects(None, DCATDE.contributorID)) == []
    ok, report = conforms(graph)
    assert ok, report


def test_relative_addresses_resolve_where_the_catalogue_is_served(built_site: Path) -> None:
    """Without site_url a harvester gets absolute URIs from the address it fetched."""
    daten = built_site / "daten"
    base = "https://irgendwo.example/instanz/daten/"
    for name, fmt in (("katalog.rdf", "xml"), ("katalog.jsonld", "json-ld")):
        graph = parse((daten / name).read_text(encoding="utf-8"), fmt, base)
        for url in graph.objects(None, DCAT.accessURL):
            assert str(url).startswith(base)
            assert (daten / str(url).removeprefix(base)).is_file(), url
