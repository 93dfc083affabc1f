"""German wording shared by messages, logs and pages."""

from __future__ import annotations


def plural(n: int, one: str, many: str) -> str:
    """`1 Praxisbeispiel`, `2 Praxisbeispiele`: every count agrees with its noun."""
    return f"{n} {one if n == 1 else many}"
