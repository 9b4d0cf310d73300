"""Which part of the projection a view shows: all of it, an ego network, a case, a chain, a query.

Each function returns a networkx MultiDiGraph in the contract of `graph.network.project`, so
`graph.views.render_view` draws any of them. They read the same analyses as the command line
(`oversight route`, `chain`, `neighbours`), so a view and a table never disagree.
"""
from __future__ import annotations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.query import Result

from graph.network.analysis import oversight_chain
from graph.model.namespaces import ID
from graph.network.route import case_route


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
    """The actor and everyone above it, with only the edges that make the chain."""
    view = nx.MultiDiGraph()
    view.add_node(str(actor), **net.nodes[str(actor)])
    for step in oversight_chain(graph, actor, net):
        for link in step.links:
            s, o = link.subject.iri, link.object.iri
            key = f"{link.relation}|{link.status}"
            for node in (s, o):
                view.add_node(node, **net.nodes[node])
            view.add_edge(s, o, key=key, **net.edges[s, o, key])
    return view


def query_result(graph: Graph, result: Result, net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A CONSTRUCT's triples between resources as drawn edges; for a SELECT, the resources it
    returns with every sourced fact among them (so tooltips keep status and sources)."""
    if result.graph is not None:
        from graph.serve.graph_view import from_result
        return from_result(graph, result)
    found = {str(value) for row in result for value in row if isinstance(value, URIRef)}
    return net.subgraph(n for n in found if n in net).copy()
