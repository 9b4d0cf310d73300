"""Paths, neighbourhoods and centrality over the projection (graph.network.projection)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef

from graph.network.projection import Link, Node, link, links_between, local_id, projection, version
from graph.sparql.evaluate import evaluate
from graph.store.memo import code_version, kept


@dataclass
class Hop:
    start: Node
    end: Node
    links: list[Link]


def shortest_paths(graph: Graph, a: URIRef, b: URIRef, limit: int = 10,
                   net: nx.MultiDiGraph | None = None, actors_only: bool = True) -> list[list[Hop]]:
    """The shortest connections between a and b, ignoring edge direction, each hop explained:
    from actor to actor, unless `actors_only` is false and they may run through events,
    documents and figures too (a letter links its sender and recipient as well as `wrote to`).

    Raises NotConnected when nothing connects them.
    """
    if actors_only and net is None and {str(a), str(b)} <= actors(graph):
        simple = actor_network(graph)  # carries each actor and the links of each hop

        def hop(u: str, v: str) -> Hop:
            return Hop(simple.nodes[u]["node"], simple.nodes[v]["node"], simple.edges[u, v]["links"])
    else:
        simple = undirected(graph, net)
        if actors_only:
            simple = simple.subgraph(actors(graph) | {str(a), str(b)})
        net = net if net is not None else projection(graph)

        def hop(u: str, v: str) -> Hop:
            return Hop(Node.of(net, u), Node.of(net, v), links_between(net, u, v))
    try:
        found = list(islice(nx.all_shortest_paths(simple, str(a), str(b)), limit))
    except nx.NetworkXNoPath:
        through = "other actors" if actors_only else "actors, events, documents or figures"
        raise NotConnected(f"nothing connects {local_id(a)} and {local_id(b)} through {through}") from None
    return [[hop(u, v) for u, v in zip(path, path[1:])] for path in found]


class NotConnected(ValueError):
    """No path joins the two nodes asked about (said in the project's words, not networkx's)."""


def undirected(graph: Graph, net: nx.MultiDiGraph | None = None) -> nx.Graph:
    """The projection's nodes and who is linked to whom, direction and parallel edges dropped.

    Copying a national projection into it takes over a second, so without `net` it is kept
    by the store for its content, as the projection is."""
    if net is not None:
        return _bare(net)
    return kept(graph, "undirected", _version(), lambda: _bare(projection(graph)))


def actor_network(graph: Graph) -> nx.Graph:
    """`undirected` between actors only (what `oversight path` walks), each node with its
    `Node` and each edge with the links between its ends: kept by the store, so that a path
    between actors reads this and not the whole projection."""
    def make() -> nx.Graph:
        net = projection(graph)
        simple = nx.Graph(undirected(graph).subgraph(actors(graph)))
        for node, data in simple.nodes(data=True):
            data["node"] = Node.of(net, node)
        for u, v, data in simple.edges(data=True):
            data["links"] = links_between(net, u, v)
        return simple
    return kept(graph, "actor-network", _version(), make)


@functools.cache
def _version() -> str:
    """What the results kept here depend on besides the store: this code and the projection's."""
    return code_version(Path(__file__).read_bytes(), version().encode())


def _bare(net: nx.MultiDiGraph) -> nx.Graph:
    """`nx.Graph(net.to_undirected(as_view=True))` without the attributes (which only the
    projection needs): the same nodes and neighbours in the same order, so the same paths."""
    full = nx.Graph(net.to_undirected(as_view=True))
    simple = nx.Graph()
    simple.add_nodes_from(full)
    simple.add_edges_from(full.edges())
    return simple


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
    net = net if net is not None else projection(graph)
    centre = str(actor)
    distance = nx.single_source_shortest_path_length(net.to_undirected(as_view=True), centre, cutoff=radius)
    ego = net.subgraph(distance)
    nodes = sorted(((d, Node.of(net, n)) for n, d in distance.items()), key=lambda x: (x[0], x[1].label))
    links = sorted((link(net, s, o, data) for s, o, data in ego.edges(data=True)),
                   key=lambda x: (x.subject.label, x.relation, x.object.label, x.status))
    return Neighbourhood(Node.of(net, centre), radius, nodes, links)


def actors(graph: Graph) -> set[str]:
    """The IRIs of everything the graph types as an og:Actor (persons, organisations, posts),
    kept by the store for its content."""
    return kept(graph, "actors", _version(), lambda: {
        str(row.x) for row in evaluate(graph, "SELECT DISTINCT ?x WHERE { ?x a og:Actor }")})


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
    simple = undirected(graph, net)
    betweenness = nx.betweenness_centrality(simple)
    pagerank = nx.pagerank(simple)
    ranked_actors = actors(graph)
    net = net if net is not None else projection(graph)
    ranked = [Centrality(Node.of(net, n), simple.degree(n), round(betweenness[n], 4), round(pagerank[n], 4))
              for n in simple if n in ranked_actors]
    ranked.sort(key=lambda c: (-getattr(c, measure), c.node.label))
    return ranked[:top]
