"""Entry pages: one generated Markdown page per published practice and programme.

Each page is the contributor's body framed by HTML blocks made from the front matter
(Steckbrief, Übertragbarkeit, Förderwege, lineage, sources, contact). The edit links point
at the entry's file in the repository, which has the same path under the docs directory.
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from praxis.generate import GeneratedFile, entry_url, land_url
from praxis.generate.context import SiteData
from praxis.generate.overviews import PROGRAMMES_URL
from praxis.generate.templating import edit_url, environment, front_matter, href, render
from praxis.load import Document

JsonLd = Callable[[Document], Any]
PER_LAND = 3  # programmes shown per other Land under "Förderwege"
NATIONAL = 5  # national programmes shown


def files(
    data: SiteData, related: Mapping[str, Sequence[str]], jsonld: JsonLd | None = None
) -> Iterator[GeneratedFile]:
    for template in ("practice.md.j2", "programme.md.j2"):
        environment().get_template(template)  # compiled once, before the renderers fork
    for doc in data.practices:
        yield practice_page(data, doc, related.get(doc.slug, ()), jsonld)
    for doc in data.programmes:
        yield programme_page(data, doc, jsonld)


def practice_page(
    data: SiteData, doc: Document, related: Sequence[str], jsonld: JsonLd | None = None
) -> GeneratedFile:
    path = f"practices/{doc.slug}.md"
    return GeneratedFile.later(
        path, lambda: _practice_text(data, doc, path, related, jsonld), source=path
    )


def _practice_text(
    data: SiteData, doc: Document, path: str, related: Sequence[str], jsonld: JsonLd | None
) -> str:
    entry = doc.entry
    wege, matching = foerderwege(data, doc)
    text = render(
        "practice.md.j2",
        doc=doc,
        page=entry_url("practice", doc.slug),
        labels=data.labels,
        body=Markup(doc.published_body.strip()),
        edit=edit_url(data.instance, path),
        programmes=_known(data.programme, entry.programme),
        foerderwege=wege,
        matching=matching,
        programme_item=data.programme_item,
        sources_of=_known(data.practice, entry.uebertragen_von),
        adapted_by=data.adapted_by.get(doc.slug, []),
        related=_known(data.practice, [slug for slug in related if slug != doc.slug]),
        jsonld=_script_json(jsonld(doc)) if jsonld else None,
    )
    return _head(entry) + text


def programme_page(data: SiteData, doc: Document, jsonld: JsonLd | None = None) -> GeneratedFile:
    path = f"programmes/{doc.slug}.md"
    return GeneratedFile.later(path, lambda: _programme_text(data, doc, path, jsonld), source=path)


def _programme_text(data: SiteData, doc: Document, path: str, jsonld: JsonLd | None) -> str:
    text = render(
        "programme.md.j2",
        doc=doc,
        page=entry_url("programme", doc.slug),
        labels=data.labels,
        body=Markup(doc.published_body.strip()),
        edit=edit_url(data.instance, path),
        funded=data.funded.get(doc.slug, []),
        jsonld=_script_json(jsonld(doc)) if jsonld else None,
    )
    return _head(doc.entry) + text


@dataclass
class Weg:
    """Programmes of one Land (or the national ones) for the "Förderwege" section."""

    label: str
    programmes: list[Document]
    more: int
    more_url: str
    more_label: str


def foerderwege(data: SiteData, doc: Document) -> tuple[list[Weg], dict[str, list[str]]]:
    """Programmes of other Länder (grouped by Land, in vocabulary order) and national ones
    (Bund, EU, last) that fund one of the practice's Handlungsfelder, with the
    Handlungsfelder they share. Each group shows the best matches (most shared
    Handlungsfelder first) and links to the rest, so that a page stays small however many
    programmes there are."""
    entry = doc.entry
    page = entry_url("practice", doc.slug)
    matching: dict[str, list[str]] = defaultdict(list)
    found: dict[str, Document] = {}
    for term in entry.handlungsfelder:
        for programme in data.programmes_by_hf.get(term, ()):
            found[programme.slug] = programme
            matching[programme.slug].append(term)
    by_land: dict[str, list[Document]] = defaultdict(list)
    national = []
    for programme in found.values():
        land = programme.entry.bundesland
        if programme.entry.ebene in ("bund", "eu"):
            national.append(programme)
        elif land and land != entry.bundesland:
            by_land[land].append(programme)

    def best(docs: list[Document], count: int) -> list[Document]:
        return heapq.nsmallest(
            count, docs, key=lambda d: (-len(matching[d.slug]), data.title_key[d.slug])
        )

    wege = []
    for term in data.labels.laender:
        if term.id in by_land:
            docs = by_land[term.id]
            wege.append(
                Weg(
                    term.label,
                    best(docs, PER_LAND),
                    len(docs) - PER_LAND,
                    href(page, land_url(term.id)) + "#foerderprogramme",
                    f"in {term.label}",
                )
            )
    if national:
        wege.append(
            Weg(
                "Bundesweit",
                best(national, NATIONAL),
                len(national) - NATIONAL,
                href(page, PROGRAMMES_URL),
                "bundesweit",
            )
        )
    return wege, dict(matching)


def _known(index: Mapping[str, Document], slugs: Sequence[str]) -> list[Document]:
    """The published entries among `slugs`, in their order (drafts are left out)."""
    return [index[slug] for slug in slugs if slug in index]


def _head(entry: Any) -> str:
    return front_matter(title=entry.titel, description=entry.kurzbeschreibung)


def _script_json(value: Any) -> Markup | None:
    """JSON for a `<script>` element: no `<` or `>` (escaped as in JSON strings), so it
    can neither close the element nor the comment that carries it through Markdown."""
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e"))
