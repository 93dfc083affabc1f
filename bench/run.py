"""Benchmarks of the targets in ARCHITECTURE.md (Targets), as one Markdown table.

`make bench` (or `python bench/run.py`) measures every module listed in MEASUREMENTS on
synthetic instances (bench/synth.py) and writes the table, with the machine it ran on,
to BENCHMARK.md. `--quick` runs every measurement on a small instance once, as a smoke
test. Each measurement is a module `bench/b_<name>.py` with `measure(ctx) -> list[Row]`;
adding one is one line in MEASUREMENTS. Timed work runs in a child process
(`ctx.child`), so that each row's peak memory is that of its own process tree (the
memory of the process and everything it started, summed as PSS while it runs); every
comparison is a ratio of two figures measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402  (bench/ is not a package; its modules import each other)

# One line per measurement module (bench/b_<name>.py).
MEASUREMENTS = [
    "b_validate",
    "b_bodies",
    "b_index",
    "b_search",
    "b_build",
    "b_incremental",
]

HEADER = ("Messung", "N", "Median", "Verhältnis", "Ziel", "Spitzenspeicher", "erfüllt")


@dataclass
class Row:
    """One line of the table; `ratio` compares with a baseline measured in the same run."""

    messung: str
    n: int
    median_s: float | None
    ratio: float | None = None
    ziel: str = "–"
    peak_bytes: int | None = None
    erfuellt: bool | None = None

    def cells(self) -> tuple[str, ...]:
        ratio = "–" if self.ratio is None else f"{self.ratio:.2f}×".replace(".", ",")
        peak = "–" if self.peak_bytes is None else f"{self.peak_bytes / 2**20:.0f} MB"
        met = {True: "ja", False: "nein", None: "–"}[self.erfuellt]
        return (
            self.messung,
            f"{self.n:,}".replace(",", "."),
            "–" if self.median_s is None else _duration(self.median_s),
            ratio,
            self.ziel,
            peak,
            met,
        )


@dataclass
class Measured:
    """What a child process reports: its run times and its peak resident memory."""

    runs: list[float]
    peak_bytes: int
    result: Any = None

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


@dataclass
class Context:
    """What a measurement module gets: sizes, repetitions, instances and child runs."""

    quick: bool
    repeat: int
    workdir: Path
    seed: int = 1
    size_override: int | None = None
    clock: str = "wall"

    def size(self, full: int) -> int:
        """The N to use for a measurement whose target is stated for `full` entries."""
        if self.size_override:
            return self.size_override
        return min(full, 200) if self.quick else full

    def instance(self, practices: int) -> Path:
        """A synthetic instance with `practices` practices, generated once and reused."""
        source = b"".join((BENCH / name).read_bytes() for name in ("synth.py", "words.py"))
        stamp = hashlib.sha1(source).hexdigest()[:12]
        root = self.workdir / f"n{practices}-s{self.seed}-{stamp}"
        if not (root / ".complete").exists():
            synth.generate(root, practices, self.seed)
            (root / ".complete").write_text(stamp, encoding="utf-8")
        return root

    def child(self, target: str, *, tree: bool = True, **kwargs: Any) -> Measured:
        """Run `module:function(repeat=…, **kwargs)` in a fresh Python process.

        The function returns a dict with `runs` (seconds per repetition) and optionally
        `result`; the parent adds the peak memory: with `tree`, the PSS of the whole
        process tree, sampled every 50 ms; without, only the child's own maximum resident
        memory (wait4 rusage). Sampling reads /proc/PID/smaps_rollup, about 20 ms per GB
        of every process, and takes their memory locks: runs whose time is compared
        should not be sampled.
        """
        kwargs.setdefault("repeat", self.repeat)
        command = [sys.executable, str(BENCH / "run.py"), "--child", target, json.dumps(kwargs)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=REPO)
        assert process.stdout is not None
        output: list[bytes] = []
        reader = threading.Thread(target=lambda: output.append(process.stdout.read()))
        reader.start()
        tree_peak = 0
        while tree and reader.is_alive():  # the build forks and runs Pagefind: sum the tree
            tree_peak = max(tree_peak, tree_rss(process.pid))
            reader.join(0.05)
        reader.join()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise RuntimeError(f"{target} endete mit Exit-Code {process.returncode}")
        report = json.loads(b"".join(output).decode("utf-8").strip().splitlines()[-1])
        runs = report["cpu"] if self.clock == "cpu" else report["runs"]
        return Measured(runs, max(usage.ru_maxrss * 1024, tree_peak), report.get("result"))

    def interleaved(
        self, targets: dict[str, tuple[str, dict[str, Any]]], *, tree: bool = True
    ) -> dict[str, Measured]:
        """Run several children `repeat` times each, in turns (A B A B …), one run per child.

        On a shared machine the load changes from minute to minute; taking turns lets
        the figures of one comparison see the same conditions.
        """
        measured: dict[str, Measured] = {}
        for _ in range(self.repeat):
            for name, (target, kwargs) in targets.items():
                one = self.child(target, tree=tree, **{**kwargs, "repeat": 1})
                if name not in measured:
                    measured[name] = one
                else:
                    measured[name].runs += one.runs
                    measured[name].peak_bytes = max(measured[name].peak_bytes, one.peak_bytes)
        return measured


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, read from /proc (Linux).

    Summed as PSS (shared pages counted in proportion), so that a forked child sharing
    the parent's pages is not counted twice.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss(current)
        todo.extend(children.get(current, []))
    return total


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def timed(function: Callable[[], Any], repeat: int) -> dict[str, Any]:
    """Run `function` `repeat` times; for use inside a child. Wall and CPU seconds."""
    runs, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {"runs": runs, "cpu": cpu, "result": result}


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s".replace(".", ",")


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GB"
                break
    except OSError:
        pass
    return (
        f"- Prozessoren (nproc): {os.cpu_count()}\n- CPU: {cpu}\n"
        f"- Arbeitsspeicher: {memory or 'unbekannt'}\n"
        f"- Python: {platform.python_version()} ({platform.platform()})"
    )


def report(rows: list[Row], args: argparse.Namespace) -> str:
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    options = " ".join(
        [f"--repeat {args.repeat}", f"--clock {args.clock}"]
        + (["--quick"] if args.quick else [])
        + ([f"--size {args.size}"] if args.size else [])
        + [f"--only {name}" for name in args.only]
    )
    clock = "CPU-Zeit" if args.clock == "cpu" else "Uhrzeit (wall clock)"
    return (
        f"# Benchmark\n\nGemessen am {today} mit `python bench/run.py {options}`: "
        f"Median aus {args.repeat} Läufen, {clock}; die Läufe einer Gegenüberstellung "
        "wechseln sich ab, Verhältnisse stammen aus demselben Lauf. Spitzenspeicher: "
        "größter Arbeitsspeicher des Messprozesses mit allen von ihm gestarteten Prozessen "
        "(Summe der PSS, also geteilte Seiten anteilig; mindestens sein eigener max RSS). "
        "Diese Speichermessung liest alle 50 ms /proc und bremst dabei die gemessenen "
        "Prozesse; Zeiten, die verglichen werden, laufen deshalb ohne sie, und ihren "
        "Speicher misst ein weiterer Lauf.\n\n"
        + table(rows)
        + "\n\n## Rechner\n\n"
        + machine()
        + "\n"
    )


def run_child(target: str, arguments: str) -> None:
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    print(json.dumps(function(**json.loads(arguments))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Misst die Ziele aus ARCHITECTURE.md (Targets).")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="Kleine Instanz, ein Lauf: nur prüfen, dass alles funktioniert.",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="Läufe je Messung (Standard 3, mit --quick 1)."
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="Nur diese Messung (z. B. b_validate); mehrfach möglich.",
    )
    parser.add_argument(
        "--size",
        type=int,
        default=None,
        help="Alle Messungen mit dieser Anzahl Praxisbeispiele (zum Probieren).",
    )
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="Gemessene Zeit: Uhrzeit (Standard) oder CPU-Zeit des Prozesses "
        "(stabiler auf einem ausgelasteten Rechner).",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="Bericht hierhin schreiben (Standard BENCHMARK.md; bei --quick, --only oder "
        "--size keiner).",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=REPO / ".praxis" / "bench",
        help="Wo die synthetischen Instanzen liegen.",
    )
    parser.add_argument(
        "--child", nargs=2, metavar=("MODUL:FUNKTION", "JSON"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        run_child(*args.child)
        return 0
    args.repeat = args.repeat or (1 if args.quick else 3)
    ctx = Context(
        quick=args.quick,
        repeat=args.repeat,
        workdir=args.workdir,
        size_override=args.size,
        clock=args.clock,
    )
    rows: list[Row] = []
    failed = False
    for name in args.only or MEASUREMENTS:
        try:
            rows += importlib.import_module(name).measure(ctx)
        except Exception:  # one broken measurement must not hide the others
            traceback.print_exc()
            rows.append(Row(f"{name}: Fehler (siehe oben)", 0, float("nan")))
            failed = True
    print(table(rows))
    # a partial run (--quick, --only, --size) never replaces the full report by itself
    partial = args.quick or args.only or args.size
    output = args.output or (None if partial else REPO / "BENCHMARK.md")
    if output:
        output.write_text(report(rows, args), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
