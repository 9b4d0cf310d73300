"""What the ontology promises beyond the asserted facts, computed once at build time.

owlrl's OWL 2 RL closure runs over the asserted (plain) triples and the ontology. Only the
conclusions about the project's own resources are kept: inverse relations (a PCC `oversees`
a force that is `overseenBy` it), super-properties (every specific oversight relation is an
`accountableTo`), the transitive `accountableTo`/`holdsToAccount`, symmetric relations and
super-classes. They go into a named graph of their own, so that SPARQL answers them without
property paths and nobody mistakes them for what a source said.
"""
from __future__ import annotations

import owlrl
from rdflib import Graph, URIRef

from .namespaces import ID, OWL, RDF, RDFS

_AXIOMS = (RDFS.subPropertyOf, RDFS.subClassOf, OWL.inverseOf, RDF.type)


def _is_statement(node) -> bool:
    return str(node).startswith(str(ID) + "st-")


def closure(facts: Graph, ontology: Graph) -> Graph:
    """The triples about data resources that follow from `facts` and the ontology's axioms."""
    work = Graph()
    for s, p, o in facts:
        if not _is_statement(s) and isinstance(o, URIRef):
            work.add((s, p, o))
    for axiom in _AXIOMS:
        for s, p, o in ontology.triples((None, axiom, None)):
            if axiom != RDF.type or o in (OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.ObjectProperty):
                work.add((s, p, o))
    asserted = set(work)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    inferred = Graph()
    for s, p, o in work:
        if (s, p, o) in asserted or not str(s).startswith(str(ID)) or s == o:
            continue
        if p == RDF.type or str(o).startswith(str(ID)):
            if (s, p, o) not in facts and str(p) != str(OWL.sameAs):
                inferred.add((s, p, o))
    return inferred
