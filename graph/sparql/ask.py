"""Asking the graph a SPARQL question: the CLI's and the notebooks' way in.

The text is parsed and held to the policy (graph.sparql.prepare) before the store runs it,
parameters are bound as validated terms (graph.sparql.values, graph.sparql.parameters),
and the store's own engine answers (graph.sparql.evaluate).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph
from rdflib.query import Result

from graph.sparql.canned import Param
from graph.sparql.evaluate import evaluate
from graph.sparql.prepare import prepare
from graph.sparql.values import bindings


def ask(graph: Graph, text: str, params: Mapping[str, str] | None = None,
        declared: Iterable[Param] = ()) -> Result:
    """Run a SPARQL query on the dataset with `params` bound (name: value as people type it;
    `declared` gives a canned query's parameters and their defaults)."""
    prepare(text)
    return evaluate(graph, text, bindings(graph, text, dict(params or {}), declared))
