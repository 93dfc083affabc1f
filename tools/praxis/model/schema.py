"""JSON Schema of the front matter, generated from the models (`praxis schema`).

The schema files are committed so that editors and other tools can use them; CI checks
with `praxis schema --check` that they still match the models and vocabularies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from praxis.config import Instance, Vocabulary
from praxis.model.entries import MODELS
from praxis.model.kinds import KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str, vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    schema = MODELS[kind].model_json_schema()
    for definition in schema.get("$defs", {}).values():
        definition.pop("description", None)  # class docstrings are for developers
    _add_enums(schema, vocabularies)
    return {
        "$schema": DIALECT,
        "$id": f"{kind}.schema.json",
        **schema,
        "title": KINDS[kind].label,
        "description": f"{KINDS[kind].label}: Front Matter einer Datei "
        f"content/{KINDS[kind].folder}/<slug>.md.",
    }


def _add_enums(node: Any, vocabularies: dict[str, Vocabulary]) -> None:
    if isinstance(node, dict):
        name = node.get("x-vocabulary")
        if name in vocabularies:
            node["enum"] = [term.id for term in vocabularies[name]]
        for value in node.values():
            _add_enums(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            _add_enums(value, vocabularies)


def schema_files(instance: Instance) -> dict[Path, str]:
    """Each schema file's path and the text it should have."""
    return {
        instance.schema_dir / f"{kind}.schema.json": json.dumps(
            json_schema(kind, instance.vocabularies), ensure_ascii=False, indent=2
        )
        + "\n"
        for kind in MODELS
    }


def stale_schema_files(instance: Instance) -> list[Path]:
    return [
        path
        for path, text in schema_files(instance).items()
        if not path.is_file() or path.read_bytes() != text.encode("utf-8")
    ]
