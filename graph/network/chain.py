"""The chain of oversight: who holds an actor to account, level by level, with the evidence.

Which relations mean "is held to account by" is read from the ontology (every sub-property of
og:accountableTo, and of og:holdsToAccount taken in reverse), so a relation added there
joins the chain of oversight without code changes. Only statements whose claim status
asserts a fact (reported, stated, reference) form the chain: an allegation is not oversight.
A relation valid for a period (og:validFrom, og:validUntil) joins the chain only on the days
it held: on 1 June 2013 a force referred cases to the IPCC, today to the IOPC.
"""
from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from graph.network.projection import Link, Node, link, projection
from graph.network.projection import version as projection_version
from graph.sparql.evaluate import evaluate
from graph.store.memo import code_version, kept

if TYPE_CHECKING:
    import networkx as nx


def sub_properties(graph: Graph, prop: str) -> set[str]:
    """`prop` and every property below it, from the ontology (rdfs:subPropertyOf*)."""
    rows = evaluate(graph, f"SELECT ?p WHERE {{ ?p rdfs:subPropertyOf* {prop} }}")
    return {str(row.p) for row in rows}


def fact_statuses(graph: Graph) -> set[str]:
    """Claim statuses whose statements assert their triple (og:assertsFact true)."""
    rows = evaluate(graph, "SELECT ?n WHERE { ?s og:assertsFact true ; skos:notation ?n }")
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


def accountable_to(graph: Graph, net: nx.MultiDiGraph | None = None) -> dict[str, dict[str, list[Link]]]:
    """lower -> upper -> evidence for every asserted accountability edge.

    A national projection has hundreds of thousands of edges and a chain needs a handful, so
    the index is made once: kept in a given projection (`net.graph`), or else kept by the
    store for its content, so that `oversight chain` on a store reads neither the projection
    nor the ontology's sub-properties again."""
    if net is not None:
        if "accountable_to" not in net.graph:
            net.graph["accountable_to"] = _upward(accountability_links(graph, net))
        return net.graph["accountable_to"]
    return kept(graph, "accountable-to", _version(),
                lambda: _upward(accountability_links(graph, projection(graph))))


def _upward(links: list[tuple[str, str, Link]]) -> dict[str, dict[str, list[Link]]]:
    upward: dict[str, dict[str, list[Link]]] = {}
    for lower, upper, lk in links:
        upward.setdefault(lower, {}).setdefault(upper, []).append(lk)
    return upward


@functools.cache
def _version() -> str:
    return code_version(Path(__file__).read_bytes(), projection_version().encode())


def _end(iri: str, links: list[Link]) -> Node:
    """The node `iri` as the evidence names it (each link has it as subject or object)."""
    lk = links[0]
    return lk.subject if lk.subject.iri == iri else lk.object


def held_on(source: dict, day: date) -> bool:
    """Whether the statement behind one source of an edge held on `day` (from included, until excluded)."""
    start, end = source.get("valid_from"), source.get("valid_until")
    return (start is None or date.fromisoformat(start) <= day) and (end is None or day < date.fromisoformat(end))


def links_on(links: list[Link], day: date) -> list[Link]:
    """The links as they stood on `day`: each with the sources that held then, none without one."""
    held = []
    for lk in links:
        sources = [src for src in lk.sources if held_on(src, day)]
        if sources:
            held.append(lk if len(sources) == len(lk.sources) else replace(lk, sources=sources))
    return held


@dataclass
class ChainStep:
    """`lower` is accountable to `upper`, `level` steps above the actor asked about."""
    level: int
    lower: Node
    upper: Node
    links: list[Link]


def oversight_chain(graph: Graph, actor: URIRef, net: nx.MultiDiGraph | None = None,
                    on: date | None = None) -> list[ChainStep]:
    """Everyone above `actor` in the chain of oversight on the day `on` (default today), breadth
    first, each step with its evidence.

    Given the projection `net` (a notebook can project once), it walks that; otherwise the
    index the store keeps (`accountable_to`), made from the projection once per content.
    """
    start = str(actor)
    day = on or date.today()
    every_period = accountable_to(graph, net)
    upward: dict[str, dict[str, list[Link]]] = {}

    def above(node: str) -> dict[str, list[Link]]:
        """What `node` is accountable to on `day`, filtered once for the nodes the chain reaches."""
        if node not in upward:
            upward[node] = {upper: lks for upper, links in every_period.get(node, {}).items()
                            if (lks := links_on(links, day))}
        return upward[node]

    level = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for upper in above(node):
            if upper not in level:
                level[upper] = level[node] + 1
                queue.append(upper)
    # Links in a fixed order, so that every store (whose rows come in its own order) agrees.
    steps = [ChainStep(level[lower] + 1, _end(lower, lks), _end(upper, lks),
                       sorted(lks, key=lambda lk: (lk.relation_label, lk.status, str(lk.sources))))
             for lower in level for upper, lks in above(lower).items()
             if upper != start and level[upper] >= level[lower]]
    return sorted(steps, key=lambda s: (s.level, s.lower.label, s.upper.label))
