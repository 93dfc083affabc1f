"""The static server that the screenshots, benchmarks and browser tests open a built site
with: it serves the directory's files, logs nothing, and frees its port afterwards."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from praxis.publish.static import serving


def test_serves_the_directory_quietly_and_frees_the_port(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "suche").mkdir()
    (tmp_path / "suche" / "index.html").write_text("<p>Suche</p>", encoding="utf-8")
    with serving(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        with urllib.request.urlopen(url + "suche/") as response:
            assert response.read() == b"<p>Suche</p>"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "fehlt.html")
        assert missing.value.code == 404
    assert capfd.readouterr() == ("", "")
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=5)
