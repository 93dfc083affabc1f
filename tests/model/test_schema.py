"""`praxis schema`: JSON Schemas from the models, committed and checked."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.config import Instance
from praxis.load.collection import Collection
from praxis.model.schema import stale_schema_files
from tests.conftest import REPO


def committed(kind: str) -> dict[str, Any]:
    return json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def test_schema_writes_both_files(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["schema", "--root", str(project)])
    assert result.exit_code == 0
    assert result.output == (
        "Geschrieben: schema/practice.schema.json\nGeschrieben: schema/programme.schema.json\n"
    )
    practice = json.loads((project / "schema" / "practice.schema.json").read_text("utf-8"))
    assert practice["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert practice["title"] == "Praxisbeispiel"
    assert "stolpersteine" in json.dumps(practice)
    jsonschema.Draft202012Validator.check_schema(practice)


def test_check_passes_when_current_and_fails_when_stale(project: Path, runner: CliRunner) -> None:
    missing = runner.invoke(cli, ["schema", "--check", "--root", str(project)])
    assert missing.exit_code == 1
    assert missing.output.startswith("schema/practice.schema.json ist veraltet: bitte `praxis")
    runner.invoke(cli, ["schema", "--root", str(project)])
    current = runner.invoke(cli, ["schema", "--check", "--root", str(project)])
    assert (current.exit_code, current.output) == (0, "Die JSON-Schemas sind aktuell.\n")
    vocab = project / "schema" / "vocabularies" / "zielgruppen.yml"
    vocab.write_text(
        vocab.read_text("utf-8") + "  - {id: pendler, label: Pendlerinnen und Pendler}\n", "utf-8"
    )
    stale = runner.invoke(cli, ["schema", "--check", "--root", str(project)])
    assert stale.exit_code == 1
    assert stale.output == (
        "schema/practice.schema.json ist veraltet: bitte `praxis schema` ausführen und die "
        "Datei mit einchecken.\n"
        "schema/programme.schema.json ist veraltet: bitte `praxis schema` ausführen und die "
        "Datei mit einchecken.\n"
    )


def test_committed_schemas_are_current() -> None:
    assert stale_schema_files(Instance.open(REPO)) == []


@pytest.mark.parametrize(
    ("kind", "slug"),
    [("practice", "stadtteilbuero-nordstadt"), ("programme", "landesprogramm-gwa")],
)
def test_committed_schema_accepts_a_sample_entry(
    collection: Collection, kind: str, slug: str
) -> None:
    doc = collection.of_kind(kind)[slug]  # type: ignore[arg-type]
    jsonschema.Draft202012Validator(committed(kind)).validate(doc.data)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("handlungsfelder", 0), "stadtplanung"),
        (("bundesland",), "Hessen"),
        (("traeger", 0, "art"), "firma"),
        (("zielgruppen", 0), "kinder und jugendliche"),
    ],
)
def test_committed_schema_rejects_unknown_terms(
    collection: Collection, path: tuple[str | int, ...], value: str
) -> None:
    data = copy.deepcopy(collection.practices["stadtteilbuero-nordstadt"].data)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError) as raised:
        jsonschema.Draft202012Validator(committed("practice")).validate(data)
    assert list(raised.value.absolute_path) == list(path)
    assert raised.value.validator == "enum"


def test_committed_schema_rejects_unknown_keys(collection: Collection) -> None:
    data = copy.deepcopy(collection.practices["stadtteilbuero-nordstadt"].data)
    data["statsu"] = "laufend"
    with pytest.raises(jsonschema.ValidationError, match="statsu"):
        jsonschema.Draft202012Validator(committed("practice")).validate(data)
