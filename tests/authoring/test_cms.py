"""The web editor's configuration covers the content model, the site serves the editor as
static files, and the editor's file format writes what the engine reads back unchanged."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from praxis.authoring import cms
from praxis.authoring.docs import vocabulary_of
from praxis.cli import cli
from praxis.config import Instance
from praxis.errors import BuildError
from praxis.generate import admin
from praxis.model.entries import MODELS, nested_model
from praxis.model.kinds import KINDS

REPO = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")
FORMAT_JS = admin.CMS_DATA / "praxis-cms.js"


def _model_paths(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, info in model.model_fields.items():
        yield prefix + name, info
        nested = nested_model(info.annotation)
        if nested is not None:
            yield from _model_paths(nested, f"{prefix}{name}.")


def _config_fields(fields: list[dict[str, Any]], prefix: str = "") -> dict[str, dict[str, Any]]:
    found = {}
    for spec in fields:
        found[prefix + spec["name"]] = spec
        found |= _config_fields(spec.get("fields", []), f"{prefix}{spec['name']}.")
    return found


@pytest.fixture(scope="module")
def repo_instance() -> Instance:
    return Instance.open(REPO)


@pytest.mark.parametrize("kind", list(MODELS))
def test_every_key_of_the_model_is_a_labelled_field(repo_instance: Instance, kind: str) -> None:
    config = cms.cms_config(repo_instance)
    (collection,) = [c for c in config["collections"] if c["name"] == KINDS[kind].folder]
    assert collection["folder"] == f"content/{KINDS[kind].folder}"
    fields = _config_fields(collection["fields"])
    paths = dict(_model_paths(MODELS[kind]))
    assert set(fields) - {"body"} == set(paths)
    for path, info in paths.items():
        spec = fields[path]
        assert spec["label"] and spec["label"] != spec["name"], path
        assert spec["hint"] == cms.re.sub(r"\s*\(Vokabular \w+\)", "", info.description), path
        top_level = "." not in path
        if top_level:
            assert spec["required"] == info.is_required(), path
        elif not info.is_required():
            assert spec["required"] is False, path


@pytest.mark.parametrize("kind", list(MODELS))
def test_every_vocabulary_id_is_a_choice(repo_instance: Instance, kind: str) -> None:
    config = cms.cms_config(repo_instance)
    (collection,) = [c for c in config["collections"] if c["name"] == KINDS[kind].folder]
    fields = _config_fields(collection["fields"])
    for path, info in _model_paths(MODELS[kind]):
        name = vocabulary_of(info.annotation, list(info.metadata))
        if not name:
            continue
        spec = fields[path]
        vocabulary = repo_instance.vocabularies[name]
        assert spec["widget"] == "select", path
        assert spec["options"] == [{"label": t.label, "value": t.id} for t in vocabulary]


def test_links_dates_and_urls_have_their_widgets(repo_instance: Instance) -> None:
    fields = _config_fields(cms.cms_config(repo_instance)["collections"][0]["fields"])
    assert fields["programme"]["widget"] == "relation"
    assert fields["programme"]["collection"] == "programmes"
    assert fields["uebertragen_von"]["collection"] == "practices"
    assert fields["redaktion.erfasst"] | {"hint": ""} == fields["redaktion.erfasst"] | {
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "time_format": False,
        "default": "{{now}}",
        "hint": "",
    }
    assert fields["redaktion.geprueft"]["default"] == ""
    assert fields["kontakt.web"]["pattern"][0] == cms.URL_PATTERN[0]
    assert fields["body"]["default"].startswith("## Ausgangslage\n\n<!--")


def test_gitlab_and_open_code_log_in_with_pkce(tmp_path: Path) -> None:
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nrepo_url: https://gitlab.opencode.de/land/praxis\n"
        "extra:\n  praxis:\n    cms:\n      app_id: abc123\n      pfad: redaktion/editor\n",
        encoding="utf-8",
    )
    instance = Instance.open(tmp_path)
    backend = cms.cms_config(instance)["backend"]
    assert backend["name"] == "gitlab"
    assert backend["repo"] == "land/praxis"
    assert (backend["auth_type"], backend["app_id"]) == ("pkce", "abc123")
    assert backend["api_root"] == "https://gitlab.opencode.de/api/v4"
    assert cms.admin_path(instance) == "redaktion/editor"


def test_check_reports_a_stale_configuration(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "schema", "cms"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, tmp_path / name)
    runner = CliRunner()
    fresh = runner.invoke(cli, ["cms", "--check", "--root", str(tmp_path)])
    assert fresh.exit_code == 0, fresh.output
    assert fresh.output == "cms/config.yml ist aktuell.\n"
    vocab = tmp_path / "schema" / "vocabularies" / "zielgruppen.yml"
    vocab.write_text(
        vocab.read_text("utf-8") + "  - {id: studierende, label: Studierende}\n", "utf-8"
    )
    stale = runner.invoke(cli, ["cms", "--check", "--root", str(tmp_path)])
    assert stale.exit_code == 1
    assert "cms/config.yml ist veraltet: bitte `praxis cms` ausführen" in stale.output


def test_the_repository_configuration_is_current(repo_instance: Instance) -> None:
    assert (REPO / cms.CONFIG_PATH).read_text("utf-8") == cms.config_text(repo_instance)


def test_a_tampered_editor_script_stops_the_build(tmp_path: Path, monkeypatch: Any) -> None:
    data = tmp_path / "cms"
    shutil.copytree(admin.CMS_DATA, data)
    with (data / "decap-cms.js").open("ab") as handle:
        handle.write(b"\nfetch('https://example.org/')")
    monkeypatch.setattr(admin, "CMS_DATA", data)
    with pytest.raises(BuildError, match="stimmt nicht mit der Prüfsumme"):
        admin.vendored("decap-cms.js")


@pytest.mark.slow
def test_the_site_serves_the_editor_outside_sitemap_and_search(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "content", "schema", "cms"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, tmp_path / name)
    result = CliRunner().invoke(cli, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    admin = tmp_path / "site" / "admin"
    assert {p.name for p in admin.iterdir()} >= {"index.html", "config.yml", "decap-cms.js"}
    assert (admin / "config.yml").read_text("utf-8") == (REPO / cms.CONFIG_PATH).read_text()
    assert "decap-cms.LICENSE.txt" in {p.name for p in admin.iterdir()}
    assert "/admin/" not in (tmp_path / "site" / "sitemap.xml").read_text("utf-8")
    search = json.loads((tmp_path / "site/pagefind/pagefind-entry.json").read_text("utf-8"))
    entries = len(list((tmp_path / "content").glob("p*/*.md")))
    assert search["languages"]["de"]["page_count"] == entries  # the entries, not /admin/
    index = (admin / "index.html").read_text("utf-8")
    assert "https://" not in index and "http://" not in index  # no CDN


# --- the file format (praxis-cms.js, run under Node) --------------------------------


def _node(script: str, payload: Any) -> Any:
    if NODE is None:
        if os.environ.get("PRAXIS_REQUIRE_BROWSER") == "1":
            pytest.fail("node fehlt (PRAXIS_REQUIRE_BROWSER=1)")
        pytest.skip("node fehlt")
    prelude = (
        f"global.jsyaml = require({json.dumps(str(admin.CMS_DATA / 'js-yaml.min.js'))});"
        f"const format = require({json.dumps(str(FORMAT_JS))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
    )
    result = subprocess.run(
        [NODE, "-e", prelude + script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _flow_setup(instance: Instance) -> str:
    config = cms.cms_config(instance)
    return "".join(
        f"format.collectFlowFields({json.dumps(c['fields'])}, '');" for c in config["collections"]
    )


def test_every_entry_of_the_repository_is_written_back_unchanged(repo_instance: Instance) -> None:
    files = sorted(
        str(p) for about in KINDS.values() for p in (REPO / "content" / about.folder).glob("*.md")
    )
    assert files
    order = [f["name"] for f in cms.cms_config(repo_instance)["collections"][0]["fields"]]
    script = _flow_setup(repo_instance) + (
        "const fs = require('fs');"
        "console.log(JSON.stringify(input.files.filter(p => { const t = fs.readFileSync(p,"
        " 'utf8'); return format.toFile(format.fromFile(t), input.order) !== t; })));"
    )
    assert _node(script, {"files": files, "order": order}) == []


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


TRICKY = [
    "yes",
    "No",
    "~",
    "null",
    "1:20",
    "06411000",
    "1e5",
    "0x1F",
    ".5",
    "- x",
    "a: b",
    "x #y",
    "#x",
    "[a]",
    "{a}",
    "'a'",
    '"a"',
    "a\u2028b",
    "\x85",
    "2024-13-45",
    "@x",
    "%x",
    "a:",
    "! x",
    "& x",
    "* x",
    "| x",
    "> x",
    "? x",
    "a\nb",
    "\\",
    "2019",
]


@settings(max_examples=25, deadline=None)
@example(TRICKY[:16], TRICKY[16:])
@example(TRICKY[16:], [*TRICKY[:16], "a, b", "x]"])
@given(st.lists(TEXT, min_size=1, max_size=8), st.lists(TEXT, max_size=4))
def test_any_text_the_editor_writes_reads_back_as_written(
    values: list[str], keywords: list[str]
) -> None:
    """Quoting is an allowlist: whatever a contributor types, PyYAML (the engine) reads
    the same string back, in a plain line and inside a one-line list."""
    data = {f"k{i}": v for i, v in enumerate(values)} | {"schlagworte": keywords, "body": "x"}
    script = (
        "format.collectFlowFields([{name: 'schlagworte', widget: 'list'}], '');"
        "console.log(JSON.stringify(format.toFile(input, [])));"
    )
    text = _node(script, data)
    front = yaml.safe_load(text.split("---\n")[1]) or {}
    assert _tidy(front) == _tidy({k: v for k, v in data.items() if k != "body"})


def _tidy(value: Any) -> Any:
    """Stripped strings, empty values left out: what both sides agree on."""
    if isinstance(value, str):
        while value != value.strip().strip("\ufeff"):  # JavaScript's trim() takes the BOM too
            value = value.strip().strip("\ufeff")
        return value
    if isinstance(value, list):
        return [item for item in map(_tidy, value) if item not in ("", [], {})]
    return {k: v for k, v in ((k, _tidy(v)) for k, v in value.items()) if v not in ("", [], {})}


def test_thousands_of_awkward_strings_read_back_as_written() -> None:
    """One Node run over many strings made of YAML's special characters: each written as a
    value and inside a one-line list, then read by PyYAML."""
    rng = random.Random(19)
    special = ["\u2028", "\x85", "\ufeff", "ä", "„", "“", "–", "\U0001f600"]
    alphabet = [*":#-?,[]{}&*!|>'\"%@`~ \t\n\\0123456789.+eExXoObB_aAyYnN", *special]
    samples = ["".join(rng.choices(alphabet, k=rng.randint(1, 8))) for _ in range(3000)]
    script = (
        "format.collectFlowFields([{name: 'l', widget: 'list'}], '');"
        "console.log(JSON.stringify(input.map(v => format.toFile({v: v, l: [v, 'x']}, []))));"
    )
    for value, text in zip(samples, _node(script, samples), strict=True):
        front = yaml.safe_load(text.split("---\n")[1]) or {}
        assert _tidy(front) == _tidy({"v": value, "l": [value, "x"]}), (value, text)
