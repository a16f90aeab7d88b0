"""JSON Schemas of ``pack.yaml`` and of a module file, generated from the Structs of ``schema.py``.

Editors (VS Code's YAML extension, for one) use them to complete and check pack files as they are
typed. msgspec writes the field types; this module adds what msgspec cannot say: that a present
field may not be null, that a step has exactly one kind, that an annotation has a quote or a
region, and friendlier titles. The validator stays the authority; the schema is a help.

    python -m app.model.jsonschema [FOLDER]     (default: the repository's schema/, app.resources.schema_dir())

The class file's schema is written by ``write_class_schema`` (``python -c "from app.model.jsonschema
import write_class_schema; write_class_schema()"``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.model.schema import STEP_KINDS, Manifest, Module, json_schema
from app.resources import schema_dir

SCHEMA_FOLDER = schema_dir()
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: (file name, root Struct, title) of each schema written.
SCHEMAS: tuple[tuple[str, type, str], ...] = (
    ("pack.schema.json", Manifest, "Unspun lesson pack manifest (pack.yaml), format 1"),
    ("module.schema.json", Module, "Unspun lesson pack module file, format 1"),
)
#: the class file's schema (``school_class.ClassFile``): in the repository's schema/, not in new packs
CLASS_SCHEMA_FILE = "class.schema.json"

_DESCRIPTIONS = {
    "Manifest": "The manifest of a lesson pack: pack.yaml.",
    "Module": "One module file of a lesson pack.",
    "Step": "A step: exactly one of reading, example, compare, quiz or reflect, and an optional id.",
    "Artefact": "An example object: a post, headline, article excerpt or message (annotations optional).",
    "Example": "An artefact to look at closely, with annotations.",
    "Annotation": "A note pinned to a quote of the text or to a region of the image.",
}


def _without_null(node: Any) -> Any:
    """Drop the ``null`` alternative of optional fields: a pack may leave a field out, never set it to null."""
    if isinstance(node, list):
        return [_without_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _without_null(value) for key, value in node.items()}
    alternatives = node.get("anyOf")
    if isinstance(alternatives, list) and {"type": "null"} in alternatives:
        rest = [alt for alt in alternatives if alt != {"type": "null"}]
        merged = {key: value for key, value in node.items() if key != "anyOf"}
        if merged.get("default", 0) is None:
            del merged["default"]
        if len(rest) == 1:
            merged = {**rest[0], **merged}
        else:
            merged["anyOf"] = rest
        node = merged
    return node


def _tagged_unions(node: Any) -> Any:
    """Rewrite msgspec's discriminated ``anyOf`` as if/then on ``type``, so editors name the one that applies."""
    if isinstance(node, list):
        return [_tagged_unions(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tagged_unions(value) for key, value in node.items()}
    discriminator = node.get("discriminator")
    if isinstance(discriminator, dict) and "anyOf" in node:
        tag = discriminator["propertyName"]
        mapping: dict[str, str] = discriminator["mapping"]
        node = {
            "type": "object",
            "properties": {tag: {"enum": list(mapping)}},
            "required": [tag],
            "allOf": [
                {"if": {"properties": {tag: {"const": value}}}, "then": {"$ref": ref}}
                for value, ref in mapping.items()
            ],
        }
    return node


def build_schema(root: type, title: str) -> dict[str, Any]:
    """Return the JSON Schema of a pack file whose top level is the Struct ``root``."""
    generated = json_schema(root)
    schema: dict[str, Any] = {"$schema": DIALECT, "title": title, **generated}
    schema = _tagged_unions(_without_null(schema))
    definitions: dict[str, Any] = schema["$defs"]
    for name, definition in definitions.items():
        if name in _DESCRIPTIONS:
            definition["description"] = _DESCRIPTIONS[name]
        elif "description" in definition:
            definition["description"] = definition["description"].replace("``", "`")
    if "Step" in definitions:
        definitions["Step"]["oneOf"] = [{"required": [kind]} for kind in STEP_KINDS]
    if "Annotation" in definitions:
        definitions["Annotation"]["oneOf"] = [{"required": ["quote"]}, {"required": ["region"]}]
        definitions["Annotation"]["dependentRequired"] = {"occurrence": ["quote"]}
    for name in ("Artefact", "Example"):
        if name in definitions:
            definitions[name]["anyOf"] = [{"required": ["text"]}, {"required": ["image"]}]
            definitions[name]["dependentRequired"] = {"image": ["alt"], "alt": ["image"]}
    return schema


def render(schema: dict[str, Any]) -> str:
    """Return the schema as the text written to its file."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path = SCHEMA_FOLDER) -> list[Path]:
    """Write every pack-file schema into ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, root, title in SCHEMAS:
        target = folder / file_name
        target.write_text(render(build_schema(root, title)), encoding="utf-8")
        written.append(target)
    return written


def write_class_schema(folder: Path = SCHEMA_FOLDER) -> Path:
    """Write the JSON Schema of a class file (``docs/class-file.md``) into ``folder``."""
    from app.model.school_class import ClassFile

    folder.mkdir(parents=True, exist_ok=True)
    schema = build_schema(ClassFile, "Unspun class file (.unspun-class), format 1")
    schema["$defs"]["ClassFile"]["description"] = "A class file: the class, its school, its LRS and its run."
    target = folder / CLASS_SCHEMA_FILE
    target.write_text(render(schema), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """Write the schemas into the folder named on the command line, or into schema/."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_schemas(Path(args[0]) if args else SCHEMA_FOLDER):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
