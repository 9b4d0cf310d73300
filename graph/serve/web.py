"""Answers of the web interface: dereferenced IRIs and graph views. Like `run_query`, these
run inside the forked worker, so a huge neighbourhood cannot stall the server."""
from __future__ import annotations

from functools import partial

from rdflib import Dataset, URIRef

from graph.serve import entity
from graph.sparql.formats import DATASET_TYPES, HTML
from graph.serve.pages import chain_table, entity_page
from graph.serve.protocol import Answer, error, refusing_mistakes
from graph.serve.record_sections import history_section, reply_section
from graph.sparql.evaluate import run_parsed
from graph.sparql.prepare import QueryError, network_use, parse_query
from graph.views.render import render_html
from graph.views.select import from_result, neighbourhood

ENTITY_TYPES = ["text/turtle", HTML, *[t for t in DATASET_TYPES if t != "text/turtle"]]
"""What a dereferenced IRI can be served as; Turtle for `*/*`, HTML for browsers."""
_QUAD_TYPES = {"application/trig", "application/n-quads"}
_VIEW_POLICY = {"Content-Security-Policy": "frame-ancestors 'self'"}
"""A graph view's own <meta> CSP allows its inline scripts by hash; a header policy would
have to allow them too, so the header only says who may frame it."""


def entity_answer(dataset: Dataset, iri: URIRef, media_type: str, net=None, data_dir=None) -> Answer:
    """The HTML page of `iri` (with its oversight chain, from the projection `net`, its replies
    and, given the `data_dir` served, its edit history), or its quads as RDF (graph names
    kept in TriG/N-Quads)."""
    if media_type == HTML:
        facts = entity.facts(dataset, iri)
        if facts is None:
            return error(404, f"Nothing is known about {iri}")
        sections = []
        if net is not None and str(iri) in net:
            from graph.network.chain import oversight_chain
            sections.append(("Who holds it to account", chain_table(oversight_chain(dataset, iri, net))))
        sections += [s for s in (reply_section(dataset, iri), history_section(data_dir, iri)) if s]
        html = entity_page(facts, partial(entity.label, dataset), sections)
        return Answer(200, html.encode("utf-8"), "text/html; charset=utf-8")
    quads = entity.quads_about(dataset, iri)
    if not quads:
        return error(404, f"Nothing is known about {iri}")
    described = entity.describe(quads, with_graphs=media_type in _QUAD_TYPES)
    body = described.serialize(format=DATASET_TYPES[media_type], encoding="utf-8")
    return Answer(200, body, f"{media_type}; charset=utf-8")


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
