"""Answers of the web interface: dereferenced IRIs and graph views. Like `run_query`, these
run inside the forked worker, so a huge neighbourhood cannot stall the server."""
from __future__ import annotations

from functools import partial

import networkx as nx
from rdflib import Dataset, URIRef

from graph.serve import catalogue, entity, home
from graph.sparql.formats import DATASET_TYPES, HTML
from graph.serve.pages import Summary, entity_page
from graph.serve.protocol import Answer, error, refusing_mistakes
from graph.serve.record_sections import history_section, reply_section
from graph.sparql.evaluate import run_parsed
from graph.sparql.prepare import QueryError, network_use, parse_query
from graph.views.render import render_html
from graph.model.namespaces import OG
from graph.network.projection import most_specific
from graph.model.vocabulary import bundled_vocabulary
from graph.views.select import from_result, neighbourhood

ENTITY_TYPES = ["text/turtle", HTML, *[t for t in DATASET_TYPES if t != "text/turtle"]]
"""What a dereferenced IRI can be served as; Turtle for `*/*`, HTML for browsers."""
_QUAD_TYPES = {"application/trig", "application/n-quads"}
_VIEW_POLICY = {"Content-Security-Policy": "frame-ancestors 'self'"}
"""A graph view's own <meta> CSP allows its inline scripts by hash; a header policy would
have to allow them too, so the header only says who may frame it."""


def entity_answer(dataset: Dataset, iri: URIRef, media_type: str, net=None, data_dir=None) -> Answer:
    """The HTML page of `iri` (led by its summary, read from the projection `net`; then its
    replies and, given the `data_dir` served, its edit history), or its quads as RDF (graph
    names kept in TriG/N-Quads)."""
    if media_type == HTML:
        facts = entity.facts(dataset, iri)
        if facts is None:
            return error(404, f"Nothing is known about {iri}")
        sections = [s for s in (reply_section(dataset, iri), history_section(data_dir, iri)) if s]
        html = entity_page(facts, partial(entity.label, dataset), summary(dataset, iri, facts, net), sections)
        return Answer(200, html.encode("utf-8"), "text/html; charset=utf-8")
    quads = entity.quads_about(dataset, iri)
    if not quads:
        return error(404, f"Nothing is known about {iri}")
    described = entity.describe(quads, with_graphs=media_type in _QUAD_TYPES)
    body = described.serialize(format=DATASET_TYPES[media_type], encoding="utf-8")
    return Answer(200, body, f"{media_type}; charset=utf-8")


def summary(dataset: Dataset, iri: URIRef, facts, net) -> Summary:
    """What it is (its most specific class), who holds it to account, the cases it takes
    part in (within two steps) and the figures about it (one step), from the projection."""
    vocab = bundled_vocabulary()
    if net is None or str(iri) not in net:
        classes = {c for c in facts.classes if isinstance(c, URIRef)}
        return Summary(vocab.label(most_specific(vocab, classes)) if classes else "")
    from graph.network.chain import oversight_chain
    near = nx.single_source_shortest_path_length(net.to_undirected(as_view=True), str(iri), cutoff=2)

    def of_kind(ancestor: URIRef, within: int) -> list[tuple[str, str]]:
        return sorted(((n, net.nodes[n]["label"]) for n, d in near.items() if 0 < d <= within
                       and vocab.is_subclass(OG[net.nodes[n]["cls"]], ancestor)), key=lambda x: x[1])
    return Summary(net.nodes[str(iri)]["cls_label"], oversight_chain(dataset, iri, net),
                   of_kind(OG.Case, 2), of_kind(OG.FigureObservation, 1))


def graph_answer(dataset: Dataset, query: str | None, iri: URIRef | None, max_rows: int,
                 allow_network: bool) -> Answer:
    """An HTML graph of a query's results, or of the neighbourhood of `iri`."""
    if iri is not None:
        return _view(neighbourhood(dataset, iri), f"Neighbourhood of {entity.label(dataset, iri)}")
    try:
        parsed = parse_query(query or "")
    except QueryError as problem:
        return error(400, f"Malformed query: {problem}")
    if parsed.algebra.name == "AskQuery":
        return error(400, "An ASK query has no graph to draw")
    if not allow_network and (used := network_use(parsed)):
        return error(403, f"{used} is disabled on this endpoint: it would reach the network")

    def drawn() -> Answer:
        result = run_parsed(dataset, parsed, query)
        return _view(from_result(dataset, result, max_edges=max_rows), "Graph of the query results")
    return refusing_mistakes(drawn, "query")


def _view(g, title: str) -> Answer:
    return Answer(200, render_html(g, title=title).encode("utf-8"), "text/html; charset=utf-8",
                  dict(_VIEW_POLICY))


def _html(text: str) -> Answer:
    return Answer(200, text.encode("utf-8"), "text/html; charset=utf-8")


def home_answer(dataset: Dataset, net) -> Answer:
    """The home page: search, the kinds of thing in the graph (most specific class of each
    node, from the projection) and the source documents."""
    kinds: dict[str, tuple[str, int]] = {}
    for _, data in net.nodes(data=True):
        label, count = kinds.get(data["cls"], (data["cls_label"], 0))
        kinds[data["cls"]] = (label, count + 1)
    classes = sorted(((cls, label, n) for cls, (label, n) in kinds.items()), key=lambda c: c[1].lower())
    return _html(home.home_page(classes, catalogue.sources(dataset)[:12], len(dataset)))


def class_answer(net, cls: str) -> Answer:
    """Every node whose most specific class is `cls` (a name from the home page)."""
    members = sorted((catalogue.Name(iri, data["label"]) for iri, data in net.nodes(data=True)
                      if data["cls"] == cls), key=lambda n: n.label.lower())
    if not members:
        return error(404, f"No kind of thing called {cls!r} in the graph")
    heading = f"{net.nodes[members[0].iri]['cls_label'].capitalize()} ({len(members)})"
    return _html(home.search_page("", [(n, n.label) for n in members], heading))


def source_answer(dataset: Dataset, ident: str) -> Answer:
    iri = catalogue.source_iri(ident)
    found = catalogue.source_page(dataset, iri) if iri is not None else None
    if found is None:
        return error(404, f"No source document {ident!r}")
    return _html(home.source_page(found, partial(entity.label, dataset)))
