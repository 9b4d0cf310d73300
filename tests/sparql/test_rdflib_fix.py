"""The one workaround of an rdflib bug (RDFLib#3382): installed explicitly, gated on rdflib's
version, and a test that fails once rdflib answers correctly by itself."""
import rdflib
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import CUSTOM_EVALS

from graph.sparql import rdflib_fix

A = URIRef("http://e/a")
EMPTY_GROUP = ("SELECT * WHERE { { SELECT ?s (SAMPLE(?o) AS ?x) WHERE { ?s <http://e/none> ?o } GROUP BY ?s } "
               "?s ?p ?o }")
"""A sub-select grouping nothing: rdflib's row of nothing joins with every triple around it."""


@pytest.fixture
def graph():
    g = Graph()
    g.add((A, A, Literal(1)))
    return g


@pytest.fixture
def without_fix(monkeypatch):
    for key in [k for k in CUSTOM_EVALS if k.startswith("oversight-graph")]:
        monkeypatch.delitem(CUSTOM_EVALS, key)


def test_importing_the_package_installs_nothing(without_fix):
    import importlib
    import graph
    importlib.reload(graph)
    assert not any(k.startswith("oversight-graph") for k in CUSTOM_EVALS)


def test_rdflib_still_answers_an_empty_group_by_with_a_row(graph, without_fix):
    """When this fails, rdflib has released the fix: set rdflib_fix.BROKEN_BEFORE to that
    release and, once the project requires it, delete graph/sparql/rdflib_fix.py."""
    assert rdflib_fix.needed(rdflib.__version__)
    assert len(list(graph.query(EMPTY_GROUP))) == 1


def test_with_the_fix_a_group_by_that_finds_nothing_has_no_row(graph, without_fix):
    rdflib_fix.install()
    rdflib_fix.install()  # idempotent
    assert list(graph.query(EMPTY_GROUP)) == []
    assert list(graph.query("SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s <http://e/none> ?o } GROUP BY ?s")) == []
    # without GROUP BY the aggregate is over one group, as SPARQL requires
    assert [int(r[0]) for r in graph.query("SELECT (COUNT(?o) AS ?n) WHERE { ?s <http://e/none> ?o }")] == [0]
    assert [int(r[1]) for r in graph.query("SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s")] == [1]


def test_the_fix_is_gated_on_the_rdflib_version(without_fix, monkeypatch):
    assert rdflib_fix.needed("7.6.0")
    assert not rdflib_fix.needed(".".join(map(str, rdflib_fix.BROKEN_BEFORE)))
    monkeypatch.setattr(rdflib_fix, "needed", lambda version=None: False)
    rdflib_fix.install()
    assert not any(k.startswith("oversight-graph") for k in CUSTOM_EVALS)


def test_the_query_layer_installs_it_before_rdflib_answers(graph, without_fix):
    from graph.sparql.evaluate import evaluate
    assert list(evaluate(graph, EMPTY_GROUP)) == []
