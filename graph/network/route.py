"""The route of a case: its events in time order, with who acted on whom.

Dates are as precise as the sources give them (2015, 2016-07), and many events have none;
og:after records the sequence a source tells. The route is a topological order of the
"comes before" relation made of both: og:after, and "a's date is earlier than b's at the
precision both share" (2015 < 2016-07, while 2016 and 2016-07 are not comparable). Where
neither decides, an event goes as early as the dates after it allow, then in the order the
source tells it (its first paragraph). Events with no date and no og:after are listed apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph, URIRef

from graph.sparql.evaluate import evaluate
from graph.network.chain import sub_properties
from graph.network.replies import Reply, replies_to
from graph.sparql.names import UnknownName, label_of, resolve

_EVENTS = """
SELECT ?e ?label ?kind ?note (MIN(?para) AS ?first) WHERE {
  ?e og:partOfCase ?case ; rdfs:label ?label ; a ?cls .
  ?cls rdfs:label ?kind .
  FILTER NOT EXISTS { ?e a ?sub . ?sub rdfs:subClassOf ?cls FILTER(?sub != ?cls) }
  OPTIONAL { ?e og:dateNote ?note }
  OPTIONAL { ?st rdf:subject ?e ; og:paragraph ?para }
} GROUP BY ?e ?label ?kind ?note
"""
_DATES = """
SELECT ?e ?date ?src (GROUP_CONCAT(DISTINCT STR(?para); separator=",") AS ?paras) WHERE {
  ?e og:partOfCase ?case .
  ?st rdf:subject ?e ; rdf:predicate og:date ; rdf:object ?date ; og:source/og:identifier ?src .
  OPTIONAL { ?st og:paragraph ?para }
} GROUP BY ?e ?date ?src
"""
_AFTER = """
SELECT ?later ?earlier WHERE {
  ?later og:partOfCase ?case .
  ?st rdf:subject ?later ; rdf:predicate og:after ; rdf:object ?earlier .
  ?earlier og:partOfCase ?case .
}
"""
# The case's events first: Oxigraph joins in the order written, and starting from every
# og:after statement took 0.2 s of a 1M store, from the case's events 1 ms.
_ROLES = """
SELECT ?e ?p ?who ?name WHERE {
  ?e og:partOfCase ?case .
  ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?x .
  ?x og:identifier ?who ; rdfs:label ?name .
}
"""
_CASES_OF = """
SELECT DISTINCT ?case WHERE {
  { ?case og:caseAbout ?x } UNION
  { ?e og:partOfCase ?case . { ?e og:actor ?x } UNION { ?e og:actedOn ?x } }
}
"""


@dataclass
class Role:
    role: str
    id: str
    label: str


@dataclass
class SourcedDate:
    date: str
    source: str
    paragraphs: list[int]


@dataclass
class Step:
    id: str
    label: str
    kind: str
    date: str | None
    """The date the route orders by: the most precise, the earliest of those if sources disagree."""
    date_note: str | None
    dates: list[SourcedDate] = field(default_factory=list)
    """Every date the sources give, each with its source; more than one value where they disagree."""
    date_disputed: bool = False
    """Whether the sources give dates that cannot both be true (2021-06-23 and 2021-06-29)."""
    actors: list[Role] = field(default_factory=list)
    acted_on: list[Role] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    first_paragraph: int = 0


@dataclass
class Route:
    case: str
    steps: list[Step]
    """In time order."""
    unplaced: list[Step]
    """Events of the case with no date and no sequence: their place is unknown."""
    replies: dict[str, list[Reply]] = field(default_factory=dict)
    """The replies to each event (by its IRI) of those people it is about (graph.network.replies)."""


def find_case(graph: Graph, name: str) -> URIRef:
    """A case by name, or the one case a named person or body takes part in."""
    iri = resolve(graph, name)
    if evaluate(graph, "ASK { ?x a og:Case }", {"x": iri}).askAnswer:
        return iri
    cases = sorted(row.case for row in evaluate(graph, _CASES_OF, {"x": iri}))
    if len(cases) == 1:
        return cases[0]
    problem = "takes part in no case" if not cases else f"takes part in {len(cases)} cases; name one"
    raise UnknownName(f"{name!r} is not a case and {problem}", [(str(c), str(c)) for c in cases])


def earlier(a: str, b: str) -> bool:
    """Whether date a is before date b at the precision both have (2015 < 2016-07)."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _settle_date(step: Step) -> None:
    """Order the step's dates and pick the one to sort by, whatever order the store gave them."""
    step.dates.sort(key=lambda d: (d.date, d.source, d.paragraphs))
    values = {d.date for d in step.dates}
    step.date_disputed = any(not (a.startswith(b) or b.startswith(a)) for a in values for b in values)
    if values:
        step.date = min(values, key=lambda v: (-len(v), v))


