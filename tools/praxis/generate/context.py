"""What every page generator needs, computed once per build in O(n).

Reverse links (`adapted_by`, `funded`) and the programme index by Handlungsfeld are made
here in one pass, so that no generator loops over all entries for each entry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

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
    programmes_by_hf: dict[str, list[str]] = field(default_factory=dict)  # slugs
    # The group of "Förderwege" a programme is shown in: its Land's, None for Bund and
    # EU, False for none (a Land's programme without a Land).
    funding_group: dict[str, str | Literal[False] | None] = field(default_factory=dict)
    title_key: dict[str, str] = field(default_factory=dict)
    programme_item: dict[str, Markup] = field(default_factory=dict)
    programme_laender: set[str] = field(default_factory=set)  # Länder with own programmes
    _funding: dict[tuple[str, ...], Funding] = field(default_factory=dict, repr=False)

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
        by_hf: dict[str, list[str]] = defaultdict(list)
        for doc in data.programmes:
            for term in doc.entry.handlungsfelder:
                by_hf[term].append(doc.slug)
            national = doc.entry.ebene in ("bund", "eu")
            data.funding_group[doc.slug] = None if national else doc.entry.bundesland or False
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

    def funding(self, handlungsfelder: tuple[str, ...]) -> Funding:
        """The programmes that fund some of `handlungsfelder`, for the "Förderwege" of
        every practice page; made once per combination (practices share them)."""
        found = self._funding.get(handlungsfelder)
        if found is None:
            found = self._funding[handlungsfelder] = Funding.of(self, handlungsfelder)
        return found

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


@dataclass(frozen=True)
class Funding:
    """The programmes that fund some of a list of Handlungsfelder: the ones each shares
    (`matching`, in the list's order) and, by group of "Förderwege" (a Land's code, None
    for Bund and EU), all of them, best match first (most shared, then by title)."""

    matching: dict[str, list[str]]
    groups: dict[str | None, list[str]]

    @classmethod
    def of(cls, data: SiteData, handlungsfelder: tuple[str, ...]) -> Funding:
        matching: dict[str, list[str]] = defaultdict(list)
        for term in handlungsfelder:
            for slug in data.programmes_by_hf.get(term, ()):
                matching[slug].append(term)
        groups: dict[str | None, list[str]] = defaultdict(list)
        for slug in matching:
            group = data.funding_group[slug]
            if group is not False:
                groups[group].append(slug)
        for slugs in groups.values():
            slugs.sort(key=lambda s: (-len(matching[s]), data.title_key[s]))
        return cls(dict(matching), dict(groups))
