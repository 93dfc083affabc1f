"""What the search index holds for one entry: its fields, made from the validated model.

The token fields are fed the output of `praxis.search.analysis` directly (`Tokens`): whoosh
does not analyse the text a second time, and stores neither positions nor vectors, which
makes indexing about three times faster. `facets` is a column with the filter values
and the sort title, so that facet counts over thousands of hits read one column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.system import pack_uint

from praxis.config import Instance
from praxis.generate import entry_url
from praxis.load.collection import Collection, Document
from praxis.search.analysis import Analysis, text_lexicon

_MARKDOWN = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|^#+\s*|[*_`>|]", re.MULTILINE)


class Tokens(TEXT):
    """A text field indexed from a ready list of analysis tokens (space-separated)."""

    def __init__(self, field_boost: float = 1.0) -> None:
        super().__init__(analyzer=SpaceSeparatedTokenizer(), phrase=False, field_boost=field_boost)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        counts = Counter(value.split() if isinstance(value, str) else value)
        boost = self.format.field_boost
        for word, count in counts.items():
            yield word.encode("utf-8"), count, count * boost, pack_uint(count)


def schema() -> Schema:
    return Schema(
        key=ID(stored=True, unique=True),
        id=ID(stored=True),
        kind=ID(stored=True),
        titel=Tokens(field_boost=3.0),
        text=Tokens(),
        titel_raw=STORED(),
        plain=STORED(),
        url=STORED(),
        bundesland=ID(stored=True),
        handlungsfelder=KEYWORD(stored=True),
        zielgruppen=KEYWORD(stored=True),
        programme=KEYWORD(stored=True),
        facets=COLUMN(),
    )


# --- what is indexed ----------------------------------------------------------------


def indexable(collection: Collection) -> dict[str, Document]:
    """Valid, published entries by key: drafts and entries with errors are not searchable."""
    return {
        f"{doc.kind}:{doc.slug}": doc
        for doc in collection.documents
        if doc.entry is not None and doc.published
    }


def plain_text(markdown: str) -> str:
    return re.sub(r"\n{2,}", "\n", _MARKDOWN.sub(r"\1", markdown)).strip()


def entry_texts(doc: Document, instance: Instance) -> tuple[str, str, str]:
    """(title, text shown in snippets, further searchable text) of an entry."""
    entry = doc.entry
    plain = f"{entry.kurzbeschreibung}\n{plain_text(doc.published_body)}"
    extra: list[str] = list(doc.data.get("schlagworte") or [])
    vocabs = instance.vocabularies
    extra += [vocabs["handlungsfelder"].label_of(t) for t in entry.handlungsfelder]
    extra += [vocabs["zielgruppen"].label_of(t) for t in entry.zielgruppen]
    if getattr(entry, "bundesland", None):
        extra.append(vocabs["bundeslaender"].label_of(entry.bundesland))
    ort = getattr(entry, "ort", None)
    if ort is not None:
        extra += [ort.name, ort.quartier or ""]
    extra += [t.name for t in getattr(entry, "traeger", [])]
    wirkung = getattr(entry, "wirkung", None)
    if wirkung is not None:
        extra += wirkung.ergebnisse
    uebertragbarkeit = getattr(entry, "uebertragbarkeit", None)
    if uebertragbarkeit is not None:
        extra += [
            *uebertragbarkeit.voraussetzungen,
            *uebertragbarkeit.erfolgsfaktoren,
            *uebertragbarkeit.stolpersteine,
        ]
    for key in ("foerdergeber",):
        extra.append(str(getattr(entry, key, "") or ""))
    return entry.titel, plain, "\n".join(str(x) for x in extra if x)


def index_fields(key: str, doc: Document, analysis: Analysis, instance: Instance) -> dict[str, Any]:
    titel, plain, extra = entry_texts(doc, instance)
    entry = doc.entry
    return {
        "key": key,
        "id": doc.slug,
        "kind": doc.kind,
        "titel_raw": titel,
        "plain": plain,
        "titel": " ".join(analysis.tokens(titel)),
        "text": " ".join(analysis.tokens(f"{titel}\n{plain}\n{extra}")),
        "url": entry_url(doc.kind, doc.slug),
        "bundesland": getattr(entry, "bundesland", None) or "",
        "handlungsfelder": " ".join(entry.handlungsfelder),
        "zielgruppen": " ".join(entry.zielgruppen),
        "programme": " ".join(getattr(entry, "programme", [])),
        "facets": facet_row(doc, titel),
    }


FACET_FIELDS = ("bundesland", "handlungsfelder", "zielgruppen", "programme", "kind")


def facet_row(doc: Document, titel: str) -> bytes:
    """The facet values and sort title of an entry as one column value: counting facets
    over thousands of hits reads this column instead of stored fields or postings."""
    entry = doc.entry
    values = [
        getattr(entry, "bundesland", None) or "",
        " ".join(entry.handlungsfelder),
        " ".join(entry.zielgruppen),
        " ".join(getattr(entry, "programme", [])),
        doc.kind,
        titel.casefold(),
    ]
    return "\t".join(values).encode("utf-8")


def collection_lexicon(collection: Collection) -> set[str]:
    """Words of the instance's own text, the compound lexicon of a new generation."""
    return set().union(*(entry_lexicon(doc) for doc in indexable(collection).values()))


def entry_lexicon(doc: Document) -> set[str]:
    """The words one entry adds to the compound lexicon: of its title, short description
    and text (`analysis.text_lexicon`)."""
    text = f"{doc.data.get('titel', '')} {doc.data.get('kurzbeschreibung', '')}"
    return text_lexicon([f"{text} {doc.published_body}"])
