"""Project the RDF graph into a typed networkx MultiDiGraph for path and neighbourhood questions.

The projection is read with SPARQL from whatever store holds the dataset (never from the data
files): every sourced statement whose object is a resource becomes an edge carrying its
relation, claim status and sources, so that allegations stay apart from findings here too.
Each source of an edge keeps the statement's legal basis and validity period, if it has them.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from graph.model.namespaces import ID, OG
from graph.model.resources import ontology_file
from graph.model.vocabulary import Vocabulary, bundled_vocabulary
from graph.network.replies import attach_replies
from graph.sparql.evaluate import solution_texts
from graph.store.memo import code_version, keep, kept

if TYPE_CHECKING:  # imported where a projection is made: `oversight chain` reads a kept index, not networkx
    import networkx as nx

_EDGES = """
SELECT ?s ?p ?o ?status ?src ?basis ?from ?until (GROUP_CONCAT(DISTINCT STR(?para); separator=",") AS ?paras)
       (GROUP_CONCAT(DISTINCT STR(?by); separator=" ") AS ?bys)
WHERE {
  ?st a og:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      og:claimStatus/skos:notation ?status ; og:source ?src .
  FILTER(isIRI(?o) && ?p != rdf:type && STRSTARTS(STR(?o), STR(id:)))
  OPTIONAL { ?st og:paragraph ?para }
  OPTIONAL { ?st og:attributedTo ?by }
  OPTIONAL { ?st og:legalBasis/rdfs:label ?basis }
  OPTIONAL { ?st og:validFrom ?from }
  OPTIONAL { ?st og:validUntil ?until }
}
GROUP BY ?s ?p ?o ?status ?src ?basis ?from ?until
"""

_SOURCES = """
SELECT ?src ?srcid ?title WHERE {
  { SELECT DISTINCT ?src WHERE { ?st og:source ?src } }
  OPTIONAL { ?src og:identifier ?srcid }
  OPTIONAL { ?src dcterms:title ?title }
}
"""
"""Each source's identifier and title, asked once for the few hundred sources. Asked in
_EDGES for each of its rows, they made its groups' keys longer: at 3M triples it took
4.4-5.7 s where it now takes 2.6 s, and the whole projection 8.5-9.1 s where it now takes
7.4-7.9 s (at 1M, 1.3 s where it now takes 0.8-1.1 s)."""

_NODES = """
SELECT ?n ?label ?type ?date WHERE {
  ?n rdfs:label ?label ; og:identifier ?ident .
  FILTER(STRSTARTS(STR(?n), STR(id:)))
  OPTIONAL { ?n a ?type }
  OPTIONAL { ?n og:date ?date }
}
"""


def local_id(iri: str) -> str:
    return str(iri)[len(str(ID)):] if str(iri).startswith(str(ID)) else str(iri)


def project(graph: Graph, vocabulary: Vocabulary | None = None) -> nx.MultiDiGraph:
    """Nodes keyed by IRI (label, cls, cls_label, id, date); edges keyed 'relation|status'."""
    vocab = vocabulary or bundled_vocabulary()
    # a national graph has a few dozen classes and relations, named a million times
    named = functools.cache(lambda iri: (vocab.shorten(URIRef(iri)).split(":")[-1], vocab.label(URIRef(iri))))
    specific = functools.cache(lambda classes: most_specific(vocab, set(map(URIRef, classes))))
    import networkx as nx
    net = nx.MultiDiGraph()
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    dates: dict[str, set[str]] = defaultdict(set)
    for node, label, type_, date in solution_texts(graph, _NODES):
        labels.setdefault(node, label)
        if type_ is not None:
            types[node].add(type_)
        if date is not None:
            dates[node].add(date)
    for node, label in labels.items():
        cls, cls_label = named(specific(frozenset(types[node]))) if types[node] else ("Thing", "thing")
        net.add_node(node, iri=node, id=local_id(node), label=label, cls=cls, cls_label=cls_label,
                     date=ordering_date(dates.get(node)))
    attach_replies(graph, net)  # shown beside the claim in every view
    # Gathered in plain dicts, each edge's sources sorted once and the edges added together:
    # a national projection has 50,000 rows, which networkx's look-ups per row made slow.
    edges: dict[tuple[str, str, str], dict] = {}
    details: dict[str, list[tuple]] = defaultdict(list)  # (identifier, title): a source with two titles is cited twice
    for src, srcid, title in solution_texts(graph, _SOURCES):
        details[src].append((srcid, title))
    for s, p, o, status, src, basis, valid_from, until, paras, bys in solution_texts(graph, _EDGES):
        relation, relation_label = named(p)
        key = f"{relation}|{status}"
        edge = edges.get((s, o, key))
        if edge is None:
            edge = edges[s, o, key] = dict(relation=relation, predicate=p, relation_label=relation_label,
                                           status=status, sources=[], attributed_to=[])
        edge["sources"] += ({"source": srcid or src, "title": title or "",
                             "paragraphs": sorted(int(n) for n in (paras or "").split(",") if n),
                             "legal_basis": basis or None, "valid_from": valid_from or None,
                             "valid_until": until or None} for srcid, title in details[src])
        for by in (bys or "").split():  # unbound, not "", from stores where no one is named
            if by not in edge["attributed_to"]:
                edge["attributed_to"].append(by)
    for s, o, _ in edges:
        for node in (s, o):
            if node not in net:
                net.add_node(node, iri=node, id=local_id(node), label=local_id(node),
                             cls="Thing", cls_label="thing", date=None)
    for edge in edges.values():
        edge["sources"].sort(key=lambda x: (x["source"], x["valid_from"] or "", x["legal_basis"] or ""))
    net.add_edges_from((s, o, key, edge) for (s, o, key), edge in edges.items())
    return net


def projection(graph: Graph) -> nx.MultiDiGraph:
    """`project(graph)`, made once for the content of the store holding `graph`: kept by the
    store (an embedded store keeps it in its folder for later processes) until it changes."""
    return kept(graph, "projection", version(), lambda: project(graph))


def keep_projection(graph: Graph, net: nx.MultiDiGraph) -> None:
    """`net`, projected from the same quads as the store holding `graph`, kept by that store:
    the build hands over the projection of its views, so the first `oversight chain` or web
    page after a build does not project a national store again."""
    keep(graph, "projection", version(), net)


@functools.cache
def version() -> str:
    """What a result kept from the projection depends on besides the store: this code and the ontology."""
    return code_version(Path(__file__).read_bytes(), ontology_file().read_bytes())


def ordering_date(dates) -> str | None:
    """The date a node is placed by: the most precise, the earliest of those where sources
    disagree (as a route orders its events), never whichever came first, which differed
    between processes; None without one."""
    return min(dates, key=lambda d: (-len(d), d)) if dates else None


def most_specific(vocab: Vocabulary, classes: set[URIRef]) -> URIRef:
    """The class among `classes` that no other one in the set specialises (og classes first)."""
    own = [c for c in classes if str(c).startswith(str(OG))] or list(classes)
    leaves = [c for c in own if not any(o != c and vocab.is_subclass(o, c) for o in own)]
    return sorted(leaves)[0]


@dataclass(frozen=True)
class Node:
    iri: str
    id: str
    label: str
    cls: str

    @classmethod
    def of(cls, net: nx.MultiDiGraph, iri: str) -> Node:
        data = net.nodes[iri]
        return cls(iri, data["id"], data["label"], data["cls_label"])


@dataclass
class Link:
    """One projected edge as the sources state it: subject, relation, object, status, sources."""
    subject: Node
    relation: str
    relation_label: str
    object: Node
    status: str
    sources: list[dict]
    attributed_to: list[str] = field(default_factory=list)


def links_between(net: nx.MultiDiGraph, a: str, b: str) -> list[Link]:
    """Every edge between a and b, in either direction."""
    found = []
    for s, o in ((a, b), (b, a)):
        for data in (net.get_edge_data(s, o) or {}).values():
            found.append(link(net, s, o, data))
    return sorted(found, key=lambda x: (x.relation, x.status))


def link(net: nx.MultiDiGraph, s: str, o: str, data: dict) -> Link:
    return Link(Node.of(net, s), data["relation"], data["relation_label"], Node.of(net, o),
                data["status"], data["sources"], data["attributed_to"])
