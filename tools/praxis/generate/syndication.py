"""What other sites and search engines read: the Atom feed of new entries and the
schema.org JSON-LD of each entry page. Links are absolute when mkdocs.yml has `site_url`.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Container
from typing import Any

from praxis.config import Instance
from praxis.generate import entry_url, published
from praxis.load.collection import Collection, Document
from praxis.model.kinds import KINDS
from praxis.render.templating import href
from praxis.validate.sanitize import plain_text

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "daten/feed.xml"


# --- URLs and licence ---------------------------------------------------------------


def public_url(instance: Instance, url: str) -> str:
    """Absolute when mkdocs.yml has `site_url`, otherwise the path on the site."""
    return instance.site_url.rstrip("/") + "/" + url if instance.site_url else url


def licence_url(instance: Instance) -> str:
    """The address of the instance's licence text (from the table in `praxis.config`)."""
    return instance.licence.url


# --- feed ---------------------------------------------------------------------------


def _timestamp(date: Any) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _id(instance: Instance, url: str) -> str:
    """Stable Atom id: the absolute URL, or a UUID derived from the instance and path."""
    if instance.site_url:
        return public_url(instance, url)
    base = instance.repo_url or instance.name
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{base}/{url}')}"


def newest(collection: Collection, size: int = FEED_SIZE) -> list[Document]:
    docs = sorted(
        (doc for about in KINDS.values() for doc in published(collection, about.kind)),
        key=lambda doc: (doc.kind, doc.slug),
    )
    return sorted(docs, key=lambda doc: doc.entry.redaktion.erfasst, reverse=True)[:size]


