"""Relations that must never go round in a circle: og:after, org:subOrganizationOf...

The route of a case is a topological order of og:after, and a unit cannot be part of itself:
a cycle there passes every other check and then breaks the commands that read it. Which
relations must be acyclic is said in ontology/shapes.ttl (`a ogsh:Acyclic`): SHACL cannot find
a cycle without walking the chain from every node, so the whole graph is searched once here,
its statements read out of the in-memory Oxigraph the shapes run in.
"""
from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, URIRef

from graph.data.errors import DataError
from graph.data.load import LoadedData
from graph.model.namespaces import ID, RDF, RDFS
from graph.store.terms import from_ox

ACYCLIC = URIRef("https://w3id.org/oversight-graph/shapes#Acyclic")
SHOWN_STEPS = 6
"""Steps of a cycle a message lists; a longer one says how many more."""
_STATEMENTS = "SELECT ?p ?st ?s ?o WHERE { ?st rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o }"


def cycle_errors(data: LoadedData, shapes: Graph, store: ox.Store) -> list[DataError]:
    """One DataError per cycle of each acyclic relation (its sub-properties included), whatever
    the claim status of the facts: placed at the first fact of the cycle, listing each fact.
    `store` holds the data's graphs (graph.check.validated_store)."""
    errors = []
    for relation in sorted(shapes.subjects(RDF.type, ACYCLIC)):
        name = data.vocabulary.shorten(relation)
        predicates = set(data.vocabulary.graph.transitive_subjects(RDFS.subPropertyOf, relation))
        for cycle in _cycles(data, store, predicates):
            file, line = cycle[0][2]
            steps = [f"{_id(s)} → {_id(o)} ({f'line {n}' if f == file else f'{f}:{n}'})"
                     for s, o, (f, n) in cycle[:SHOWN_STEPS]]
            more = f" and {len(cycle) - SHOWN_STEPS} more" if len(cycle) > SHOWN_STEPS else ""
            errors.append(DataError(file, line, _id(cycle[0][0]),
                                    f"{name} goes round in a circle: {', '.join(steps)}{more}; remove or correct one of these facts"))
    return errors


def _cycles(data: LoadedData, store: ox.Store, predicates: set) -> list[list[tuple]]:
    """A cycle of each strongly connected part of the relation, as (subject, object, (file, line))
    steps beginning at the fact written first (each edge added in the order its first fact was
    written, so the same data finds the same cycle)."""
    where = data.statement_locations
    facts = []
    for predicate in predicates:
        for row in store.query(_STATEMENTS, prefixes={"rdf": str(RDF)}, use_default_graph_as_union=True,
                               substitutions={ox.Variable("p"): ox.NamedNode(predicate)}):
            st, s, o = (from_ox(row[name]) for name in ("st", "s", "o"))
            facts.append((where.get(st, ("data", 0)), str(s), str(o), s, o))
    edges = nx.DiGraph()
    for place, _, _, s, o in sorted(facts, key=lambda fact: fact[:3]):
        if not edges.has_edge(s, o):
            edges.add_edge(s, o, place=place)
    found = []
    for part in nx.strongly_connected_components(edges):
        node = min(part, key=str)
        if len(part) == 1 and not edges.has_edge(node, node):
            continue
        cycle = [(s, o, edges.edges[s, o]["place"]) for s, o in nx.find_cycle(edges.subgraph(part), node)]
        first = min(range(len(cycle)), key=lambda i: cycle[i][2])
        found.append(cycle[first:] + cycle[:first])
    return sorted(found, key=lambda c: c[0][2])


def _id(node) -> str:
    """How messages name a record: its id."""
    return str(node).removeprefix(str(ID))
