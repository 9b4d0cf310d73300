"""Parameter values as people type them (`--param actor=TVP`) turned into RDF terms.

A value is an IRI, a prefixed name, an identifier, a label or an alias, or else a literal;
graph.sparql.parameters then substitutes the terms into the query.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal
from rdflib.term import Identifier
from rdflib.util import from_n3

from graph.sparql.canned import Param
from graph.sparql.names import expand, resolve
from graph.sparql.parameters import ParameterError


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
            raise ParameterError(f"unknown parameter {name!r}; this query takes: {', '.join(declared)}")
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise ParameterError(f"the query has no variable ?{name} to bind")
        default = declared.get(name)
        as_resource = bool(default and default.default and expand(default.default) is not None)
        values[name] = parse_value(graph, raw, resource=as_resource)
    return values


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """`name=value` pairs as typed on the command line (`?name=` and `$name=` work too)."""
    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise ParameterError(f"--param expects name=value, got {item!r}")
        params[name.strip().lstrip("?$")] = value.strip()
    return params
