"""The data-file schema (ontology/data-file.schema.json) is a sound JSON Schema that the
bundled data meets, and every way to fail it has a message for people."""
from __future__ import annotations

from pathlib import Path

from jsonschema import Draft202012Validator

from graph.data.format import format_errors, schema
from graph.data.load import data_files
from graph.data.yaml_lines import parse
from graph.model.resources import resource_dir

_CONSTRAINTS = {"type", "pattern", "enum", "minimum", "anyOf", "oneOf", "not"}


def subschemas(node, inside_choice=False):
    """(schema, whether it is a branch of anyOf/oneOf or an `if`) for every schema below node."""
    if not isinstance(node, dict):
        return
    yield node, inside_choice
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for child in value.values():
                yield from subschemas(child)
        elif key in ("anyOf", "oneOf"):
            for child in value:
                yield from subschemas(child, True)
        elif key in ("items", "additionalProperties", "then", "not"):
            yield from subschemas(value, inside_choice)
        elif key == "if":
            yield from subschemas(value, True)
        elif key == "allOf":
            for child in value:
                yield from subschemas(child)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_bundled_data_meets_the_schema():
    root = resource_dir("data")
    errors: list = []
    for path in data_files(root, errors):
        assert format_errors(parse(path, root, errors)) == [] and errors == [], path


def test_every_way_to_fail_has_a_message_and_every_key_a_description():
    """errorMessage for each constraint (the loader and editors show it); title where the
    loader names a mapping (unknown or missing keys); description for editors' completion."""
    for node, inside_choice in subschemas(schema()):
        if _CONSTRAINTS & node.keys() and not inside_choice and "$ref" not in node.keys() - {"type"}:
            assert "errorMessage" in node, node
        if node.get("additionalProperties") is False or "required" in node and not inside_choice:
            assert "title" in node, node
        for key, prop in node.get("properties", {}).items():
            described = prop.get("description") or schema()["$defs"].get(prop.get("$ref", "").rsplit("/", 1)[-1], {}).get("description")
            assert described or prop == {"$ref": "#/$defs/declaration_only"}, key


def test_the_readme_says_how_to_point_an_editor_at_the_schema():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    comment = "# yaml-language-server: $schema=../../ontology/data-file.schema.json"
    assert comment in readme and comment in schema()["description"]
