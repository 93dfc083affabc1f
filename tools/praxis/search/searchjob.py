"""The site search index, made in a process of its own while the build renders the pages.

Why a process: the search records are made in Python (the German analysis of every
entry), and MkDocs needs the other core; a thread would share one interpreter with it.
Why not a fork: the process is started fresh (`python -m praxis.search.searchjob`), so it
shares nothing with the build (no threads of `praxis serve`, no event loop, no open
files) and loads the entries itself. It writes the records (`sitesearch.write_records`)
and their number (`COUNT`). If the records are those of the cached bundle
(`searchcache`), it links that bundle and ends; else it becomes Pagefind's command line
(`sitesearch.pagefind_command`) with `os.execv`, as `python -m pagefind` itself does:
Python's memory is gone before Pagefind, which needs most on a large site, starts. A
failure is the exit code and the messages (or traceback) in `search.log`.

`SearchJob` is the build's side: start it, `wait()` for the count, and it is ended
when the build stops early.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from praxis.config import Instance
from praxis.errors import BuildError, PraxisError
from praxis.load.collection import load_collection
from praxis.search.searchcache import KEY, keep_bundle, records_key, reuse_bundle
from praxis.search.sitesearch import (
    BUNDLE,
    add_words,
    check_bundle,
    pagefind_command,
    write_records,
)
from praxis.validate.collection import validate_collection

COUNT = "anzahl.txt"  # in the records directory: how many records Pagefind must index
REUSED = "uebernommen"  # in the records directory: the bundle is that of an earlier build


class SearchJob:
    """`with SearchJob(instance, work, today) as search: … search.wait()`: the Pagefind
    bundle in `work/search/pagefind`; the records go to `work/records`."""

    def __init__(
        self, instance: Instance, work: Path, today: dt.date, *, full: bool = False
    ) -> None:
        self.bundle = work / "search" / BUNDLE
        self.records = work / "records"
        self.log_path = work / "search.log"
        self.cache = cache_of(instance)
        self.command = [
            sys.executable,
            "-m",
            "praxis.search.searchjob",
            str(instance.root),
            str(self.records),
            str(self.bundle),
            today.isoformat(),
            "full" if full else "cached",
        ]
        self.process: subprocess.Popen[bytes] | None = None
        self.reused = False  # after `wait`: Pagefind did not run, the records were known

    def __enter__(self) -> SearchJob:
        with self.log_path.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(self.command, stdout=log, stderr=log)
        return self

    def wait(self) -> int:
        """The number of entries indexed, or the job's failure as a BuildError."""
        assert self.process is not None
        if self.process.wait() != 0:
            log = self.log_path.read_text(encoding="utf-8").strip()
            raise BuildError(
                f"Der Prozess der Suche ist gescheitert:\n{log}\n"
                "Die bisherige Website bleibt unverändert."
            )
        expected = int((self.records / COUNT).read_text(encoding="utf-8"))
        count = check_bundle(self.bundle, expected)
        self.reused = (self.records / REUSED).exists()
        if count and not self.reused:
            keep_bundle(self.cache, (self.records / KEY).read_text(encoding="utf-8"), self.bundle)
        add_words(self.records, self.bundle)
        return count

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # the build stopped early: its search is not needed
            self.process.wait()


def cache_of(instance: Instance) -> Path:
    """Where the site search keeps records and bundle between builds (`searchcache`)."""
    return instance.state_dir / "build" / "search"


def main(argv: list[str]) -> int:
    """`python -m praxis.search.searchjob ROOT RECORDS BUNDLE TODAY full|cached`"""
    root, records, bundle, today, mode = argv
    cached = mode != "full"  # `praxis build --full` reads no cache
    collection = load_collection(Instance.open(Path(root)), cache=cached)
    validate_collection(collection, dt.date.fromisoformat(today))
    cache = cache_of(collection.instance)
    count = write_records(collection, Path(records), cache, read=cached)
    (Path(records) / COUNT).write_text(str(count), encoding="utf-8")
    if count == 0:
        return 0  # nothing to index (SearchJob.wait: no Pagefind index)
    key = records_key(Path(records))
    (Path(records) / KEY).write_text(key, encoding="utf-8")
    if cached and reuse_bundle(cache, key, Path(bundle)):
        (Path(records) / REUSED).write_text(key, encoding="utf-8")
        return 0  # the same records as last time: Pagefind's bundle of then
    sys.stdout.flush()
    sys.stderr.flush()
    command = pagefind_command(Path(records), Path(bundle))
    os.execv(command[0], command)  # does not return: this process is Pagefind now


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except PraxisError as exc:
        print(exc.format_message(), file=sys.stderr)
        sys.exit(1)
