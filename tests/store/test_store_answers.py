"""The in-memory and the embedded store give the same answers to every canned query."""
from __future__ import annotations

import pytest

from graph.pipeline.build import build_dataset
from graph.pipeline.outputs import BuiltData
from graph.network.projection import project
from graph.pipeline.ingest import replace_graphs
from graph.store.base import source_graphs
from graph.store import open_store, oxigraph_dataset
from store_answers import answer, canned_queries

QUERIES = dict(canned_queries())


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    graphs = source_graphs(build_dataset().dataset)
    memory = open_store("memory")
    embedded = open_store(str(tmp_path_factory.mktemp("stores") / "store"))
    for store in (memory, embedded):
        replace_graphs(store, graphs)
    yield memory, embedded
    embedded.close()


@pytest.mark.parametrize("name", QUERIES)
def test_embedded_store_answers_like_memory(stores, name):
    memory, embedded = stores
    expected = answer(memory, QUERIES[name])
    assert answer(embedded, QUERIES[name]) == expected
    if name == "per_graph":
        assert len(expected) > 3  # sources, ontology, meta, inferred and the manifest


def _edges(net) -> dict:
    return {(u, v, k): d for u, v, k, d in net.edges(keys=True, data=True)}


def test_the_network_projection_is_the_same_from_every_store(stores, built, net):
    """`oversight chain --store`, the server and graph.html project from Oxigraph; the tests
    and notebooks from memory. (Oxigraph leaves an empty GROUP_CONCAT unbound: it once made
    'None' an attribution.)"""
    for other in (project(stores[1].dataset, built.data.vocabulary),
                  project(BuiltData(built.data.vocabulary, built.dataset).answers, built.data.vocabulary)):
        assert dict(other.nodes(data=True)) == dict(net.nodes(data=True))
        assert _edges(other) == _edges(net)


def test_a_node_whose_sources_disagree_on_its_date_is_placed_alike_by_every_process():
    from graph.network.projection import ordering_date
    dates = ["2021-06-29", "2021-06-23", "2021"]
    assert ordering_date(dates) == ordering_date(dates[::-1]) == "2021-06-23"
    assert ordering_date(set()) is None



def test_answers_keep_each_term_as_stored_across_queries():
    """Terms that share their text ("1" as a number, a string, an English word, a token, in
    an IRI) are each answered as they are, however often and in whatever order queries name
    them (terms are made once and kept across queries)."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef
    xsd = "http://www.w3.org/2001/XMLSchema#"
    forms = [ox.Literal("1", datatype=ox.NamedNode(xsd + "integer")), ox.Literal("1"), ox.Literal("1", language="en"),
             ox.Literal("1", datatype=ox.NamedNode(xsd + "token")), ox.NamedNode("http://example.org/1")]
    dataset = oxigraph_dataset(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                                       form, ox.NamedNode("http://example.org/g")) for i, form in enumerate(forms))
    expected = [Literal("1", datatype=URIRef(xsd + "integer")), Literal("1", datatype=URIRef(xsd + "string")),
                Literal("1", lang="en"), Literal("1", datatype=URIRef(xsd + "token")), URIRef("http://example.org/1")]
    described = lambda terms: [(type(t), str(t), getattr(t, "datatype", None), getattr(t, "language", None))  # noqa: E731
                               for t in terms]
    for order in ("ASC", "DESC", "ASC"):
        answered = [row.o for row in dataset.query(f"SELECT ?o WHERE {{ ?s ?p ?o }} ORDER BY {order}(STR(?s))")]
        assert described(answered if order == "ASC" else answered[::-1]) == described(expected)


@pytest.mark.parametrize("name", [n for n, text in QUERIES.items() if "SELECT" in text.upper()])
def test_solution_texts_are_the_rows_of_the_query_in_the_order_of_its_variables(stores, name):
    """`solution_texts` (what the projection reads: from Oxigraph directly where it answers)
    gives the text of what `evaluate` gives, each row's values in the same places, unbound
    variables as None, from every store. As a multiset: rdflib's engine orders rows that tie
    on ORDER BY differently from one evaluation to the next."""
    from collections import Counter
    from graph.sparql.evaluate import evaluate, solution_texts
    for store in stores:
        rows = Counter(tuple(None if term is None else str(term) for term in row)
                       for row in evaluate(store.dataset, QUERIES[name]))
        answered = list(solution_texts(store.dataset, QUERIES[name]))
        assert Counter(answered) == rows
        assert all(type(value) is str for row in answered for value in row if value is not None)  # not terms


def test_solution_texts_leave_out_hidden_graphs_and_refuse_what_is_not_a_select():
    import pyoxigraph as ox
    from rdflib import URIRef
    from graph.model.superseded import HIDDEN_BY_DEFAULT
    from graph.sparql.evaluate import solution_texts
    from graph.sparql.prepare import QueryError
    from graph.store import with_history
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    dataset = oxigraph_dataset([ox.Quad(s, p, ox.Literal("now"), ox.NamedNode("http://example.org/g")),
                                ox.Quad(s, p, ox.Literal("then"), ox.NamedNode(sorted(HIDDEN_BY_DEFAULT)[0]))])
    query = "SELECT ?o ?unbound WHERE { ?s ?p ?o } ORDER BY ?o"
    assert list(solution_texts(dataset, query)) == [("now", None)]
    assert [o for o, _ in solution_texts(with_history(dataset), query)] == ["now", "then"]
    hidden = dataset.graph(URIRef(sorted(HIDDEN_BY_DEFAULT)[0]))  # asked for by name
    assert [o for o, _ in solution_texts(hidden, query)] == ["then"]
    with pytest.raises(ValueError):
        solution_texts(dataset, "ASK { ?s ?p ?o }")
    with pytest.raises(QueryError):
        solution_texts(dataset, "SELECT ?o WHERE { ?s ?p ?o } ORDER BY xyz:nothing(?o)")
