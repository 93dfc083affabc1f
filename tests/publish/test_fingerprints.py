"""Page fingerprints (`praxis.publish.memory`): a page's fingerprint changes when what it
shows changes, also when that is another entry's title, and stays when nothing it shows
changed. Checked on the pages' data, without MkDocs; the byte-for-byte comparison of
whole sites is in test_incremental.py."""

from __future__ import annotations

from pathlib import Path

from praxis.config import Instance
from praxis.generate.context import SiteData
from praxis.generate.site import theme_pages
from praxis.load.collection import load_collection
from praxis.publish.memory import inputs_digest, page_fingerprint
from praxis.search.related import related_practices
from praxis.validate.collection import validate_collection
from tests.conftest import TODAY

GERA = "practices/sozialplanung-gera.md"
KASSEL = "practices/stadtteilbuero-nordstadt.md"


def fingerprints(root: Path) -> dict[str, str]:
    collection = load_collection(Instance.open(root))
    validate_collection(collection, TODAY)
    pages = theme_pages(SiteData.of(collection), related_practices(collection))
    return {page.path: page_fingerprint(page, files="") for page in pages}


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def test_a_practice_page_changes_with_the_title_of_a_related_practice(project: Path) -> None:
    before = fingerprints(project)
    replace(project, "content/" + KASSEL, "titel: Stadtteilbüro Nordstadt", "titel: Nordstadtbüro")
    after = fingerprints(project)
    assert {KASSEL, GERA} <= changed(before, after)  # Gera lists Kassel as related
    assert "zielgruppen/wohnungslose.md" not in changed(before, after)  # lists neither


def test_a_practice_page_changes_with_the_title_of_a_programme_it_shows(
    project: Path,
) -> None:
    before = fingerprints(project)
    replace(
        project,
        "content/programmes/zusammen-im-quartier.md",
        "titel: Zusammen im Quartier",
        "titel: Zusammen im Quartier (neu)",
    )
    after = fingerprints(project)
    # Gera shows it under Förderwege (a shared Handlungsfeld), without naming it
    assert GERA in changed(before, after)
    assert "programmes/zusammen-im-quartier.md" in changed(before, after)


def test_nothing_changed_no_page_changes(project: Path) -> None:
    assert changed(fingerprints(project), fingerprints(project)) == set()


def test_a_land_label_changes_what_every_page_is_made_with(project: Path) -> None:
    # Labels come from the vocabularies, which the global fingerprint holds: a new label
    # of a Land is a new global fingerprint, so no page is kept.
    before = inputs_digest(Instance.open(project))
    replace(project, "schema/vocabularies/bundeslaender.yml", "label: Hessen", "label: Land Hessen")
    assert inputs_digest(Instance.open(project)) != before
