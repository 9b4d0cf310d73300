"""What the graph shows to be missing or at odds: accountability gaps and contradictions.

Gaps: bodies and offices that hold others to account (or are held) yet answer to no one in
the graph; investigations by the investigated party's own organisation; appeals overseen or
heard by the organisation whose decision is appealed. Contradictions: figures about the same
thing (area, what is counted, category) that differ in count or period between or within
sources, and claims about one subject and property whose values cannot both be true.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph

from graph.network.analysis import Link, Node, accountability_links, link
from graph.model.namespaces import NS, OG, XSD
from graph.network.projection import project

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
    for row in graph.query(_BELONGS, initNs=NS):
        found[str(row.x)].add(str(row.org))
    return found


def accountability_gaps(graph: Graph, net: nx.MultiDiGraph | None = None) -> Gaps:
    net = net if net is not None else project(graph)
    belongs = _organisations(graph)

    def shared(a: str, b: str) -> list[str]:
        return sorted(net.nodes[o]["label"] for o in (belongs[a] | {a}) & (belongs[b] | {b}))

    links = accountability_links(graph, net)
    bodies = {str(r.x) for r in graph.query(_BODIES, initNs=NS)}
    held = {lower for lower, _, _ in links}
    holding: dict[str, set[str]] = defaultdict(set)
    for lower, upper, _ in links:
        holding[upper].add(net.nodes[lower]["label"])
    unwatched = [Unwatched(Node.of(net, n), sorted(holding[n]), sorted(net.nodes[o]["label"] for o in belongs[n]))
                 for n in sorted(set(holding) & bodies - held, key=lambda n: net.nodes[n]["label"])]

    reversed_ = {str(r.p): bool(r.reversed.toPython()) for r in graph.query(_INVESTIGATIONS, initNs=NS)}
    selves = []
    for s, o, data in net.edges(data=True):
        if data["predicate"] in reversed_:
            who, whom = (o, s) if reversed_[data["predicate"]] else (s, o)
            if both := shared(who, whom):
                selves.append(SelfInvestigation(Node.of(net, who), Node.of(net, whom), both, link(net, s, o, data)))
    events = graph.query("SELECT DISTINCT ?e ?who ?whom WHERE { ?e a og:Investigation ; og:investigator ?who ; "
                         "og:subjectOf ?whom }", initNs=NS)
    for row in events:
        who, whom = str(row.who), str(row.whom)
        if both := shared(who, whom):
            selves.append(SelfInvestigation(Node.of(net, who), Node.of(net, whom), both, net.nodes[str(row.e)]["label"]))
    selves.sort(key=lambda x: (x.investigator.label, x.investigated.label, str(x.via)))

    appeals = [AppealCheck(Node.of(net, str(r.appeal)), Node.of(net, str(r.decider)), Node.of(net, str(r.body)),
                           str(r.role), bool(shared(str(r.decider), str(r.body))))
               for r in graph.query(_APPEALS, initNs=NS)]
    appeals.sort(key=lambda a: (a.appeal.label, a.role, a.body.label))
    return Gaps(unwatched, selves, appeals)


# -- contradictions ------------------------------------------------------------------------

_FIGURES = """
SELECT ?f ?area ?counts ?category ?count ?period ?by ?src ?status (GROUP_CONCAT(DISTINCT STR(?para); separator=",") AS ?paras)
WHERE {
  ?f a og:FigureObservation ; og:counts ?counts ; og:category ?category ; og:count ?count .
  { ?f og:refArea/rdfs:label ?area } UNION { ?f og:refAreaLabel ?area }
  OPTIONAL { ?f og:periodLabel ?period }
  OPTIONAL { ?f og:statedBy/rdfs:label ?by }
  ?st rdf:subject ?f ; rdf:predicate og:count ; og:source/og:identifier ?src ; og:claimStatus/skos:notation ?status .
  OPTIONAL { ?st og:paragraph ?para }
} GROUP BY ?f ?area ?counts ?category ?count ?period ?by ?src ?status
"""
_CLAIMS = """
SELECT ?s ?about ?p ?property ?range ?o ?status ?by ?src (GROUP_CONCAT(DISTINCT STR(?para); separator=",") AS ?paras)
WHERE {
  ?st a og:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      og:claimStatus/skos:notation ?status ; og:source/og:identifier ?src .
  FILTER(isLiteral(?o))
  FILTER EXISTS { ?other rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o2 FILTER(isLiteral(?o2) && !sameTerm(?o2, ?o)) }
  ?s rdfs:label ?about . ?p rdfs:label ?property .
  OPTIONAL { ?p rdfs:range ?range }
  OPTIONAL { ?st og:attributedTo/rdfs:label ?by }
  OPTIONAL { ?st og:paragraph ?para }
} GROUP BY ?s ?about ?p ?property ?range ?o ?status ?by ?src
"""
_WORDED_FACTS = {str(OG.periodLabel)}
"""Text properties that state a fact rather than describe (a period in the source's words),
so that two different values disagree; other text (descriptions, grounds) may vary freely."""


@dataclass
class Claim:
    value: str
    source: str
    paragraphs: list[int]
    status: str
    by: str | None
    subject: str
    """The figure or resource the value is given for."""


@dataclass
class Contradiction:
    kind: str
    """'figure' (same area, unit and category) or 'claim' (same subject and property)."""
    about: str
    property: str
    claims: list[Claim] = field(default_factory=list)


def compatible(a: str, b: str, calendar: bool) -> bool:
    """Equal values, or calendar values of which one refines the other (2016 and 2016-07)."""
    return a == b or (calendar and (a.startswith(b) or b.startswith(a)))


def _disagree(claims: list[Claim], calendar: bool = False) -> bool:
    values = {c.value for c in claims}
    return any(not compatible(a, b, calendar) for a in values for b in values)


def _claim(row, value, subject) -> Claim:
    paras = sorted(int(p) for p in str(row.paras).split(",") if p)
    return Claim(str(value), str(row.src), paras, str(row.status), row.by and str(row.by), str(subject))


def contradictions(graph: Graph) -> list[Contradiction]:
    """Figures and claims about the same thing that disagree, each value with its source."""
    found = []
    figures: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for row in graph.query(_FIGURES, initNs=NS):
        key = (str(row.area), str(row.counts), str(row.category))
        figures[key]["count"].append(_claim(row, row["count"], row.f))
        if row.period is not None:
            figures[key]["period"].append(_claim(row, row.period, row.f))
    for (area, counts, category), by_property in sorted(figures.items()):
        for prop, claims in sorted(by_property.items()):
            if _disagree(claims):
                found.append(Contradiction("figure", f"{area}: {counts} ({category})", prop, _sorted(claims)))
    claims: dict[tuple, list[Claim]] = defaultdict(list)
    calendar = {}
    for row in graph.query(_CLAIMS, initNs=NS):
        if (row.range is None or row.range == XSD.string) and str(row.p) not in _WORDED_FACTS:
            continue
        key = (str(row.about), str(row.property))
        claims[key].append(_claim(row, row.o, row.s))
        calendar[key] = row.range == OG.CalendarValue
    for (about, prop), group in sorted(claims.items()):
        if _disagree(group, calendar[(about, prop)]):
            found.append(Contradiction("claim", about, prop, _sorted(group)))
    return found


def _sorted(claims: list[Claim]) -> list[Claim]:
    """By value (numbers as numbers), then source and status."""
    def number(v: str) -> float:
        return float(v) if v.lstrip("-").replace(".", "", 1).isdigit() else float("inf")
    return sorted(claims, key=lambda c: (number(c.value), c.value, c.source, c.status))
