"""The JSON Schemas in schema/ are generated from the Structs and say what the format says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.model.jsonschema import SCHEMA_FOLDER, SCHEMAS, main, write_schemas
from app.model.schema import STEP_KINDS


def test_committed_schemas_match_the_structs(tmp_path: Path) -> None:
    """Regenerating the schemas gives exactly the committed files (run `python -m app.model.jsonschema`)."""
    for path in write_schemas(tmp_path):
        committed = SCHEMA_FOLDER / path.name
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


def test_main_writes_into_a_named_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m app.model.jsonschema FOLDER` writes both files and names them."""
    assert main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(name for name, _, _ in SCHEMAS)
    assert str(tmp_path / "pack.schema.json") in capsys.readouterr().out


def _walk(node: object) -> list[dict]:
    """Return every JSON object inside ``node``."""
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _walk(value)
    elif isinstance(node, list):
        for value in node:
            found += _walk(value)
    return found


def test_module_schema_rules() -> None:
    """No field may be null, a step has exactly one kind, unknown fields are refused, types pick their fields."""
    schema = json.loads((SCHEMA_FOLDER / "module.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert not [obj for obj in _walk(schema) if obj.get("type") == "null"]
    definitions = schema["$defs"]
    assert definitions["Step"]["oneOf"] == [{"required": [kind]} for kind in STEP_KINDS]
    assert definitions["Annotation"]["oneOf"] == [{"required": ["quote"]}, {"required": ["region"]}]
    assert all(
        d.get("additionalProperties") is False
        for d in definitions.values()
        if d.get("type") == "object" and "properties" in d and "allOf" not in d
    )
    questions = definitions["Quiz"]["properties"]["questions"]["items"]
    assert questions["properties"]["type"]["enum"][:2] == ["single", "multiple"]
    assert {
        "if": {"properties": {"type": {"const": "order"}}},
        "then": {"$ref": "#/$defs/Order"},
    } in questions["allOf"]
    assert "shuffle" not in definitions["Order"]["properties"]
    assert definitions["Quiz"]["properties"]["pass"] == {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": 1,
        "default": 0.7,
    }
