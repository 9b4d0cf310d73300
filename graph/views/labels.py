"""How a resource is named and what a Dataset says about it: pure reads shared by the views
and the server's entity pages, kept here so that the views never import the server."""
from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from graph.model.namespaces import DCTERMS, FOAF, RDFS, SDO, SKOS

_LABELS = (RDFS.label, SKOS.prefLabel, FOAF.name, SDO.name, DCTERMS.title)


def label(dataset: Dataset, node: Node) -> str:
    """A human name for a node: its first label-like literal, else the end of its IRI."""
    for predicate in _LABELS:
        for _, _, value, _ in dataset.quads((node, predicate, None, None)):
            if isinstance(value, Literal):
                return str(value)
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text


def quads_about(dataset: Dataset, iri: URIRef) -> list[tuple]:
    """Quads with `iri` as subject, then as object (a quad can't be both twice)."""
    as_subject = list(dataset.quads((iri, None, None, None)))
    return as_subject + [q for q in dataset.quads((None, None, iri, None)) if q[0] != iri]
