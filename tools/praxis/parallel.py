"""Run one stage of the build in a forked child process, on the second core.

A thread would not help: the search records are made in Python and would hold the GIL
that MkDocs needs. A forked child shares the loaded collection without pickling it and
returns only a small result. Where `fork` does not exist, the stage runs in a thread.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from praxis.errors import BuildError, PraxisError


class Parallel:
    """`with Parallel(function, *args) as job: … job.result()` – the result or the
    German error of `function`, which runs while the `with` block does."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self.function, self.args = function, args
        self.outcome: tuple[str, Any] | None = None
        self.process: Any = None
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Parallel:
        if "fork" in multiprocessing.get_all_start_methods():
            receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
            self.receive = receive
            self.process = multiprocessing.get_context("fork").Process(
                target=self._child, args=(send,), daemon=True
            )
            self.process.start()
            send.close()
        else:  # pragma: no cover - Windows
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
        return self

    def _run(self) -> None:
        try:
            self.outcome = ("ok", self.function(*self.args))
        except PraxisError as exc:
            self.outcome = ("error", exc.format_message())
        except Exception as exc:
            self.outcome = ("error", f"{type(exc).__name__}: {exc}")

    def _child(self, send: Any) -> None:
        # A parent that runs an event loop (Playwright in the tests, say) leaves it marked
        # as running in the copied thread state; the child has none of its own yet.
        asyncio.events._set_running_loop(None)
        self._run()
        send.send(self.outcome)
        send.close()
        os._exit(0)  # no atexit handlers or cleanups of the parent's objects

    def result(self) -> Any:
        if self.outcome is None:
            if self.process is not None:
                try:
                    self.outcome = self.receive.recv()
                except EOFError:
                    self.outcome = ("error", "der Prozess wurde unerwartet beendet")
                self.process.join()
            elif self.thread is not None:
                self.thread.join()
        status, value = self.outcome or ("error", "kein Ergebnis")
        if status != "ok":
            text = str(value)
            if "unverändert" not in text:
                text += ". Die bisherige Website bleibt unverändert."
            raise BuildError(text)
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
