"""Turn query results or an entity's surroundings into a networkx graph, and draw it.

The graphs follow the contract of `graph.network.project` (nodes: `iri`, `label`, `cls`,
`cls_label`; edges: `relation`, `relation_label`, `status`, `sources`), so that
`graph.views.render_view` draws them.
"""
from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import networkx as nx
from rdflib import BNode, Dataset, URIRef
from rdflib.query import Result

from graph.serve.entity import label, quads_about
from graph.model.namespaces import OG, RDF
from graph.network.projection import most_specific
from graph.views.render import render_view
from graph.model.vocabulary import Vocabulary

_SKIPPED = {RDF.subject, RDF.predicate, RDF.object, RDF.type}
"""Reification bookkeeping, and classes (the node's `cls` shows them)."""


@cache
def vocabulary() -> Vocabulary:
    """The ontology, read once in the server process and inherited by the workers."""
    return Vocabulary()


def _add_node(g: nx.MultiDiGraph, dataset: Dataset, node) -> str:
    key = str(node)
    if key not in g:
        classes = {o for _, _, o, _ in dataset.quads((node, RDF.type, None, None))}
        cls = most_specific(vocabulary(), classes) if classes else None
        g.add_node(key, iri=key, label=label(dataset, node),
                   cls=vocabulary().shorten(cls).split(":")[-1] if cls else "Thing",
                   cls_label=vocabulary().label(cls) if cls else "thing")
    return key


def _add_edge(g: nx.MultiDiGraph, dataset: Dataset, source, target, relation: str,
              relation_label: str) -> None:
    g.add_edge(_add_node(g, dataset, source), _add_node(g, dataset, target), key=relation,
               relation=relation, relation_label=relation_label, status="", sources=[])


def _add_triple(g: nx.MultiDiGraph, dataset: Dataset, s, p, o) -> None:
    _add_edge(g, dataset, s, o, vocabulary().shorten(p), label(dataset, p))


def from_result(dataset: Dataset, result: Result, max_edges: int = 500) -> nx.MultiDiGraph:
    """Graph results: one edge per triple between resources. Solutions: the first
    resource of each row linked to the row's other resources, labelled by variable."""
    g = nx.MultiDiGraph()
    if result.graph is not None:
        for s, p, o in result.graph:
            if isinstance(o, (URIRef, BNode)) and g.number_of_edges() < max_edges:
                _add_triple(g, dataset, s, p, o)
        return g
    for row in result:
        nodes = [(var, value) for var, value in zip(result.vars, row) if isinstance(value, URIRef)]
        if nodes:
            _add_node(g, dataset, nodes[0][1])
        for var, value in nodes[1:]:
            if g.number_of_edges() < max_edges:
                _add_edge(g, dataset, nodes[0][1], value, f"?{var}", f"?{var}")
    return g


def neighbourhood(dataset: Dataset, iri: URIRef) -> nx.MultiDiGraph:
    """The resources one step from `iri` (statement nodes and classes left out)."""
    g = nx.MultiDiGraph()
    _add_node(g, dataset, iri)
    for s, p, o, _ in quads_about(dataset, iri):
        if p in _SKIPPED or (s, RDF.type, OG.Statement) in dataset or not isinstance(o, URIRef):
            continue
        _add_triple(g, dataset, s, p, o)
    return g


def render(g: nx.MultiDiGraph, title: str) -> str:
    """The project's interactive view of `g` (offline, escaped) as an HTML page."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "view.html"
        render_view(g, path, title=title)
        return path.read_text(encoding="utf-8")
