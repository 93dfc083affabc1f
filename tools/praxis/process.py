"""Worker processes end with the process that started them.

A `praxis build` killed with SIGKILL (a CI timeout, the OOM killer) cannot end its
workers itself. On Linux the kernel does it: `prctl(PR_SET_PDEATHSIG)` asks for SIGTERM
when the parent dies, and the worker's SIGTERM handler unwinds, ending its own workers
in turn. Where prctl does not exist, nothing changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def end_with_parent(parent: int) -> None:
    """In a freshly forked child of `parent` (its pid, taken before the fork): receive
    SIGTERM when the parent dies."""
    if not sys.platform.startswith("linux"):  # pragma: no cover
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)
