"""YAML that remembers lines: every mapping and list knows where it and its values stand.

Messages about a data file name the line to fix, so the parsed file keeps the line of each
mapping, of each of its values and of each list item.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph.data.errors import DataError


class LineMapping(dict):
    """A YAML mapping that remembers where it and each of its keys and values stand in the file."""
    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict = {}
        self.value_lines: dict = {}


class LineSequence(list):
    """A YAML list that remembers the line of each item."""
    item_lines: list[int]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineMapping:
    seen = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a single word or text, not a list or mapping", key_node.start_mark)
        if key_node.tag != "tag:yaml.org,2002:merge" and key_node.value in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key_node.value!r} appears twice in one mapping", key_node.start_mark)
        seen.add(key_node.value)
    loader.flatten_mapping(node)  # resolves merge keys (<<: *anchor); explicit keys win
    mapping = LineMapping()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
        mapping.value_lines[key] = value_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineSequence:
    seq = LineSequence(loader.construct_object(child, deep=True) for child in node.value)
    seq.item_lines = [child.start_mark.line + 1 for child in node.value]
    return seq


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates stay text as written: the datatype checks judge them (2016-02-30 is an error to
# report there, not a ValueError from the YAML library).
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


@dataclass
class SourceFile:
    """One parsed data file, before conversion: `doc` is whatever the YAML holds."""
    path: Path
    doc: Any
    name: str = ""
    """How messages name the file: relative to the data folder's parent (data/sources/x.yaml)."""
    source_id: str = ""
    """Set once the source id is known to be valid and unique."""


def line_at(doc: Any, path: Iterable) -> int:
    """The line of the value reached from `doc` by `path` (keys and list indexes); 1 for the file."""
    line, node = getattr(doc, "line", 1), doc
    for step in path:
        if isinstance(node, LineMapping) and step in node:
            line, node = node.value_lines[step], node[step]
        elif isinstance(node, LineSequence) and isinstance(step, int) and step < len(node):
            line, node = node.item_lines[step], node[step]
        else:
            break
    return getattr(node, "line", line)


def parse(path: Path, root: Path, errors: list[DataError]) -> SourceFile | None:
    """The file's YAML, or None with the reason added to `errors`."""
    name = _display(path, root)
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        errors.append(DataError(name, line, None, f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return None
    except OSError as exc:
        errors.append(DataError(name, None, None, f"cannot be read ({exc.strerror})"))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = f", column {mark.column + 1}" if mark else ""
        context = exc.context_mark if exc.problem_mark else None
        started = (f" ({exc.context} at line {context.line + 1}, column {context.column + 1})"
                   if exc.context and context and context.line != mark.line else "")
        errors.append(DataError(name, line, None, f"YAML syntax error{col}: {exc.problem or exc}{started}"))
        return None
    return SourceFile(path, doc, name)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
