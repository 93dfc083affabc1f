"""Site search with Pagefind: the index bundle under `<site>/pagefind/` and the finder page.

Pagefind replaces Material's lunr index: the browser loads only the index chunks and
result fragments a query needs, so the first search on a site of thousands of entries
costs kilobytes, not megabytes. The records are made from the collection, not scraped
from HTML: the text of each published entry, plus the words the German analysis adds
(compound parts, ae/oe/ue spellings, synonyms; `Analysis.site_words`) in a trailing
„Suchbegriffe“ line, so that the site finds what `praxis search` finds. Filters: Land,
Handlungsfeld, Zielgruppe, Programm, Art. The finder page `suche/` and the header box
(theme `partials/search.html`) use Pagefind's own UI from the bundle: nothing is loaded
from another host.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from praxis.analysis import Analysis
from praxis.errors import BuildError
from praxis.generate import GeneratedFile, entry_url, published
from praxis.index import collection_lexicon, entry_texts
from praxis.load import Collection, Document

BUNDLE = "pagefind"
FINDER = "suche/index.md"
KIND_LABELS = {"practice": "Praxisbeispiel", "programme": "Förderprogramm"}
FILTERS = ("Art", "Land", "Handlungsfeld", "Zielgruppe", "Programm")


@dataclass(frozen=True)
class Record:
    """One Pagefind custom record: an entry page as the site search sees it."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]


def record(doc: Document, collection: Collection, analysis: Analysis) -> Record:
    instance = collection.instance
    vocabs = instance.vocabularies
    entry: Any = doc.entry
    titel, plain, extra = entry_texts(doc, instance)
    expansion = analysis.site_words(f"{titel}\n{plain}\n{extra}")
    content = f"{plain}\n{extra}"
    if expansion:
        content += "\nSuchbegriffe: " + " ".join(expansion)
    land = (
        vocabs["bundeslaender"].label_of(entry.bundesland)
        if getattr(entry, "bundesland", None)
        else "Bund/EU"
    )
    programmes = collection.programmes
    titles = [
        programmes[s].data.get("titel", s)
        for s in getattr(entry, "programme", [])
        if s in programmes
    ]
    return Record(
        url="/" + entry_url(doc.kind, doc.slug),
        content=content,
        meta={"title": titel, "Land": land, "Art": KIND_LABELS[doc.kind]},
        filters={
            "Art": [KIND_LABELS[doc.kind]],
            "Land": [land],
            "Handlungsfeld": [vocabs["handlungsfelder"].label_of(t) for t in entry.handlungsfelder],
            "Zielgruppe": [vocabs["zielgruppen"].label_of(t) for t in entry.zielgruppen],
            "Programm": [str(t) for t in titles],
        },
    )


def records(collection: Collection) -> list[Record]:
    """Records of every published entry, analysed like the whoosh index."""
    analysis = Analysis.for_instance(collection.instance, collection_lexicon(collection))
    docs = [*published(collection, "practice"), *published(collection, "programme")]
    return [record(doc, collection, analysis) for doc in docs]


async def _write(items: list[Record], output: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language="de", output_path=str(output))
    async with PagefindIndex(config=config) as index:
        for item in items:
            await index.add_custom_record(
                url=item.url,
                content=item.content,
                language="de",
                meta=item.meta,
                filters=item.filters,
            )


def index_site(collection: Collection, site_dir: Path) -> int:
    """Write the Pagefind bundle into `site_dir/pagefind/`; returns the number of records.

    Called by the build after MkDocs, before the new site is swapped in."""
    items = records(collection)
    try:
        asyncio.run(_write(items, site_dir / BUNDLE))
    except Exception as exc:  # the Pagefind service reports failures as plain exceptions
        raise BuildError(
            f"Die Suche (Pagefind) konnte nicht erzeugt werden: {exc}. Die "
            "bisherige Website bleibt unverändert."
        ) from exc
    return len(items)


# --- the finder page ----------------------------------------------------------------

TRANSLATIONS = {
    "placeholder": "Praxisbeispiele und Förderprogramme durchsuchen",
    "clear_search": "Leeren",
    "load_more": "Weitere Treffer laden",
    "search_label": "Suche in der Praxisdatenbank",
    "filters_label": "Filter",
    "zero_results": "Keine Treffer für [SEARCH_TERM]",
    "many_results": "[COUNT] Treffer für [SEARCH_TERM]",
    "one_result": "[COUNT] Treffer für [SEARCH_TERM]",
    "alt_search": "Keine Treffer für [SEARCH_TERM]. Treffer für [DIFFERENT_TERM]:",
    "search_suggestion": "Keine Treffer für [SEARCH_TERM]. Versuchen Sie:",
    "searching": "Suche nach [SEARCH_TERM] …",
}

FINDER_PAGE = """---
title: Suche
hide:
  - toc
---

# Suche

Durchsuchen Sie alle Praxisbeispiele und Förderprogramme. Die Suche kennt Wortformen
(„Kitas“ findet „Kita“), Wortteile („Garten“ findet „Nachbarschaftsgarten“), Abkürzungen
(„GWA“ findet „Gemeinwesenarbeit“) und Schreibweisen ohne Umlaute („Buergerbeteiligung“).
Mit den Filtern grenzen Sie nach Land, Handlungsfeld, Zielgruppe, Programm und Art ein.

<label class="praxis-suche__label" for="praxis-suche-eingabe">Suchbegriff</label>
<div id="praxis-suche" class="praxis-suche" data-praxis-search></div>

<noscript>Die Suche braucht JavaScript. Alternativ finden Sie alle Einträge über die
Übersichten nach Land, Handlungsfeld und Zielgruppe.</noscript>

<link rel="stylesheet" href="../pagefind/pagefind-ui.css">
<style>
  .md-typeset .pagefind-ui details { margin: 0; padding: 0; border: 0; box-shadow: none;
    background: none; overflow: visible; }
  .md-typeset .pagefind-ui summary { margin: 0; padding: 0; background: none;
    font-weight: 700; }
  .md-typeset .pagefind-ui summary::before, .md-typeset .pagefind-ui summary::after {
    display: none; }
  .md-typeset .pagefind-ui { --pagefind-ui-font: inherit; --pagefind-ui-primary: #303fa1; }
  .praxis-suche__label { display: block; margin-top: 1em; font-weight: 700; }
</style>
<script src="../pagefind/pagefind-ui.js"></script>
<script>
(function () {
  var base = new URL("../", location.href).pathname;
  var ui = new PagefindUI({
    element: "#praxis-suche",
    baseUrl: base,
    bundlePath: base + "pagefind/",
    showImages: false,
    showSubResults: false,
    pageSize: 10,
    excerptLength: 30,
    openFilters: ["Land"],
    translations: TRANSLATIONS_JSON
  });
  var input = document.querySelector("#praxis-suche .pagefind-ui__search-input");
  if (input) { input.id = "praxis-suche-eingabe"; }
  var query = new URLSearchParams(location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
</script>
"""


def files(collection: Collection) -> list[GeneratedFile]:
    """The finder page `suche/` (filters and excerpts come from Pagefind's UI)."""
    page = FINDER_PAGE.replace("TRANSLATIONS_JSON", json.dumps(TRANSLATIONS, ensure_ascii=False))
    return [GeneratedFile(FINDER, page)]
