"""The loader (stage 1): front matter, key positions and file-level defects, located."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from praxis.config import Instance
from praxis.load.collection import MAX_BYTES, Document, load_collection
from praxis.problems import Problem

VALID = """\
---
titel: Stadtteilbüro Beispiel
kurzbeschreibung: >-
  Ein Stadtteilbüro bündelt Gemeinwesenarbeit und Bewohnerbeteiligung und öffnet
  einen Nachbarschaftsgarten für alle Generationen im Quartier.
bundesland: HE
ort:
  name: Kassel
  ebene: quartier
traeger:
  - name: Stadt Kassel
    art: kommune
handlungsfelder: [gemeinwesenarbeit]
status: laufend
kontakt:
  organisation: Stadt Kassel
  email: info@example.org
quellen:
  - titel: Beispielquelle
redaktion:
  erfasst: 2026-10-01
---

## Ausgangslage

Text.
"""

TOO_DEEP = (
    "Zu tief verschachtelt: mehr als 100 Ebenen von Listen oder Unterfeldern ineinander. "
    "Ein Eintrag braucht nur wenige Ebenen (z. B. „ort:“ und darunter „  name: Kassel“): "
    "bitte die Klammern [ ] und { } und die Einrückung ab dieser Zeile prüfen und "
    "vereinfachen."
)


def load_one(project: Path, text: str | bytes, name: str = "probe") -> Document:
    path = project / "content" / "practices" / f"{name}.md"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    collection = load_collection(Instance.open(project))
    return next(doc for doc in collection.documents if doc.path.name == path.name)


def only(doc: Document) -> Problem:
    assert len(doc.problems) == 1, doc.problems
    return doc.problems[0]


def test_valid_file_has_data_body_and_key_positions(project: Path) -> None:
    doc = load_one(project, VALID)
    assert doc.problems == []
    assert doc.readable
    assert doc.data["ort"] == {"name": "Kassel", "ebene": "quartier"}
    assert doc.data["redaktion"]["erfasst"] == "2026-10-01"  # dates stay text
    assert doc.positions[("titel",)] == (2, 1)
    assert doc.positions[("ort", "ebene")] == (9, 3)
    assert doc.positions[("traeger", 0, "art")] == (12, 5)
    assert doc.positions[("handlungsfelder", 0)] == (13, 19)
    assert doc.body.startswith("\n## Ausgangslage")
    assert doc.body_line == 23
    assert doc.rel == "content/practices/probe.md"
    assert len(doc.digest) == 40


def test_bom_and_crlf_are_accepted_with_the_same_positions(project: Path) -> None:
    doc = load_one(project, b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"))
    assert doc.problems == []
    assert doc.positions[("ort", "ebene")] == (9, 3)
    assert doc.data["titel"] == "Stadtteilbüro Beispiel"


def test_not_utf8_is_located_with_a_hint(project: Path) -> None:
    doc = load_one(project, VALID.replace("Stadtteilbüro", "Stadtteilb\xfcro").encode("latin-1"))
    problem = only(doc)
    assert (problem.line, problem.column, problem.severity) == (2, 18, "error")
    assert problem.message.startswith("Datei ist nicht UTF-8 – bitte als UTF-8 speichern")
    assert "0xfc" in problem.message


def test_tab_in_indentation_is_located(project: Path) -> None:
    doc = load_one(project, VALID.replace("  name: Kassel", "\tname: Kassel"))
    problem = only(doc)
    assert (problem.line, problem.column) == (8, 1)
    assert problem.message.startswith("Tabulator in der Einrückung")


def test_duplicate_key_points_at_the_second_and_names_the_first(project: Path) -> None:
    doc = load_one(
        project, VALID.replace("status: laufend\n", "status: laufend\nstatus: geplant\n")
    )
    problem = only(doc)
    assert (problem.line, problem.column, problem.field) == (15, 1, "status")
    assert problem.message == (
        "Feld „status“ kommt doppelt vor (zuerst in Zeile 14): bitte eine der beiden "
        "Angaben löschen."
    )


def test_nested_duplicate_key(project: Path) -> None:
    doc = load_one(project, VALID.replace("  ebene: quartier\n", "  ebene: quartier\n  name: X\n"))
    problem = only(doc)
    assert (problem.line, problem.column, problem.field) == (10, 3, "ort.name")


@pytest.mark.parametrize("marker", ["&basis ", "*basis"])
def test_anchors_and_aliases_are_refused(project: Path, marker: str) -> None:
    text = VALID.replace("bundesland: HE", f"bundesland: {marker}HE" if "&" in marker else "")
    if "*" in marker:
        text = VALID.replace("bundesland: HE", "bundesland: &land HE\nzweit: *land")
    doc = load_one(project, text)
    problem = only(doc)
    assert problem.line == 6
    assert problem.message.startswith("YAML-Anker und -Verweise (&name, *name) sind nicht erlaubt")
    assert not doc.readable


def test_billion_laughs_is_refused_without_expanding(project: Path) -> None:
    laughs = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
            for i in range(8)
        )
        + "---\n"
    )
    doc = load_one(project, laughs)
    assert only(doc).message.startswith("YAML-Anker")


def test_yaml_syntax_error_has_position_and_german_hint(project: Path) -> None:
    doc = load_one(project, VALID.replace("titel: Stadtteilbüro Beispiel", "titel: Ort: Kassel"))
    problem = only(doc)
    assert (problem.line, problem.column, problem.field) == (2, 11, "")
    assert problem.message == (
        "YAML-Syntaxfehler: Hier steht ein Doppelpunkt, wo YAML keinen erwartet. Enthält der "
        "Wert einen Doppelpunkt? Dann den Wert in Anführungszeichen setzen, z. B. "
        '„titel: "Quartier: gemeinsam planen"“.'
    )


PARSER_WORDS = re.compile(
    r"\b(expected|found|while|mapping|allowed|scanning|parsing|block|flow|token|stream|"
    r"character|indicator|constructor|node|sequence|could|not|error)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "front",
    [
        "titel: Ort: Kassel",
        'titel: "offen',
        "titel: 'offen",
        "titel: [1, 2",
        "titel: {a: 1",
        "titel: @nordstadt",
        "titel: `x`",
        "titel: %x",
        'titel: "a\\q"',
        'titel: "a" b',
        "ort:\n  name: a\n ebene: b",
        "ort:\n  - a\n  b: c",
        "titel: !!python/object:os.system x",
        "titel: !eigen x",
        "titel: a\nzielgruppen: - b",
        "? [a, b]\n: c",
        "titel: a\n---x: ]",
        "titel: ]",
        "titel: }",
        "titel: |\n x\ny",
        "- a\n- b",
        "titel: &a x",
        "titel: *a",
    ],
)
def test_no_parser_english_reaches_a_contributor(project: Path, front: str) -> None:
    """Whatever PyYAML or libyaml says, the contributor reads German with a located line."""
    doc = load_one(project, f"---\n{front}\n---\nText\n")
    assert doc.problems, front
    for problem in doc.problems:
        assert problem.line >= 2
        assert not PARSER_WORDS.search(problem.message), problem.message


def test_file_over_one_megabyte(project: Path) -> None:
    doc = load_one(project, VALID + "x" * MAX_BYTES)
    problem = only(doc)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("Datei ist größer als 1 MB (1024 kB)")


@pytest.mark.parametrize(
    ("text", "line", "start"),
    [
        ("", 1, "Front Matter fehlt"),
        ("Nur Text\n", 1, "Front Matter fehlt"),
        ("---", 1, "Das Front Matter wird nicht geschlossen"),
        ("---\ntitel: x\n", 1, "Das Front Matter wird nicht geschlossen"),
        ("---\n---\nText\n", 1, "Das Front Matter ist leer"),
        ("---\n- a\n- b\n---\n", 2, "Das Front Matter muss aus Feldern"),
        ("---\nnur ein Wert\n---\n", 2, "Das Front Matter muss aus Feldern"),
    ],
)
def test_files_without_usable_front_matter(project: Path, text: str, line: int, start: str) -> None:
    problem = only(load_one(project, text))
    assert problem.line == line
    assert problem.message.startswith(start)


@pytest.mark.parametrize(
    ("key", "column"), [("1", 1), ("null", 1), ("true", 1), ("2024-01-01", 1), ("[a, b]", 3)]
)
def test_keys_that_are_not_text(project: Path, key: str, column: int) -> None:
    entry = f"? {key}\n: wert" if key.startswith("[") else f"{key}: wert"
    doc = load_one(project, VALID.replace("status: laufend", f"status: laufend\n{entry}"))
    problem = only(doc)
    assert (problem.line, problem.column) == (15, column)
    assert "ist als Feldname nicht möglich" in problem.message
    assert doc.data["status"] == "laufend"  # the rest is still read


def test_tags_are_refused(project: Path) -> None:
    doc = load_one(project, VALID.replace("bundesland: HE", "bundesland: !!python/name:os.system"))
    problem = only(doc)
    assert problem.line == 6
    assert "YAML-Tags wie „!!python/…“" in problem.message


def test_control_character_is_located(project: Path) -> None:
    doc = load_one(project, VALID.replace("bundesland: HE", "bundesland: H\x00E"))
    problem = only(doc)
    assert (problem.line, problem.column) == (6, 14)
    assert problem.message.startswith("Unzulässiges Steuerzeichen (U+0000)")


@pytest.mark.parametrize(
    "value",
    [
        "[" * 200_000 + "]" * 200_000,
        "{a: " * 50_000 + "1" + "}" * 50_000,
        "\n" + "- " * 100_000 + "x",
    ],
)
def test_deep_nesting_is_refused_not_crashing(project: Path, value: str) -> None:
    doc = load_one(project, f"---\ntitel: {value}\n---\n")
    problem = only(doc)
    assert problem.line >= 2
    assert problem.message == TOO_DEEP


def test_deep_block_indentation_is_refused(project: Path) -> None:
    nested = "".join(" " * depth + "a:\n" for depth in range(1, 1300))
    doc = load_one(project, f"---\ntitel:\n{nested}---\n")
    assert only(doc).message == TOO_DEEP


@pytest.mark.parametrize("depth", [101, 999, 1000, 1001, 1200])
@pytest.mark.parametrize("shape", ["flow", "block", "list"])
def test_nesting_gives_one_message_whichever_layer_notices(
    project: Path, depth: int, shape: str
) -> None:
    """Below and above libyaml's own limit (1,000 levels in PyYAML 6.0.4): one German text."""
    value = {
        "flow": "[" * depth + "]" * depth,
        "block": "\n" + "".join(" " * level + "a:\n" for level in range(1, depth + 1)),
        "list": "\n" + "".join(" " * level + "-\n" for level in range(depth)),
    }[shape]
    problem = only(load_one(project, f"---\ntitel: {value}\n---\n"))
    assert problem.message == TOO_DEEP
    assert problem.line >= 2


