"""What the ontology promises beyond the asserted facts, computed once at build time.

An OWL 2 RL closure runs over the asserted (plain) triples and the ontology. Only the
conclusions about the project's own resources are kept: inverse relations (a PCC `oversees`
a force that is `overseenBy` it), super-properties (every specific oversight relation is an
`accountableTo`), the transitive `accountableTo`/`holdsToAccount`, symmetric relations and
super-classes. They go into a named graph of their own, so that SPARQL answers them without
property paths and nobody mistakes them for what a source said.

The reasoner is `reasonable`, the Rust OWL 2 RL reasoner of the Brick project: it draws the
conclusions owlrl draws here (a test compares the two on the seed data), reasoning fifty
times faster. At 300k triples the whole closure took 44 s with owlrl and takes 7 s now,
most of it reading the premises out of rdflib.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import reasonable
from rdflib import Graph, URIRef

from graph.model.namespaces import ID, OWL, RDF, RDFS, STATEMENT_IDS

_AXIOMS = (RDFS.subPropertyOf, RDFS.subClassOf, OWL.inverseOf, RDF.type)
# Looked up once: a national closure asks them of a million triples and every derived one, and
# an rdflib namespace makes a new term each time: `conclusions` took 0.5 s at 1M triples, 0.27 s so.
_DATA = str(ID)
_TYPE, _THING, _SAME_AS = RDF.type, OWL.Thing, OWL.sameAs


def _is_statement(node) -> bool:
    return node.startswith(STATEMENT_IDS)


def closure(sources: Iterable[Iterable[tuple]], ontology: Graph, read: Callable[[], None] = lambda: None) -> set[tuple]:
    """The triples about data resources that follow from the source graphs and the ontology's
    axioms (read graph by graph: merging a national dataset first took seconds). `read()` is
    called once they are read, before the reasoner runs."""
    premises = reasoning_input(sources, ontology)
    read()
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(list(premises))
    return conclusions(reasoner.reason(), premises)


def reasoning_input(sources: Iterable[Iterable[tuple]], ontology: Graph) -> set[tuple]:
    """The plain relations between resources (statement nodes left out) and the axioms, as a
    set of triples: an rdflib graph of them took a third of the closure's time at 1M."""
    work = {(s, p, o) for graph in sources for s, p, o in graph if isinstance(o, URIRef) and not _is_statement(s)}
    for axiom in _AXIOMS:
        for s, p, o in ontology.triples((None, axiom, None)):
            if axiom != RDF.type or o in (OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.ObjectProperty):
                work.add((s, p, o))
    return work


def conclusions(derived: Iterable[tuple], premises: set[tuple]) -> set[tuple]:
    """What a closure adds about the data's own resources: new types and new relations.

    A fact that is not among the premises cannot be a conclusion: its subject is a statement
    node, or its object a literal, and neither is concluded about."""
    inferred = set()
    for s, p, o in derived:
        if (s, p, o) in premises or not s.startswith(_DATA) or s == o:
            continue
        if p == _TYPE and o == _THING:
            continue  # true of every individual (owlrl's axiomatic triples, which we leave out)
        if (p == _TYPE or o.startswith(_DATA)) and p != _SAME_AS:
            inferred.add((s, p, o))
    return inferred
