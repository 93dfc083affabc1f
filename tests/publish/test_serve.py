"""`praxis serve` as a user runs it: a subprocess on a free port that serves the site and
rebuilds it when a content or vocabulary file changes."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from praxis.publish.static import free_port
from tests.conftest import TODAY, edit

PRACTICE = "practices/stadtteilbuero-nordstadt/"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def fetch_missing(url: str) -> tuple[int, str]:
    """The status and body of a page that is not there (urllib raises for a 404)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, str(error.read().decode("utf-8"))


def wait_for(condition: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} nicht nach {seconds} s; Ausgabe:\n{log.read_text(encoding='utf-8')}")


def start_serve(project: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`praxis serve` of `project` on `port`, its output in `log`."""
    with log.open("w", encoding="utf-8") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "praxis", "serve", "--port", str(port), "--root", str(project)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PRAXIS_TODAY": TODAY.isoformat()},
        )


@pytest.fixture
def server(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    log = tmp_path / "serve.log"
    process = start_serve(project, port, log)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url + PRACTICE) is not None, 60, "Vorschau erreichbar", log)
        yield url, log
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve_rebuilds_on_content_and_vocabulary_changes(
    server: tuple[str, Path], project: Path
) -> None:
    url, log = server
    assert "Stadtteilbüro Nordstadt" in (fetch(url + PRACTICE) or "")
    edit(
        project / "content/practices/stadtteilbuero-nordstadt.md",
        "titel: Stadtteilbüro Nordstadt",
        "titel: Stadtteilbüro Kassel-Nord",
    )
    wait_for(
        lambda: "Stadtteilbüro Kassel-Nord" in (fetch(url + PRACTICE) or ""),
        60,
        "Geänderter Titel",
        log,
    )
    updates = re.findall(r"Aktualisiert in \d+,\d s: (\d+) Seiten? neu", log.read_text("utf-8"))
    assert len(updates) == 2 and int(updates[1]) < int(updates[0])  # only what changed

    edit(
        project / "schema/vocabularies/handlungsfelder.yml",
        "label: Gemeinwesenarbeit",
        "label: Gemeinwesenarbeit im Quartier",
    )
    wait_for(
        lambda: "Gemeinwesenarbeit im Quartier" in (fetch(url + PRACTICE) or ""),
        60,
        "Geändertes Vokabular",
        log,
    )


def test_ctrl_c_stops_the_preview_and_cleans_up(project: Path, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    process = start_serve(project, port, log)
    try:
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") is not None, 60, "Vorschau", log)
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=15)
    output = log.read_text(encoding="utf-8")
    assert code == 0 and "Vorschau beendet." in output
    work = re.search(r"Website gebaut: (\S+)/site", output)
    assert work and not Path(work.group(1)).exists()
    assert list((project / ".praxis" / "build").glob("memory-*.json")) == []  # nor its memory


def test_serve_shows_content_errors_in_the_browser_until_fixed(
    server: tuple[str, Path], project: Path
) -> None:
    url, log = server
    entry = project / "content/practices/stadtteilbuero-nordstadt.md"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("status: laufend", "status: <script>alert(1)</script>"))
    wait_for(
        lambda: "stadtteilbuero-nordstadt.md:19" in (fetch(url + PRACTICE) or ""),
        60,
        "Fehlerseite mit Datei und Zeile",
        log,
    )
    page = fetch(url + PRACTICE) or ""
    assert "Die Vorschau kann die Website nicht bauen" in page
    assert "„&lt;script&gt;alert(1)&lt;/script&gt;“ ist nicht zulässig" in page
    assert "Erlaubt: geplant, laufend, abgeschlossen." in page  # the validator's hint
    assert "<script>alert" not in page
    assert "Stadtteilbüro Nordstadt" not in page
    assert "/livereload/" in page  # served as a page of the site: it reloads when fixed
    assert "stadtteilbuero-nordstadt.md:19" in (fetch(url) or "")
    status, missing = fetch_missing(url + "gibt-es-nicht/")
    assert status == 404 and "stadtteilbuero-nordstadt.md:19" in missing
    assert "stadtteilbuero-nordstadt.md:" in log.read_text(encoding="utf-8")

    entry.write_text(good, encoding="utf-8")
    wait_for(
        lambda: "Stadtteilbüro Nordstadt" in (fetch(url + PRACTICE) or ""),
        60,
        "Seite nach der Korrektur",
        log,
    )
    assert "Die Vorschau kann die Website nicht bauen" not in (fetch(url + PRACTICE) or "")


def test_serve_shows_a_broken_front_matter_from_the_start(project: Path, tmp_path: Path) -> None:
    """A preview started on broken content shows the error at its start page."""
    entry = project / "content/practices/stadtteilbuero-nordstadt.md"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("bundesland: HE", "bundesland: [HE"), encoding="utf-8")
    port = free_port()
    log = tmp_path / "serve.log"
    process = start_serve(project, port, log)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url) is not None, 60, "Vorschau erreichbar", log)
        page = fetch(url) or ""
        assert re.search(r"stadtteilbuero-nordstadt\.md:\d+", page), page
        assert "Die Vorschau kann die Website nicht bauen" in page
        entry.write_text(good, encoding="utf-8")
        wait_for(
            lambda: "Stadtteilbüro Nordstadt" in (fetch(url + PRACTICE) or ""),
            60,
            "Seite nach der Korrektur",
            log,
        )
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


def test_a_taken_port_is_reported_before_building(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "praxis", "serve", "--port", str(port), "--root", str(project)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Fehler: Port {port} ist nicht verfügbar" in result.stderr
    assert "Website gebaut" not in result.stdout


def test_the_error_page_escapes_what_the_content_says(project: Path, tmp_path: Path) -> None:
    from praxis.config import Instance
    from praxis.errors import ConfigError, ContentError
    from praxis.problems import Problem
    from praxis.publish.serve import error_page, publish_error_site

    instance = Instance.open(project)
    late = Problem("content/b.md", 9, 1, "error", "titel", "Titel <b>fehlt</b>.")
    early = Problem("content/a.md", 3, 5, "error", "quellen.0.url", "x", where="1. Quelle, url")
    page = error_page(instance, ContentError("egal", [late, early]))
    assert "Der Inhalt hat 2 Fehler." in page
    assert page.index("content/a.md:3") < page.index("content/b.md:9")  # sorted by file
    assert "1. Quelle, url" in page and "quellen.0.url" not in page
    assert "Titel &lt;b&gt;fehlt&lt;/b&gt;." in page and "<b>" not in page
    other = error_page(instance, ConfigError('mkdocs.yml:2: "site_name" <fehlt>'))
    assert "mkdocs.yml:2: &#34;site_name&#34; &lt;fehlt&gt;" in other

    out = tmp_path / "site"
    publish_error_site(out, page)  # no site yet: the start page and the 404 page
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == [
        "404.html",
        "index.html",
    ]
    (out.resolve() / "practices" / "x").mkdir(parents=True)
    (out.resolve() / "practices" / "x" / "index.html").write_text("alt", encoding="utf-8")
    publish_error_site(out, other)  # every page of the site before, now the error
    assert (out / "practices" / "x" / "index.html").read_text(encoding="utf-8") == other
    assert (out / "404.html").read_text(encoding="utf-8") == other
