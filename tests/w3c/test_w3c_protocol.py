"""The W3C SPARQL 1.1 Protocol tests, and a few protocol checks of this project's own, run
against `oversight serve` over HTTP.

The protocol manifest vendored in suites/protocol/ (rdflib 7.6.0's copy) only names its tests
(mf:name): it does not spell out the requests. Each W3C test is therefore written out here,
from its name and the SPARQL 1.1 Protocol sections it refers to, with a small dataset of our
own. Every test gets a fresh, writable server over in-memory Oxigraph (graph.store.in_oxigraph),
as `oversight serve` runs without --store. Tests are named by their W3C IRIs; failures listed in
expected_failures.txt are xfail(strict=True). `test_manifest_is_covered` fails if the manifest
names a test that has no check here, or the other way round.
"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode

import httpx
import pytest
from rdflib import Dataset, Graph, URIRef

from graph.store import in_oxigraph
from runner import JSON_RESULTS, N_TRIPLES, SRX, WRITE_TOKEN, Case, params, read_manifest
from server_support import live_server

pytestmark = [pytest.mark.slow,
              pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]

EX = "http://example.org/protocol/"
G1, G2, G3 = EX + "graph-one", EX + "graph-two", EX + "graph-three"
OUT = EX + "graph-out"
TRIG = f"""
@prefix : <{EX}> .
:ann :likes :tea .
<{G1}> {{ :bea :likes :coffee . }}
<{G2}> {{ :cal :likes :cocoa . }}
<{G3}> {{ :dov :likes :water . :dov :age 41 . }}
"""
"""One statement in the default graph and one or two in each named graph: enough to tell
which graphs a request's dataset holds."""
FORM = "application/x-www-form-urlencoded"
XML_RESULTS = "application/sparql-results+xml"
AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}


def dataset() -> Dataset:
    data = Dataset(default_union=False)
    data.parse(data=TRIG, format="trig")
    return in_oxigraph(data)


@pytest.fixture
def base():
    """A fresh writable server: updates of one test never reach another."""
    with live_server(dataset(), timeout_s=20, write_token=WRITE_TOKEN, writable=True) as url:
        yield url


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=30, trust_env=False) as c:
        yield c


# --- helpers ----------------------------------------------------------------------------

def media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def ask_answer(response: httpx.Response) -> bool:
    """The boolean of an ASK answer in SPARQL JSON or XML results."""
    assert response.status_code == 200, (response.status_code, response.text[:300])
    if media(response) == JSON_RESULTS:
        return json.loads(response.content)["boolean"]
    assert media(response) == XML_RESULTS, media(response)
    return ET.fromstring(response.content).find(f"{SRX}boolean").text.strip() == "true"


def rows(response: httpx.Response) -> set[tuple]:
    """A SELECT answer in SPARQL JSON as a set of tuples of values, variables in order."""
    assert response.status_code == 200, (response.status_code, response.text[:300])
    assert media(response) == JSON_RESULTS, media(response)
    doc = response.json()
    names = doc["head"]["vars"]
    return {tuple(b.get(v, {}).get("value") for v in names) for b in doc["results"]["bindings"]}


def ask(client, base, pattern: str, **params) -> bool:
    """ASK about the served dataset (its own default graph unless params say otherwise)."""
    return ask_answer(client.get(f"{base}/sparql", params={"query": f"ASK {{ {pattern} }}", **params},
                                 headers={"Accept": JSON_RESULTS}))


def graph_of(response: httpx.Response) -> Graph:
    formats = {"application/rdf+xml": "xml", "text/turtle": "turtle", N_TRIPLES: "nt"}
    assert response.status_code == 200, (response.status_code, response.text[:300])
    assert media(response) in formats, media(response)
    return Graph().parse(data=response.content, format=formats[media(response)])


def update(client, base, text: str, **params) -> httpx.Response:
    return client.post(f"{base}/sparql", data={"update": text, **params}, headers=AUTH)


def unchanged(client, base) -> None:
    """The served dataset is still exactly TRIG (no refused request touched it)."""
    everything = "SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    r = client.post(f"{base}/sparql", data={"query": everything}, headers={"Accept": JSON_RESULTS})
    assert len(rows(r)) == 5, sorted(rows(r))


