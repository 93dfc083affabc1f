"""`praxis search` as a user sees it: ranked hits, snippets, filters, facets, JSON; never
answers from outdated data; and the relevance of the judged queries does not drop."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.generate import entry_url
from tests.conftest import TODAY, edit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "relevance"))
import evaluate

# The level reached per suite (MRR, recall@10; rounded down to 2 decimals);
# tests/relevance/evaluate.py prints the current figures.
MINIMUM = {"search": (0.99, 0.99), "search2": (0.97, 0.99)}


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["search", "--root", str(root), *args])
    return result.exit_code, result.output


def ids(root: Path, *args: str) -> list[str]:
    code, output = run(root, *args, "--format", "json", "--limit", "50")
    assert code == 0, output
    return [r["id"] for r in json.loads(output)["results"]]


def test_text_output_with_snippet_and_facets(root: Path) -> None:
    assert run(root, "Garten", "--bundesland", "HE") == (
        0,
        """\
1 Treffer für „Garten“ (Land: HE).
 1. Nachbarschaftsgarten in der Kasseler Nordstadt [HE · Praxisbeispiel · \
nachbarschaftsgarten-nordstadt]
    Auf einer Brachfläche legen Bewohnerinnen und Bewohner der Nordstadt gemeinsam einen \
»Nachbarschaftsgarten« an. Die Gemeinwesenarbeit des Stadtteilzentrums begleitet die Gruppe, \
vermittelt bei Konflikten und sorgt dafür,…
    practices/nachbarschaftsgarten-nordstadt/