def test_directory_named_like_an_entry(project: Path) -> None:
    (project / "content" / "practices" / "ordner.md").mkdir()
    collection = load_collection(Instance.open(project))
    doc = next(d for d in collection.documents if d.slug == "ordner")
    problem = only(doc)
    assert (problem.path, problem.line, problem.column) == ("content/practices/ordner.md", 1, 1)
    assert problem.message.startswith("Das ist ein Verzeichnis, keine Datei")


@pytest.mark.parametrize("target", ["stadtteilbuero-nordstadt.md", "/nonexistent/file.md"])
def test_symlinks_are_refused_under_their_own_name(project: Path, target: str) -> None:
    os.symlink(target, project / "content" / "practices" / "verweis.md")
    collection = load_collection(Instance.open(project))
    doc = next(d for d in collection.documents if d.slug == "verweis")
    problem = only(doc)
    assert problem.path == "content/practices/verweis.md"
    assert problem.message.startswith(
        "Das ist eine symbolische Verknüpfung, keine gewöhnliche Datei"
    )


def test_unreadable_file(project: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may read any file")
    path = project / "content" / "practices" / "geheim.md"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)
    doc = next(d for d in load_collection(Instance.open(project)).documents if d.slug == "geheim")
    assert only(doc).message == "Datei kann nicht gelesen werden: keine Leseberechtigung."


