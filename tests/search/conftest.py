"""The search tests' instance: the fixture written for ranking and filters
(tests/fixtures/search), copied to a temporary directory with the date pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY, make_instance


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PRAXIS_TODAY", TODAY.isoformat())
    return make_instance(tmp_path, "search")
