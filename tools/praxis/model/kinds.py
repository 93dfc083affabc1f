"""The kinds of entry, in one table: what each is called, where its files live and where
its pages go. Every stage asks this table instead of spelling a folder or a label."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from praxis.text import plural

Kind = Literal["practice", "programme"]
PageKind = Kind | Literal["page"]  # a hand-written page: only its text is checked


@dataclass(frozen=True)
class KindOfEntry:
    """`kind` is the key (front matter, code); `label` and `plural` are the German names
    that messages and the site use; `folder` is the entries' folder under content/ and, on
    the site, the path of their pages."""

    kind: Kind
    label: str
    plural: str
    folder: str

    def count(self, n: int) -> str:
        """`1 Praxisbeispiel`, `3 Praxisbeispiele`."""
        return plural(n, self.label, self.plural)

    def page(self, slug: str) -> str:
        """Site path of one entry's page, relative to the site root."""
        return f"{self.folder}/{slug}/"


# Keyed by plain `str`, as `doc.kind` and the models' tables are; `KindOfEntry.kind` is typed.
KINDS: dict[str, KindOfEntry] = {
    "practice": KindOfEntry("practice", "Praxisbeispiel", "Praxisbeispiele", "practices"),
    "programme": KindOfEntry("programme", "Förderprogramm", "Förderprogramme", "programmes"),
}