def refused(response: httpx.Response, statuses=range(400, 500)) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:300])


LIKES = f"<{EX}likes>"


# --- the W3C protocol tests, named as in suites/protocol/manifest.ttl ---------------------
# Each takes the client and the base URL of a fresh server, and asserts what its mf:name says.

def query_post_form(client, base):
    """query via URL-encoded POST (Protocol 2.1.2)"""
    r = client.post(f"{base}/sparql", content=urlencode({"query": "ASK { ?s ?p ?o }"}),
                    headers={"Content-Type": FORM, "Accept": JSON_RESULTS})
    assert ask_answer(r) is True


def query_dataset_default_graphs_get(client, base):
    """GET query with protocol-specified default graph (Protocol 2.1.4): default-graph-uri
    makes that graph the default graph, instead of the service's own."""
    params = {"default-graph-uri": G1}
    assert ask(client, base, f"?who {LIKES} <{EX}coffee>", **params) is True
    assert ask(client, base, f"?who {LIKES} <{EX}tea>", **params) is False


def query_dataset_default_graphs_post(client, base):
    """POST query with protocol-specified default graphs: the default graph is the merge of
    every default-graph-uri."""
    body = [("query", f"SELECT ?who WHERE {{ ?who {LIKES} ?what }}"),
            ("default-graph-uri", G1), ("default-graph-uri", G2)]
    r = client.post(f"{base}/sparql", content=urlencode(body),
                    headers={"Content-Type": FORM, "Accept": JSON_RESULTS})
    assert rows(r) == {(EX + "bea",), (EX + "cal",)}


NAMED = f"SELECT ?g ?who WHERE {{ GRAPH ?g {{ ?who {LIKES} ?what }} }}"


def query_dataset_named_graphs_post(client, base):
    """POST query with protocol-specified named graphs: the named graphs are exactly those
    of the named-graph-uri parameters."""
    body = [("query", NAMED), ("named-graph-uri", G1), ("named-graph-uri", G3)]
    r = client.post(f"{base}/sparql", content=urlencode(body),
                    headers={"Content-Type": FORM, "Accept": JSON_RESULTS})
    assert rows(r) == {(G1, EX + "bea"), (G3, EX + "dov")}


def query_dataset_named_graphs_get(client, base):
    """GET query with protocol-specified named graphs."""
    r = client.get(f"{base}/sparql", params=[("query", NAMED), ("named-graph-uri", G2)],
                   headers={"Accept": JSON_RESULTS})
    assert rows(r) == {(G2, EX + "cal")}


def query_dataset_full(client, base):
    """query with protocol-specified dataset (both named and default graphs)."""
    query = (f"SELECT ?g ?who WHERE {{ {{ ?who {LIKES} ?what }} UNION "
             f"{{ GRAPH ?g {{ ?who {LIKES} ?what }} }} }}")
    r = client.get(f"{base}/sparql", params=[("query", query), ("default-graph-uri", G3),
                                             ("named-graph-uri", G1), ("named-graph-uri", G2)],
                   headers={"Accept": JSON_RESULTS})
    assert rows(r) == {(None, EX + "dov"), (G1, EX + "bea"), (G2, EX + "cal")}


def query_multiple_dataset(client, base):
    """query specifying dataset in both query string and protocol; test for use of
    protocol-specified dataset: the parameters win over FROM / FROM NAMED (Protocol 2.1.4)."""
    query = f"SELECT ?who FROM <{G1}> FROM NAMED <{G2}> WHERE {{ ?who {LIKES} ?what }}"
    r = client.get(f"{base}/sparql", params={"query": query, "default-graph-uri": G3},
                   headers={"Accept": JSON_RESULTS})
    assert rows(r) == {(EX + "dov",)}


def query_get(client, base):
    """query via GET (Protocol 2.1.1)"""
    r = client.get(f"{base}/sparql?query={quote('ASK { ?s ?p ?o }')}", headers={"Accept": JSON_RESULTS})
    assert ask_answer(r) is True


