"""The site search index, made in a process of its own while the build renders the pages.

Why a process: the search records are made in Python (the German analysis of every
entry), and MkDocs needs the other core; a thread would share one interpreter with it.
Why not a fork: the process is started fresh (`python -m praxis.search.searchjob`), so it
shares nothing with the build (no threads of `praxis serve`, no event loop, no open
files) and loads the entries itself. It writes the records (`sitesearch.write_records`)
and their number (`COUNT`), then becomes Pagefind's command line
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
from praxis.search.sitesearch import BUNDLE, check_bundle, pagefind_command, write_records
from praxis.validate.collection import validate_collection

COUNT = "anzahl.txt"  # in the records directory: how many records Pagefind must index


class SearchJob:
    """`with SearchJob(instance, work, today) as search: … search.wait()`: the Pagefind
    bundle in `work/search/pagefind`; the records go to `work/records`."""

    def __init__(self, instance: Instance, work: Path, today: dt.date) -> None:
        self.bundle = work / "search" / BUNDLE
        self.records = work / "records"
        self.log_path = work / "search.log"
        self.command = [
            sys.executable,
            "-m",
            "praxis.search.searchjob",
            str(instance.root),
            str(self.records),
            str(self.bundle),
            today.isoformat(),
        ]
        self.process: subprocess.Popen[bytes] | None = None

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
        return check_bundle(self.records, self.bundle, expected)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # the build stopped early: its search is not needed
            self.process.wait()


def main(argv: list[str]) -> int:
    """`python -m praxis.search.searchjob ROOT RECORDS BUNDLE TODAY`"""
    root, records, bundle, today = argv
    collection = load_collection(Instance.open(Path(root)))
    validate_collection(collection, dt.date.fromisoformat(today))
    count = write_records(collection, Path(records))
    (Path(records) / COUNT).write_text(str(count), encoding="utf-8")
    if count == 0:
        return 0  # nothing to index (SearchJob.wait: no Pagefind index)
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
