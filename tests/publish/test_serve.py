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

from tests.conftest import TODAY

PRACTICE = "practices/stadtteilbuero-nordstadt/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} nicht nach {seconds} s; Ausgabe:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture
def server(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "PRAXIS_TODAY": TODAY.isoformat()}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "praxis", "serve", "--port", str(port), "--root", str(project)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
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
    entry = project / "content/practices/stadtteilbuero-nordstadt.md"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(
        text.replace("titel: Stadtteilbüro Nordstadt", "titel: Stadtteilbüro Kassel-Nord"),
        encoding="utf-8",
    )
    wait_for(
        lambda: "Stadtteilbüro Kassel-Nord" in (fetch(url + PRACTICE) or ""),
        60,
        "Geänderter Titel",
        log,
    )

    vocabulary = project / "schema/vocabularies/handlungsfelder.yml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8").replace(
            "label: Gemeinwesenarbeit", "label: Gemeinwesenarbeit im Quartier"
        ),
        encoding="utf-8",
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
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "praxis", "serve", "--port", str(port), "--root", str(project)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PRAXIS_TODAY": TODAY.isoformat()},
        )
    try:
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") is not None, 60, "Vorschau", log)
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=15)
    output = log.read_text(encoding="utf-8")
    assert code == 0 and "Vorschau beendet." in output
    work = re.search(r"Website gebaut: (\S+)/site", output)
    assert work and not Path(work.group(1)).exists()


def test_serve_keeps_the_last_good_site_on_errors(server: tuple[str, Path], project: Path) -> None:
    url, log = server
    entry = project / "content/practices/stadtteilbuero-nordstadt.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("status: laufend", "status: irgendwie")
    )
    wait_for(
        lambda: "stadtteilbuero-nordstadt.md:" in log.read_text(encoding="utf-8"),
        60,
        "Fehlermeldung mit Datei und Zeile",
        log,
    )
    assert "letzten fehlerfreien Stand" in log.read_text(encoding="utf-8")
    assert "Stadtteilbüro Nordstadt" in (fetch(url + PRACTICE) or "")


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
