"""`praxis serve`: a live preview on 127.0.0.1 that rebuilds on every change.

MkDocs' livereload server watches the content, the vocabularies and mkdocs.yml and calls
the same `build_site` as `praxis build`, into a temporary directory; the browser reloads
when the new site is swapped in. While the content has errors, the preview publishes an
error site instead: the same page, listing every problem (file, line, message), at every
path the last site had, so that an open tab reloads to it and back to the site once the
errors are fixed; any other path gets it as the 404 page. The build runs in the server's
builder thread and forks nothing: its one other process, the site search, is started
fresh (`praxis.search.searchjob`), which is safe beside the server's threads.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jinja2
from mkdocs.livereload import LiveReloadServer

from praxis.config import Instance
from praxis.errors import ContentError, PraxisError
from praxis.problems import sort_problems
from praxis.publish.build import build_site
from praxis.publish.memory import location
from praxis.publish.workspace import remove_unused, swap_in, target, workspace
from praxis.text import plural

Echo = Callable[[str], None]
HOST = "127.0.0.1"


def serve_site(instance: Instance, port: int, *, today: Callable[[], dt.date], echo: Echo) -> None:
    _check_port(port)
    url = f"http://{HOST}:{port}/"
    work = Path(tempfile.mkdtemp(prefix="praxis-serve-"))
    out = work / "site"

    def rebuild() -> None:
        try:  # re-open: mkdocs.yml and the vocabularies may have changed
            done = build_site(
                Instance.open(instance.root), out, today=today(), echo=echo, site_url=url
            )
            seconds = f"{done.seconds:.1f}".replace(".", ",")
            echo(f"Aktualisiert in {seconds} s: {plural(done.rendered, 'Seite', 'Seiten')} neu")
        except PraxisError as exc:
            echo(f"Fehler: {exc.format_message()}")
            publish_error_site(out, error_page(instance, exc))
            echo(f"Die Vorschau zeigt die Fehler im Browser ({url}), bis sie behoben sind.")

    try:
        rebuild()
        server = LiveReloadServer(builder=rebuild, host=HOST, port=port, root=str(out))
        server.error_handler = lambda code: _page_404(out) if code == 404 else None
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
        location(instance, target(instance, out)).unlink(missing_ok=True)  # its memory


def error_page(instance: Instance, error: PraxisError) -> str:
    """The German HTML page of a failed build; every value is escaped (autoescape), for
    messages quote what the content says."""
    source = resources.files("praxis").joinpath("data", "vorschau", "fehler.html")
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(source.read_text(encoding="utf-8"))
    problems = error.problems if isinstance(error, ContentError) else []
    summary = error.format_message()
    if problems:
        summary = (
            f"Der Inhalt hat {len(problems)} Fehler. Bis zur Korrektur "
            "zeigt die Vorschau an jeder Adresse diese Seite."
        )
    return template.render(
        site_name=str(instance.config.get("site_name") or "Praxis"),
        summary=summary,
        problems=sort_problems(problems),
    )


def publish_error_site(out: Path, page: str) -> None:
    """Swap in a site that is `page` at `index.html`, `404.html` and every HTML path of
    the site `out` shows now (hard links to one file), as `praxis build` swaps in a site."""
    previous = out.resolve() if out.is_dir() else None
    with workspace(out) as work:
        site = work / "site"
        site.mkdir()
        first = site / "index.html"
        first.write_text(page, encoding="utf-8")
        paths = {Path("404.html")}
        if previous is not None:
            paths.update(path.relative_to(previous) for path in previous.rglob("*.html"))
        for path in paths - {Path("index.html")}:
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            os.link(first, site / path)
        swap_in(site, out)
        remove_unused(out, work)


def _page_404(out: Path) -> bytes | None:
    """The site's own 404 page (Material's, or the error page), as `mkdocs serve` does."""
    try:
        return (out / "404.html").read_bytes()
    except OSError:
        return None


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
