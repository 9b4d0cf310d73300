"""Which view a person asked for: the whole graph, an ego network, a case, a chain, a query.

The CLI's `oversight view` options come here as one call, so that a notebook can ask for
the same view (`choose(dataset, case="Dearden")`) and draw it with graph.views.render.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graph.network.projection import project
from graph.network.route import find_case
from graph.sparql.ask import ask
from graph.sparql.names import resolve_actor
from graph.views import select
from graph.views.render import Layout


@dataclass
class ChosenView:
    graph: nx.MultiDiGraph
    title: str
    layout: Layout


def choose(dataset: Graph, *, focus: str | None = None, radius: int = 1, case: str | None = None,
           chain: str | None = None, query: Path | None = None) -> ChosenView:
    """The part of the graph one of the options names (none: all of it), with a title and a
    layout fitting it. Names are resolved as everywhere (an id, a label, an alias...)."""
    if sum(x is not None for x in (focus, case, chain, query)) > 1:
        raise ValueError("choose one of focus, case, chain and query")
    net = project(dataset)
    if focus is not None:
        iri = resolve_actor(dataset, focus)
        return ChosenView(select.ego(net, iri, radius), f"Within {radius} of {net.nodes[str(iri)]['label']}", "force")
    if case is not None:
        iri = find_case(dataset, case)
        return ChosenView(select.case(dataset, iri, net), f"Route of {net.nodes[str(iri)]['label']}", "timeline")
    if chain is not None:
        iri = resolve_actor(dataset, chain)
        return ChosenView(select.chain(dataset, iri, net), f"Who holds {net.nodes[str(iri)]['label']} to account",
                          "hierarchy")
    if query is not None:
        result = ask(dataset, Path(query).read_text(encoding="utf-8"))
        return ChosenView(select.query_result(dataset, result, net), f"Query {Path(query).name}", "force")
    return ChosenView(net, "Every actor and relation", "force")
