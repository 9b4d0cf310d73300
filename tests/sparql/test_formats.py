"""SPARQL XML results write every term: rdflib's writer drops falsy literals (RDFLib#3138)."""
import io

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from graph.sparql.formats import serialize_result

FALSY = "SELECT (0 AS ?z) (false AS ?f) (\"\" AS ?e) (<http://x/a> AS ?u) (\"chat\"@fr AS ?l) {}"
XML = "application/sparql-results+xml"


def test_xml_results_keep_zero_false_and_every_term():
    result = Graph().query(FALSY)
    back = Result.parse(io.BytesIO(serialize_result(result, XML)), format="xml")
    (row,) = list(back)
    assert [row.z, row.f, row.e, row.u, row.l] == [Literal(0), Literal(False), Literal(""), URIRef("http://x/a"),
                                                   Literal("chat", lang="fr")]
    assert str(row.z) == "0" and str(row.f) == "false"


def test_xml_ask_results():
    body = serialize_result(Graph().query("ASK {}"), XML)
    assert Result.parse(io.BytesIO(body), format="xml").askAnswer is True


def test_rdflibs_own_xml_writer_still_drops_falsy_literals():
    """When this fails, rdflib has released the fix of issue 3138: serve its XML writer again
    (RESULT_TYPES in graph/sparql/formats.py) and delete xml_results."""
    body = Graph().query(FALSY).serialize(format="xml").decode()
    assert 'datatype="http://www.w3.org/2001/XMLSchema#integer"></literal>' in body
