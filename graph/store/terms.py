"""The one bridge between rdflib's terms and Oxigraph's, and the one N-Triples term writer.

rdflib is the project's RDF API and Oxigraph its engine: terms cross between them when a
build hands its quads to Oxigraph's writers, when a store answers a query, and when a term
is written into N-Triples (the store's payloads, TSV results, substituted query parameters).
Every crossing goes through here, so all three agree on what a term looks like.
"""
from __future__ import annotations

import functools
import re

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import Node

_XSD_STRING = str(XSD.string)
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def to_ox(term: Node | Graph | None):
    """An rdflib term (or a graph, by its name) as an Oxigraph term; None stays None."""
    if term is None:
        return None
    if isinstance(term, Graph):
        term = term.identifier
    if term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(term, language=term.language)
        return ox.Literal(term, datatype=ox.NamedNode(term.datatype) if term.datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """An Oxigraph term as an rdflib term. A plain literal keeps xsd:string as its datatype,
    as oxrdflib's triples do, so that answers and reads of one store compare equal."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):  # the lexical form as the store holds it, not re-normalised
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    if isinstance(term, ox.Triple):
        return from_ox(term.subject), from_ox(term.predicate), from_ox(term.object)
    raise TypeError(f"not an Oxigraph term: {term!r}")


def nt_term(term: Node) -> str:
    """A term in N-Triples: an IRI checked (a store, a TSV reader and a query parser all
    refuse a space or one of <>"{}|^`\\), a literal escaped, xsd:string left implicit."""
    if isinstance(term, URIRef):
        return nt_iri(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = ('"' + term.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t") + '"')
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != _XSD_STRING:
            return f"{text}^^{nt_iri(term.datatype)}"
        return text
    raise TypeError(f"not an RDF term: {term!r}")


def nt_iri(iri: str) -> str:
    """`<iri>`, or ValueError if the text cannot be an IRI in N-Triples or SPARQL."""
    if _NOT_IN_IRI.search(iri):
        raise ValueError(f"not an IRI (space or one of <>\"{{}}|^`\\): {str(iri)!r}")
    return f"<{iri}>"


def canonical_triples(graph: Graph) -> Graph:
    """`graph` with its blank nodes labelled by what they say (rdflib's canonical form), not
    at random: two builds of the same data write and hash them alike."""
    return to_canonical_graph(graph) if any(isinstance(t, BNode) for triple in graph for t in triple) else graph


def ox_quads(dataset: Dataset) -> list[ox.Quad]:
    """Every quad of `dataset` as Oxigraph terms, ordered by graph, subject, predicate and
    object (so that Oxigraph's writers put each subject once per graph, its values grouped,
    and two builds write the same bytes), blank nodes labelled canonically (only the
    ontology's lists have any)."""
    term = functools.lru_cache(maxsize=1 << 16)(to_ox)  # the same terms recur thousands of times
    rows = list(dataset.quads((None, None, None, None)))
    blank = {g for s, _, o, g in rows if isinstance(s, BNode) or isinstance(o, BNode)}
    rows = [row for row in rows if row[3] not in blank]
    rows += [(s, p, o, g) for g in blank for s, p, o in canonical_triples(dataset.graph(g))]
    rows.sort(key=lambda q: (str(q[3]), str(q[0]), str(q[1]), str(q[2])))
    return [ox.Quad(term(s), term(p), term(o), term(g)) for s, p, o, g in rows]
