"""The repository's own content: the starter knowledge base built from the seed documents.

CI guards it from now on: it must validate without errors, stay large enough to be a real
knowledge base, keep the funding links the sources name, and never publish the contact
persons that the source pages name (contacts are organisations, not private persons).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.config import Instance
from praxis.generate.accessibility import SIGN_LANGUAGE, STATEMENT
from praxis.load.collection import Collection, Document, load_collection
from praxis.validate.collection import validate_collection

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"

# Staff named on the seed pages (HEGISS, IKSP Gera, KOSS Thüringen, G.I.B.): their names
# and personal addresses must appear nowhere in the published content.
SEED_PERSONS = [
    ("Christoph", "Kummer"),
    ("Silja", "Polzin"),
    ("Sandra", "Wanzar"),
    ("Madleine", "Neumann"),
    ("Felix", "Wilke"),
    ("Mandy", "Franz"),
    ("Mandy", "Herzer"),
    ("", "Meding"),
]
SEED_PERSONAL_MAILBOXES = ["christoph.kummer", "silja.polzin"]

# Funding named by the seeds: practice slug -> the programme the seed says funds it.
SEED_FUNDING = {
    "service-generationen-gera": "solidarisches-zusammenleben-der-generationen",
    "koss-liga-thueringen": "armutspraeventionsrichtlinie-thueringen",
    "servicestelle-hegiss": "soziale-stadt-hessen",
}

_EMAIL = re.compile(
    r"[\w.+-]+\s*(?:@|\[at\]|\(at\))\s*[\w-]+(?:(?:\.|\[dot\]|\(dot\))[\w-]+)+", re.I
)
_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)]*)?\)")


@pytest.fixture(scope="module")
def content() -> Collection:
    collection = load_collection(Instance.open(REPO))
    validate_collection(collection)
    return collection


def _published(collection: Collection, kind: str) -> list[Document]:
    return [
        d for d in collection.documents if d.kind == kind and d.entry is not None and d.published
    ]


def _content_files() -> Iterator[Path]:
    yield from sorted(p for p in CONTENT.rglob("*") if p.is_file())


def test_repository_content_validates_without_errors(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "--root", str(REPO), "--format", "json"])
    problems = json.loads(result.stdout)
    errors = [p for p in problems if p["severity"] == "error"]
    assert errors == []
    assert result.exit_code == 0
    checked = {p["path"] for p in problems}
    assert any(path.startswith("content/practices/") for path in checked)


def test_knowledge_base_has_enough_entries_from_three_laender(content: Collection) -> None:
    practices = _published(content, "practice")
    programmes = _published(content, "programme")
    assert len(practices) >= 8
    assert len(programmes) >= 6
    laender = {d.entry.bundesland for d in practices + programmes if d.entry.bundesland}
    assert len(laender) >= 3, laender
    assert len({d.entry.bundesland for d in practices}) >= 2


def test_practices_link_the_programmes_the_sources_name(content: Collection) -> None:
    practices = {d.slug: d.entry for d in _published(content, "practice")}
    programmes = {d.slug for d in _published(content, "programme")}
    for practice, programme in SEED_FUNDING.items():
        assert practice in practices, practice
        assert programme in programmes, programme
        assert programme in practices[practice].programme, (practice, programme)
    linked = [slug for slug, entry in practices.items() if entry.programme]
    assert len(linked) >= len(SEED_FUNDING)
    funded_programmes = {p for entry in practices.values() for p in entry.programme}
    assert funded_programmes <= programmes


def test_every_entry_names_its_source_and_an_organisation_to_ask(content: Collection) -> None:
    for doc in _published(content, "practice") + _published(content, "programme"):
        assert doc.entry.quellen, doc.rel
        assert all(q.titel for q in doc.entry.quellen), doc.rel
        if doc.kind == "practice":
            assert doc.entry.kontakt.person is None, doc.rel


@pytest.mark.parametrize("path", list(_content_files()), ids=lambda p: p.name)
def test_no_seed_contact_person_or_personal_address_is_published(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for first, last in SEED_PERSONS:
        assert not re.search(rf"\b{last}\b", text), f"{path.name} nennt {last}"
        if first:
            assert not re.search(rf"\b{first}\s+{last}\b", text)
    for match in _EMAIL.finditer(text):
        local = re.split(r"@|\[at\]|\(at\)", match.group(), flags=re.I)[0].strip().lower()
        assert local not in SEED_PERSONAL_MAILBOXES, match.group()
        names = {n.lower() for person in SEED_PERSONS for n in person if n}
        assert not any(part in names for part in re.split(r"[._-]", local)), match.group()


def test_no_personal_address_warning_for_any_entry(content: Collection) -> None:
    flagged = [
        (d.rel, p.message)
        for d in content.documents
        for p in d.problems
        if "persönlichen E-Mail-Adresse" in p.message
    ]
    assert flagged == []


def test_links_between_entries_lead_to_existing_files() -> None:
    generated = {CONTENT / STATEMENT, CONTENT / SIGN_LANGUAGE}  # made by the build
    for path in _content_files():
        if path.suffix != ".md":
            continue
        for target in _LINK.findall(path.read_text(encoding="utf-8")):
            resolved = (path.parent / target).resolve()
            if resolved.parent in (CONTENT / "practices", CONTENT / "programmes") or (
                resolved.parent == CONTENT
            ):
                assert resolved.is_file() or resolved in generated, (
                    f"{path.relative_to(REPO)}: {target}"
                )


def test_operator_pages_mark_what_the_operator_must_fill_in() -> None:
    for name in ("impressum.md", "datenschutz.md"):
        text = (CONTENT / name).read_text(encoding="utf-8")
        assert '!!! warning "Vom Betreiber auszufüllen"' in text
        assert re.search(r"\[[^\]]+\](?!\()", text), f"{name}: keine Platzhalter"
    assert (CONTENT / "index.md").is_file()
    start = (CONTENT / "index.md").read_text(encoding="utf-8")
    for page in ("mitmachen.md", "leichte-sprache.md", "gebaerdensprache.md", STATEMENT):
        assert page in start, page
