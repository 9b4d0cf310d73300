"""SPARQL Update over the protocol, on rdflib's in-memory store and on a read-write Oxigraph
store (`oversight serve --store S` with a write token), as rdflib's own client sends it."""
import httpx
import pytest
from rdflib import Dataset, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from graph.serve import make_app

from server_support import live_server, small_dataset, small_dataset_on

TOKEN = "s3cret-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}
G = "https://w3id.org/oversight-graph/graph/"


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def url(request, tmp_path_factory):
    with live_server(small_dataset_on(request.param, tmp_path_factory.mktemp("store")), write_token=TOKEN) as base:
        yield base


def update(url, text, **params):
    return httpx.post(url + "/sparql", params=params, content=text,
                      headers={**AUTH, "content-type": "application/sparql-update"})


def ask(url, pattern):
    return httpx.get(url + "/sparql", params={"query": f"ASK {{ {pattern} }}"}).json()["boolean"]


def test_rdflib_client_creates_a_graph_and_adds_to_it(url):
    client = SPARQLUpdateStore(url + "/sparql", url + "/sparql", headers=AUTH)
    graph = Dataset(store=client).graph(URIRef(G + "client"))  # sends CREATE GRAPH
    graph.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    assert ask(url, f"GRAPH <{G}client> {{ <urn:a> <urn:b> <urn:c> }}")


def test_insert_data_into_the_default_graph_and_clear_it(url):
    assert update(url, "INSERT DATA { <urn:d> <urn:e> <urn:f> }").status_code == 204
    assert ask(url, "<urn:d> <urn:e> <urn:f>")
    assert update(url, "CLEAR DEFAULT").status_code == 204
    assert not ask(url, "<urn:d> <urn:e> <urn:f>")
    assert ask(url, f"GRAPH <{G}reference> {{ ?s ?p ?o }}")  # the named graphs are kept


def test_create_an_existing_graph_is_400_unless_silent(url):
    assert update(url, f"CREATE GRAPH <{G}made>").status_code == 204
    again = update(url, f"CREATE GRAPH <{G}made>")
    assert again.status_code == 400 and "already exists" in again.text
    assert update(url, f"CREATE SILENT GRAPH <{G}made>").status_code == 204


def test_each_operation_may_declare_its_prefixes(url):
    """As rdflib's client sends a transaction: its PREFIX lines before every operation."""
    text = ("PREFIX dcterms: <urn:x/> INSERT DATA { GRAPH <urn:g> { <urn:a> dcterms:b <urn:c> } } ;\n"
            "PREFIX dcterms: <urn:x/> INSERT DATA { GRAPH <urn:g> { <urn:a> dcterms:d <urn:c> } }")
    assert update(url, text).status_code == 204
    assert ask(url, "GRAPH <urn:g> { <urn:a> <urn:x/b> <urn:c> . <urn:a> <urn:x/d> <urn:c> }")


def test_a_prefix_declared_once_holds_for_later_operations(url):
    text = ("PREFIX dcterms: <urn:y/> INSERT DATA { GRAPH <urn:h> { <urn:a> dcterms:b <urn:c> } } ;\n"
            "INSERT DATA { GRAPH <urn:h> { <urn:a> dcterms:d <urn:c> } }")
    assert update(url, text).status_code == 204
    assert ask(url, "GRAPH <urn:h> { <urn:a> <urn:y/d> <urn:c> }")


def test_protocol_mistakes(url):
    assert update(url, "").status_code == 400
    conflict = f"INSERT {{ <urn:i> <urn:j> ?o }} USING <{G}001> WHERE {{ ?s ?p ?o }}"
    assert update(url, conflict, **{"using-graph-uri": G + "001"}).status_code == 400  # Protocol 2.2.3
    by_get = httpx.get(url + "/sparql", params={"update": "CLEAR ALL"}, headers=AUTH)
    assert by_get.status_code == 405 and ask(url, "?s ?p ?o")
    twice = httpx.post(url + "/sparql", content="update=CLEAR%20ALL&update=CLEAR%20ALL",
                       headers={**AUTH, "content-type": "application/x-www-form-urlencoded"})
    assert twice.status_code == 400 and ask(url, "?s ?p ?o")


def test_a_write_token_needs_a_writable_dataset():
    with pytest.raises(ValueError, match="writable"):
        make_app(small_dataset(), write_token=TOKEN, writable=False)
