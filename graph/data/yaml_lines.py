"""YAML that remembers lines: every mapping and list knows where it and its values stand.

Messages about a data file name the line to fix, so the parsed file keeps the line of each
mapping, of each of its values and of each list item.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph.data.errors import DataError, shown


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


MAX_DEPTH = 20
"""Lists and mappings nested deeper than this are refused: a data file needs six levels."""
MAX_TEXT = 10_000
"""Characters a single value may hold: facts are recorded in a few words, not copied out."""
MAX_REPEATED = 10_000
"""Values that aliases (*name) may repeat beyond those the file writes out: a few hundred
bytes of nested aliases would otherwise stand for billions of values."""


class _Unbounded(yaml.constructor.ConstructorError):
    """A value past one of the limits above: well-formed YAML, but not a data file."""

    def __init__(self, problem: str, mark: yaml.Mark) -> None:
        super().__init__(None, None, problem, mark)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, with every value bounded: nesting, length, and what aliases repeat.

    The YAML library builds an aliased value once and shares it, but everything that reads
    the document (the format check, messages) walks the shared values again each time; so
    each value's size, aliases included, is counted as it is built, once.
    """

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.depth = 0
        self.written = 0     # values built from the text
        self.repeated = 0    # values repeated by aliases
        self.sizes: dict = {}  # node -> how many values it stands for, its aliases expanded

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:  # an alias, or a merge key's values
            self.repeated += self.sizes[node]
            if self.repeated > MAX_REPEATED + self.written:
                raise _Unbounded(f"aliases (*name) repeat more than {MAX_REPEATED:,} values (the value anchored "
                                 "here among them): write the values out", node.start_mark)
            return self.constructed_objects[node]
        if isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_TEXT:
            raise _Unbounded(f"a value of {len(node.value):,} characters: at most {MAX_TEXT:,} are accepted "
                             "(record the facts in a few words, with the paragraphs they come from)", node.start_mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Unbounded(f"lists and mappings nested more than {MAX_DEPTH} levels deep", node.start_mark)
        before = self.written + self.repeated
        try:
            built = super().construct_object(node, deep)
        except ValueError:  # Python reads at most 4,300 digits of a number
            raise _Unbounded(f"a number of {len(node.value):,} digits, too long to be read", node.start_mark) from None
        self.depth -= 1
        self.written += 1
        self.sizes[node] = self.written + self.repeated - before
        return built


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMapping:
    seen = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a single word or text, not a list or mapping", key_node.start_mark)
        if key_node.tag != "tag:yaml.org,2002:merge" and key_node.value in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {shown(key_node.value)} appears twice in one mapping", key_node.start_mark)
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


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineSequence:
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


_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""The characters YAML refuses anywhere in a file (YAML 1.1, 5.1): NUL and other control codes."""


def parse(path: Path, root: Path, errors: list[DataError]) -> SourceFile | None:
    """The file's YAML, or None with the reason added to `errors`."""
    name = display_name(path, root)
    try:
        text = _text(path)
        doc = yaml.load(text, Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        errors.append(DataError(name, line, None, f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return None
    except OSError as exc:
        errors.append(DataError(name, None, None, f"cannot be read ({exc.strerror})"))
        return None
    except yaml.reader.ReaderError:  # a character YAML allows nowhere (its position differs by loader)
        bad = _NOT_YAML.search(text)
        if bad is None:  # the reader's own refusal, of nothing this pattern knows
            errors.append(DataError(name, None, None, "holds a character YAML does not allow; a data file holds text only"))
            return None
        before = text[:bad.start()]
        line, col = before.count("\n") + 1, bad.start() - before.rfind("\n")
        hint = " (is the file UTF-16? save it as UTF-8)" if bad.group() == "\0" else ": remove it"
        errors.append(DataError(name, line, None, f"control character #x{ord(bad.group()):04x} at column {col}; "
                                                  f"a data file holds text only{hint}"))
        return None
    except _Unbounded as exc:
        errors.append(DataError(name, exc.problem_mark.line + 1, None, f"column {exc.problem_mark.column + 1}: {exc.problem}"))
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


def _text(path: Path) -> str:
    """The file's text. Only an ordinary file is opened, and without waiting on it: a FIFO or
    a device named *.yaml would block the read, or never end."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "not an ordinary file: a FIFO, device or socket is not a data file")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb") as file:
        return file.read().decode("utf-8")


def display_name(path: Path, root: Path) -> str:
    """How messages name a file: from the data folder's parent (data/sources/x.yaml)."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