def test_collection_sorts_kinds_and_finds_drafts(project: Path) -> None:
    collection = load_collection(Instance.open(project))
    assert sorted(collection.practices) == [
        "entwurf-beispiel",
        "sozialplanung-gera",
        "stadtteilbuero-nordstadt",
    ]
    assert sorted(collection.programmes) == ["landesprogramm-gwa", "zusammen-im-quartier"]
    assert not collection.practices["entwurf-beispiel"].published
    assert collection.practices["sozialplanung-gera"].published


def test_nesting_in_short_front_matter_is_refused_too(project: Path) -> None:
    """Below the size where the structure is pre-checked, deep nesting still gets a message."""
    doc = load_one(project, "---\ntitel: " + "[" * 2490 + "]" * 2490 + "\n---\n")
    assert only(doc).message == TOO_DEEP


def test_huge_file_is_refused_without_reading_it(project: Path) -> None:
    path = project / "content" / "practices" / "riesig.md"
    with path.open("wb") as handle:
        handle.truncate(4 * 1024**3)  # sparse: 4 GB that would not fit into memory quickly
    doc = next(d for d in load_collection(Instance.open(project)).documents if d.slug == "riesig")
    assert only(doc).message.startswith("Datei ist größer als 1 MB (4194304 kB)")


NESTING_PROBE = """
import json, sys
from pathlib import Path
import yaml
from praxis.load.frontmatter import parse_front_matter
from praxis.load.collection import Document

out = {"version": yaml.__version__, "messages": []}
for depth in (101, 1001, 3000):
    block = "\\n" + "".join(" " * i + "a:\\n" for i in range(1, depth))
    for value in ("[" * depth + "]" * depth, block):
        doc = Document(Path("p.md"), "p.md", "practice", "p", "")
        parse_front_matter(doc, f"---\\ntitel: {value}\\n---\\n")
        out["messages"].append([p.message for p in doc.problems])
print(json.dumps(out))
"""


@pytest.mark.slow
@pytest.mark.parametrize("version", ["6.0.3", "6.0.4"])
def test_nesting_message_is_the_same_on_both_pyyaml_releases(tmp_path: Path, version: str) -> None:
    """PyYAML 6.0.4's libyaml refuses nesting itself; 6.0.3's does not. Same text on both."""
    target = tmp_path / "yaml"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--target",
            str(target),
            f"PyYAML=={version}",
        ],
        check=True,
        timeout=300,
    )
    tools = Path(__file__).resolve().parents[2] / "tools"
    result = subprocess.run(
        [sys.executable, "-c", NESTING_PROBE],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": f"{target}{os.pathsep}{tools}"},
        timeout=300,
    )
    probe = json.loads(result.stdout)
    assert probe["version"] == version
    assert probe["messages"] == [[TOO_DEEP]] * 6
