"""A case, or an actor's cases, on a real date axis: what `oversight view --timeline` draws.

Dates stay as precise as the sources give them: a year is a span of a year, a year-month a
span of a month, only a full date is a day. Events with no date but an og:after sequence are
placed between the dated events around them (in the order of `graph.network.route`) and
marked as undated; events with neither are listed apart. When sources give dates that do
not refine one another (2015 and 2016), the event is drawn once at each, marked disputed;
dates that do (2016 and 2016-07) make one item at the finer one, with both claims listed.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from rdflib import Graph, URIRef

from graph.network.route import case_route, find_case
from graph.sparql.evaluate import evaluate
from graph.sparql.names import UnknownName, resolve
from graph.views.labels import label

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
UNDATED_GAP = timedelta(days=30)
"""How far apart undated events after the last date (or before the first) are drawn."""

_DATE_CLAIMS = """
SELECT ?e ?date ?status ?srcid ?para ?by WHERE {
  ?e og:partOfCase ?case .
  ?st rdf:subject ?e ; rdf:predicate og:date ; rdf:object ?date ; og:source ?src .
  OPTIONAL { ?st og:claimStatus/skos:notation ?status }
  OPTIONAL { ?st og:paragraph ?para }
  OPTIONAL { ?src og:identifier ?srcid }
  OPTIONAL { ?st og:attributedTo/rdfs:label ?by }
}
"""
_EVENT_SOURCES = """
SELECT ?e ?srcid ?title ?para WHERE {
  ?e og:partOfCase ?case .
  ?st rdf:subject ?e ; og:source ?src .
  OPTIONAL { ?st og:paragraph ?para }
  OPTIONAL { ?src og:identifier ?srcid }
  OPTIONAL { ?src dcterms:title ?title }
}
"""
_CASES_OF = """
SELECT DISTINCT ?case WHERE {
  { ?case og:caseAbout ?x } UNION
  { ?e og:partOfCase ?case . ?st rdf:subject ?e ; rdf:object ?x }
}
"""


@dataclass(frozen=True)
class Span:
    """The stretch of time a date as precise as given stands for: [start, end)."""
    value: str
    start: date
    end: date

    @property
    def precision(self) -> str:
        return ("year", "month", "day")[self.value.count("-")]


def span(value: str) -> Span | None:
    """The span of an xsd:gYear, gYearMonth or date; None for anything else."""
    m = _DATE.fullmatch(value.strip())
    if not m:
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        if day:
            start = date(year, month, day)
            return Span(value, start, start + timedelta(days=1))
        if month:
            last = calendar.monthrange(year, month)[1]
            return Span(value, date(year, month, 1), date(year, month, last) + timedelta(days=1))
        return Span(value, date(year, 1, 1), date(year + 1, 1, 1))
    except ValueError:
        return None


@dataclass
class DateClaim:
    value: str
    status: str
    sources: list[str]
    """"000 ¶ 3"-style citations."""
    said_by: list[str] = field(default_factory=list)


@dataclass
class Item:
    """One drawn item: an event at one date (or at its place in the sequence)."""
    event: str
    label: str
    kind: str
    case: str
    order: int
    start: date
    end: date | None
    """None for a point (a day, or an undated event)."""
    precision: str
    """"year", "month", "day" or "undated"."""
    claims: list[DateClaim]
    sources: list[str]
    after: list[str]
    note: str | None = None
    disputed: list[str] = field(default_factory=list)
    """All the dates the sources give, when they disagree."""
    value: str = ""
    """The date this item is drawn at, as the source gives it ("" when undated)."""


@dataclass
class Timeline:
    title: str
    cases: list[tuple[str, str]]
    """(IRI, label) of each case shown, one row group each."""
    items: list[Item]
    unplaced: list[tuple[str, str, list[str]]]
    """(case label, event label, sources) of events with no date and no sequence."""


def timeline_of(graph: Graph, name: str) -> Timeline:
    """A case's timeline, or the timeline of every case an actor takes part in."""
    iri = resolve(graph, name)
    if evaluate(graph, "ASK { ?x a og:Case }", {"x": iri}).askAnswer:
        cases = [iri]
        title = f"Timeline of {label(graph, iri)}"
    else:
        cases = sorted(row.case for row in evaluate(graph, _CASES_OF, {"x": iri}))
        if not cases:
            raise UnknownName(f"{name!r} is not a case and takes part in no case", [])
        title = f"Timeline of {label(graph, iri)}'s cases" if len(cases) > 1 else \
            f"Timeline of {label(graph, cases[0])}"
    timeline = Timeline(title, [], [], [])
    for case in cases:
        _add_case(graph, case, timeline)
    return timeline