SELECT_FORMATS = {
    JSON_RESULTS: lambda b: {x["who"]["value"] for x in json.loads(b)["results"]["bindings"]},
    XML_RESULTS: lambda b: {e.text for e in ET.fromstring(b).iter(f"{SRX}uri")},
    "text/csv": lambda b: {row["who"] for row in csv.DictReader(io.StringIO(b.decode()))},
    "text/tab-separated-values": lambda b: {line.strip("<>") for line in b.decode().splitlines()[1:]},
}


def query_content_type_select(client, base):
    """query appropriate content type (expect one of: XML, JSON, CSV, TSV): with no
    preference, and with each of the four asked for (then given, and readable)."""
    query = f"SELECT ?who WHERE {{ ?who {LIKES} ?what }}"
    r = client.post(f"{base}/sparql", data={"query": query})
    assert r.status_code == 200 and media(r) in SELECT_FORMATS, (r.status_code, media(r))
    for accept, read in SELECT_FORMATS.items():
        r = client.post(f"{base}/sparql", data={"query": query}, headers={"Accept": accept})
        assert r.status_code == 200 and media(r) == accept, (accept, r.status_code, media(r))
        assert read(r.content) == {EX + "ann"}, (accept, r.text[:300])


def query_content_type_ask(client, base):
    """query appropriate content type (expect one of: XML, JSON)"""
    query = "ASK { ?s ?p ?o }"
    r = client.post(f"{base}/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and media(r) in (JSON_RESULTS, XML_RESULTS), (r.status_code, media(r))
    for accept in (JSON_RESULTS, XML_RESULTS):
        r = client.post(f"{base}/sparql", content=query,
                        headers={"Content-Type": "application/sparql-query", "Accept": accept})
        assert media(r) == accept and ask_answer(r) is True, accept


RDF_TYPES = ["application/rdf+xml", "text/turtle", N_TRIPLES]
"""Of the manifest's "RDF/XML, Turtle, N-Triples, RDFa": RDFa is not offered."""


def graphs_in_every_rdf_type(client, base, query: str):
    """The query's graph under no Accept (one of the RDF types) and under each RDF type asked for."""
    r = client.get(f"{base}/sparql", params={"query": query})
    assert r.status_code == 200 and media(r) in RDF_TYPES, (r.status_code, media(r))
    for accept in RDF_TYPES:
        r = client.get(f"{base}/sparql", params={"query": query}, headers={"Accept": accept})
        assert media(r) == accept, (accept, media(r))
        yield accept, graph_of(r)


def query_content_type_describe(client, base):
    """query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)"""
    for accept, graph in graphs_in_every_rdf_type(client, base, f"DESCRIBE <{EX}ann>"):
        assert (URIRef(EX + "ann"), URIRef(EX + "likes"), URIRef(EX + "tea")) in graph, accept


def query_content_type_construct(client, base):
    """query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)"""
    query = f"CONSTRUCT {{ ?who <{EX}drinks> ?what }} WHERE {{ ?who {LIKES} ?what }}"
    for accept, graph in graphs_in_every_rdf_type(client, base, query):
        assert set(graph) == {(URIRef(EX + "ann"), URIRef(EX + "drinks"), URIRef(EX + "tea"))}, accept


COPY_LIKES = f"INSERT {{ GRAPH <{OUT}> {{ ?who {LIKES} ?what }} }} WHERE {{ ?who {LIKES} ?what }}"
"""Copies what the update's default graph says into OUT: shows which graphs USING gave it."""


def drinkers_in_out(client, base) -> set[str]:
    r = client.get(f"{base}/sparql", params={"query": f"SELECT ?who WHERE {{ GRAPH <{OUT}> {{ ?who ?p ?o }} }}"},
                   headers={"Accept": JSON_RESULTS})
    return {who for (who,) in rows(r)}


def drinkers_after(client, base, text: str, params: list[tuple[str, str]]) -> set[str]:
    """Send the update with these (repeatable) protocol parameters; who likes what in OUT after."""
    r = client.post(f"{base}/sparql", content=urlencode([("update", text), *params]),
                    headers={**AUTH, "Content-Type": FORM})
    assert 200 <= r.status_code < 300, (r.status_code, r.text[:300])
    return drinkers_in_out(client, base)


COPY_NAMED = f"INSERT {{ GRAPH <{OUT}> {{ ?who {LIKES} ?what }} }} WHERE {{ GRAPH ?g {{ ?who {LIKES} ?what }} }}"
COPY_BOTH = (f"INSERT {{ GRAPH <{OUT}> {{ ?who {LIKES} ?what }} }} WHERE {{ {{ ?who {LIKES} ?what }} "
             f"UNION {{ GRAPH ?g {{ ?who {LIKES} ?what }} }} }}")


def update_dataset_default_graph(client, base):
    """update with protocol-specified default graph: using-graph-uri is the default graph
    of the update's WHERE (Protocol 2.2.3)."""
    assert drinkers_after(client, base, COPY_LIKES, [("using-graph-uri", G1)]) == {EX + "bea"}


def update_dataset_default_graphs(client, base):
    """update with protocol-specified default graphs: the merge of every using-graph-uri."""
    params = [("using-graph-uri", G1), ("using-graph-uri", G2)]
    assert drinkers_after(client, base, COPY_LIKES, params) == {EX + "bea", EX + "cal"}


def update_dataset_named_graphs(client, base):
    """update with protocol-specified named graphs: using-named-graph-uri are the named
    graphs of the update's WHERE."""
    assert drinkers_after(client, base, COPY_NAMED, [("using-named-graph-uri", G2)]) == {EX + "cal"}


def update_dataset_full(client, base):
    """update with protocol-specified dataset (both named and default graphs)"""
    params = [("using-graph-uri", G3), ("using-named-graph-uri", G1)]
    assert drinkers_after(client, base, COPY_BOTH, params) == {EX + "dov", EX + "bea"}


ADD = f'INSERT DATA {{ <{EX}eli> {LIKES} "juice" }}'


def update_post_form(client, base):
    """update via URL-encoded POST (Protocol 2.2.1)"""
    r = client.post(f"{base}/sparql", content=urlencode({"update": ADD}),
                    headers={**AUTH, "Content-Type": FORM})
    assert 200 <= r.status_code < 300, (r.status_code, r.text[:300])
    assert ask(client, base, f'<{EX}eli> {LIKES} "juice"') is True


def update_post_direct(client, base):
    """update via POST directly (Protocol 2.2.2)"""
    r = client.post(f"{base}/sparql", content=ADD.encode(),
                    headers={**AUTH, "Content-Type": "application/sparql-update"})
    assert 200 <= r.status_code < 300, (r.status_code, r.text[:300])
    assert ask(client, base, f'<{EX}eli> {LIKES} "juice"') is True


def update_base_uri(client, base):
    """test for service-defined BASE URI ("which MAY be the service endpoint"): an update
    with a relative IRI and no BASE is resolved against a base the service chooses, so what
    is stored is an absolute IRI."""
    r = update(client, base, f'INSERT DATA {{ GRAPH <{OUT}> {{ <relative-one> {LIKES} "milk" }} }}')
    assert 200 <= r.status_code < 300, (r.status_code, r.text[:300])
    r = client.get(f"{base}/sparql", params={"query": f"SELECT ?s WHERE {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }}"},
                   headers={"Accept": JSON_RESULTS})
    (subject,), = rows(r)
    assert subject.endswith("relative-one") and ":" in subject.split("/")[0], subject


def query_post_direct(client, base):
    """query via POST directly (Protocol 2.1.3)"""
    r = client.post(f"{base}/sparql", content=b"ASK { ?s ?p ?o }",
                    headers={"Content-Type": "application/sparql-query", "Accept": XML_RESULTS})
    assert ask_answer(r) is True


def bad_query_method(client, base):
    """invoke query operation with a method other than GET or POST"""
    for method in ("PUT", "DELETE", "PATCH"):
        refused(client.request(method, f"{base}/sparql", params={"query": "ASK {}"}))


def bad_multiple_queries(client, base):
    """invoke query operation with more than one query string"""
    r = client.get(f"{base}/sparql", params=[("query", "ASK {}"), ("query", "ASK { ?s ?p ?o }")])
    refused(r, {400})


def bad_query_wrong_media_type(client, base):
    """invoke query operation with a POST with media type that's not url-encoded or
    application/sparql-query"""
    refused(client.post(f"{base}/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}))


def bad_query_missing_form_type(client, base):
    """invoke query operation with url-encoded body, but without
    application/x-www-url-form-urlencoded media type"""
    refused(client.post(f"{base}/sparql", content=urlencode({"query": "ASK {}"}).encode()))


def bad_query_missing_direct_type(client, base):
    """invoke query operation with SPARQL body, but without application/sparql-query media type"""
    refused(client.post(f"{base}/sparql", content=b"ASK {}"))


def bad_query_non_utf8(client, base):
    """invoke query operation with direct POST, but with a non-UTF8 encoding (UTF-16); the
    same query in UTF-8 (charset named) is answered."""
    query = 'ASK { ?s ?p "caf\u00e9" }'
    refused(client.post(f"{base}/sparql", content=query.encode("utf-16"),
                        headers={"Content-Type": "application/sparql-query; charset=UTF-16"}))
    r = client.post(f"{base}/sparql", content=query.encode("utf-8"),
                    headers={"Content-Type": "application/sparql-query; charset=UTF-8", "Accept": JSON_RESULTS})
    assert ask_answer(r) is False


def bad_query_syntax(client, base):
    """invoke query operation with invalid query syntax (4XX result)"""
    refused(client.get(f"{base}/sparql", params={"query": "SELECT ?s WHERE { ?s ?p"}), {400})


def bad_update_get(client, base):
    """invoke update operation with GET: refused, and nothing is changed"""
    refused(client.get(f"{base}/sparql", params={"update": "CLEAR ALL"}, headers=AUTH))
    unchanged(client, base)


def bad_multiple_updates(client, base):
    """invoke update operation with more than one update string"""
    body = [("update", "CLEAR DEFAULT"), ("update", f"CLEAR GRAPH <{G1}>")]
    refused(client.post(f"{base}/sparql", content=urlencode(body), headers={**AUTH, "Content-Type": FORM}), {400})
    unchanged(client, base)


def bad_update_wrong_media_type(client, base):
    """invoke update operation with a POST with media type that's not url-encoded or
    application/sparql-update"""
    refused(client.post(f"{base}/sparql", content=b"CLEAR ALL", headers={**AUTH, "Content-Type": "text/plain"}))
    unchanged(client, base)


def bad_update_missing_form_type(client, base):
    """invoke update operation with url-encoded body, but without
    application/x-www-url-form-urlencoded media type"""
    refused(client.post(f"{base}/sparql", content=urlencode({"update": "CLEAR ALL"}).encode(), headers=AUTH))
    unchanged(client, base)


def bad_update_non_utf8(client, base):
    """invoke update operation with direct POST, but with a non-UTF8 encoding"""
    text = f'INSERT DATA {{ <{EX}eli> {LIKES} "caf\u00e9" }}'
    refused(client.post(f"{base}/sparql", content=text.encode("utf-16"),
                        headers={**AUTH, "Content-Type": "application/sparql-update; charset=UTF-16"}))
    unchanged(client, base)


def bad_update_syntax(client, base):
    """invoke update operation with invalid update syntax"""
    refused(update(client, base, f"INSERT DATA {{ <{EX}eli> {LIKES} "), {400})
    unchanged(client, base)


def bad_update_dataset_conflict(client, base):
    """invoke update with both using-graph-uri/using-named-graph-uri parameter and USING/WITH
    clause (Protocol 2.2.3: the request is refused with 400)"""
    with_using = f"INSERT {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }} USING <{G1}> WHERE {{ ?s ?p ?o }}"
    with_with = f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"
    refused(update(client, base, with_using, **{"using-graph-uri": G2}), {400})
    refused(update(client, base, with_with, **{"using-named-graph-uri": G2}), {400})
    unchanged(client, base)


W3C_CHECKS = {fn.__name__: fn for fn in [
    query_post_form, query_dataset_default_graphs_get, query_dataset_default_graphs_post,
    query_dataset_named_graphs_post, query_dataset_named_graphs_get, query_dataset_full,
    query_multiple_dataset, query_get, query_content_type_select, query_content_type_ask,
    query_content_type_describe, query_content_type_construct, update_dataset_default_graph,
    update_dataset_default_graphs, update_dataset_named_graphs, update_dataset_full,
    update_post_form, update_post_direct, update_base_uri, query_post_direct, bad_query_method,
    bad_multiple_queries, bad_query_wrong_media_type, bad_query_missing_form_type,
    bad_query_missing_direct_type, bad_query_non_utf8, bad_query_syntax, bad_update_get,
    bad_multiple_updates, bad_update_wrong_media_type, bad_update_missing_form_type,
    bad_update_non_utf8, bad_update_syntax, bad_update_dataset_conflict]}


# --- this project's checks of protocol prose the W3C tests leave out ----------------------

def construct_other_rdf_formats(client, base):
    """CONSTRUCT in the endpoint's other RDF syntaxes (JSON-LD, TriG), each readable."""
    query = f"CONSTRUCT WHERE {{ ?who {LIKES} ?what }}"
    for accept, fmt in [("application/ld+json", "json-ld"), ("application/trig", "trig")]:
        r = client.get(f"{base}/sparql", params={"query": query}, headers={"Accept": accept})
        assert r.status_code == 200 and media(r) == accept, (accept, r.status_code, media(r))
        quads = Dataset().parse(data=r.content, format=fmt).quads()
        assert {(s, p, o) for s, p, o, _ in quads} == {
            (URIRef(EX + "ann"), URIRef(EX + "likes"), URIRef(EX + "tea"))}, accept


def not_acceptable_406(client, base):
    """No result format the client accepts: 406."""
    r = client.get(f"{base}/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406, r.status_code


def empty_query_400(client, base):
    refused(client.get(f"{base}/sparql", params={"query": ""}, headers={"Accept": JSON_RESULTS}), {400})


def form_post_without_query_or_update_400(client, base):
    """A POST naming neither query nor update is no operation at all (Protocol 2.1, 2.2)."""
    r = client.post(f"{base}/sparql", data={"default-graph-uri": G1}, headers={"Accept": JSON_RESULTS})
    refused(r, {400})


def query_and_update_together_400(client, base):
    r = client.post(f"{base}/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"}, headers=AUTH)
    refused(r, {400})
    unchanged(client, base)


def update_without_token_403(client, base):
    """Project policy: updates need the server's write token."""
    r = client.post(f"{base}/sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    refused(r, {403})
    unchanged(client, base)


def service_description(client, base):
    """GET on the endpoint without a query: the SPARQL 1.1 Service Description."""
    r = client.get(f"{base}/sparql", headers={"Accept": "text/turtle"})
    sd = graph_of(r)
    SD = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(SD + "Service")) in sd
    assert (None, URIRef(SD + "endpoint"), None) in sd


EXTRA_CHECKS = {fn.__name__: fn for fn in [
    construct_other_rdf_formats, not_acceptable_406, empty_query_400,
    form_post_without_query_or_update_400, query_and_update_together_400,
    update_without_token_403, service_description]}


MANIFEST = read_manifest("protocol")
W3C_CASES = [case for case in MANIFEST if case.iri.rsplit("#", 1)[-1] in W3C_CHECKS]
EXTRA_CASES = [Case(f"urn:oversight-graph:w3c-extra#{name}", name, "protocol-extra", "protocol",
                    fn.__doc__ or "") for name, fn in EXTRA_CHECKS.items()]


def test_manifest_is_covered() -> None:
    listed = {case.iri.rsplit("#", 1)[-1] for case in MANIFEST}
    assert listed == set(W3C_CHECKS), (sorted(listed - set(W3C_CHECKS)), sorted(set(W3C_CHECKS) - listed))


@pytest.mark.parametrize("case", params(W3C_CASES))
def test_protocol(case: Case, base: str, client: httpx.Client) -> None:
    W3C_CHECKS[case.iri.rsplit("#", 1)[-1]](client, base)


@pytest.mark.parametrize("case", params(EXTRA_CASES))
def test_protocol_extra(case: Case, base: str, client: httpx.Client) -> None:
    """Protocol requirements the W3C tests leave out, checked directly."""
    EXTRA_CHECKS[case.name](client, base)
