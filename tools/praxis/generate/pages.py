"""Entry pages: what the page of one published practice or programme shows.

MkDocs converts only the contributor's Markdown body. Everything else on the page
(Steckbrief, Übertragbarkeit, Förderwege, lineage, sources, contact, dates) is rendered
around it by the theme template `praxis/<kind>.html` from the validated entry and the
data made here (`practice_context`, `programme_context`). The plugin (`praxis.render.plugin`)
hands both over.
Which fixed sections a page has is decided here, in one place (`practice_sections`,
`programme_sections`): the template renders the sections listed, and the plugin adds
the same ones to the page's table of contents.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from praxis.generate import Section, ThemePage, entry_url, land_url
from praxis.generate.context import SiteData
from praxis.generate.overviews import PROGRAMMES_URL
from praxis.load.collection import Document
from praxis.model.kinds import KINDS
from praxis.render.templating import href

JsonLd = Callable[[Document], Any]
PER_LAND = 3  # programmes shown per Land under "Förderwege"
NATIONAL = 5  # national programmes shown
TEMPLATES = {"practice": "practice.html", "programme": "programme.html"}


def entry_pages(
    data: SiteData, related: Mapping[str, Sequence[str]], jsonld: JsonLd | None = None
) -> list[ThemePage]:
    """Every published entry's page."""
    pages = []
    for doc in data.practices:
        make = _maker(practice_context, data, doc, related.get(doc.slug, ()), jsonld)
        pages.append(_page(doc, make))
    for doc in data.programmes:
        pages.append(_page(doc, _maker(programme_context, data, doc, jsonld)))
    return pages


def _page(doc: Document, make: Callable[[], dict[str, Any]]) -> ThemePage:
    return ThemePage(
        f"{KINDS[doc.kind].folder}/{doc.slug}.md",  # entries only
        doc.entry.titel,
        doc.entry.kurzbeschreibung,
        TEMPLATES[doc.kind],
        make,
        body=doc.published_body,
        editable=True,
    )


def _maker(function: Callable[..., dict[str, Any]], *args: Any) -> Callable[[], dict[str, Any]]:
    return lambda: function(*args)


def practice_context(
    data: SiteData, doc: Document, related: Sequence[str], jsonld: JsonLd | None
) -> dict[str, Any]:
    """The data `praxis/practice.html` shows besides the entry itself."""
    entry = doc.entry
    wege, matching = foerderwege(data, doc)
    shown = [slug for weg in wege for slug in weg.programmes]  # the data is what the page
    context = {  # shows: it is the page's fingerprint (praxis.publish.memory)
        "doc": doc,  # with `doc.entry`, the model: counted by the file's digest
        "labels": data.labels,
        "programmes": _known(data.programme, entry.programme),
        "foerderwege": wege,
        "matching": {slug: matching[slug] for slug in shown},
        "programme_item": {slug: data.programme_item[slug] for slug in shown},
        "choose_land": len(data.programme_laender) > 1,
        "contribute": data.contribute(entry_url("practice", doc.slug)),
        "sources_of": _known(data.practice, entry.uebertragen_von),
        "adapted_by": data.adapted_by.get(doc.slug, []),
        "related": _known(data.practice, [slug for slug in related if slug != doc.slug]),
        "jsonld": _script_json(jsonld(doc)) if jsonld else None,
    }
    context["sections"] = practice_sections(context)
    return context


def practice_sections(context: Mapping[str, Any]) -> tuple[list[Section], list[Section]]:
    """The fixed sections of a practice page before and after the body, in page order."""
    e = context["doc"].entry
    after = []
    if e.wirkung and e.wirkung.ergebnisse:
        after.append(Section("wirkung", "Wirkung"))
    after.append(Section("uebertragbarkeit", "Übertragbarkeit"))
    if context["programmes"]:
        after.append(Section("foerderprogramme", "Förderprogramme"))
    if context["foerderwege"] or not context["programmes"]:
        after.append(Section("foerderwege", "Förderwege"))
    if context["sources_of"] or context["adapted_by"]:
        after.append(Section("uebertragung", "Übertragung"))
    if context["related"]:
        after.append(Section("aehnliche", "Ähnliche Praxisbeispiele"))
    after += [Section("quellen", "Quellen"), Section("kontakt", "Kontakt")]
    return [Section("steckbrief", "Steckbrief")], after


