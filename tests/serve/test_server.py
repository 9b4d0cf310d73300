"""The SPARQL 1.1 Protocol endpoint, driven over HTTP on 127.0.0.1 by SPARQLWrapper and httpx."""
import csv
import io
import json
import time

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from SPARQLWrapper import CSV, JSON, JSONLD, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from server_support import live_server, small_dataset

ID = "https://w3id.org/oversight-graph/id/"
OG = "https://w3id.org/oversight-graph/ontology#"
G = "https://w3id.org/oversight-graph/graph/"
WROTE_TO = f"SELECT ?s ?o WHERE {{ ?s <{OG}wroteTo> ?o }} ORDER BY ?s"
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def url():
    with live_server(small_dataset(), write_token=TOKEN) as base:
        yield base


def wrapper(url, query, fmt, method="GET"):
    sparql = SPARQLWrapper(url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json_and_xml(url, method):
    rows = wrapper(url, WROTE_TO, JSON, method).convert()["results"]["bindings"]
    assert [r["s"]["value"] for r in rows] == [ID + "evil", ID + "leadsom"]
    xml = wrapper(url, WROTE_TO, XML, method).convert()
    assert [n.firstChild.nodeValue for n in xml.getElementsByTagName("uri")][::2] == \
        [ID + "evil", ID + "leadsom"]


def test_select_csv_and_tsv(url):
    table = list(csv.reader(io.StringIO(wrapper(url, WROTE_TO, CSV).convert().decode())))
    assert table == [["s", "o"], [ID + "evil", ID + "stansfeld"], [ID + "leadsom", ID + "stansfeld"]]
    response = wrapper(url, WROTE_TO, TSV)
    assert response.info()["content-type"].startswith("text/tab-separated-values")
    rows = list(TSVResultParser().parse(io.StringIO(response.convert().decode())))
    assert rows[1][0] == URIRef(ID + "leadsom")


def test_select_literals_in_tsv_keep_language_and_datatype(url):
    query = f"SELECT ?l ?n WHERE {{ <{ID}tvp> rdfs:label ?l BIND(42 AS ?n) }}"
    text = httpx.get(url + "/sparql", params={"query": query},
                     headers={"accept": "text/tab-separated-values"}).text
    assert text.splitlines()[1] == '"Thames Valley Police"\t"42"^^<http://www.w3.org/2001/XMLSchema#integer>'


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(url, fmt):
    assert wrapper(url, f"ASK {{ <{ID}leadsom> <{OG}wroteTo> ?x }}", fmt).convert() is not None
    if fmt == JSON:
        assert wrapper(url, "ASK { <urn:nothing> ?p ?o }", fmt).convert()["boolean"] is False
    else:
        xml = wrapper(url, "ASK { <urn:nothing> ?p ?o }", fmt).convert()
        assert xml.getElementsByTagName("boolean")[0].firstChild.nodeValue == "false"


CONSTRUCT = f"CONSTRUCT {{ ?s <{OG}wroteTo> ?o }} WHERE {{ ?s <{OG}wroteTo> ?o }}"
EXPECTED = {(URIRef(ID + who), URIRef(OG + "wroteTo"), URIRef(ID + "stansfeld"))
            for who in ("leadsom", "evil")}


@pytest.mark.parametrize("fmt, media_type", [
    (TURTLE, "text/turtle"), (JSONLD, "application/ld+json"), (RDFXML, "application/rdf+xml")])
def test_construct(url, fmt, media_type):
    response = wrapper(url, CONSTRUCT, fmt)
    assert response.info()["content-type"].startswith(media_type)
    graph = response.convert()
    if not isinstance(graph, Graph):  # SPARQLWrapper hands Turtle back as bytes
        graph = Graph().parse(data=graph, format="turtle")
    assert set(graph) == EXPECTED


def test_construct_n_triples(url):
    sparql = SPARQLWrapper(url + "/sparql")
    sparql.setQuery(CONSTRUCT)
    sparql.setOnlyConneg(True)
    sparql.addCustomHttpHeader("Accept", "application/n-triples")
    response = sparql.query()
    assert response.info()["content-type"].startswith("application/n-triples")
    assert set(Graph().parse(data=response.convert(), format="nt")) == EXPECTED


def test_post_sparql_query_body_and_no_double_decoding(url):
    query = 'SELECT ?x WHERE { BIND("a%20b+c" AS ?x) }'
    direct = httpx.post(url + "/sparql", content=query,
                        headers={"content-type": "application/sparql-query"})
    form = httpx.post(url + "/sparql", data={"query": query})
    get = httpx.get(url + "/sparql", params={"query": query})
    for response in (direct, form, get):
        assert response.json()["results"]["bindings"][0]["x"]["value"] == "a%20b+c"


def test_malformed_query_gives_400_with_position(url):
    with pytest.raises(QueryBadFormed) as problem:
        wrapper(url, "SELECT ?x WHERE { ?x ?y }", JSON)
    assert "line 1, column 19" in str(problem.value)


def test_406_when_nothing_fits(url):
    response = httpx.get(url + "/sparql", params={"query": WROTE_TO}, headers={"accept": "image/png"})
    assert response.status_code == 406
    ask = httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers={"accept": "text/csv"})
    assert ask.status_code == 406


