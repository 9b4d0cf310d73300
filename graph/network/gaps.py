"""Accountability gaps: what the graph shows to be missing.

Bodies and offices that hold others to account (or are held) yet answer to no one in the
graph; investigations by the investigated party's own organisation; appeals overseen or
heard by the organisation whose decision is appealed.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph

from graph.network.chain import accountability_links
from graph.network.projection import Link, Node, link, projection
from graph.sparql.evaluate import evaluate

_BODIES = "SELECT DISTINCT ?x WHERE { { ?x a og:Organisation } UNION { ?x a org:Post } }"
_BELONGS = """
SELECT ?x ?org WHERE { ?x (org:memberOf|org:subOrganizationOf)+ ?org FILTER(STRSTARTS(STR(?x), STR(id:))) }
"""
_INVESTIGATIONS = """
SELECT ?p ?reversed WHERE {
  VALUES ?base { og:investigates og:investigatesComplaintsAbout }
  { ?p rdfs:subPropertyOf* ?base BIND(false AS ?reversed) }
  UNION { ?p owl:inverseOf ?base BIND(true AS ?reversed) } UNION { ?base owl:inverseOf ?p BIND(true AS ?reversed) }
}
"""
_APPEALS = """
SELECT DISTINCT ?appeal ?decider ?body ?role WHERE {
  ?appeal a og:Appeal ; og:concerns ?decision . ?decision og:decidedBy ?decider .
  { ?appeal og:overseenBy ?body BIND("overseen by" AS ?role) }
  UNION { ?appeal og:heardBy ?body BIND("heard by" AS ?role) }
  UNION { ?appeal og:heardBy/og:overseenBy ?body BIND("overseen by" AS ?role) }
}
"""


@dataclass
class Unwatched:
    """A body or office in the oversight network that nothing in the graph holds to account."""
    node: Node
    holds_to_account: list[str]
    part_of: list[str]


@dataclass
class SelfInvestigation:
    investigator: Node
    investigated: Node
    shared: list[str]
    """The organisation(s) both belong to (or are)."""
    via: Link | str
    """The recorded relation, or the label of the investigation event."""


@dataclass
class AppealCheck:
    appeal: Node
    decided_by: Node
    body: Node
    role: str
    same_organisation: bool


@dataclass
class Gaps:
    unwatched: list[Unwatched]
    self_investigations: list[SelfInvestigation]
    appeals: list[AppealCheck]


def _organisations(graph: Graph) -> dict[str, set[str]]:
    """Each resource with itself and every organisation it belongs to, transitively."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in evaluate(graph, _BELONGS):
        found[str(row.x)].add(str(row.org))
    return found


def accountability_gaps(graph: Graph, net: nx.MultiDiGraph | None = None) -> Gaps:
    net = net if net is not None else projection(graph)
    belongs = _organisations(graph)

    def shared(a: str, b: str) -> list[str]:
        return sorted(net.nodes[o]["label"] for o in (belongs[a] | {a}) & (belongs[b] | {b}))

    links = accountability_links(graph, net)
    bodies = {str(r.x) for r in evaluate(graph, _BODIES)}
    held = {lower for lower, _, _ in links}
    holding: dict[str, set[str]] = defaultdict(set)
    for lower, upper, _ in links:
        holding[upper].add(net.nodes[lower]["label"])
    unwatched = [Unwatched(Node.of(net, n), sorted(holding[n]), sorted(net.nodes[o]["label"] for o in belongs[n]))
                 for n in sorted(set(holding) & bodies - held, key=lambda n: net.nodes[n]["label"])]

    reversed_ = {str(r.p): bool(r.reversed.toPython()) for r in evaluate(graph, _INVESTIGATIONS)}
    selves = []
    for s, o, data in net.edges(data=True):
        if data["predicate"] in reversed_:
            who, whom = (o, s) if reversed_[data["predicate"]] else (s, o)
            if both := shared(who, whom):
                selves.append(SelfInvestigation(Node.of(net, who), Node.of(net, whom), both, link(net, s, o, data)))
    events = evaluate(graph, "SELECT DISTINCT ?e ?who ?whom WHERE { ?e a og:Investigation ; "
                             "og:investigator ?who ; og:subjectOf ?whom }")
    for row in events:
        who, whom = str(row.who), str(row.whom)
        if both := shared(who, whom):
            selves.append(SelfInvestigation(Node.of(net, who), Node.of(net, whom), both, net.nodes[str(row.e)]["label"]))
    selves.sort(key=lambda x: (x.investigator.label, x.investigated.label, str(x.via)))

    appeals = [AppealCheck(Node.of(net, str(r.appeal)), Node.of(net, str(r.decider)), Node.of(net, str(r.body)),
                           str(r.role), bool(shared(str(r.decider), str(r.body))))
               for r in evaluate(graph, _APPEALS)]
    appeals.sort(key=lambda a: (a.appeal.label, a.role, a.body.label))
    return Gaps(unwatched, selves, appeals)


# -- contradictions ------------------------------------------------------------------------
