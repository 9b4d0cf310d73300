"""The one bridge between rdflib and Oxigraph terms, and the one N-Triples term writer."""
import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD

from graph.store.terms import from_ox, nt_term, to_ox

TERMS = [URIRef("http://x/a"), BNode("b1"), Literal("chat", lang="fr"), Literal(3),
         Literal("2016-07", datatype=XSD.gYearMonth), Literal("plain", datatype=XSD.string),
         Literal('tab\there "q"\nnew\\', datatype=XSD.string)]


def test_nt_term_escapes_and_types():
    assert nt_term(URIRef("http://x/a")) == "<http://x/a>"
    assert nt_term(BNode("b1")) == "_:b1"
    assert nt_term(Literal('tab\there "q"\nnew\\')) == r'"tab\there \"q\"\nnew\\"'
    assert nt_term(Literal("chat", lang="fr")) == '"chat"@fr'
    assert nt_term(Literal(3)) == '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_a_plain_literal_and_an_xsd_string_are_written_alike():
    """One RDF term (RDF 1.1): the store's hashes and TSV results must not tell them apart."""
    assert nt_term(Literal("x")) == nt_term(Literal("x", datatype=XSD.string)) == '"x"'


@pytest.mark.parametrize("iri", ["http://x/a b", "http://x/<a>", 'http://x/"', "http://x/{a}", "http://x/a|b",
                                 "http://x/^", "http://x/`", "http://x/\\", "http://x/\n"])
def test_a_text_that_cannot_be_an_iri_is_refused(iri):
    with pytest.raises(ValueError, match="not an IRI"):
        nt_term(URIRef(iri))


@pytest.mark.parametrize("term", TERMS, ids=repr)
def test_terms_cross_to_oxigraph_and_back_unchanged(term):
    back = from_ox(to_ox(term))
    assert back == term or (isinstance(term, Literal) and term.datatype is None and back.datatype == XSD.string
                            and str(back) == str(term))
    assert nt_term(back) == nt_term(term)


@pytest.mark.parametrize("term", TERMS, ids=repr)
def test_the_writer_and_oxigraph_agree_on_n_triples(term):
    """What nt_term writes, Oxigraph parses back to the same term."""
    line = f"<http://x/s> <http://x/p> {nt_term(term)} .\n"
    (quad,) = ox.parse(line.encode(), format=ox.RdfFormat.N_TRIPLES)
    assert from_ox(quad.object) == from_ox(to_ox(term))


def test_the_default_graph_is_oxigraphs_default_graph():
    assert to_ox(DATASET_DEFAULT_GRAPH_ID) == ox.DefaultGraph()