def test_cors_headers_and_preflight(url):
    response = httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers={"origin": "http://a.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    preflight = httpx.options(url + "/sparql", headers={
        "origin": "http://a.example", "access-control-request-method": "POST",
        "access-control-request-headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()


def test_default_and_named_graph_uri(url):
    query = f"SELECT ?s WHERE {{ ?s <{OG}oversees> ?o }}"
    only_001 = httpx.get(url + "/sparql", params={"query": query, "default-graph-uri": G + "001"})
    assert [b["s"]["value"] for b in only_001.json()["results"]["bindings"]] == [ID + "iopc"]
    both = httpx.get(url + "/sparql", params=[("query", query), ("default-graph-uri", G + "001"),
                                              ("default-graph-uri", G + "reference")])
    assert len(both.json()["results"]["bindings"]) == 2
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = httpx.post(url + "/sparql", data={"query": named, "named-graph-uri": G + "000"})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [G + "000"]
    # The default graph is empty when only named graphs are given.
    empty = httpx.get(url + "/sparql", params={"query": query, "named-graph-uri": G + "001"})
    assert empty.json()["results"]["bindings"] == []


def test_from_names_graphs_of_the_dataset_and_never_fetches(url):
    query = f"SELECT ?s WHERE {{ ?s <{OG}oversees> ?o }}"
    from_001 = httpx.get(url + "/sparql", params={"query": query.replace("WHERE", f"FROM <{G}001> WHERE")})
    assert [b["s"]["value"] for b in from_001.json()["results"]["bindings"]] == [ID + "iopc"]
    local_file = httpx.get(url + "/sparql", params={
        "query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"})
    assert local_file.status_code == 200 and local_file.json()["results"]["bindings"] == []


def test_service_description(url):
    response = httpx.get(url + "/sparql")
    assert response.headers["content-type"].startswith("text/turtle")
    sd = Graph().parse(data=response.text, format="turtle")
    SD = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = URIRef(url + "/sparql")
    assert (endpoint, URIRef(SD + "endpoint"), endpoint) in sd
    assert (endpoint, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) in sd
    assert len(list(sd.objects(endpoint, URIRef(SD + "resultFormat")))) == 9
    counts = set(sd.objects(None, URIRef("http://rdfs.org/ns/void#triples")))
    assert Literal(len(small_dataset())) in counts
    html = httpx.get(url + "/sparql", headers={"accept": "text/html,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html") and 'id="yasgui"' in html.text


def test_update_needs_the_token(url):
    insert = f"INSERT DATA {{ GRAPH <{G}new> {{ <{ID}x> <{OG}wroteTo> <{ID}y> }} }}"
    assert httpx.post(url + "/sparql", data={"update": insert}).status_code == 403
    wrong = httpx.post(url + "/sparql", content=insert, headers={
        "content-type": "application/sparql-update", "authorization": "Bearer nope"})
    assert wrong.status_code == 403
    ok = httpx.post(url + "/sparql", content=insert, headers={
        "content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 204
    ask = httpx.get(url + "/sparql", params={"query": f"ASK {{ <{ID}x> <{OG}wroteTo> <{ID}y> }}"})
    assert ask.json()["boolean"] is True


def test_update_may_not_reach_the_network(url):
    load = httpx.post(url + "/sparql", data={"update": "LOAD <http://example.org/data.ttl>"},
                      headers={"authorization": f"Bearer {TOKEN}"})
    assert load.status_code == 400 and "LOAD" in load.text


def test_read_only_server_refuses_updates():
    with live_server(small_dataset()) as base:
        response = httpx.post(base + "/sparql", data={"update": "CLEAR ALL"})
        assert response.status_code == 403 and "read-only" in response.text


def test_service_is_blocked(url):
    query = "SELECT * WHERE { SERVICE <http://192.0.2.1/sparql> { ?s ?p ?o } }"
    response = httpx.get(url + "/sparql", params={"query": query}, timeout=10)
    assert response.status_code == 403 and "SERVICE is disabled" in response.text


def test_row_cap_truncates_and_says_so():
    with live_server(small_dataset(), max_rows=3) as base:
        response = httpx.get(base + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert len(response.json()["results"]["bindings"]) == 3
        assert response.headers["x-result-truncated"] == "3"
        small = httpx.get(base + "/sparql", params={"query": WROTE_TO})
        assert "x-result-truncated" not in small.headers


@pytest.mark.slow
def test_timeout_stops_an_expensive_query_and_the_server_stays_responsive():
    cross = (f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{OG}value> ?x . ?b <{OG}value> ?y . "
             f"?c <{OG}value> ?z }}")
    with live_server(small_dataset(filler=2000), timeout_s=0.5) as base:
        started = time.monotonic()
        response = httpx.get(base + "/sparql", params={"query": cross}, timeout=30)
        assert response.status_code == 503 and "time limit" in response.text
        assert time.monotonic() - started < 3
        after = httpx.get(base + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert after.json()["boolean"] is True


def test_dereference_as_html_and_turtle(url):
    html = httpx.get(url + "/id/leadsom", headers={"accept": "text/html"})
    assert html.status_code == 200 and "<h1>Andrea Leadsom</h1>" in html.text
    assert "reported" in html.text and "¶2, ¶9" in html.text
    turtle = httpx.get(url + "/id/leadsom", headers={"accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef(ID + "leadsom"), URIRef(OG + "wroteTo"), URIRef(ID + "stansfeld")) in graph
    assert (URIRef(ID + "st-000-7"), None, URIRef(ID + "leadsom")) in graph  # object side
    trig = httpx.get(url + "/id/leadsom", params={"format": "trig"})
    named = Dataset().parse(data=trig.text, format="trig")
    assert URIRef(G + "000") in {g.identifier for g in named.graphs()}
    term = httpx.get(url + "/resource", params={"iri": OG + "wroteTo"},
                     headers={"accept": "application/ld+json"})
    assert any(item.get("@id") == OG + "wroteTo" for item in json.loads(term.text))
    assert httpx.get(url + "/id/nobody").status_code == 404
    ontology = httpx.get(url + "/ontology", headers={"accept": "text/html"})
    assert "<h1>Oversight Graph ontology</h1>" in ontology.text
    assert '<section id="wroteTo">' in ontology.text  # og:wroteTo's hash IRI lands on its entry


def test_oxigraph_store_is_served_too():
    """The lead may load into oxrdflib's Oxigraph store; forking workers must cope with it."""
    from server_support import TRIG
    dataset = Dataset(store="Oxigraph", default_union=True)
    dataset.parse(data=TRIG, format="trig")
    with live_server(dataset) as base:
        rows = httpx.get(base + "/sparql", params={"query": WROTE_TO}).json()["results"]["bindings"]
        assert [r["s"]["value"] for r in rows] == [ID + "evil", ID + "leadsom"]
        page = httpx.get(base + "/id/leadsom", headers={"accept": "text/html"})
        assert "<h1>Andrea Leadsom</h1>" in page.text