def programme_context(data: SiteData, doc: Document, jsonld: JsonLd | None) -> dict[str, Any]:
    """The data `praxis/programme.html` shows besides the entry itself."""
    context = {
        "doc": doc,
        "labels": data.labels,
        "funded": data.funded.get(doc.slug, []),
        "contribute": data.contribute(entry_url("programme", doc.slug)),
        "jsonld": _script_json(jsonld(doc)) if jsonld else None,
    }
    context["sections"] = programme_sections(context)
    return context


def programme_sections(context: Mapping[str, Any]) -> tuple[list[Section], list[Section]]:
    """The fixed sections of a programme page before and after the body, in page order."""
    after = [Section("praxisbeispiele", "Geförderte Praxisbeispiele")]
    if context["doc"].entry.kontakt:
        after.append(Section("kontakt", "Kontakt"))
    after.append(Section("quellen", "Quellen"))
    return [Section("steckbrief", "Auf einen Blick")], after


def unique_sections(sections: list[Section], taken: Container[str]) -> list[Section]:
    """The sections with anchors the body's headings do not use: a body heading
    „Kontakt“ keeps `#kontakt`, the fixed section becomes `#kontakt_1`."""
    result = []
    for section in sections:
        anchor, number = section.key, 0
        while anchor in taken:
            number += 1
            anchor = f"{section.key}_{number}"
        result.append(replace(section, id=anchor))
    return result


@dataclass
class Weg:
    """One group of the "Förderwege" section: the programmes (slugs) of one Land, or the
    national ones (`land` is None), that fund one of the practice's Handlungsfelder."""

    land: str | None
    label: str
    programmes: list[str]
    more: int
    more_url: str
    more_label: str


def foerderwege(data: SiteData, doc: Document) -> tuple[list[Weg], dict[str, list[str]]]:
    """The programmes that fund one of the practice's Handlungsfelder, with the
    Handlungsfelder they share, grouped as a practitioner asks "who funds this here?":
    the practice's own Land first, then Bund and EU, then the other Länder in vocabulary
    order. Programmes the entry names itself are listed above („Förderprogramme“) and not
    again; groups without programmes are left out. Each group shows the best matches
    (most shared Handlungsfelder first) and links to the rest, so that a page stays small
    however many programmes there are. The reader's own Land ("Mein Land") is moved to the
    front in the browser (praxis.js), from the groups' `data-land`. The programmes come
    grouped and ranked from `SiteData.funding`, once per combination of Handlungsfelder."""
    entry = doc.entry
    page = entry_url("practice", doc.slug)
    named = set(entry.programme)
    funding = data.funding(tuple(entry.handlungsfelder))
    groups = {
        group: [slug for slug in slugs if slug not in named] if named else slugs
        for group, slugs in funding.groups.items()
    }
    groups = {group: slugs for group, slugs in groups.items() if slugs}

    def land_weg(code: str, label: str, heading: str) -> Weg:
        slugs = groups[code]
        more_url = href(page, land_url(code)) + "#foerderprogramme"
        return Weg(code, heading, slugs[:PER_LAND], len(slugs) - PER_LAND, more_url, f"in {label}")

    own, others = [], []
    for term in data.labels.laender:
        if term.id not in groups:
            continue
        if term.id == entry.bundesland:
            own.append(land_weg(term.id, term.label, f"{term.label} (Land des Praxisbeispiels)"))
        else:
            others.append(land_weg(term.id, term.label, term.label))
    wege = own
    national = groups.get(None)
    if national:
        wege.append(
            Weg(
                None,
                "Bund und EU",
                national[:NATIONAL],
                len(national) - NATIONAL,
                href(page, PROGRAMMES_URL),
                "bundesweit",
            )
        )
    return wege + others, funding.matching


def _known(index: Mapping[str, Document], slugs: Sequence[str]) -> list[Document]:
    """The published entries among `slugs`, in their order (drafts are left out)."""
    return [index[slug] for slug in slugs if slug in index]


def _script_json(value: Any) -> Markup | None:
    """JSON for a `<script>` element: no `<` or `>` (escaped as in JSON strings), so that
    it cannot close the element."""
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e"))
