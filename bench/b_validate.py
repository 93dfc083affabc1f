"""Validation speed (ARCHITECTURE.md, Targets): `praxis validate` ≤ 2× only parsing the YAML.

The baseline reads every entry file, cuts out the front matter and parses it with
PyYAML's C loader — the least any validator must do. The measured pipeline is what
`praxis validate` runs: load (positions, duplicate keys, safety checks), validate
(models, vocabularies, cross references, body checks, duplicate sketch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from run import Context, Row, timed

TARGET = 2.0
FULL_N = 10_000


def parse_only(root: str, repeat: int) -> dict[str, Any]:
    import yaml

    files = sorted(Path(root, "content").glob("*/*.md"))

    def parse() -> int:
        parsed = 0
        for path in files:
            text = path.read_text(encoding="utf-8")
            front = text[4:].split("\n---\n", 1)[0]
            parsed += yaml.load(front, Loader=yaml.CSafeLoader) is not None
        return parsed

    return timed(parse, repeat)


def validate(root: str, repeat: int) -> dict[str, Any]:
    from praxis.cli.options import load_and_validate
    from praxis.config import Instance

    def run() -> list[int]:
        collection = load_and_validate(Instance.open(Path(root)))
        problems = collection.problems
        return [len(collection.documents), sum(p.is_error for p in problems), len(problems)]

    return timed(run, repeat)


def measure(ctx: Context) -> list[Row]:
    n = ctx.size(FULL_N)
    root = str(ctx.instance(n))
    measured = ctx.interleaved(
        {
            "parse": ("b_validate:parse_only", {"root": root}),
            "validate": ("b_validate:validate", {"root": root}),
        },
        tree=False,  # one process each: its own peak (rusage), no sampling that slows it
    )
    parsed, validated = measured["parse"], measured["validate"]
    files, errors, _ = validated.result
    if errors:
        raise RuntimeError(f"Die synthetische Instanz hat {errors} Fehler.")
    ratio = validated.median / parsed.median
    return [
        Row(
            f"YAML parsen (PyYAML C-Loader), {files} Dateien",
            n,
            parsed.median,
            1.0,
            "Basis",
            parsed.peak_bytes,
        ),
        Row(
            "praxis validate (laden + prüfen)",
            n,
            validated.median,
            ratio,
            f"≤ {TARGET:g}× parsen",
            validated.peak_bytes,
            ratio <= TARGET,
        ),
    ]
