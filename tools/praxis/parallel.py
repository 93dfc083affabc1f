"""Run a stage of the build in a forked child process.

Two reasons. Speed: the site search records are made in Python, and a thread would hold
the GIL that MkDocs needs; a child runs on the second core. Memory: the worker that
loads the collection and renders the pages ends before Pagefind indexes a large site, so
that the two never hold their memory at the same time. A forked child shares the loaded
collection without pickling it and returns only a small result; what it reports through
`echo` is shown by the parent as it comes (the parent owns the terminal, or click's
test runner). Where `fork` does not exist, the stage runs in a thread.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from praxis.errors import BuildError, InternalError, PraxisError, unexpected
from praxis.process import end_with_parent

Echo = Callable[[str], None]


class Parallel:
    """`with Parallel(function, *args) as job: … job.result()` – the result or the
    German error of `function`, which runs while the `with` block does. With `echo`,
    `function` is called with `echo=` too, and its messages reach the given `echo`."""

    def __init__(self, function: Callable[..., Any], *args: Any, echo: Echo | None = None):
        self.function, self.args, self.echo = function, args, echo
        self.outcome: tuple[str, Any] | None = None
        self.process: Any = None
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Parallel:
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self.parent = os.getpid()
            self.receive = receive
            self.process = context.Process(target=self._child, args=(send,), daemon=False)
            self.process.start()
            send.close()
        else:  # pragma: no cover - Windows
            self.thread = threading.Thread(target=self._run, args=(self.echo,), daemon=True)
            self.thread.start()
        return self

    def _run(self, echo: Echo | None) -> None:
        try:
            kwargs = {"echo": echo} if echo is not None else {}
            self.outcome = ("ok", self.function(*self.args, **kwargs))
        except Exception as exc:  # a German error; a bug keeps its traceback as text
            self.outcome = ("error", unexpected(exc))

    def _child(self, send: Any) -> None:
        # A parent that runs an event loop (Playwright in the tests, say) leaves it marked
        # as running in the copied thread state; the child has none of its own yet.
        asyncio.events._set_running_loop(None)
        end_with_parent(self.parent)  # a killed `praxis build` leaves no worker running
        # Ended by the parent: unwind, so that this child's own children end too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        echo = None if self.echo is None else lambda text: send.send(("echo", text))
        try:
            self._run(echo)
            send.send(self.outcome)
            send.close()
        except (KeyboardInterrupt, SystemExit, BrokenPipeError):
            os._exit(1)  # Ctrl+C reaches every process; the parent reports it
        os._exit(0)  # no atexit handlers or cleanups of the parent's objects

    def result(self) -> Any:
        while self.outcome is None and self.process is not None:
            try:
                message = self.receive.recv()
            except EOFError:
                message = ("error", BuildError("der Prozess wurde unerwartet beendet"))
            if message[0] == "echo" and self.echo is not None:
                self.echo(message[1])
                continue
            self.outcome = message
            self.process.join()
        if self.thread is not None:
            self.thread.join()
        status, value = self.outcome or ("error", BuildError("kein Ergebnis"))
        if status != "ok":
            if not isinstance(value, PraxisError):
                value = BuildError(str(value))
            if not isinstance(value, InternalError) and "unverändert" not in str(value):
                value = type(value)(
                    f"{value.format_message().rstrip('.')}. Die bisherige Website bleibt "
                    "unverändert."
                )
            raise value
        return value

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.is_alive():
            if kind is not None:
                self.process.terminate()
            self.process.join()
        if self.thread is not None:
            self.thread.join()
