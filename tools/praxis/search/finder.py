"""The finder page `suche/`: the search form, its filters with their totals, and the
small German search UI (`assets/javascripts/suche.js`) that runs on Pagefind's own
`pagefind.js` (the bundle `sitesearch` makes). The header box (`partials/search.html`)
leads here. Nothing is loaded from another host.
"""

from __future__ import annotations

import html
from collections import Counter

from praxis.generate import GeneratedFile, published
from praxis.load.collection import Collection
from praxis.search.analysis import STOPWORDS
from praxis.search.sitesearch import FILTERS, filter_values

FINDER = "suche/index.md"

FINDER_PAGE = """---
title: Suche
hide:
  - toc
---

# Suche

Durchsuchen Sie alle Praxisbeispiele und Förderprogramme. Die Suche kennt Wortformen
(„Kitas“ findet „Kita“, „Beraterinnen“ findet „Berater“), Wortteile („Garten“ findet
„Nachbarschaftsgarten“, „Büro für den Stadtteil“ findet „Stadtteilbüro“), Abkürzungen
(„GWA“ findet „Gemeinwesenarbeit“) und Schreibweisen ohne Umlaute („Buergerbeteiligung“);
bei einem Tippfehler schlägt sie das nächste Wort vor.
Mit den Filtern grenzen Sie nach Land, Handlungsfeld, Zielgruppe, Programm und Art ein.

<form id="praxis-finder" class="praxis-finder" role="search" aria-label="Einträge durchsuchen"
 data-bundle="../pagefind/" data-stopwords="STOPWORDS" action="./">
<label class="praxis-finder__label" for="praxis-suche-eingabe">Suchbegriff</label>
<input class="praxis-finder__eingabe" id="praxis-suche-eingabe" type="search" name="q"
 autocomplete="off" placeholder="z. B. Nachbarschaftsgarten, GWA, Kitas">
<fieldset class="praxis-finder__filter">
<legend>Filter</legend>
SELECTS
</fieldset>
</form>
<p id="praxis-finder-status" class="praxis-finder__status" role="status" aria-live="polite"></p>
<p id="praxis-finder-vorschlag" class="praxis-finder__vorschlag" hidden>Meinten Sie
<button type="button" class="praxis-finder__wort"></button>?</p>
<ol id="praxis-finder-treffer" class="praxis-finder__treffer"></ol>
<button type="button" id="praxis-finder-mehr" class="md-button" hidden>Weitere Treffer
zeigen</button>
<noscript>Die Suche braucht JavaScript. Alle Einträge finden Sie auch über die Übersichten
nach Land, Handlungsfeld und Zielgruppe.</noscript>
<script src="../assets/javascripts/suche.js"></script>
<style>
.praxis-finder__label { display: block; font-weight: 700; }
.praxis-finder__eingabe { width: 100%; padding: .5em .7em; border: 1px solid #5c5c5c;
  border-radius: .2em; font: inherit; }
.praxis-finder__filter { display: flex; flex-wrap: wrap; gap: .5em 1em; margin: 1em 0;
  padding: .5em 1em 1em; border: 1px solid #bdbdbd; border-radius: .2em; }
.praxis-finder__filter legend { font-weight: 700; padding: 0 .3em; }
.praxis-finder__feld { display: flex; flex-direction: column; min-width: 12em; flex: 1; }
.praxis-finder__feld select { max-width: 100%; padding: .3em; font: inherit; }
.praxis-finder__treffer { padding-left: 1.5em; }
#praxis-finder-mehr[hidden], #praxis-finder-vorschlag[hidden] { display: none; }
.praxis-finder__wort { font: inherit; font-weight: 700; text-decoration: underline;
  color: var(--md-typeset-a-color); background: none; border: 0; padding: 0; cursor: pointer; }
.praxis-finder__eintrag { margin-bottom: 1.2em; }
.praxis-finder__titel { font-weight: 700; }
.md-typeset .praxis-finder__meta { margin: .2em 0; color: #4d4d4d; font-size: .9em; }
.md-typeset .praxis-finder__auszug { margin: .2em 0; }
</style>
"""

# Without entries Pagefind makes no index: the page says so instead of a form that fails.
EMPTY_FINDER_PAGE = """---
title: Suche
hide:
  - toc
---

# Suche

Hier gibt es noch nichts zu durchsuchen. Die Suche findet Praxisbeispiele und
Förderprogramme, sobald der erste Eintrag veröffentlicht ist.
"""

SELECT = (
    '<span class="praxis-finder__feld"><label for="praxis-filter-{id}">{name}</label>'
    '<select id="praxis-filter-{id}" data-filter="{name}"><option value="">alle</option>'
    "{options}</select></span>"
)


def files(collection: Collection) -> list[GeneratedFile]:
    """The finder page `suche/`, its filter choices with the totals written into the page
    (`data-anzahl`): the finder shows them without loading Pagefind's filter index,
    which it loads only when the reader turns to the filters, to count from then on what
    each choice would give."""
    docs = [*published(collection, "practice"), *published(collection, "programme")]
    if not docs:
        return [GeneratedFile(FINDER, EMPTY_FINDER_PAGE)]
    counts: dict[str, Counter[str]] = {name: Counter() for name in FILTERS}
    programmes = collection.programmes
    for doc in docs:
        for name, values in filter_values(doc, collection, programmes).items():
            counts[name].update(values)
    selects = []
    for name in FILTERS:
        options = "".join(
            f'<option value="{html.escape(value)}" data-anzahl="{count}">'
            f"{html.escape(value)} ({count})</option>"
            for value, count in sorted(counts[name].items(), key=lambda kv: kv[0].casefold())
        )
        selects.append(SELECT.format(id=name.lower(), name=name, options=options))
    text = FINDER_PAGE.replace("SELECTS", "\n".join(selects))
    text = text.replace("STOPWORDS", " ".join(sorted(STOPWORDS)))
    return [GeneratedFile(FINDER, text)]
