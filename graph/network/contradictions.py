"""Contradictions: figures and claims about the same thing that disagree.

Figures about the same thing (area, what is counted, category) that differ in count or
period between or within sources, and claims about one subject and property whose values
cannot both be true.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph

from graph.model.namespaces import OG, XSD
from graph.network.replies import Reply, replies_to
from graph.sparql.evaluate import evaluate


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
    replies: list[Reply] = field(default_factory=list)
    """Replies to the figures or claims that disagree (graph.network.replies)."""


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
    for row in evaluate(graph, _FIGURES):
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
    for row in evaluate(graph, _CLAIMS):
        if (row.range is None or row.range == XSD.string) and str(row.p) not in _WORDED_FACTS:
            continue
        key = (str(row.about), str(row.property))
        claims[key].append(_claim(row, row.o, row.s))
        calendar[key] = row.range == OG.CalendarValue
    for (about, prop), group in sorted(claims.items()):
        if _disagree(group, calendar[(about, prop)]):
            found.append(Contradiction("claim", about, prop, _sorted(group)))
    replies = replies_to(graph)
    for contradiction in found:
        subjects = sorted({c.subject for c in contradiction.claims})
        contradiction.replies = [r for s in subjects for r in replies.get(s, [])]
    return found


def _sorted(claims: list[Claim]) -> list[Claim]:
    """By value (numbers as numbers), then source and status."""
    def number(v: str) -> float:
        return float(v) if v.lstrip("-").replace(".", "", 1).isdigit() else float("inf")
    return sorted(claims, key=lambda c: (number(c.value), c.value, c.source, c.status))
