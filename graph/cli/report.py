"""The answers of graph.network as Reports: a heading and tables (graph.cli.text).

Kept apart from the analyses so that notebooks get data (dataclasses) and the command line
gets rows, which it prints as a table or CSV; `--format json` prints the dataclasses instead.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from graph.cli.text import Report, Section, cite, legal_bases, paragraphs

if TYPE_CHECKING:  # each command imports only the analysis it runs: the floor of `oversight chain`
    from graph.network.chain import ChainStep
    from graph.network.contradictions import Contradiction
    from graph.network.gaps import Gaps
    from graph.network.paths import Centrality, Hop, Neighbourhood
    from graph.network.projection import Link
    from graph.network.route import Route
    from graph.sparql.canned import CannedQuery


def _link_text(link: Link, lower_is_subject: bool = True) -> str:
    """A relation as the source records it, with an arrow pointing from subject to object."""
    return f"{link.relation_label} →" if lower_is_subject else f"← {link.relation_label}"


def chain(actor: str, steps: list[ChainStep], on: date | None = None) -> Report:
    rows = [(str(s.level), s.lower.label, _link_text(lk, lk.subject == s.lower), s.upper.label, lk.status,
             legal_bases(lk.sources), cite(lk.sources))
            for s in steps for lk in s.links]
    when = f"on {on.isoformat()}" if on else "today"
    return Report(f"Chain of oversight above {actor} {when} (level 1 = held to account directly)",
                  [Section("", ["level", "actor", "relation", "held to account by", "status", "legal basis", "sources"],
                           rows, grouped=2)])


def _route_date(step) -> str:
    """The date, or every date with its source where the sources disagree."""
    if not step.date_disputed:
        return step.date or ""
    return " or ".join(f"{d.date} ({d.source} {paragraphs(d.paragraphs)})".replace(" )", ")") for d in step.dates)


def route(label: str, r: Route) -> Report:
    def roles(side): return "; ".join(f"{x.role}: {x.label}" for x in side)
    rows = [(str(i), _route_date(s), s.kind, s.label, roles(s.actors), roles(s.acted_on))
            for i, s in enumerate(r.steps, 1)]
    sections = [Section("", ["#", "date", "kind", "event", "who acted", "on whom"], rows)]
    if r.unplaced:
        sections.append(Section("No date or sequence recorded (place in the route unknown):",
                                ["kind", "event", "who acted", "on whom"],
                                [(s.kind, s.label, roles(s.actors), roles(s.acted_on)) for s in r.unplaced]))
    numbered = {s.id: str(i) for i, s in enumerate(r.steps, 1)} | {s.id: "-" for s in r.unplaced}
    sections += replies([(numbered[event], reply) for event in sorted(r.replies, key=list(numbered).index)
                         for reply in r.replies[event]])
    return Report(f"Route of {label}: events in time order (dates as precise as the sources give them; "
                  "where sources disagree, each date with its source)", sections)


def paths(a: str, b: str, found: list[list[Hop]]) -> Report:
    rows = [(str(n), h.start.label, f"{lk.subject.label} —{lk.relation_label}→ {lk.object.label}", lk.status,
             cite(lk.sources)) for n, path in enumerate(found, 1) for h in path for lk in h.links]
    steps = len(found[0])  # shortest paths: all of one length
    return Report(f"Shortest connections between {a} and {b}: {len(found)} path{'s' if len(found) != 1 else ''} "
                  f"of {steps} step{'s' if steps != 1 else ''}",
                  [Section("", ["path", "from", "edge (as recorded)", "status", "sources"], rows, grouped=2)])


def neighbours(n: Neighbourhood) -> Report:
    return Report(f"Within {n.radius} step{'s' if n.radius != 1 else ''} of {n.centre.label}: "
                  f"{len(n.nodes)} nodes, {len(n.links)} edges", [
                      Section("", ["distance", "node", "class"], [(str(d), x.label, x.cls) for d, x in n.nodes]),
                      Section("", ["subject", "relation", "object", "status", "sources"],
                              [(lk.subject.label, lk.relation_label, lk.object.label, lk.status, cite(lk.sources))
                               for lk in n.links])])


def gaps(g: Gaps) -> Report:
    return Report("", [
        Section("Bodies and offices that hold others to account but that nothing in the graph holds to account:",
                ["body or office", "holds to account", "part of"],
                [(u.node.label, "; ".join(u.holds_to_account), "; ".join(u.part_of)) for u in g.unwatched]),
        Section("Self-investigation (investigator and investigated belong to the same organisation):",
                ["investigator", "investigated", "same organisation", "recorded as", "sources"],
                [(s.investigator.label, s.investigated.label, "; ".join(s.shared),
                  s.via if isinstance(s.via, str) else f"{s.via.relation_label} ({s.via.status})",
                  "" if isinstance(s.via, str) else cite(s.via.sources)) for s in g.self_investigations]),
        Section("Appeals checked (is the appeal heard or overseen by the organisation whose decision is appealed?):",
                ["appeal", "decision by", "role", "body", "same organisation as the decider"],
                [(a.appeal.label, a.decided_by.label, a.role, a.body.label, "YES" if a.same_organisation else "no")
                 for a in g.appeals])])


def central(measure: str, ranked: list[Centrality]) -> Report:
    rows = [(str(i), c.node.label, c.node.cls, str(c.degree), f"{c.betweenness:.4f}", f"{c.pagerank:.4f}")
            for i, c in enumerate(ranked, 1)]
    return Report(f"Actors ranked by {measure} centrality (undirected projection; degree = distinct neighbours)",
                  [Section("", ["rank", "actor", "class", "degree", "betweenness", "pagerank"], rows)])


def contradictions(found: list[Contradiction]) -> Report:
    rows = [(str(n), c.about + (f", {c.period}" if c.period else ""), c.property, cl.value,
             f"{cl.source} {paragraphs(cl.paragraphs)}".strip(), cl.status + (f" by {cl.by}" if cl.by else ""))
            for n, c in enumerate(found, 1) for cl in c.claims]
    return Report(f"{len(found)} disagreements between or within sources",
                  [Section("", ["#", "about", "what", "value", "source", "status"], rows, grouped=3)]
                  + replies([(str(n), r) for n, c in enumerate(found, 1) for r in c.replies]))


def replies(numbered: list) -> list[Section]:
    """The replies to what a table shows, each with the number of its row: none if none."""
    if not numbered:
        return []
    return [Section("Replies of those the claims are about:", ["#", "reply"], [(n, r.text()) for n, r in numbered])]


def queries(canned: list[CannedQuery]) -> Report:
    rows = [(q.name, q.title, ", ".join(f"?{p.name}" + (f"={p.default}" if p.default else "") for p in q.params))
            for q in canned]
    return Report("", [Section("", ["query", "title", "params (default)"], rows)])