def case_route(graph: Graph, case: URIRef) -> Route:
    """The events of `case` in an order consistent with their dates and with og:after."""
    bind = {"case": case}
    steps: dict[str, Step] = {}
    for row in evaluate(graph, _EVENTS, bind):
        steps.setdefault(str(row.e), Step(str(row.e), str(row.label), str(row.kind), None,
                                          row.note and str(row.note), first_paragraph=int(row.first or 0)))
    for row in evaluate(graph, _DATES, bind):
        if str(row.e) in steps:
            paras = sorted(int(p) for p in str(row.paras).split(",") if p)
            steps[str(row.e)].dates.append(SourcedDate(str(row.date), str(row.src), paras))
    for step in steps.values():
        _settle_date(step)
    order = nx.DiGraph()
    order.add_nodes_from(steps)
    for row in evaluate(graph, _AFTER, bind):
        order.add_edge(str(row.earlier), str(row.later))
        steps[str(row.later)].after.append(str(row.earlier))
    actor, acted_on = sub_properties(graph, "og:actor"), sub_properties(graph, "og:actedOn")
    for row in evaluate(graph, _ROLES, bind):
        if str(row.p) not in actor | acted_on:
            continue
        role = Role(label_of(graph, row.p), str(row.who), str(row.name))
        side = steps[str(row.e)].actors if str(row.p) in actor else steps[str(row.e)].acted_on
        if role not in side:
            side.append(role)
    for step in steps.values():  # in a fixed order, whatever order the store gives its rows
        step.actors.sort(key=lambda r: (r.role, r.label, r.id))
        step.acted_on.sort(key=lambda r: (r.role, r.label, r.id))
        step.after.sort()
    dated = sorted((s for s in steps.values() if s.date), key=lambda s: (s.date, s.id))  # a fixed order: edges depend on it
    for a in dated:
        for b in dated:
            if earlier(a.date, b.date) and not nx.has_path(order, b.id, a.id):
                order.add_edge(a.id, b.id)
    placed = [n for n in order if order.degree(n)]
    bound = {n: min([steps[d].date for d in nx.descendants(order, n) | {n} if steps[d].date] or ["~"])
             for n in placed}
    sequence = nx.lexicographical_topological_sort(
        order.subgraph(placed), key=lambda n: (bound[n], steps[n].first_paragraph, steps[n].label))
    try:  # validation refuses og:after cycles; a store filled some other way may hold one
        sequence = list(sequence)
    except nx.NetworkXUnfeasible:
        loop = " → ".join(steps[n].label for n, _ in nx.find_cycle(order.subgraph(placed)))
        raise ValueError(f"the events of the case go round in a circle (og:after and dates): {loop}") from None
    unplaced = sorted((s for n, s in steps.items() if n not in placed), key=lambda s: s.first_paragraph)
    replies = {event: found for event, found in replies_to(graph).items() if event in steps}
    return Route(str(case), [steps[n] for n in sequence], unplaced, replies)
