"""The site search on both judged suites, in Chromium on the finder page: what a reader
finds, typos ("Meinten Sie …?") included. tests/relevance/site_relevance.py prints the figures."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tests" / "relevance"))
import evaluate
import site_relevance

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The level reached per suite (MRR, recall@10; rounded down to 2 decimals)
MINIMUM = {"search": (0.95, 0.98), "search2": (0.95, 0.96)}


@pytest.mark.parametrize("suite", sorted(MINIMUM))
def test_site_relevance_does_not_drop(suite: str, tmp_path: Path, browser: Any) -> None:
    queries, ranked = site_relevance.evaluate_site(suite, tmp_path, browser)
    figures = evaluate.report(queries, ranked)
    mrr, recall = figures["alle"]
    assert mrr >= MINIMUM[suite][0], figures
    assert recall >= MINIMUM[suite][1], figures
    assert figures["typo"][0] >= 0.85, figures
