"""Content negotiation and the TSV writer, without a server."""
import io

import pytest
from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from rdflib.query import Result

from graph.sparql.formats import GRAPH_TYPES, RESULT_TYPES, negotiate, tsv_results

RESULTS = list(RESULT_TYPES)


@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/*, text/csv;q=0", "text/tab-separated-values"),
    ("application/sparql-results+xml;q=0.5, text/csv;q=0.9", "text/csv"),
    ("application/json", "application/sparql-results+json"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ("*/*;q=0", None),
    ("image/png", None),
    ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
])
def test_negotiate_results(accept, expected):
    assert negotiate(accept, RESULTS) == expected


def test_negotiate_graphs_defaults_to_turtle():
    assert negotiate("*/*", list(GRAPH_TYPES)) == "text/turtle"
    assert negotiate("application/ld+json", list(GRAPH_TYPES)) == "application/ld+json"


def test_format_shortcut_wins_and_depends_on_the_query_form():
    assert negotiate("text/csv", RESULTS, ["xml"]) == "application/sparql-results+xml"
    assert negotiate(None, list(GRAPH_TYPES), ["xml"]) == "application/rdf+xml"
    # SPARQLWrapper repeats `format`: a short name, then a media type.
    assert negotiate(None, RESULTS, ["tsv", "text/tab-separated-values"]) == "text/tab-separated-values"
    assert negotiate("text/csv", RESULTS, ["nonsense"]) == "text/csv"


def test_tsv_round_trips_through_rdflib_parser():
    result = Result("SELECT")
    a, b = (URIRef("http://x/a"), Literal("two\twords", lang="en"))
    result.vars = [Variable("s"), Variable("o")]
    result.bindings = [{Variable("s"): a, Variable("o"): b}, {Variable("s"): a}]
    text = tsv_results(result).decode()
    assert text.splitlines()[0] == "?s\t?o"
    parsed = TSVResultParser().parse(io.StringIO(text))
    rows = list(parsed)
    assert rows[0][0] == a and rows[0][1] == b
    assert rows[1][1] is None
