"""The open data as a DCAT-AP.de catalogue (`daten/katalog.rdf`, `daten/katalog.jsonld`),
which GovData and other portals harvest.

One catalogue, a dataset each for practices and programmes, and a distribution per file
(JSON, CSV, Atom feed, JSON Schema). The graph is built once as plain nodes and written
twice by the standard library, RDF/XML (what GovData harvests) and JSON-LD, so that both
always say the same and the site needs no RDF library; the tests read both with rdflib
and validate them with pySHACL against the DCAT-AP 3.0 shapes.

Without `site_url` every address is relative to `daten/`, which RDF resolves against the
address the catalogue was fetched from: a harvester gets absolute URIs either way.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from praxis.generate import GeneratedFile, published
from praxis.generate.overviews import PROGRAMMES_URL
from praxis.generate.syndication import FEED_PATH, public_url
from praxis.load.collection import Collection
from praxis.model.kinds import Kind
from praxis.render.templating import href
from praxis.validate.duties import Duties

NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
RDF_PATH, JSONLD_PATH = "daten/katalog.rdf", "daten/katalog.jsonld"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
GERMAN = EU + "language/DEU"
THEMES = {  # EU data-theme vocabulary, with its German labels
    "SOCI": "Bevölkerung und Gesellschaft",
    "GOVE": "Regierung und öffentlicher Sektor",
    "ECON": "Wirtschaft und Finanzen",
}


@dataclass(frozen=True)
class Ref:
    """An IRI (absolute, or relative to `daten/`)."""

    iri: str


@dataclass(frozen=True)
class Text:
    value: str
    lang: str | None = "de"
    datatype: str | None = None  # a prefixed name such as `xsd:date`


@dataclass
class Node:
    """A resource with its types and properties (prefixed names); `iri` None is blank."""

    iri: str | None
    types: list[str]
    props: list[tuple[str, Ref | Text | Node]] = field(default_factory=list)

    def add(self, prop: str, *values: Ref | Text | Node | None) -> Node:
        self.props += [(prop, value) for value in values if value is not None]
        return self


@dataclass(frozen=True)
class Dataset:
    kind: Kind
    slug: str
    title: str
    description: str
    landing: str
    files: str  # base name under daten/
    themes: tuple[str, ...]
    keywords: tuple[str, ...]


DATASETS = (
    Dataset(
        "practice",
        "praxisbeispiele",
        "Praxisbeispiele der Sozialplanung",
        "Vorhaben aus Kommunen, Landkreisen, Verbänden und Servicestellen, die anderen als "
        "Beispiel dienen können: Steckbrief, Ort, Träger, Handlungsfelder, Zielgruppen, "
        "Ressourcen, Wirkung, Übertragbarkeit, Kontakt und Quellen.",
        "praxisbeispiele/",
        "praxisbeispiele",
        ("SOCI", "GOVE"),
        ("Sozialplanung", "Praxisbeispiele", "Gute Praxis", "Kommunen"),
    ),
    Dataset(
        "programme",
        "foerderprogramme",
        "Förderprogramme für die Sozialplanung",
        "Förderprogramme von Ländern, Bund und EU für Vorhaben der Sozialplanung: "
        "Fördergeber, Servicestelle, Handlungsfelder, Antragsberechtigte, Budget, "
        "Förderrichtlinie und die Praxisbeispiele, die sie gefördert haben.",
        PROGRAMMES_URL,
        "foerderprogramme",
        ("SOCI", "GOVE", "ECON"),
        ("Sozialplanung", "Förderprogramme", "Förderung", "Zuwendungen"),
    ),
)
FORMATS = (  # (suffix, title, IANA media type, EU file type)
    ("json", "JSON", "application/json", "JSON"),
    ("csv", "CSV-Tabelle (Semikolon, UTF-8)", "text/csv", "CSV"),
)


def files(collection: Collection) -> list[GeneratedFile]:
    nodes = graph(collection)
    return [
        GeneratedFile(RDF_PATH, rdf_xml(nodes)),
        GeneratedFile(JSONLD_PATH, json_ld(nodes)),
    ]


# --- the graph ----------------------------------------------------------------------


def graph(collection: Collection) -> list[Node]:
    """The catalogue, its datasets and distributions, and the typed vocabulary terms they
    refer to (DCAT-AP's range shapes ask for the class of each)."""
    instance = collection.instance
    duties = Duties.of(instance)

    def iri(path: str) -> str:
        return public_url(instance, path) if instance.site_url else href("daten/", path)

    land = instance.vocabularies["bundeslaender"].by_id.get(instance.bundesland or "")
    ags = str(land.extra.get("ags", "")) if land else ""
    spatial = Ref(f"{GEOCODING}stateKey/{ags}") if ags else None
    publisher = Node(iri("daten/#betreiber"), ["foaf:Organization", "foaf:Agent"]).add(
        "foaf:name", Text(instance.betreiber)
    )
    licence = instance.licence
    attribution = licence.attribution_text(instance.betreiber)
    contact = Node(None, ["vcard:Organization", "vcard:Kind"]).add(
        "vcard:fn", Text(instance.betreiber)
    )
    if duties.kontakt and duties.kontakt.startswith("mailto:"):
        contact.add("vcard:hasEmail", Ref(duties.kontakt))
    elif duties.kontakt:
        contact.add("vcard:hasURL", Ref(duties.kontakt))
    contributor = str(instance.settings.get("contributor_id") or "").strip()
    if not re.fullmatch(r"https?://[^\s<>\"'{}|\\^`]+", contributor):
        contributor = ""  # GovData's ids are URIs; anything else is left out

    catalogue = Node(iri("daten/#katalog"), ["dcat:Catalog"])
    description = str(instance.config.get("site_description") or "") or (
        f"Praxisbeispiele und Förderprogramme der Sozialplanung: {instance.name}."
    )
    catalogue.add("dct:title", Text(instance.name))
    catalogue.add("dct:description", Text(description))
    catalogue.add("dct:publisher", Ref(publisher.iri or ""))
    catalogue.add("foaf:homepage", Ref(iri("")))
    catalogue.add("dct:language", Ref(GERMAN))
    catalogue.add("dct:spatial", spatial)
    catalogue.add("dct:license", Ref(licence.dcat))
    nodes = [catalogue, publisher]
    latest: list[str] = []
    for spec in DATASETS:
        docs = published(collection, spec.kind)
        created = min((d.entry.redaktion.erfasst for d in docs), default=None)
        changed = max(
            (d.entry.redaktion.aktualisiert or d.entry.redaktion.erfasst for d in docs),
            default=None,
        )
        if changed:
            latest.append(changed.isoformat())
        dataset = Node(iri(f"daten/#{spec.slug}"), ["dcat:Dataset"])
        dataset.add("dct:title", Text(f"{spec.title} ({instance.name})"))
        dataset.add("dct:description", Text(spec.description))
        dataset.add("dcat:keyword", *(Text(word) for word in _keywords(collection, spec)))
        dataset.add("dcat:theme", *(Ref(f"{EU}data-theme/{code}") for code in spec.themes))
        dataset.add("dct:spatial", spatial)
        if ags:
            dataset.add("dcatde:politicalGeocodingLevelURI", Ref(f"{GEOCODING}Level/state"))
            dataset.add("dcatde:politicalGeocodingURI", spatial)
        dataset.add("dct:publisher", Ref(publisher.iri or ""))
        dataset.add("dcat:contactPoint", contact)
        dataset.add("dcatde:contributorID", Ref(contributor) if contributor else None)
        dataset.add("dct:language", Ref(GERMAN))
        dataset.add("dcat:landingPage", Ref(iri(spec.landing)))
        dataset.add("dct:issued", _date(created))
        dataset.add("dct:modified", _date(changed))
        distributions = _distributions(spec, iri, licence.dcat, attribution)
        dataset.add("dcat:distribution", *(Ref(d.iri or "") for d in distributions))
        catalogue.add("dcat:dataset", Ref(dataset.iri or ""))
        nodes += [dataset, *distributions]
    catalogue.add("dct:modified", _date_text(max(latest)) if latest else None)
    return nodes + _terms(licence.dcat, spatial, nodes)


def _keywords(collection: Collection, spec: Dataset) -> list[str]:
    """The dataset's own words, then the Handlungsfelder its entries have, in vocabulary
    order."""
    used = {t for d in published(collection, spec.kind) for t in d.entry.handlungsfelder}
    fields = collection.instance.vocabularies["handlungsfelder"]
    return list(spec.keywords) + [term.label for term in fields if term.id in used]


def _distributions(spec: Dataset, iri: Any, licence: str, attribution: str | None) -> list[Node]:
    """One distribution per file of the dataset: data as JSON and CSV, its JSON Schema,
    and the Atom feed of new entries (shared by both datasets)."""
    rows: list[tuple[str, str, str, str, str, str]] = [
        (
            f"{spec.slug}-{suffix}",
            f"{spec.title} als {title}",
            f"daten/{spec.files}.{suffix}",
            media,
            code,
            "Alle veröffentlichten Einträge, ein Eintrag je "
            + ("Listenelement." if suffix == "json" else "Zeile."),
        )
        for suffix, title, media, code in FORMATS
    ]
    rows.append(
        (
            f"{spec.slug}-schema",
            f"JSON-Schema der {spec.title}",
            f"daten/{spec.kind}.schema.json",
            "application/json",
            "JSON",
            "Beschreibung der Felder eines Eintrags als JSON-Schema.",
        )
    )
    rows.append(
        (
            f"{spec.slug}-atom",
            "Atom-Feed der neuesten Einträge",
            FEED_PATH,
            "application/atom+xml",
            "ATOM",
            "Die neuesten Praxisbeispiele und Förderprogramme, neueste zuerst.",
        )
    )
    result = []
    for slug, title, path, media, code, description in rows:
        node = Node(iri(f"daten/#{slug}"), ["dcat:Distribution"])
        node.add("dct:title", Text(title)).add("dct:description", Text(description))
        node.add("dcat:accessURL", Ref(iri(path))).add("dcat:downloadURL", Ref(iri(path)))
        node.add("dcat:mediaType", Ref(IANA + media))
        node.add("dct:format", Ref(f"{EU}file-type/{code}"))
        node.add("dct:license", Ref(licence))
        node.add("dcatde:licenseAttributionByText", Text(attribution) if attribution else None)
        result.append(node)
    return result


def _terms(licence: str, spatial: Ref | None, nodes: Sequence[Node]) -> list[Node]:
    """The classes of the terms referred to, as DCAT-AP's range shapes expect them."""
    used = {value.iri for node in nodes for _, value in node.props if isinstance(value, Ref)}
    terms = [Node(licence, ["dct:LicenseDocument"]), Node(GERMAN, ["dct:LinguisticSystem"])]
    if spatial:
        terms.append(Node(spatial.iri, ["dct:Location"]))
    for code, label in THEMES.items():
        if f"{EU}data-theme/{code}" in used:
            terms.append(
                Node(f"{EU}data-theme/{code}", ["skos:Concept"]).add("skos:prefLabel", Text(label))
            )
    for iri in sorted(used):
        if iri.startswith(IANA):
            terms.append(Node(iri, ["dct:MediaType"]))
        elif iri.startswith(f"{EU}file-type/"):
            terms.append(Node(iri, ["dct:MediaTypeOrExtent"]))
    pages = {
        value.iri
        for node in nodes
        for prop, value in node.props
        if prop in ("foaf:homepage", "dcat:landingPage") and isinstance(value, Ref)
    }
    terms += [Node(page, ["foaf:Document"]) for page in sorted(pages)]
    return terms


def _date(value: Any) -> Text | None:
    return _date_text(value.isoformat()) if value else None


def _date_text(value: str) -> Text:
    return Text(value, None, "xsd:date")


# --- serialisations -----------------------------------------------------------------


def _expand(name: str) -> str:
    """`dcat:Dataset` → the full IRI."""
    prefix, _, local = name.partition(":")
    return NAMESPACES[prefix] + local


def _tag(name: str) -> str:
    """`dcat:Dataset` → ElementTree's `{namespace}local`."""
    prefix, _, local = name.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def rdf_xml(nodes: Sequence[Node]) -> str:
    """RDF/XML: one typed element per resource, blank nodes nested where they are used."""
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    rdf = NAMESPACES["rdf"]
    root = ET.Element(f"{{{rdf}}}RDF")

    def element(parent: ET.Element, node: Node) -> None:
        first, *more = node.types
        item = ET.SubElement(parent, _tag(first))
        if node.iri is not None:
            item.set(f"{{{rdf}}}about", node.iri)
        for name in more:
            ET.SubElement(item, f"{{{rdf}}}type", {f"{{{rdf}}}resource": _expand(name)})
        for prop, value in node.props:
            child = ET.SubElement(item, _tag(prop))
            if isinstance(value, Ref):
                child.set(f"{{{rdf}}}resource", value.iri)
            elif isinstance(value, Text):
                child.text = value.value
                if value.datatype:
                    child.set(f"{{{rdf}}}datatype", _expand(value.datatype))
                elif value.lang:
                    child.set("{http://www.w3.org/XML/1998/namespace}lang", value.lang)
            else:
                element(child, value)

    for node in nodes:
        element(root, node)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def json_ld(nodes: Sequence[Node]) -> str:
    """JSON-LD with the same prefixes, one object per resource in `@graph`."""

    def obj(node: Node) -> dict[str, Any]:
        result: dict[str, Any] = {"@id": node.iri} if node.iri is not None else {}
        result["@type"] = node.types
        for prop, value in node.props:
            result.setdefault(prop, []).append(_json_value(value, obj))
        return result

    document = {
        "@context": {prefix: uri for prefix, uri in NAMESPACES.items() if prefix != "rdf"},
        "@graph": [obj(node) for node in nodes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_value(value: Ref | Text | Node, obj: Any) -> Any:
    if isinstance(value, Ref):
        return {"@id": value.iri}
    if isinstance(value, Text):
        if value.datatype:
            return {"@value": value.value, "@type": value.datatype}
        return {"@value": value.value, "@language": value.lang} if value.lang else value.value
    return obj(value)
