"""The policy holds for the text the engine runs: no reading of a query reaches the network.

rdflib parses and checks; Oxigraph runs the text. A listener on 127.0.0.1 counts the
connections that any of these queries or updates makes: there must be none (issue 12).
"""
from __future__ import annotations

import socket
import threading

import pytest
from rdflib import Literal, URIRef

from graph.serve.protocol import QueryRequest, run_query, run_update
from graph.sparql.ask import ask
from graph.sparql.prepare import QueryError, network_words
from graph.store import oxigraph_dataset
from graph.pipeline.outputs import BuiltData


@pytest.fixture
def listener():
    """A TCP listener on loopback counting the connections it accepts, for at most 60 s."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    accepted: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(1)
            conn.close()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", accepted
    stop.set()
    thread.join(5)
    server.close()


BREAKS = ["\r", "\r\n", "\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\\u000A", "\\u000D", "\\U0000000a"]
SERVICE_WORDS = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT"]


def hidden_services(url: str) -> list[str]:
    """A SERVICE clause behind a comment that some reader ends early, in many spellings."""
    queries = []
    for brk in BREAKS:
        for word in SERVICE_WORDS:
            queries.append(f"SELECT * WHERE {{ # c{brk} {word} <{url}> {{ ?s ?p ?o }} \n}}")
            queries.append(f"SELECT * WHERE {{ # a # b{brk}{word} <{url}> {{ ?s ?p ?o }} # c\n}}")
    queries += [f'SELECT * WHERE {{ BIND("x\\u0022 AS ?a) {{ }} SERVICE <{url}> {{ ?s ?p ?o }} #" AS ?z) }}',
                f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
                f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"]
    return queries


@pytest.fixture(scope="module")
def oxigraph(dataset):
    """The seed data in Oxigraph, the engine that runs the text (what `--store` reads)."""
    return BuiltData(None, dataset).answers


def test_no_hidden_service_is_run_from_the_command_line_or_the_api(oxigraph, listener):
    url, accepted = listener
    for text in hidden_services(url):
        with pytest.raises(QueryError):
            ask(oxigraph, text)
    assert accepted == []


def test_no_hidden_service_is_run_by_the_endpoint(oxigraph, listener):
    url, accepted = listener
    for text in hidden_services(url):
        answer = run_query(oxigraph, QueryRequest(text, accept="application/sparql-results+json"))
        assert 400 <= answer.status < 500, (text, answer.body)
    assert accepted == []


def test_no_hidden_load_is_run_by_an_update(listener):
    url, accepted = listener
    target = oxigraph_dataset([])
    for brk in BREAKS:
        for word in ("LOAD", "load", "LOAD SILENT"):
            for text in (f"INSERT DATA {{ <http://x/a> <http://x/b> 1 }} ; # c{brk} {word} <{url}>",
                         f"# c{brk} {word} <{url}> INTO GRAPH <http://x/g>"):
                answer = run_update(target, text, allow_network=False)
                assert 400 <= answer.status < 500, (text, answer.body)
    assert accepted == []


@pytest.mark.parametrize("text", [
    "SELECT ?service WHERE { ?service a <http://x/Service> }",
    "SELECT * WHERE { ?s <http://example.org/service> ?o } # SERVICE in a comment\n",
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }',
    "PREFIX service: <http://x/> SELECT * WHERE { ?s service:load ?o }",
])
def test_the_words_in_names_strings_iris_and_comments_are_not_refused(text):
    assert network_words(text) == set()


def test_a_parameter_value_cannot_add_clauses(dataset, oxigraph):
    """`--param 'actor=http://x> } UNION { ... } #'` once returned 652 rows instead of TVP's."""
    from graph.sparql.canned import find_canned
    query = find_canned("actor_facts")
    for value in ["http://x> } UNION { ?st rdf:subject ?any } #", 'http://x/"a"', "http://x/ a"]:
        for store in (dataset, oxigraph):
            with pytest.raises(QueryError, match="not an IRI"):
                ask(store, query.text, {"actor": value}, query.params)
    with pytest.raises(LookupError, match="no resource called"):  # not an IRI: a name, and no such name
        ask(oxigraph, query.text, {"actor": "<http://x> } SERVICE <http://127.0.0.1:1/> { }"}, query.params)
    # a literal is escaped, never pasted: quotes and braces stay inside the string
    rows = list(ask(dataset, query.text, {"actor": '"x\\" } UNION { ?a ?b ?c } #"'}, query.params))
    assert rows == []


def test_using_and_using_graph_uri_read_the_datasets_own_graphs(listener):
    """rdflib's engine fetches a USING graph by URL; the endpoint reads it from the dataset."""
    url, accepted = listener
    target = oxigraph_dataset([])
    target.graph(URIRef("urn:g")).add((URIRef("urn:a"), URIRef("urn:b"), Literal(1)))
    for using in ("urn:g", url):
        answer = run_update(target, f"INSERT {{ GRAPH <urn:out> {{ ?s ?p ?o }} }} USING <{using}> WHERE {{ ?s ?p ?o }}",
                            allow_network=False)
        assert answer.status == 204, answer.body
        answer = run_update(target, "INSERT { GRAPH <urn:out2> { ?s ?p ?o } } WHERE { ?s ?p ?o }",
                            allow_network=False, using=([using], []))
        assert answer.status == 204, answer.body
    assert accepted == []
    assert target.query("ASK { GRAPH <urn:out> { <urn:a> <urn:b> 1 } GRAPH <urn:out2> { <urn:a> <urn:b> 1 } }").askAnswer


def test_a_base_that_is_not_an_iri_never_reaches_the_text(oxigraph):
    from graph.sparql.evaluate import run_parsed
    from graph.sparql.prepare import parse_query
    text = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    assert len(list(run_parsed(oxigraph, parse_query(text), text, "http://example.org/sparql"))) == 1
    with pytest.raises(QueryError):
        run_parsed(oxigraph, parse_query(text), text, "http://x> SERVICE <http://127.0.0.1:1/>")