def feed(collection: Collection) -> str:
    """An Atom feed of the newest entries; links are relative to `daten/feed.xml` unless
    `site_url` is set."""
    instance = collection.instance
    entries = newest(collection)
    vocab = instance.vocabularies["handlungsfelder"]

    def link(url: str) -> str:
        return public_url(instance, url) if instance.site_url else href(FEED_PATH, url)

    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "de"})
    sub = ET.SubElement
    sub(root, f"{{{ATOM}}}title").text = f"{instance.name}: neue Einträge"
    sub(root, f"{{{ATOM}}}id").text = _id(instance, FEED_PATH)
    updated = max(
        (e.entry.redaktion.aktualisiert or e.entry.redaktion.erfasst for e in entries), default=None
    )
    sub(root, f"{{{ATOM}}}updated").text = (
        _timestamp(updated) if updated else ("1970-01-01T00:00:00Z")
    )
    sub(
        root,
        f"{{{ATOM}}}link",
        {
            "rel": "self",
            "type": "application/atom+xml",
            "href": link(FEED_PATH),
        },
    )
    sub(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": link("")})
    author = sub(root, f"{{{ATOM}}}author")
    sub(author, f"{{{ATOM}}}name").text = instance.name
    sub(root, f"{{{ATOM}}}rights").text = f"Lizenz: {instance.lizenz}"
    sub(root, f"{{{ATOM}}}generator").text = "Praxis"
    for doc in entries:
        entry, url = doc.entry, entry_url(doc.kind, doc.slug)
        node = sub(root, f"{{{ATOM}}}entry")
        sub(node, f"{{{ATOM}}}title").text = entry.titel
        sub(node, f"{{{ATOM}}}id").text = _id(instance, url)
        sub(node, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": link(url)})
        sub(node, f"{{{ATOM}}}published").text = _timestamp(entry.redaktion.erfasst)
        sub(node, f"{{{ATOM}}}updated").text = _timestamp(
            entry.redaktion.aktualisiert or entry.redaktion.erfasst
        )
        sub(node, f"{{{ATOM}}}summary").text = entry.kurzbeschreibung
        for term in entry.handlungsfelder:
            sub(node, f"{{{ATOM}}}category", {"term": term, "label": vocab.label_of(term)})
    ET.indent(root)
    # ElementTree writes control characters as they are, which XML forbids: drop them.
    return plain_text(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"


# --- JSON-LD ------------------------------------------------------------------------


def jsonld(
    doc: Document, instance: Instance, practices: Container[str] | None = None
) -> dict[str, Any]:
    """schema.org description of one entry, for `<script type="application/ld+json">`.

    `practices` are the published practice slugs: `isBasedOn` links only to those.
    """
    entry, vocabs = doc.entry, instance.vocabularies
    lands = vocabs["bundeslaender"]
    page = entry_url(doc.kind, doc.slug)

    def link(url: str) -> str:
        """Absolute with `site_url`; otherwise relative to the entry page itself."""
        return public_url(instance, url) if instance.site_url else href(page, url)

    common: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": entry.titel,
        "description": entry.kurzbeschreibung,
        "url": link(page),
        "identifier": doc.slug,
        "inLanguage": "de",
    }
    if doc.kind == "programme":
        return funding_scheme(doc, instance, link(page))
    place: dict[str, Any] = {
        "@type": "Place",
        "name": entry.ort.name,
        "address": {
            "@type": "PostalAddress",
            "addressRegion": lands.label_of(entry.bundesland),
            "addressCountry": "DE",
        },
    }
    if entry.ort.koordinaten:
        lat, lon = entry.ort.koordinaten
        place["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
    result = {
        **common,
        "spatialCoverage": place,
        "dateCreated": entry.redaktion.erfasst.isoformat(),
        "dateModified": (entry.redaktion.aktualisiert or entry.redaktion.erfasst).isoformat(),
        "license": licence_url(instance) or instance.lizenz,
        "keywords": [vocabs["handlungsfelder"].label_of(t) for t in entry.handlungsfelder]
        + list(entry.schlagworte),
        "audience": [
            {"@type": "Audience", "audienceType": vocabs["zielgruppen"].label_of(t)}
            for t in entry.zielgruppen
        ],
        "sourceOrganization": [{"@type": "Organization", "name": t.name} for t in entry.traeger],
        "isBasedOn": [
            link(entry_url("practice", slug))
            for slug in entry.uebertragen_von
            if practices is None or slug in practices
        ],
    }
    if entry.laufzeit:
        result["temporalCoverage"] = f"{entry.laufzeit.beginn}/{entry.laufzeit.ende or '..'}"
    return {key: value for key, value in result.items() if value != []}


def funding_scheme(doc: Document, instance: Instance, url: str) -> dict[str, Any]:
    """schema.org `FundingScheme` of a programme: who funds it, where, for what, and its
    budget as a `MonetaryGrant` (amount in euro, per year or in total)."""
    entry, vocabs = doc.entry, instance.vocabularies
    area = (
        vocabs["bundeslaender"].label_of(entry.bundesland)
        if entry.bundesland
        else "Europäische Union"
        if entry.ebene == "eu"
        else "Deutschland"
    )
    funder = {"@type": "GovernmentOrganization", "name": entry.foerdergeber}
    result: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "FundingScheme",
        "name": entry.titel,
        "description": entry.kurzbeschreibung,
        "url": url,
        "identifier": doc.slug,
        "funder": funder,
        "areaServed": {"@type": "AdministrativeArea", "name": area},
        "knowsAbout": [vocabs["handlungsfelder"].label_of(t) for t in entry.handlungsfelder],
    }
    if entry.website:
        result["sameAs"] = entry.website
    budget = entry.finanzierung.budget if entry.finanzierung else None
    if budget is not None:
        period = "jährlich" if budget.zeitraum == "jaehrlich" else "insgesamt"
        grant: dict[str, Any] = {
            "@type": "MonetaryGrant",
            "name": f"Fördervolumen ({period}{f', Stand {budget.stand}' if budget.stand else ''})",
            "funder": funder,
            "amount": {"@type": "MonetaryAmount", "currency": "EUR", "value": budget.betrag_eur},
        }
        result["funding"] = grant
    return result
