"""Which part of the graph a view shows: an ego network, a case, a chain, a query's results,
the neighbourhood of one IRI.

Each function returns a networkx MultiDiGraph in the contract of `graph.network.project`, so
`graph.views.render.render_html` draws any of them, for the command line and the server alike.
The projection's own views read the same analyses as the command line (`oversight route`,
`chain`, `neighbours`), so a view and a table never disagree; query results and
neighbourhoods are read from the Dataset, as the server's answers are.
"""
from __future__ import annotations

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from graph.model.namespaces import ID, NS, OG, RDF
from graph.model.vocabulary import bundled_vocabulary
from graph.network.chain import oversight_chain
from graph.network.projection import local_id, most_specific
from graph.network.replies import attach_replies
from graph.network.route import case_route
from graph.views.labels import label, quads_about

_SKIPPED = {RDF.subject, RDF.predicate, RDF.object, RDF.type}
"""Reification bookkeeping, and classes (the node's `cls` shows them)."""


def ego(net: nx.MultiDiGraph, actor: URIRef, radius: int) -> nx.MultiDiGraph:
    """Everything within `radius` edges of `actor`, in either direction."""
    return nx.ego_graph(net, str(actor), radius=radius, undirected=True).copy()


def case(graph: Graph, case_iri: URIRef, net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The events of a case numbered in time order (node attribute `order`), with who acted on
    whom: the `timeline` layout draws them left to right."""
    route = case_route(graph, case_iri)
    steps = route.steps + route.unplaced
    keep = {s.id for s in steps} | {str(ID[r.id]) for s in steps for r in s.actors + s.acted_on}
    view = net.subgraph(n for n in keep if n in net).copy()
    for number, step in enumerate(route.steps, 1):
        view.nodes[step.id]["order"] = number
    return view


def chain(graph: Graph, actor: URIRef, net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The actor and everyone above it, with only the edges that make the chain. Each node's
    `rank` is its level of oversight (the actor 0): the hierarchy layout draws a row each."""
    view = nx.MultiDiGraph()
    view.add_node(str(actor), **net.nodes[str(actor)], rank=0)
    for step in oversight_chain(graph, actor, net):
        for link in step.links:
            s, o = link.subject.iri, link.object.iri
            key = f"{link.relation}|{link.status}"
            for node in (s, o):
                if node not in view:
                    view.add_node(node, **net.nodes[node], rank=step.level)
            view.add_edge(s, o, key=key, **net.edges[s, o, key])
    return view


def query_result(graph: Graph, result: Result, net: nx.MultiDiGraph, text: str | None = None) -> nx.MultiDiGraph:
    """A CONSTRUCT's triples between resources as drawn edges. For a SELECT, the resources
    its answer names, with every sourced fact among them (so tooltips keep status and
    sources): those it returns, those whose label it returns (most canned queries answer
    with labels, for people to read), and those the query text itself names (`id:...`)."""
    if result.graph is not None:
        return from_result(graph, result)
    rows = list(result)
    found = {str(value) for row in rows for value in row if isinstance(value, URIRef)}
    said = {str(value) for row in rows for value in row if isinstance(value, Literal)}
    found |= {n for n, data in net.nodes(data=True) if data.get("label") in said}
    found |= named_in(text) if text else set()
    return net.subgraph(n for n in found if n in net).copy()


def named_in(text: str) -> set[str]:
    """The graph's resources (IRIs under id:) a query's text names."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, URIRef):
            if str(node).startswith(str(ID)):
                found.add(str(node))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple, set)):
            for value in node:
                walk(value)

    walk(prepareQuery(text, initNs=NS).algebra)
    return found


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
    attach_replies(dataset, g)
    return g


def neighbourhood(dataset: Dataset, iri: URIRef) -> nx.MultiDiGraph:
    """The resources one step from `iri` (statement nodes and classes left out)."""
    g = nx.MultiDiGraph()
    _add_node(g, dataset, iri)
    for s, p, o, _ in quads_about(dataset, iri):
        if p in _SKIPPED or (s, RDF.type, OG.Statement) in dataset or not isinstance(o, URIRef):
            continue
        _add_triple(g, dataset, s, p, o)
    attach_replies(dataset, g)
    return g


def _add_node(g: nx.MultiDiGraph, dataset: Dataset, node: Node) -> str:
    """A node as `project` makes one: its most specific class, or Thing if it has none."""
    key = str(node)
    if key not in g:
        vocab = bundled_vocabulary()
        classes = {o for _, _, o, _ in dataset.quads((node, RDF.type, None, None))}
        cls = most_specific(vocab, classes) if classes else None
        g.add_node(key, iri=key, id=local_id(key), label=label(dataset, node),
                   cls=vocab.shorten(cls).split(":")[-1] if cls else "Thing",
                   cls_label=vocab.label(cls) if cls else "thing")
    return key


def _add_edge(g: nx.MultiDiGraph, dataset: Dataset, source: Node, target: Node, relation: str,
              relation_label: str) -> None:
    """An edge as `project` makes one, for a bare triple: no claim status, source or author."""
    g.add_edge(_add_node(g, dataset, source), _add_node(g, dataset, target), key=relation,
               relation=relation, relation_label=relation_label, status="", sources=[],
               attributed_to=[])


def _add_triple(g: nx.MultiDiGraph, dataset: Dataset, s: Node, p: URIRef, o: Node) -> None:
    vocab = bundled_vocabulary()
    _add_edge(g, dataset, s, o, vocab.shorten(p).split(":")[-1], vocab.label(p))