def find_cases(graph: Graph, name: str) -> list[URIRef]:
    """The cases a timeline of `name` shows (for the network view beside it)."""
    try:
        return [find_case(graph, name)]
    except UnknownName:
        return sorted(row.case for row in evaluate(graph, _CASES_OF, {"x": resolve(graph, name)}))


def _add_case(graph: Graph, case: URIRef, timeline: Timeline) -> None:
    case_label = label(graph, case)
    timeline.cases.append((str(case), case_label))
    route = case_route(graph, case)
    claims, cited = _claims(graph, case), _citations(graph, case)
    labels = {s.id: s.label for s in route.steps}
    dated: list[tuple[int, list[Span]]] = []
    for order, step in enumerate(route.steps):
        spans = _spans(claims.get(step.id, []))
        if spans:
            dated.append((order, spans))
    for order, step in enumerate(route.steps):
        common = dict(event=step.id, label=step.label, kind=step.kind, case=case_label, order=order,
                      claims=claims.get(step.id, []), sources=cited.get(step.id, []),
                      after=[labels.get(a, a) for a in step.after], note=step.date_note)
        spans = next((s for o, s in dated if o == order), None)
        if spans:
            disputed = [s.value for s in spans] if len(spans) > 1 else []
            for s in spans:
                timeline.items.append(Item(**common, start=s.start, end=None if s.precision == "day" else s.end,
                                           precision=s.precision, disputed=disputed, value=s.value))
        else:
            timeline.items.append(Item(**common, start=_undated_place(order, dated, len(route.steps)),
                                       end=None, precision="undated"))
    for step in route.unplaced:
        timeline.unplaced.append((case_label, step.label, cited.get(step.id, [])))


def _spans(claims: list[DateClaim]) -> list[Span]:
    """The dates to draw: the finest of each set of dates that refine one another."""
    spans = [s for s in (span(c.value) for c in claims) if s]
    finest = [s for s in spans if not any(o.value != s.value and o.value.startswith(s.value) for o in spans)]
    unique = {s.value: s for s in finest}
    return sorted(unique.values(), key=lambda s: s.start)


def _undated_place(order: int, dated: list[tuple[int, list[Span]]], steps: int) -> date:
    """A point for an undated event: between the dated events before and after it in the
    sequence, evenly spread with its undated neighbours; past either end, a month apart."""
    before = [(o, s) for o, s in dated if o < order]
    after = [(o, s) for o, s in dated if o > order]
    if not dated:  # nothing to place by: the sequence alone, a month a step from a fixed origin
        return date(2000, 1, 1) + order * UNDATED_GAP
    if before and after:
        (o1, s1), (o2, s2) = before[-1], after[0]
        lo, hi = max(s.end for s in s1), min(s.start for s in s2)
        if lo >= hi:
            lo = max(s.start for s in s1)
        return lo + (hi - lo) * (order - o1) / (o2 - o1)
    if before:
        o1, s1 = before[-1]
        return max(s.end for s in s1) + (order - o1 - 1) * UNDATED_GAP
    o2, s2 = after[0]
    return min(s.start for s in s2) - (o2 - order) * UNDATED_GAP


def _claims(graph: Graph, case: URIRef) -> dict[str, list[DateClaim]]:
    found: dict[str, dict[tuple[str, str], DateClaim]] = {}
    for row in evaluate(graph, _DATE_CLAIMS, {"case": case}):
        key = (str(row.date), str(row.status or ""))
        claim = found.setdefault(str(row.e), {}).setdefault(key, DateClaim(key[0], key[1], []))
        _cite(claim.sources, row.srcid, row.para)
        if row.by is not None and str(row.by) not in claim.said_by:
            claim.said_by.append(str(row.by))
    return {e: sorted(c.values(), key=lambda c: (c.value, c.status)) for e, c in found.items()}


def _citations(graph: Graph, case: URIRef) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in evaluate(graph, _EVENT_SOURCES, {"case": case}):
        _cite(found.setdefault(str(row.e), []), row.srcid, row.para)
    return {e: _merged(c) for e, c in found.items()}


def _cite(citations: list[str], source, paragraph) -> None:
    text = f"{source} \u00b6 {paragraph}" if paragraph is not None else str(source)
    if text not in citations:
        citations.append(text)


def _merged(citations: list[str]) -> list[str]:
    """"000 ¶ 3", "000 ¶ 12" -> "000 ¶ 3, 12": one line per source, paragraphs in number order."""
    paragraphs: dict[str, set[int]] = {}
    for c in citations:
        source, _, para = c.partition(" \u00b6 ")
        paragraphs.setdefault(source, set()).update({int(para)} if para.isdigit() else set())
    return [f"{s} \u00b6 {', '.join(map(str, sorted(p)))}" if p else s for s, p in sorted(paragraphs.items())]


__all__ = ["Timeline", "Item", "DateClaim", "Span", "span", "timeline_of", "find_cases"]
