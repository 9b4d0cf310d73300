"""Plain-text tables and JSON for the command line: short names for IRIs, aligned columns.

Plain text rather than rich tables, so that output is the same in a terminal, a pipe, a test
and the README.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import PurePath
from typing import Any, Iterable, Sequence

from rdflib import Literal, URIRef
from rdflib.query import Result

from graph.model.namespaces import PREFIXES, bind_prefixes
from graph.sparql.formats import tsv_results
from graph.sparql.prepare import QueryError

SELECT_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("table", "turtle", "json-ld")
FORMATS = ("table", "csv", "tsv", "json", "turtle", "json-ld")


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


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Columns padded to their widest cell; '(no results)' when there are no rows."""
    cells = [[c if type(c) is str else short(c) for c in row] for row in rows]
    if not cells:
        return "(no results)"
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


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
