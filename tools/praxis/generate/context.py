"""What every page generator needs, computed once per build in O(n).

Reverse links (`adapted_by`, `funded`) and the programme index by Handlungsfeld are made
here in one pass, so that no generator loops over all entries for each entry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from praxis.config import Instance
from praxis.generate import entry_url, published
from praxis.load.collection import Collection, Document
from praxis.render.templating import Labels, href


@dataclass
class SiteData:
    collection: Collection
    instance: Instance
    labels: Labels
    practices: list[Document]
    programmes: list[Document]
    practice: dict[str, Document] = field(default_factory=dict)
    programme: dict[str, Document] = field(default_factory=dict)
    adapted_by: dict[str, list[Document]] = field(default_factory=dict)
    funded: dict[str, list[Document]] = field(default_factory=dict)
    programmes_by_hf: dict[str, list[Document]] = field(default_factory=dict)
    title_key: dict[str, str] = field(default_factory=dict)
    programme_item: dict[str, Markup] = field(default_factory=dict)
    programme_laender: set[str] = field(default_factory=set)  # Länder with own programmes

    @classmethod
    def of(cls, collection: Collection) -> SiteData:
        data = cls(
            collection,
            collection.instance,
            Labels(collection.instance),
            published(collection, "practice"),
            published(collection, "programme"),
        )
        data.practice = {doc.slug: doc for doc in data.practices}
        data.programme = {doc.slug: doc for doc in data.programmes}
        adapted_by: dict[str, list[Document]] = defaultdict(list)
        funded: dict[str, list[Document]] = defaultdict(list)
        for doc in data.practices:
            for source in doc.entry.uebertragen_von:
                adapted_by[source].append(doc)
            for slug in doc.entry.programme:
                funded[slug].append(doc)
        by_hf: dict[str, list[Document]] = defaultdict(list)
        for doc in data.programmes:
            for term in doc.entry.handlungsfelder:
                by_hf[term].append(doc)
        data.adapted_by, data.funded, data.programmes_by_hf = adapted_by, funded, by_hf
        data.programme_laender = {
            doc.entry.bundesland
            for doc in data.programmes
            if doc.entry.bundesland and doc.entry.ebene not in ("bund", "eu")
        }
        data.title_key = {doc.slug: doc.entry.titel.casefold() for doc in data.programmes}
        data.programme_item = {  # as linked from an entry page (two levels below the root)
            doc.slug: Markup('<a href="{}">{}</a> · {}').format(
                href(entry_url("practice", "x"), entry_url("programme", doc.slug)),
                doc.entry.titel,
                doc.entry.foerdergeber,
            )
            for doc in data.programmes
        }
        return data

    @cached_property
    def mitmachen(self) -> bool:
        """Whether the instance has a page that explains how to contribute."""
        return (self.instance.content_dir / "mitmachen.md").is_file()

    def contribute(self, page: str) -> str | None:
        """Where a reader of `page` learns how to contribute: the instance's „Mitmachen“
        page, else its repository."""
        if self.mitmachen:
            return href(page, "mitmachen/")
        return self.instance.repo_url or None
