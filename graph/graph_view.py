"""Turn query results or an entity's surroundings into a networkx graph, and draw it.

The seam for the project's view code: when `graph.views.render_view` exists, drawing goes
through it; until then `_vis_page` draws with the vis-network build that pyvis ships,
served locally from /static/vis/ (no CDN). Nodes carry `label`, `title` (the IRI) and
`url` (where the server dereferences it); edges carry `label`.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import networkx as nx
import pyvis
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.query import Result

from .entity import label, quads_about
from .namespaces import OG, RDF
from .pages import page, resource_url

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_REIFICATION = {RDF.subject, RDF.predicate, RDF.object}


def _add_node(g: nx.MultiDiGraph, dataset: Dataset, node) -> None:
    if str(node) not in g:
        g.add_node(str(node), label=label(dataset, node), title=str(node),
                   url=resource_url(node) if isinstance(node, URIRef) else "")


def _add_edge(g: nx.MultiDiGraph, dataset: Dataset, source, predicate, target) -> None:
    _add_node(g, dataset, source)
    _add_node(g, dataset, target)
    g.add_edge(str(source), str(target), label=label(dataset, predicate), title=str(predicate))


def from_result(dataset: Dataset, result: Result, max_edges: int = 500) -> nx.MultiDiGraph:
    """Graph results: one edge per triple between resources. Solutions: the first
    resource of each row linked to the row's other resources, labelled by variable."""
    g = nx.MultiDiGraph()
    if result.graph is not None:
        for s, p, o in result.graph:
            if isinstance(o, (URIRef, BNode)) and g.number_of_edges() < max_edges:
                _add_edge(g, dataset, s, p, o)
        return g
    for row in result:
        nodes = [(var, value) for var, value in zip(result.vars, row) if isinstance(value, URIRef)]
        for var, value in nodes[1:]:
            if g.number_of_edges() < max_edges:
                _add_edge(g, dataset, nodes[0][1], URIRef(f"?{var}"), value)
        if len(nodes) == 1:
            _add_node(g, dataset, nodes[0][1])
    return g


def neighbourhood(dataset: Dataset, iri: URIRef) -> nx.MultiDiGraph:
    """The resources one step from `iri`, leaving out the reification bookkeeping."""
    g = nx.MultiDiGraph()
    _add_node(g, dataset, iri)
    for s, p, o, _ in quads_about(dataset, iri):
        if p in _REIFICATION or (s, RDF.type, OG.Statement) in dataset or not isinstance(o, URIRef):
            continue
        _add_edge(g, dataset, s, p, o)
    return g


def _vis_page(g: nx.MultiDiGraph, title: str) -> str:
    data = {
        "nodes": [{"id": n, "label": a["label"], "title": a["title"], "url": a["url"]}
                  for n, a in g.nodes(data=True)],
        "edges": [{"from": u, "to": v, "label": a["label"], "title": a["title"], "arrows": "to"}
                  for u, v, a in g.edges(data=True)],
    }
    payload = json.dumps(data).replace("<", "\\u003c")
    return page(title, f"""<div id="graph" class="graph-canvas"></div>
<script type="application/json" id="graph-data">{payload}</script>
<script src="/static/vis/vis-network.min.js"></script>
<script src="/static/graph.js"></script>""", bare=True)


def render(g: nx.MultiDiGraph, title: str) -> str:
    """An HTML page drawing `g`, by the project's view module when there is one."""
    try:
        from .views import render_view
    except ImportError:
        return _vis_page(g, title)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "view.html"
        render_view(g, path, title=title)
        return path.read_text(encoding="utf-8")

