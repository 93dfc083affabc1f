"""Property tests: no input makes the loader or validator raise, every problem is located."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from praxis.config import Instance
from praxis.load.collection import load_bytes, load_collection
from praxis.model.kinds import Kind
from praxis.problems import format_problems
from praxis.validate.collection import validate_collection
from tests.conftest import FIXTURES, REPO, TODAY

SAMPLES = sorted((FIXTURES / "sample" / "content").glob("*/*.md"))
NASTY = [
    "null", "~", "[]", "{}", "''", "1e999", "-.inf", ".nan", "99999999999999999999999999",
    "-1", "0o17", "0x1F", "2024-02-30", "2024-13-01", "true", "[[1, 2], [3]]", "{a: {b: [c]}}",
    "!!binary aGVsbG8=", "!!python/object:os.system x", "!foo bar", "&a x", "*a",
    "'unclosed", '"\\q"', '"\\ud800"', "\x00", "\x85", "\ufeff", "ä: ö", "a: b: c", "- - - x",
    "<script>alert(1)</script>", "javascript:alert(1)", "[" * 150 + "]" * 150,
    "{a: 1, a: 2}", "? [x]\n: y", "\tx: 1", "|\n  Block", ">-\n  gefaltet", "---", "...",
    "[" * 20, "Thüringen", "https://", "ftp://x.de", "GWA", "06611000", "16052000",
]  # fmt: skip
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    root = tmp_path_factory.mktemp("fuzz") / "sample"
    shutil.copytree(FIXTURES / "sample", root)
    shutil.copytree(REPO / "schema" / "vocabularies", root / "schema" / "vocabularies")
    return Instance.open(root)


def check(instance: Instance, raw: bytes, kind: Kind = "practice") -> None:
    """Validate `raw` as one more entry of the instance; every problem must be located."""
    collection = load_collection(instance)
    folder = instance.practices_dir if kind == "practice" else instance.programmes_dir
    rel = f"content/{folder.name}/fuzz.md"
    collection.documents.append(load_bytes(rel, kind, folder / "fuzz.md", raw))
    validate_collection(collection, TODAY)
    problems = collection.problems
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.severity in ("error", "warning"), problem
        assert problem.message.strip(), problem
        assert "Traceback" not in problem.message
    mine = [p for p in problems if p.path == rel]
    doc = collection.documents[-1]
    if doc.entry is None:  # refused entries always say why
        assert any(p.is_error for p in mine), mine
    json.loads(format_problems(problems, "json"))
    format_problems(problems, "text")
    format_problems(problems, "github")


@SETTINGS
@given(raw=st.binary(max_size=3000))
def test_random_bytes(instance: Instance, raw: bytes) -> None:
    check(instance, raw)


@SETTINGS
@given(raw=st.binary(max_size=2000))
def test_random_bytes_after_a_front_matter_start(instance: Instance, raw: bytes) -> None:
    check(instance, b"---\n" + raw + b"\n---\n", "programme")


@SETTINGS
@given(text=st.text(max_size=2000))
def test_random_text(instance: Instance, text: str) -> None:
    check(instance, ("---\n" + text + "\n---\nText\n").encode("utf-8", "surrogatepass"))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Kind, bytes]:
    """A valid sample file with a few random edits of the kinds people make."""
    path = draw(st.sampled_from(SAMPLES))
    kind: Kind = "practice" if path.parent.name == "practices" else "programme"
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "insert", "delete", "duplicate", "indent", "text"]))
        if action == "value" and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: {draw(st.sampled_from(NASTY))}"
        elif action == "insert":
            lines.insert(at, draw(st.sampled_from(NASTY)))
        elif action == "delete" and len(lines) > 1:
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "indent":
            lines[at] = draw(st.sampled_from(["", " ", "  ", "\t", "    "])) + lines[at].lstrip()
        elif action == "text":
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(st.text(max_size=12)) + lines[at][cut:]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return kind, bom + ending.join(lines).encode("utf-8", "surrogatepass")


@SETTINGS
@given(case=mutated())
def test_mutated_valid_files(instance: Instance, case: tuple[Kind, bytes]) -> None:
    kind, raw = case
    check(instance, raw, kind)


def test_the_unmutated_samples_validate(instance: Instance) -> None:
    """The mutation test starts from files that really are valid."""
    collection = load_collection(instance)
    validate_collection(collection, TODAY)
    assert [p for p in collection.problems if p.is_error] == []
