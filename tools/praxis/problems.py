"""Problems found in content, and the three ways to report them (text, GitHub, JSON)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
SEVERITY_DE = {"error": "fehler", "warning": "warnung"}


@dataclass(frozen=True)
class Problem:
    """One located finding."""

    path: str
    line: int
    column: int
    severity: Severity
    field: str
    message: str
    where: str = dataclasses.field(default="", compare=False)  # `field` in German: "1. Quelle, url"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_text(self) -> str:
        label = self.where or self.field
        field = f"{label}: " if label else ""
        return (
            f"{self.path}:{self.line}:{self.column}: {SEVERITY_DE[self.severity]}: "
            f"{field}{self.message}"
        )

    def as_github(self) -> str:
        """A workflow command; values escaped as GitHub's toolkit does (`,` and `:` too)."""
        kind = "error" if self.is_error else "warning"
        path = _escape_property(self.path)
        title = _escape_property(self.where or self.field or "Datei")
        return (
            f"::{kind} file={path},line={self.line},col={self.column},title={title}"
            f"::{_escape_data(self.message)}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file, then position, so reports read top to bottom (stable within a line)."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.column))


def format_problems(problems: Iterable[Problem], fmt: str) -> str:
    problems = sort_problems(problems)
    if fmt == "json":
        rows = [{k: v for k, v in asdict(p).items() if k != "where"} for p in problems]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    render = Problem.as_github if fmt == "github" else Problem.as_text
    return "\n".join(render(p) for p in problems)
