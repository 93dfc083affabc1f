"""The site search's cache between builds: a cached record is the record an uncached
build makes, also when a word of another entry changes how its compounds are cut; an
entry whose words a change cannot touch is not analysed again."""

from __future__ import annotations

from pathlib import Path

from praxis.config import Instance
from praxis.load.collection import load_collection
from praxis.publish.build import build_site
from praxis.search.searchcache import dependency_words, depends
from praxis.search.searchjob import cache_of
from praxis.search.sitesearch import Record, records
from praxis.validate.collection import validate_collection
from tests.conftest import TODAY, edit

PRACTICES = Path("content/practices")
NORDSTADT = "practices/stadtteilbuero-nordstadt/"


def append(root: Path, name: str, text: str) -> None:
    path = root / PRACTICES / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def both(root: Path, cache: Path) -> tuple[dict[str, Record], dict[str, Record]]:
    """The records with the cache, and those an uncached build makes."""
    collection = load_collection(Instance.open(root))
    validate_collection(collection, TODAY)
    cached = {item.path: item for item in records(collection, cache)}
    fresh = {item.path: item for item in records(collection)}
    return cached, fresh


def cache_files(cache: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in (cache / "records").glob("*.json")}


def test_a_word_another_entry_brings_cuts_a_cached_compound_anew(
    project: Path, tmp_path: Path
) -> None:
    # "bunt" is no noun: only as a word of the site's own text does it make
    # "Buntstiftaktion" a compound of "bunt", "stift" and "aktion".
    cache = tmp_path / "cache"
    append(project, "stadtteilbuero-nordstadt.md", "\nJeden Monat gibt es die Buntstiftaktion.\n")
    append(project, "sozialplanung-gera.md", "\nDas Fest war bunt.\n")
    cached, fresh = both(project, cache)
    assert cached == fresh
    assert "stift" in cached[NORDSTADT].words

    edit(project / PRACTICES / "sozialplanung-gera.md", "Das Fest war bunt.", "")
    cached, fresh = both(project, cache)
    assert cached == fresh
    assert "stift" not in cached[NORDSTADT].words


def test_an_edit_elsewhere_leaves_the_other_records_cached(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    both(project, cache)
    before = cache_files(cache)
    append(project, "sozialplanung-gera.md", "\nDazu kam ein Zebrastreifen vor der Schule.\n")
    cached, fresh = both(project, cache)
    assert cached == fresh
    after = cache_files(cache)
    assert len(after) == len(before)
    rewritten = [name for name in after if before.get(name) != after[name]]
    assert len(rewritten) == 1  # the edited entry's record, under its new key


def test_a_broken_cache_file_is_made_again(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    both(project, cache)
    for path in (cache / "records").glob("*.json"):
        path.write_text("{kein json", encoding="utf-8")
    (cache / "lexikon.txt").write_text("", encoding="utf-8")
    cached, fresh = both(project, cache)
    assert cached == fresh


def test_a_lexicon_word_counts_as_a_piece_with_its_endings_and_umlauts() -> None:
    assert depends("sprachförderung", {"sprache"})  # Sprach- for Sprache
    assert depends("wohlfühlquartier", {"wohlfühl"})
    assert depends("lernort", {"lernen"})  # Lern- for Lernen
    assert depends("gärtnern", {"gartnern"})  # a piece is also looked up with a plain vowel
    assert not depends("sprachförderung", {"zebra", "kiosk"})
    assert dependency_words("im Amt und Ort, die Sprachförderung") == ["sprachförderung"]


def test_a_link_in_the_cached_bundle_never_reaches_the_site(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "geheim"
    secret.mkdir()
    (secret / "passwort.txt").write_text("GEHEIMNIS des Rechners", encoding="utf-8")
    build_site(Instance.open(project), None, today=TODAY, echo=lambda message: None)
    bundle = cache_of(Instance.open(project)) / "bundle"
    (bundle / "passwort.txt").symlink_to(secret / "passwort.txt")
    (bundle / "ordner").symlink_to(secret)
    config = project / "mkdocs.yml"  # every page changes, no search record
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: Praxisdatenbank Test", "site_name: Test"), "utf-8")
    log: list[str] = []
    build_site(Instance.open(project), None, today=TODAY, echo=log.append)
    site = (project / "site").resolve()
    published = [path for path in site.rglob("*") if path.is_file()]
    assert [path for path in published if "GEHEIMNIS" in path.read_text("utf-8", "replace")] == []
    assert not [path for path in site.rglob("*") if path.is_symlink()]
    assert any("für Pagefind indexiert" in line for line in log)  # made anew, not reused
