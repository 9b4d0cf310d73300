"""SPARQL over the dataset from the command line: prefixes pre-bound, parameters, result formats.

Queries run on the local dataset only: SERVICE and FROM (which make rdflib fetch from the
network) are refused. A malformed query is reported with the parser's line and column.
rdflib writes SPARQL JSON and CSV results but has no TSV writer; TSV comes from
graph.formats, shared with the SPARQL endpoint.
"""
from __future__ import annotations

import re
from typing import Iterable

from pyparsing import ParseException
from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier
from rdflib.util import from_n3

from graph.sparql.evaluate import evaluate
from graph.sparql.canned import Param
from graph.sparql.formats import tsv_results
from graph.model.namespaces import NS, bind_prefixes
from graph.cli.text import table
from graph.sparql.names import expand, resolve

SELECT_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("table", "turtle", "json-ld")
FORMATS = ("table", "csv", "tsv", "json", "turtle", "json-ld")


class QueryError(ValueError):
    """A query that cannot be run as asked, explained for the person who wrote it."""


def prepare(text: str) -> Query:
    """Parse with the project's prefixes; refuse SERVICE and FROM, which reach the network."""
    try:
        query = prepareQuery(text, initNs=NS)
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}\n"
                         f"  {exc.line}\n  {' ' * (exc.col - 1)}^") from None
    except Exception as exc:  # rdflib reports unknown prefixes and the like as plain Exceptions
        raise QueryError(f"SPARQL error: {exc}") from None
    services: list = []
    traverse(query.algebra, visitPre=lambda node: services.append(node)
             if getattr(node, "name", None) == "ServiceGraphPattern" else None)
    if services:
        raise QueryError("SERVICE is not allowed: queries run on the local graph only")
    if query.algebra.get("datasetClause"):
        raise QueryError("FROM and FROM NAMED are not allowed: the query runs on the local "
                         "dataset; use GRAPH <https://w3id.org/oversight-graph/graph/...> instead")
    return query


def parse_value(graph: Graph, text: str, resource: bool = False) -> Identifier:
    """A parameter value: an IRI, prefixed name, identifier, label or alias, or else a literal.

    Quoted text, numbers and booleans are literals ("2015"^^xsd:gYear works too). When
    `resource` is true (the parameter's default is an IRI), a name that designates no
    resource is an error listing the nearest ones instead of a literal that matches nothing.
    """
    iri = expand(text)
    if iri is not None:
        return iri
    if text.startswith('"') or re.fullmatch(r"-?\d+(\.\d+)?|true|false", text):
        return from_n3(text, nsm=graph.namespace_manager)
    try:
        return resolve(graph, text)
    except LookupError:
        if resource:
            raise
        return Literal(text)


def bindings(graph: Graph, text: str, given: dict[str, str],
             declared: Iterable[Param] = ()) -> dict[str, Identifier]:
    """The initial bindings: declared defaults, overridden by --param values."""
    declared = {p.name: p for p in declared}
    values: dict[str, Identifier] = {}
    for name, param in declared.items():
        if param.default is not None and name not in given:
            values[name] = parse_value(graph, param.default, resource=True)
    for name, raw in given.items():
        if declared and name not in declared:
            raise QueryError(f"unknown parameter {name!r}; this query takes: {', '.join(declared)}")
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"the query has no variable ?{name} to bind")
        default = declared.get(name)
        as_resource = bool(default and default.default and expand(default.default) is not None)
        values[name] = parse_value(graph, raw, resource=as_resource)
    return values


def run_query(graph: Graph, text: str, params: dict[str, str] | None = None,
              declared: Iterable[Param] = ()) -> Result:
    """Run a SPARQL query on the dataset with `params` bound (see `bindings`)."""
    prepare(text)  # syntax, SERVICE and FROM checked here, whatever store runs the query
    return evaluate(graph, text, bindings(graph, text, params or {}, declared))


def render(result: Result, fmt: str = "table") -> str:
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
