"""Tables, CSV and JSON for the command line: short names for IRIs, columns that fit the terminal.

Tables are rich tables drawn without colour or box characters, their cells wrapped to fit
the width `terminal_width` gives (COLUMNS, else the terminal, else 100), so that output is
the same in a pipe, a test and the README as in a terminal of that width.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Iterable, Sequence

from rdflib import Literal, URIRef
from rdflib.query import Result
from rich import box
from rich.console import Console
from rich.table import Table

from graph.model.namespaces import PREFIXES, bind_prefixes
from graph.sparql.formats import tsv_results
from graph.sparql.prepare import QueryError

SELECT_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("table", "turtle", "json-ld")


def short(term: Any) -> str:
    """An IRI as a prefixed name where a project prefix fits, a literal as its text, None as ''."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if term.startswith(str(ns)) and term != URIRef(str(ns)):
                return f"{prefix}:{term[len(str(ns)):]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return str(term)
    return str(term)


DEFAULT_WIDTH = 100
"""The width of a table printed to no terminal with no COLUMNS set."""
_RULE_UNDER_HEADER = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
"""No borders: a line of dashes under the header, two spaces between columns."""
_NO_WRAP_UP_TO = 12
"""Columns no wider than this (numbers, dates, statuses) are never wrapped."""


def terminal_width() -> int:
    """COLUMNS if it is a number, else the width of the terminal on stdout, else DEFAULT_WIDTH."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return DEFAULT_WIDTH


def _cells(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    return [[c if type(c) is str else short(c) for c in row] for row in rows]


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], width: int | None = None) -> str:
    """Columns wrapped to fit `width` (default: terminal_width()); '(no results)' when there are no rows."""
    cells = _cells(rows)
    if not cells:
        return "(no results)"
    drawn = Table(box=_RULE_UNDER_HEADER, show_edge=False, pad_edge=False, padding=(0, 1),
                  header_style=None, highlight=False)
    for i, header in enumerate(headers):
        widest = max(len(header), *(len(r[i]) for r in cells))
        drawn.add_column(header, overflow="fold", no_wrap=widest <= _NO_WRAP_UP_TO)
    for row in cells:
        drawn.add_row(*row)
    out = io.StringIO()
    Console(file=out, width=width or terminal_width(), color_system=None, force_terminal=False,
            highlight=False, markup=False, emoji=False, soft_wrap=False).print(drawn)
    return "\n".join(line.rstrip() for line in out.getvalue().rstrip("\n").splitlines())


def csv_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(_cells(rows))
    return out.getvalue().rstrip("\n")


@dataclass
class Section:
    """One table of an answer: a line saying what it holds, its columns and rows."""
    title: str
    headers: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    grouped: int = 0
    """The first `grouped` columns name nested groups of rows: a table shows each on the first
    row of its group only, CSV on every row."""

    def shown_rows(self) -> list[Sequence[Any]]:
        shown, above = [], ()
        for row in self.rows:
            same = next((i for i in range(self.grouped) if tuple(row[:i + 1]) != tuple(above[:i + 1])),
                        self.grouped)
            shown.append(("",) * same + tuple(row[same:]))
            above = row
        return shown


@dataclass
class Report:
    """An answer as the command line prints it: a heading, then its tables."""
    heading: str
    sections: list[Section]

    def as_table(self) -> str:
        width = terminal_width()
        parts = [textwrap.fill(self.heading, width)] if self.heading else []
        for section in self.sections:
            text = table(section.headers, section.shown_rows(), width)
            parts.append(f"{textwrap.fill(section.title, width)}\n{text}" if section.title else text)
        return "\n\n".join(parts)

    def as_csv(self) -> str:
        """One CSV table per section, separated by a blank line (most answers have one)."""
        return "\n\n".join(csv_table(s.headers, s.rows) for s in self.sections)


def paragraphs(numbers: Sequence[int]) -> str:
    return "¶" + ",".join(map(str, numbers)) if numbers else ""


def cite(sources: Iterable[dict]) -> str:
    """Sources of an edge or claim as '000 ¶1,17; reference'."""
    return "; ".join(f"{s['source']} {paragraphs(s['paragraphs'])}".strip() for s in sources)


def legal_bases(sources: Iterable[dict]) -> str:
    """The provisions an edge's statements rest on, with their periods where limited:
    'PRSRA 2011 s.1 (police and crime commissioners) from 2012-11-22'."""
    def period(s: dict) -> str:
        return "".join(f" {word} {s[key]}" for word, key in (("from", "valid_from"), ("until", "valid_until")) if s.get(key))
    return "; ".join(dict.fromkeys(f"{s['legal_basis']}{period(s)}" for s in sources if s.get("legal_basis")))


def to_json(value: Any) -> str:
    """Dataclasses, lists and dicts as indented JSON (IRIs and literals as strings)."""
    def plain(obj: Any) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, dict):
            return {str(k): plain(v) for k, v in obj.items()}
        if isinstance(obj, (list, tuple, set)):
            return [plain(v) for v in obj]
        if isinstance(obj, (URIRef, Literal, PurePath)):
            return str(obj)
        return obj
    return json.dumps(plain(value), indent=2, ensure_ascii=False)


def render_result(result: Result, fmt: str = "table") -> str:
    """The result as text: a table, CSV, TSV or SPARQL JSON; Turtle or JSON-LD for graphs."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a {result.type} query gives a graph: use --format turtle or json-ld")
        return bind_prefixes(result.graph).serialize(format="turtle" if fmt == "table" else fmt)
    if fmt not in SELECT_FORMATS:
        raise QueryError(f"a {result.type} query gives results: use --format table, csv, tsv or json")
    if result.type == "ASK":
        if fmt in ("csv", "tsv"):
            raise QueryError("an ASK query gives true or false: use --format table or json")
        return result.serialize(format="json").decode() if fmt == "json" else str(result.askAnswer).lower()
    if fmt == "tsv":
        return tsv_results(result).decode("utf-8")
    if fmt in ("csv", "json"):
        return result.serialize(format=fmt).decode("utf-8")
    return table([str(v) for v in result.vars], list(result))
