"""Network questions over the projection (graph.network.project): chains, paths, neighbourhoods, centrality.

Which relations mean "is held to account by" is read from the ontology (every sub-property of
og:accountableTo, and of og:holdsToAccount taken in reverse), so a relation added there
joins the chain of oversight without code changes. Only statements whose claim status
asserts a fact (reported, stated, reference) form the chain: an allegation is not oversight.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from itertools import islice

import networkx as nx
from rdflib import Graph, URIRef

from graph.model.namespaces import NS
from graph.network.projection import project


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


def sub_properties(graph: Graph, prop: str) -> set[str]:
    """`prop` and every property below it, from the ontology (rdfs:subPropertyOf*)."""
    rows = graph.query(f"SELECT ?p WHERE {{ ?p rdfs:subPropertyOf* {prop} }}", initNs=NS)
    return {str(row.p) for row in rows}


def fact_statuses(graph: Graph) -> set[str]:
    """Claim statuses whose statements assert their triple (og:assertsFact true)."""
    rows = graph.query("SELECT ?n WHERE { ?s og:assertsFact true ; skos:notation ?n }", initNs=NS)
    return {str(row.n) for row in rows}


def accountability_links(graph: Graph, net: nx.MultiDiGraph) -> list[tuple[str, str, Link]]:
    """(lower, upper, link) for every asserted edge that makes `lower` accountable to `upper`."""
    up, down = sub_properties(graph, "og:accountableTo"), sub_properties(graph, "og:holdsToAccount")
    facts = fact_statuses(graph)
    found = []
    for s, o, data in net.edges(data=True):
        if data["status"] not in facts:
            continue
        if data["predicate"] in up:
            found.append((s, o, link(net, s, o, data)))
        elif data["predicate"] in down:
            found.append((o, s, link(net, s, o, data)))
    return found


def _accountable_to(graph: Graph, net: nx.MultiDiGraph) -> dict[str, dict[str, list[Link]]]:
    """lower -> upper -> evidence, built once per projection and kept in it (`net.graph`):
    a national projection has hundreds of thousands of edges, and a chain needs a handful."""
    if "accountable_to" not in net.graph:
        upward: dict[str, dict[str, list[Link]]] = {}
        for lower, upper, lk in accountability_links(graph, net):
            upward.setdefault(lower, {}).setdefault(upper, []).append(lk)
        net.graph["accountable_to"] = upward
    return net.graph["accountable_to"]


@dataclass
class ChainStep:
    """`lower` is accountable to `upper`, `level` steps above the actor asked about."""
    level: int
    lower: Node
    upper: Node
    links: list[Link]


def oversight_chain(graph: Graph, actor: URIRef, net: nx.MultiDiGraph | None = None) -> list[ChainStep]:
    """Everyone above `actor` in the chain of oversight, breadth first, each step with its evidence.

    Like every function here, it projects `graph` unless given the projection `net`
    (projecting takes a few seconds; a notebook can do it once).
    """
    net = net if net is not None else project(graph)
    start = str(actor)
    upward = _accountable_to(graph, net)
    level = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for upper in upward.get(node, {}):
            if upper not in level:
                level[upper] = level[node] + 1
                queue.append(upper)
    steps = [ChainStep(level[lower] + 1, Node.of(net, lower), Node.of(net, upper), lks)
             for lower in level for upper, lks in upward.get(lower, {}).items()
             if upper != start and level[upper] >= level[lower]]
    return sorted(steps, key=lambda s: (s.level, s.lower.label, s.upper.label))


@dataclass
class Hop:
    start: Node
    end: Node
    links: list[Link]


def shortest_paths(graph: Graph, a: URIRef, b: URIRef, limit: int = 10,
                   net: nx.MultiDiGraph | None = None) -> list[list[Hop]]:
    """The shortest connections between a and b, ignoring edge direction, each hop explained.

    Raises networkx.NetworkXNoPath when nothing connects them.
    """
    net = net if net is not None else project(graph)
    simple = nx.Graph(net.to_undirected(as_view=True))
    paths = islice(nx.all_shortest_paths(simple, str(a), str(b)), limit)
    return [[Hop(Node.of(net, u), Node.of(net, v), links_between(net, u, v))
             for u, v in zip(path, path[1:])] for path in paths]


@dataclass
class Neighbourhood:
    centre: Node
    radius: int
    nodes: list[tuple[int, Node]]
    """(distance from the centre, node), nearest first."""
    links: list[Link]


def neighbourhood(graph: Graph, actor: URIRef, radius: int = 1,
                  net: nx.MultiDiGraph | None = None) -> Neighbourhood:
    """The ego network: everything within `radius` edges of `actor` (either direction)."""
    net = net if net is not None else project(graph)
    centre = str(actor)
    distance = nx.single_source_shortest_path_length(net.to_undirected(as_view=True), centre, cutoff=radius)
    ego = net.subgraph(distance)
    nodes = sorted(((d, Node.of(net, n)) for n, d in distance.items()), key=lambda x: (x[0], x[1].label))
    links = sorted((link(net, s, o, data) for s, o, data in ego.edges(data=True)),
                   key=lambda x: (x.subject.label, x.relation, x.object.label, x.status))
    return Neighbourhood(Node.of(net, centre), radius, nodes, links)


MEASURES = ("degree", "betweenness", "pagerank")


@dataclass
class Centrality:
    node: Node
    degree: int
    """Number of distinct neighbours."""
    betweenness: float
    """Share of shortest paths between other nodes that pass through this one (normalised)."""
    pagerank: float


def centrality(graph: Graph, measure: str = "betweenness", top: int = 10,
               net: nx.MultiDiGraph | None = None) -> list[Centrality]:
    """Actors ranked by `measure` (degree, betweenness or PageRank) in the undirected projection.

    Events, figures and documents stay in the network (a letter is what links an MP and a
    PCC) but only actors are ranked. Parallel edges count once.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    net = net if net is not None else project(graph)
    simple = nx.Graph(net.to_undirected(as_view=True))
    betweenness = nx.betweenness_centrality(simple)
    pagerank = nx.pagerank(simple)
    actors = {str(row.x) for row in graph.query("SELECT DISTINCT ?x WHERE { ?x a og:Actor }", initNs=NS)}
    ranked = [Centrality(Node.of(net, n), simple.degree(n), round(betweenness[n], 4), round(pagerank[n], 4))
              for n in simple if n in actors]
    ranked.sort(key=lambda c: (-getattr(c, measure), c.node.label))
    return ranked[:top]
