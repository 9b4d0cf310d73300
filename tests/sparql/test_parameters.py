"""Query parameters mean the same on every store: substitution, validated terms, one answer."""
from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from graph.sparql.canned import canned_queries, find_canned
from graph.sparql.parameters import ParameterError, substitute
from graph.sparql.ask import ask
from graph.pipeline.ingest import replace_graphs
from graph.store.base import source_graphs
from graph.store import open_store
from store_answers import answer_rows

A = URIRef("http://example.org/a")
WITH_PARAMS = [q for q in canned_queries() if q.params]


@pytest.mark.parametrize("text, expected", [
    ("SELECT ?o WHERE { ?s ?p ?o }", "SELECT ?o WHERE { <http://example.org/a> ?p ?o }"),
    ("SELECT ?s ?o WHERE { ?s ?p ?o }", "SELECT (<http://example.org/a> AS ?s) ?o WHERE { <http://example.org/a> ?p ?o }"),
    ("SELECT $s { $s ?p ?o }", "SELECT (<http://example.org/a> AS ?s) { <http://example.org/a> ?p ?o }"),
    # a sub-select passes the constant on no more; GROUP BY a constant groups nothing
    ("SELECT ?n WHERE { { SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s } }",
     "SELECT ?n WHERE { { SELECT  (COUNT(?o) AS ?n) WHERE { <http://example.org/a> ?p ?o }  } }"),
    ("SELECT ?o WHERE { { SELECT ?o ?s WHERE { ?s ?p ?o } GROUP BY ?o ?s } }",
     "SELECT ?o WHERE { { SELECT ?o  WHERE { <http://example.org/a> ?p ?o } GROUP BY ?o  } }"),
    ("SELECT ?o WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
     "SELECT ?o WHERE { { SELECT  (<http://example.org/a> AS ?s) WHERE { <http://example.org/a> ?p ?o } } }"),
    ("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?s DESC(?s)",
     "SELECT ?o WHERE { <http://example.org/a> ?p ?o } ORDER BY (<http://example.org/a>) DESC(<http://example.org/a>)"),
    ("SELECT ?x WHERE { ?x ?p ?o FILTER(!BOUND(?s) || ?s = ?x) }",
     "SELECT ?x WHERE { ?x ?p ?o FILTER(!true || <http://example.org/a> = ?x) }"),
    # strings, IRIs, comments, longer names and a less-than are not variables
    ('SELECT ?x WHERE { ?x ?p "?s" ; <http://e/?s> ?sx FILTER(?x<?s) } # ?s',
     'SELECT ?x WHERE { ?x ?p "?s" ; <http://e/?s> ?sx FILTER(?x<<http://example.org/a>) } # ?s'),
    ("ASK { ?s a ?c }", "ASK { <http://example.org/a> a ?c }"),
])
def test_substitution_replaces_the_variable_wherever_it_stands(text, expected):
    assert substitute(text, {"s": A}) == expected


def test_literals_are_written_with_their_datatype_or_language():
    assert substitute("ASK { ?x ?p ?v }", {"v": Literal(2015)}) == \
        'ASK { ?x ?p "2015"^^<http://www.w3.org/2001/XMLSchema#integer> }'
    assert substitute("ASK { ?x ?p ?v }", {"v": Literal('say "no"', lang="en")}) == 'ASK { ?x ?p "say \\"no\\""@en }'


def test_a_query_asked_again_with_other_values_gets_each_value_in_its_own_place():
    text = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    first = substitute(text, {"s": A, "o": Literal(1)})
    second = substitute(text, {"s": URIRef("http://example.org/b"), "o": Literal("x", lang="en")})
    one = '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert first == f'SELECT (<http://example.org/a> AS ?s) ({one} AS ?o) WHERE {{ <http://example.org/a> ?p {one} }} ORDER BY ({one})'
    assert second == ('SELECT (<http://example.org/b> AS ?s) ("x"@en AS ?o) WHERE { <http://example.org/b> ?p "x"@en } '
                      'ORDER BY ("x"@en)')
    assert substitute(text, {"o": Literal(1)}).startswith("SELECT ?s (")  # the names bound make their own text


def test_a_query_holding_a_nul_is_substituted_all_the_same():
    assert substitute('ASK { ?s ?p "a\x00b" }', {"s": A}) == 'ASK { <http://example.org/a> ?p "a\x00b" }'


@pytest.mark.parametrize("text", ["SELECT (1 AS ?s) WHERE {}", "SELECT ?x WHERE { BIND(?x AS ?s) }",
                                  "SELECT ?x WHERE { VALUES ?s { <http://e/b> } }",
                                  "SELECT ?x WHERE { VALUES (?x ?s) { (1 2) } }"])
def test_a_variable_the_query_sets_cannot_be_a_parameter(text):
    with pytest.raises(ParameterError, match=r"\?s is set by the query itself"):
        substitute(text, {"s": A})


def test_a_blank_node_cannot_be_a_parameter():
    with pytest.raises(ParameterError, match="blank node"):
        substitute("ASK { ?s ?p ?o }", {"s": BNode()})


def _rows(dataset, query, params=None):
    """The answer with `params` bound ({}: the declared defaults), or unbound when None."""
    result = ask(dataset, query.text, params or {}, query.params if params is not None else ())
    return {tuple(r) for r in result}


EXAMPLES = {"actor_facts": {}, "actors_of_class": {}, "case_timeline": {}, "source_edges": {},
            "contested_claims": {"about": "id:dearden_abuse_allegation"}, "who_said_what": {"who": "id:alex_dearden"},
            "figures_disagree": {"counts": '"police forces that answered"'},
            "overseers_on_date": {}}
"""A value for each parameterised canned query ({}: its default) that the seed data answers."""


def test_every_parameterised_canned_query_has_an_example():
    assert {q.name for q in WITH_PARAMS} == set(EXAMPLES)


@pytest.mark.parametrize("query", WITH_PARAMS, ids=[q.name for q in WITH_PARAMS])
def test_a_parameter_only_narrows_the_answer(dataset, query):
    """Bound, a canned query answers some of the rows it answers unbound, and no row that it
    does not (rdflib's initBindings labelled rows about others with the bound value)."""
    bound, unbound = _rows(dataset, query, EXAMPLES[query.name]), _rows(dataset, query)
    assert bound and bound <= unbound


def test_contested_claims_about_one_subject_are_claims_about_it(dataset):
    query = find_canned("contested_claims")
    everyone = _rows(dataset, query)
    allegation = _rows(dataset, query, {"about": "id:dearden_abuse_allegation"})
    assert allegation == {row for row in everyone if str(row[0]) == "Allegation that Alex Dearden abused his then wife"}
    assert len(allegation) == 4
    assert _rows(dataset, query, {"about": "id:thames_valley_police"}) == set()  # nothing contested has TVP as subject


@pytest.fixture(scope="module")
def stores(tmp_path_factory, built):
    graphs = source_graphs(built.dataset)
    memory, embedded = open_store("memory"), open_store(str(tmp_path_factory.mktemp("params") / "store"))
    for store in (memory, embedded):
        replace_graphs(store, graphs)
    yield memory, embedded
    embedded.close()


@pytest.mark.parametrize("query", WITH_PARAMS, ids=[q.name for q in WITH_PARAMS])
def test_bound_queries_answer_alike_in_memory_and_in_oxigraph(stores, query):
    memory, embedded = (answer_rows(ask(store.dataset, query.text, EXAMPLES[query.name], query.params))
                        for store in stores)
    assert memory and memory == embedded
