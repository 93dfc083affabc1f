"""`praxis serve`: a live preview on 127.0.0.1 that rebuilds on every change.

MkDocs' livereload server watches the content, the vocabularies and mkdocs.yml and calls
the same `build_site` as `praxis build`, into a temporary directory; the browser reloads
when the new site is swapped in. A content error is shown and the last good site stays.
The build runs in the server's builder thread and forks nothing: its one other process,
the site search, is started fresh (`praxis.search.searchjob`), which is safe beside the
server's threads.
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from praxis.config import Instance
from praxis.errors import PraxisError
from praxis.publish.build import build_site

Echo = Callable[[str], None]
HOST = "127.0.0.1"


def serve_site(instance: Instance, port: int, *, today: Callable[[], dt.date], echo: Echo) -> None:
    _check_port(port)
    url = f"http://{HOST}:{port}/"
    work = Path(tempfile.mkdtemp(prefix="praxis-serve-"))
    out = work / "site"

    def rebuild() -> None:
        try:  # re-open: mkdocs.yml and the vocabularies may have changed
            build_site(Instance.open(instance.root), out, today=today(), echo=echo, site_url=url)
        except PraxisError as exc:
            echo(f"Fehler: {exc.format_message()}")
            echo("Die Vorschau zeigt weiter den letzten fehlerfreien Stand.")

    try:
        rebuild()
        out.mkdir(exist_ok=True)
        server = LiveReloadServer(builder=rebuild, host=HOST, port=port, root=str(out))
        for path in (instance.content_dir, instance.vocabulary_dir, instance.root / "mkdocs.yml"):
            if path.exists():
                server.watch(str(path))
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` ends it as cleanly as Ctrl+C
        signal.signal(signal.SIGINT, _interrupt)
        echo(
            f"Vorschau auf {url} – Änderungen an Inhalt und Vokabularen werden sofort "
            "übernommen. Beenden mit Strg+C."
        )
        try:
            server.serve()
        except KeyboardInterrupt:
            echo("Vorschau beendet.")
        except OSError as exc:
            raise PraxisError(
                f"Port {port} ist nicht verfügbar ({exc.strerror}): bitte "
                "mit --port einen anderen wählen."
            ) from exc
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _check_port(port: int) -> None:
    """Fail before the first build, not after it, when the port is taken."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            raise PraxisError(
                f"Port {port} ist nicht verfügbar ({exc.strerror}): bitte mit --port einen "
                "anderen wählen."
            ) from exc


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
