"""Which view a person asked for: the overview, an ego network, a case, a chain, a timeline,
a query.

The CLI's `oversight view` options come here as one call, so that a notebook can ask for
the same view (`choose(dataset, case="Dearden")`) and write it with `ChosenView.write`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from graph.model.vocabulary import bundled_vocabulary
from graph.network.projection import projection
from graph.network.route import find_case
from graph.sparql.ask import ask
from graph.sparql.names import resolve_actor
from graph.views import overview, select
from graph.views.render import Layout, render_view
from graph.views.timeline import Timeline, find_cases, timeline_of
from graph.views.timeline_page import render_timeline


class NothingToDraw(ValueError):
    """The view asked for has no node or no edge to draw (a query answering only literals)."""


@dataclass
class ChosenView:
    graph: nx.MultiDiGraph
    title: str
    layout: Layout
    style: dict[str, Any] = field(default_factory=dict)
    """More options for graph.views.render.render_html (the overview's kinds)."""
    timeline: Timeline | None = None

    def write(self, out: Path, title: str | None = None) -> Path:
        """The page (a timeline also writes the network view of its cases beside it)."""
        if self.timeline is not None:
            if title:
                self.timeline.title = title
            return render_timeline(self.timeline, out, self.graph)
        return render_view(self.graph, out, title=title or self.title, layout=self.layout, **self.style)


def choose(dataset: Graph, *, focus: str | None = None, radius: int = 1, case: str | None = None,
           chain: str | None = None, query: Path | None = None, timeline: str | None = None) -> ChosenView:
    """The part of the graph one of the options names (none: the overview), with a title and
    a layout fitting it. Names are resolved as everywhere (an id, a label, an alias...)."""
    if sum(x is not None for x in (focus, case, chain, query, timeline)) > 1:
        raise ValueError("choose one of focus, case, chain, query and timeline")
    net = projection(dataset)  # kept by a store for its content: the build's overview and exports share one
    if focus is not None:
        iri = resolve_actor(dataset, focus)
        return ChosenView(select.ego(net, iri, radius), f"Within {radius} of {net.nodes[str(iri)]['label']}", "force")
    if case is not None:
        iri = find_case(dataset, case)
        return ChosenView(select.case(dataset, iri, net), f"Route of {net.nodes[str(iri)]['label']}", "route")
    if chain is not None:
        iri = resolve_actor(dataset, chain)
        return ChosenView(select.chain(dataset, iri, net), f"Who holds {net.nodes[str(iri)]['label']} to account",
                          "hierarchy")
    if timeline is not None:
        drawn = timeline_of(dataset, timeline)
        cases = nx.compose_all([select.case(dataset, c, net) for c in find_cases(dataset, timeline)])
        return ChosenView(cases, drawn.title, "route", timeline=drawn)
    if query is not None:
        text = Path(query).read_text(encoding="utf-8")
        drawn = select.query_result(dataset, ask(dataset, text), net, text)
        if drawn.number_of_edges() == 0:
            raise NothingToDraw(f"the answer to {Path(query).name} names {len(drawn)} resource(s) and no "
                                "fact between them to draw; ask it with `oversight query` instead")
        return ChosenView(drawn, f"Query {Path(query).name}", "force")
    colours, shapes = overview.styles()
    return ChosenView(overview.overview(net, bundled_vocabulary()), "Every actor and relation", "force",
                      {"group_by": "kind", "class_colours": colours, "class_shapes": shapes})