Länder: HE 1
Handlungsfelder: beteiligung 1, gemeinwesenarbeit 1, klima-umwelt 1
Zielgruppen: bewohner 1, familien 1
Programme: landesprogramm-gwa-hessen 1
Art: practice 1
""",
    )


def test_limit_says_how_many_more(root: Path) -> None:
    code, output = run(root, "GWA", "--limit", "2")
    assert code == 0
    lines = output.splitlines()
    assert lines[0] == "4 Treffer für „GWA“."
    assert lines[1].startswith(" 1. GWA im Quartier Biebrich-Parkfeld [HE · Praxisbeispiel")
    assert "»GWA«" in lines[2] and "»Stadtteilarbeit«" in lines[2]
    assert "… und 2 weitere (mit --limit mehr anzeigen)." in lines


def test_no_hit_gives_a_hint(root: Path) -> None:
    assert run(root, "Lastenfahrrad") == (
        0,
        "0 Treffer für „Lastenfahrrad“. Tipp: weniger oder andere Wörter versuchen, "
        "Filter weglassen.\n",
    )


def test_json_has_the_documented_shape(root: Path) -> None:
    code, output = run(root, "Beteiligung", "--format", "json")
    assert code == 0
    data = json.loads(output)
    assert set(data) == {"total", "results", "facets"}
    assert data["total"] == 8 and len(data["results"]) == 8
    first = data["results"][0]
    assert set(first) == {"id", "kind", "titel", "bundesland", "url", "score", "snippet"}
    assert first["url"] == entry_url(first["kind"], first["id"])
    snippets = {r["id"]: r["snippet"] for r in data["results"]}
    assert "<mark>Bürgerbeteiligung</mark>" in snippets["buergerhaushalt-leipzig"]
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    assert sum(data["facets"]["bundesland"].values()) == 7  # one programme is federal
    assert data["facets"]["kind"] == {"practice": 6, "programme": 2}
    lands = [r["bundesland"] for r in data["results"] if r["bundesland"]]
    assert data["facets"]["bundesland"] == {
        land: lands.count(land) for land in data["facets"]["bundesland"]
    }


def test_snippets_are_html_safe(root: Path) -> None:
    edit(
        root / "content/practices/buergerhaushalt-leipzig.md",
        "Vorschläge werden gesammelt",
        "Vorschläge, Ideen & Kritik werden gesammelt",
    )
    data = json.loads(run(root, "Ideen Kritik", "--format", "json")[1])
    assert "<mark>Ideen</mark> &amp; <mark>Kritik</mark>" in data["results"][0]["snippet"]


def test_filters_combine_with_and(root: Path) -> None:
    assert set(ids(root, "Beteiligung", "--bundesland", "HE")) == {
        "nachbarschaftsgarten-nordstadt",
        "gwa-wiesbaden-biebrich",
        "landesprogramm-gwa-hessen",
    }
    assert ids(root, "Beteiligung", "--bundesland", "HE", "--kind", "programme") == [
        "landesprogramm-gwa-hessen"
    ]
    assert ids(root, "Beteiligung", "--bundesland", "HE", "--zielgruppe", "kinder") == [
        "gwa-wiesbaden-biebrich"
    ]
    assert ids(root, "Beteiligung", "--handlungsfeld", "klima-umwelt", "--bundesland", "SH") == [
        "klimaquartier-kiel-gaarden"
    ]


def test_empty_query_with_filters_lists_all_matches_by_title(root: Path) -> None:
    assert ids(root, "--programm", "landesprogramm-gwa-hessen") == [
        "gwa-wiesbaden-biebrich",
        "nachbarschaftsgarten-nordstadt",
    ]
    assert len(ids(root, "--kind", "practice")) == 23  # the draft is not listed


def test_neither_query_nor_filter_is_a_usage_error(root: Path) -> None:
    code, output = run(root)
    assert code == 2
    assert "Bitte ein Suchwort oder mindestens einen Filter angeben." in output


def test_drafts_are_not_searchable(root: Path) -> None:
    assert "entwurf-gemeinschaftsgarten" not in ids(root, "Gemeinschaftsgarten")
    assert "entwurf-gemeinschaftsgarten" not in ids(root, "Entwurf")


def test_search_reindexes_a_changed_file_first(root: Path) -> None:
    assert ids(root, "Lastenrad") == []
    page = root / "content/practices/klimaquartier-kiel-gaarden.md"
    edit(page, "Stromsparhelfer", "Lastenrad-Verleih und Stromsparhelfer")
    assert ids(root, "Lastenrad") == ["klimaquartier-kiel-gaarden"]
    page.unlink()
    assert ids(root, "Lastenrad") == []


@pytest.mark.parametrize("suite", sorted(MINIMUM))
def test_relevance_does_not_drop(
    suite: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRAXIS_TODAY", TODAY.isoformat())
    results = evaluate.evaluate(evaluate.copy_fixture(tmp_path, suite), suite)
    mrr, recall = results["praxis"]["alle"]
    assert (mrr, recall) >= MINIMUM[suite]
    assert recall >= MINIMUM[suite][1]
    baseline_mrr, baseline_recall = results["StemmingAnalyzer"]["alle"]
    assert mrr > baseline_mrr and recall > baseline_recall
    queries = evaluate.load_queries(suite)
    assert len(queries) >= 30
    assert {"compound", "phrase", "inflection", "typo", "synonym"} <= {q.kind for q in queries}


def test_site_search_bundle_holds_every_published_entry(root: Path, tmp_path: Path) -> None:
    from praxis.cli.options import load_and_validate
    from praxis.config import Instance
    from praxis.search.finder import files
    from praxis.search.sitesearch import index_site, records

    collection = load_and_validate(Instance.open(root))
    items = {item.path: item for item in records(collection)}
    assert len(items) == 27 and "practices/entwurf-gemeinschaftsgarten/" not in items
    garden = items["practices/nachbarschaftsgarten-nordstadt/"]
    assert garden.filters["Land"] == ["Hessen"]
    assert garden.filters["Programm"] == ["Landesprogramm Gemeinwesenarbeit Hessen"]
    assert {"garten", "gwa", "nachbarschaft"} <= set(garden.words)
    assert "garten" not in garden.content.split()  # the search words are never shown
    site = tmp_path / "site"
    assert index_site(collection, site) == 27
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert len(list((site / "pagefind" / "fragment").iterdir())) == 27
    words = json.loads((site / "pagefind" / "woerter" / "n.json").read_text("utf-8"))
    assert "nachbarschaftsgarten" in words
    finder = files(collection)[0]
    assert finder.path == "suche/index.md"
    assert 'data-filter="Handlungsfeld"' in str(finder.content)


def test_site_search_of_an_instance_without_entries(root: Path, tmp_path: Path) -> None:
    from praxis.cli.options import load_and_validate
    from praxis.config import Instance
    from praxis.search.finder import files
    from praxis.search.sitesearch import index_site

    for path in (root / "content").rglob("*.md"):
        if path.parent.name in ("practices", "programmes"):
            path.unlink()
    site = tmp_path / "site"
    collection = load_and_validate(Instance.open(root))
    assert index_site(collection, site) == 0
    assert (site / "pagefind" / "woerter").is_dir()
    assert not (site / "pagefind" / "pagefind.js").exists()
    # so the finder page has no search form (it would fail to load Pagefind), but says why
    finder = str(files(collection)[0].content)
    assert "Hier gibt es noch nichts zu durchsuchen." in finder
    assert "praxis-finder" not in finder and "suche.js" not in finder
