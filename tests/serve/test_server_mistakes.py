"""A client's mistakes get a 4xx with the parser's or engine's message, on rdflib's engine and
on Oxigraph's: a 500 would mean a bug of ours."""
import httpx
import pytest


from server_support import live_server, small_dataset_on

G = "https://w3id.org/oversight-graph/graph/"
ENGINE_REFUSES = {  # query: whether every engine refuses it (else only some do)
    "SELECT * WHERE { <relative> ?p ?o }": False,
    "SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999999": True,
    "SELECT * WHERE { ?s ?p ?o BIND(1 AS ?s) }": False,
    "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?nope": False,
    "SELECT * WHERE { ?s ?p ?o FILTER(<urn:no-such-function>(?o)) }": False,
    'SELECT * WHERE { ?s ?p ?x FILTER REGEX(STR(?x), "(") }': False,
    "SELECT * WHERE { ?s ?p ?o } ORDER BY (1/0)": False,
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY (1/0)": False,
}


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def url(request, tmp_path_factory):
    with live_server(small_dataset_on(request.param, tmp_path_factory.mktemp("store"))) as base:
        yield base


@pytest.mark.parametrize("query", ENGINE_REFUSES)
def test_queries_the_engine_refuses_are_400_with_its_message(url, query):
    for response in (httpx.get(url + "/sparql", params={"query": query}),
                     httpx.get(url + "/graph", params={"query": query})):
        assert response.status_code in (200, 400), response.text
        if ENGINE_REFUSES[query]:
            assert response.status_code == 400
        if response.status_code == 400:
            assert "could not be evaluated" in response.text and len(response.text) > 30


def test_unknown_graphs_make_an_empty_dataset(url):
    ask = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "urn:nope"})
    assert ask.status_code == 200 and ask.json()["boolean"] is False
    named = httpx.get(url + "/sparql", params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }",
                                               "named-graph-uri": "urn:nope"})
    assert named.status_code == 200 and named.json()["results"]["bindings"] == []


def test_protocol_dataset_replaces_from(url):
    query = f"SELECT ?s FROM <{G}reference> WHERE {{ ?s <https://w3id.org/oversight-graph/ontology#oversees> ?o }}"
    response = httpx.get(url + "/sparql", params={"query": query, "default-graph-uri": G + "001"})
    assert [b["s"]["value"] for b in response.json()["results"]["bindings"]] == \
        ["https://w3id.org/oversight-graph/id/iopc"]


def test_a_body_that_is_not_utf8_is_400(url):
    for content_type, body in [("application/sparql-query", b"ASK {\xff}"),
                               ("application/x-www-form-urlencoded", b"query=ASK%20%7B%7D%FF")]:
        response = httpx.post(url + "/sparql", content=body, headers={"content-type": content_type})
        assert response.status_code == 400 and "UTF-8" in response.text
    assert httpx.get(url + "/sparql?query=ASK%20%7B%7D%FF").status_code == 400


def test_one_query_per_request(url):
    twice = httpx.get(url + "/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert twice.status_code == 400
    body_and_param = httpx.post(url + "/sparql?query=ASK%20%7B%7D", content="ASK {}",
                                headers={"content-type": "application/sparql-query"})
    assert body_and_param.status_code == 400
