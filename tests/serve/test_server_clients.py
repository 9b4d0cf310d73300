"""Standard clients work against `oversight serve`: rdflib's SPARQLStore and SPARQLUpdateStore
(read, len, add_graph, updates) and another engine's federated SERVICE call (issue 12)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

from graph.store import in_oxigraph
from server_support import live_server, small_dataset

OG = "https://w3id.org/oversight-graph/ontology#"
TOKEN = "clients-token"


@pytest.fixture(params=["rdflib", "oxigraph"])
def served(request):
    """A writable server over the small dataset, in memory as rdflib holds it and as
    `oversight serve` holds it (in Oxigraph)."""
    data = small_dataset()
    dataset = data if request.param == "rdflib" else in_oxigraph(data)
    with live_server(dataset, write_token=TOKEN) as url:
        yield url + "/sparql", data


def test_sparqlstore_reads_counts_and_lists_graphs(served):
    endpoint, data = served
    store = SPARQLStore(endpoint, returnFormat="json")
    remote = Dataset(store=store, default_union=True)
    wrote = f"SELECT ?s ?o WHERE {{ ?s <{OG}wroteTo> ?o }}"
    assert {tuple(r) for r in remote.query(wrote)} == {tuple(r) for r in data.query(wrote)} != set()
    assert len(store) == len(data)
    assert {g.identifier for g in data.graphs() if len(g)} <= set(store.contexts())


def test_sparqlupdatestore_adds_a_graph_and_triples(served):
    endpoint, _ = served
    store = SPARQLUpdateStore(endpoint, endpoint, auth=None, returnFormat="json", context_aware=True,
                              method="POST_FORM", headers={"Authorization": f"Bearer {TOKEN}"})
    name = URIRef("urn:clients:g")
    graph = Graph(store=store, identifier=name)
    store.add_graph(graph)
    graph.add((URIRef("urn:a"), URIRef("urn:b"), Literal(0)))
    store.commit()
    reader = SPARQLStore(endpoint, returnFormat="json")
    assert reader.query("ASK { GRAPH <urn:clients:g> { <urn:a> <urn:b> 0 } }", {}, {}, None).askAnswer


def test_another_engine_calls_the_endpoint_by_service(served):
    """Oxigraph, in this process, sends the SERVICE request to the server on 127.0.0.1."""
    endpoint, data = served
    query = f"SELECT ?s ?o WHERE {{ SERVICE <{endpoint}> {{ ?s <{OG}wroteTo> ?o }} }}"
    rows = {(row["s"].value, row["o"].value) for row in ox.Store().query(query)}
    wrote = f"SELECT ?s ?o WHERE {{ ?s <{OG}wroteTo> ?o }}"
    assert rows == {(str(s), str(o)) for s, o in data.query(wrote)} != set()


def test_sparqlstore_counts_an_empty_graph_in_xml(served):
    """SPARQLStore reads COUNT as XML by default; rdflib's XML writer once wrote 0 as an empty
    element (RDFLib#3138) and len() crashed on it."""
    endpoint, _ = served
    store = SPARQLStore(endpoint, returnFormat="xml")
    assert store.__len__(context=Graph(identifier=URIRef("urn:clients:nothing"))) == 0
