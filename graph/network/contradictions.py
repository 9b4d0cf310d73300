"""Contradictions: figures and claims about the same thing that disagree.

Figures about the same thing (area, what is counted, category, breakdown and period) that
differ in count or in the words of their period, between or within sources, and claims about one subject and property whose values
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
SELECT ?f ?area ?counts ?category ?measure ?value ?period ?start ?end ?by ?src ?status
       (GROUP_CONCAT(DISTINCT STR(?para); separator=",") AS ?paras)
       (GROUP_CONCAT(DISTINCT STR(?part); separator="\u001f") AS ?breakdown)
WHERE {
  VALUES ?measure { og:count og:countBelow og:countUnavailable }
  ?f a og:FigureObservation ; og:counts ?counts ; og:category ?category ; ?measure ?v .
  OPTIONAL { ?v skos:notation ?unavailable }
  BIND(IF(isIRI(?v), ?unavailable, ?v) AS ?value)
  { ?f og:refArea/rdfs:label ?area } UNION { ?f og:refAreaLabel ?area }
  OPTIONAL { ?f og:periodLabel ?period }
  OPTIONAL { ?f og:periodStart ?start }
  OPTIONAL { ?f og:periodEnd ?end }
  OPTIONAL { ?f og:breakdown ?part }
  OPTIONAL { ?f og:statedBy/rdfs:label ?by }
  ?st rdf:subject ?f ; rdf:predicate ?measure ; og:source/og:identifier ?src ; og:claimStatus/skos:notation ?status .
  OPTIONAL { ?st og:paragraph ?para }
} GROUP BY ?f ?area ?counts ?category ?measure ?value ?period ?start ?end ?by ?src ?status
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
    period: str | None = None
    """For a figure: the period its identity includes (2016-2021, 2018), where one is stated."""
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


def _figure_value(row) -> str:
    """A count, a stated bound ('fewer than 5') or why there is no count ('withheld')."""
    if row.measure == OG.countBelow:
        return f"fewer than {row.value}"
    return str(row.value)


def _counts_agree(a: str, b: str) -> bool:
    """Equal counts agree; a count agrees with a bound it is under, and with a missing count."""
    def bound(v: str) -> int | None:
        return int(v.split()[-1]) if v.startswith("fewer than ") else None
    if a == b or not (a.isdigit() or bound(a)) or not (b.isdigit() or bound(b)):
        return True
    if a.isdigit() and b.isdigit():
        return False
    count, limit = (a, bound(b)) if a.isdigit() else (b, bound(a))
    return limit is None or int(count) < limit


def _figure_groups(graph: Graph) -> dict[tuple, dict[str, list[Claim]]]:
    """Figures about the same thing: area, unit, category, breakdown and period. A figure that
    states no period of its own is compared with those of the one period its kind states, if
    there is exactly one; so a table with a figure per year gives no false disagreements."""
    rows = list(evaluate(graph, _FIGURES))
    def kind(row): return (str(row.area), str(row.counts), str(row.category), str(row.breakdown or ""))
    def period(row): return (str(row.start), str(row.end)) if row.start is not None or row.end is not None else None
    periods: dict[tuple, set] = defaultdict(set)
    for row in rows:
        if period(row) is not None:
            periods[kind(row)].add(period(row))
    groups: dict[tuple, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        stated = periods[kind(row)]
        key = kind(row) + (period(row) or (next(iter(stated)) if len(stated) == 1 else None),)
        groups[key]["count"].append(_claim(row, _figure_value(row), row.f))
        if row.period is not None and row.measure == OG["count"]:  # OG.count is str.count
            groups[key]["period"].append(_claim(row, row.period, row.f))
    return groups


def contradictions(graph: Graph) -> list[Contradiction]:
    """Figures and claims about the same thing that disagree, each value with its source."""
    found = []
    for (area, counts, category, breakdown, period), by_property in sorted(
            _figure_groups(graph).items(), key=lambda item: tuple(str(k) for k in item[0])):
        about = f"{area}: {counts} ({category}{'; ' + breakdown.replace(chr(31), '; ') if breakdown else ''})"
        years = "-".join(dict.fromkeys(p for p in period or () if p != "None")) or None
        for prop, claims in sorted(by_property.items()):
            agree = _counts_agree if prop == "count" else str.__eq__
            if any(not agree(a.value, b.value) for a in claims for b in claims):
                found.append(Contradiction("figure", about, prop, _sorted(claims), years))
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
