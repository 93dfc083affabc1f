"""A built site served on 127.0.0.1 as any static web server would serve it, silently.

For whatever opens the built site in a browser: the README's screenshots
(`tools/screenshots.py`), the page-load benchmarks (`bench/pageload.py`), the site-search
relevance run and the browser tests. It serves files only; `praxis serve` (`serve.py`)
is the preview that rebuilds and reloads. Each call takes a free port of its own, so runs
in parallel do not collide, and answers requests in threads, as a browser loads a page's
files side by side; the request log is left out, for it would bury the callers' output.
`free_port` is a port for a server that runs elsewhere (`praxis serve` in a subprocess,
the web editor's proxy in the browser tests).
"""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(directory: Path | str) -> Iterator[str]:
    """Serve `directory` until the block ends; yields its address (`http://127.0.0.1:N/`)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now, for a server started next."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])
