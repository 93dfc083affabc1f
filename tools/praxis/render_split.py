"""Render the entry pages in two processes: MkDocs renders one page after the other, and
on a site of thousands of entries Markdown and the theme templates are most of a build.

`SplitPages` is a MkDocs plugin. When MkDocs has read the files and made the navigation,
it forks: the child renders every second entry page (practices and programmes, which are
not in the navigation), the parent all the others, the navigation pages and the static
files. A page the other process renders is a `StandIn`: nothing is read, converted or
written for it, and its anchors come from the other process, so that links to them are
still checked. The child hands its MkDocs warnings, or its error, to the parent through
a pipe and ends before MkDocs' post-build step; the parent reports them as its own, so
that `--strict` sees them. Where `fork` does not exist, the parent renders everything."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from praxis.errors import InternalError, unexpected
from praxis.process import end_with_parent

SKIP_TEMPLATE = "praxis-skip.html"  # an empty template in the theme: nothing is written
log = logging.getLogger("mkdocs.plugins.praxis")


class StandIn(Page):
    """A page the other process renders: nothing to read, nothing to convert, nothing
    written (its anchors come from the other process)."""

    def read_source(self, config: Any) -> None:
        self.markdown, self.meta = "", {"template": SKIP_TEMPLATE}

    def render(self, config: Any, files: Any) -> None:
        self.content, self.toc = "", get_toc([])
        self.present_anchor_ids, self.links_to_anchors = set(), {}


class SplitPages(BasePlugin):
    """`owns(file)` says whether this process renders the page of a file; `warnings()`
    gives the MkDocs warnings logged so far in this process (the child sends them on)."""

    def __init__(self, warnings: Callable[[], list[str]]) -> None:
        self.warnings = warnings
        self.child_pages: set[str] = set()
        self.is_child = False
        self.child_pid: int | None = None
        self.connection: Any = None
        self.logged_before = 0

    @property
    def active(self) -> bool:
        return bool(self.child_pages)

    def owns(self, file: Any) -> bool:
        return (file.src_uri in self.child_pages) == self.is_child

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover
            return nav
        entries = sorted(
            file.src_uri for file in files.documentation_pages() if file.inclusion.is_not_in_nav()
        )
        if len(entries) < 2:
            return nav
        self.child_pages = set(entries[1::2])
        self.logged_before = len(self.warnings())
        mine, theirs = multiprocessing.Pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            end_with_parent(parent)
            mine.close()
            self.is_child, self.connection = True, theirs
            config.theme.static_templates.clear()  # the parent writes these
            config.extra_templates = []
            files.copy_static_files = lambda *args, **kwargs: None
        else:
            theirs.close()
            self.child_pid, self.connection = pid, mine
        for file in files.documentation_pages():
            if not self.owns(file):
                StandIn(None, file, config)
        return nav

    def on_env(self, env: Any, /, *, files: Any, **kwargs: Any) -> Any:
        """Both processes have read their pages: each tells the other its anchors, so
        that links into the other's pages are checked as MkDocs checks them."""
        if not self.active:
            return env
        anchors = {
            file.src_uri: file.page.present_anchor_ids
            for file in files.documentation_pages()
            if self.owns(file) and file.page is not None
        }
        if self.is_child:
            self.connection.send(("ok", anchors))
            received = self.connection.recv()
        else:
            received = self._receive()
            self.connection.send(anchors)
        for file in files.documentation_pages():
            if file.src_uri in received and file.page is not None:
                file.page.present_anchor_ids = received[file.src_uri]
        return env

    def on_post_build(self, *, config: Any) -> None:
        if self.is_child:
            self._finish_child(("ok", self.warnings()[self.logged_before :]))
        if self.child_pid is None:
            return
        for message in self._receive():
            log.warning(message)
        os.waitpid(self.child_pid, 0)
        self.child_pid = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.is_child:
            failure = unexpected(error)  # a full disk by its path, a bug with its trace
            trace = failure.trace if isinstance(failure, InternalError) else ""
            self._finish_child(("error", f"{failure.format_message()}\n{trace}".rstrip()))
        self.stop()

    def exit_if_child(self) -> None:
        """Called after MkDocs returns or raises: the child never runs the parent's code
        that follows (swapping the site in, say)."""
        if self.is_child:
            self._finish_child(("error", "unerwartet beendet"))

    def stop(self) -> None:
        """End the child if it still runs (the parent failed on its own)."""
        if self.child_pid is not None:
            try:
                os.kill(self.child_pid, signal.SIGTERM)
                os.waitpid(self.child_pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.child_pid = None

    def _receive(self) -> Any:
        """The child's next message, or its error as the parent's error."""
        try:
            status, value = self.connection.recv()
        except (EOFError, OSError):
            status, value = "error", "der Prozess wurde unerwartet beendet"
        if status != "ok":
            self.stop()
            raise PluginError(f"Der zweite MkDocs-Prozess ist abgebrochen: {value}")
        return value

    def _finish_child(self, outcome: tuple[str, Any]) -> None:
        try:
            self.connection.send(outcome)
            self.connection.close()
        finally:
            os._exit(0)
