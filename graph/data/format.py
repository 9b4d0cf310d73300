"""The data-file format check: each parsed file against ontology/data-file.schema.json.

The schema is the one description of the format: editors read it for completion and inline
errors, and the loader checks every file against it before converting anything. Each schema
error becomes a `DataError` naming the file, the line (found through the line-remembering
YAML) and the record, in the words of the schema's `errorMessage`s.

Whether a file fits is asked of jsonschema-rs first (Rust: 0.05 s for a national dataset, where
jsonschema took 5.7 s); only a file that does not is checked again by jsonschema, whose errors
carry the paths the messages need. Should the two ever disagree, jsonschema decides: the bad-data
tests check on every case that jsonschema-rs never passes what jsonschema refuses.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError

from graph.data.errors import DataError, shown
from graph.data.yaml_lines import LineMapping, SourceFile, line_at
from graph.model.nearest import did_you_mean
from graph.model.resources import resource_dir

_SHOWS_VALUE = {"type", "pattern", "enum", "minimum", "anyOf", "minItems"}
"""Keywords that fail on the value written: the message repeats it ("..., got 900")."""


def is_term(name: Any) -> bool:
    """Whether `name` may name a class or property (the schema's pattern): only then is it made an IRI."""
    return isinstance(name, str) and _term_pattern().search(name) is not None


@functools.cache
def _term_pattern() -> re.Pattern:
    return re.compile(schema()["$defs"]["term"]["pattern"])


def schema_file() -> Path:
    return resource_dir("ontology") / "data-file.schema.json"


@functools.cache
def schema() -> dict:
    """The schema as written (tests compare its lists with the ontology)."""
    return json.loads(schema_file().read_text(encoding="utf-8"))


@functools.cache
def _validator() -> Draft202012Validator:
    """A validator of the schema with its references inlined: resolving a $ref at each of
    a national dataset's hundreds of thousands of values doubles the time of the check."""
    defs = schema()["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: inline(value) for key, value in node.items() if key != "$defs"}
        if "$ref" in node:  # local references only, and none recursive
            return {**inline(defs[node.pop("$ref").removeprefix("#/$defs/")]), **node}
        return node

    return Draft202012Validator(inline(schema()))


@functools.cache
def _fast_validator() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(schema(), validate_formats=False)


def fits(doc: Any) -> bool:
    """Whether a parsed file fits the schema, by jsonschema-rs."""
    try:
        return _fast_validator().is_valid(doc)
    except ValueError:  # a YAML value JSON has no name for (!!set, !!binary): jsonschema words it
        return False


def format_errors(sf: SourceFile) -> list[DataError]:
    """Every way the file departs from the schema, in file order.

    A value of the wrong type gets that said, not also every rule it then cannot meet.
    """
    if fits(sf.doc):
        return []
    errors = list(_validator().iter_errors(sf.doc))
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    found = [problem for error in errors if error.validator == "type" or tuple(error.absolute_path) not in mistyped
             for problem in _problems(sf, error)]
    return sorted(dict.fromkeys(found), key=lambda e: e.line or 0)


def _problems(sf: SourceFile, error: ValidationError) -> Iterator[DataError]:
    path, schema_ = list(error.absolute_path), error.schema
    record = _record(sf.doc, path)
    if error.validator == "additionalProperties":
        allowed = ", ".join(schema_["properties"])
        for key in (k for k in error.instance if k not in schema_["properties"]):
            line = error.instance.key_lines[key] if isinstance(error.instance, LineMapping) else None
            yield DataError(sf.name, line, record,
                            f"unknown key {shown(key)} in the {schema_['title']} (allowed: {allowed})"
                            + did_you_mean(str(key), list(schema_["properties"])))
    elif error.validator == "required":
        for key in (k for k in error.validator_value if k not in error.instance):
            yield DataError(sf.name, line_at(sf.doc, path), record, f"the {schema_['title']} needs {shown(key)}")
    elif "propertyNames" in error.relative_schema_path:  # a key of the mapping at `path`
        owner = functools.reduce(lambda node, step: node[step], path, sf.doc)
        yield DataError(sf.name, owner.key_lines[error.instance], record, _message(error))
    else:
        yield DataError(sf.name, line_at(sf.doc, path), record, _message(error))


def _message(error: ValidationError) -> str:
    text = error.schema.get("errorMessage", error.message) if isinstance(error.schema, dict) else error.message
    if error.validator in _SHOWS_VALUE:
        text += f", got {shown(error.instance)}"
    if error.validator == "enum":
        text += f" (one of: {', '.join(map(str, error.validator_value))})"
        written = error.instance[0] if isinstance(error.instance, list) and len(error.instance) == 1 else error.instance
        if isinstance(written, str):
            text += did_you_mean(written, map(str, error.validator_value))
    return text


def _record(doc: Any, path: list) -> str | None:
    """How messages name the record the path goes through: its id, or 'source <id>'."""
    if path[:1] == ["source"] and isinstance(doc["source"], dict) and isinstance(doc["source"].get("id"), str):
        return f"source {doc['source']['id']}"
    if path[:1] == ["records"] and len(path) > 1:
        record = doc["records"][path[1]]
        name = record.get("id", record.get("about")) if isinstance(record, dict) else None
        return name if isinstance(name, str) else None
    return None
