"""Plain-text tables for the answers of graph.analysis, graph.route and graph.findings.

Kept apart from the analyses so that notebooks get data (dataclasses) and the command line
gets text; `--format json` prints the same dataclasses as JSON instead.
"""
from __future__ import annotations

from datetime import date

from graph.network.chain import ChainStep
from graph.network.paths import Centrality, Hop, Neighbourhood
from graph.network.projection import Link
from graph.sparql.canned import CannedQuery
from graph.network.contradictions import Contradiction
from graph.network.gaps import Gaps
from graph.cli.text import cite, legal_bases, paragraphs, table
from graph.network.route import Route


def _link_text(link: Link, lower_is_subject: bool = True) -> str:
    """A relation as the source records it, with an arrow pointing from subject to object."""
    return f"{link.relation_label} →" if lower_is_subject else f"← {link.relation_label}"


def chain(actor: str, steps: list[ChainStep], on: date | None = None) -> str:
    rows = [(str(s.level), s.lower.label, _link_text(lk, lk.subject == s.lower), s.upper.label, lk.status,
             legal_bases(lk.sources), cite(lk.sources))
            for s in steps for lk in s.links]
    when = f"on {on.isoformat()}" if on else "today"
    title = f"Chain of oversight above {actor} {when} (level 1 = held to account directly)"
    return title + "\n\n" + table(["level", "actor", "relation", "held to account by", "status", "legal basis", "sources"], rows)


def _route_date(step) -> str:
    """The date, or every date with its source where the sources disagree."""
    if not step.date_disputed:
        return step.date or ""
    return " or ".join(f"{d.date} ({d.source} {paragraphs(d.paragraphs)})".replace(" )", ")") for d in step.dates)


def route(label: str, r: Route) -> str:
    def roles(side): return "; ".join(f"{x.role}: {x.label}" for x in side)
    rows = [(str(i), _route_date(s), s.kind, s.label, roles(s.actors), roles(s.acted_on))
            for i, s in enumerate(r.steps, 1)]
    text = f"Route of {label}: events in time order (dates as precise as the sources give them; where sources disagree, each date with its source)\n\n"
    text += table(["#", "date", "kind", "event", "who acted", "on whom"], rows)
    if r.unplaced:
        text += "\n\nNo date or sequence recorded (place in the route unknown):\n"
        text += table(["kind", "event", "who acted", "on whom"],
                      [(s.kind, s.label, roles(s.actors), roles(s.acted_on)) for s in r.unplaced])
    numbered = {s.id: str(i) for i, s in enumerate(r.steps, 1)} | {s.id: "-" for s in r.unplaced}
    return text + replies([(numbered[event], reply) for event in sorted(r.replies, key=list(numbered).index)
                           for reply in r.replies[event]])


def paths(a: str, b: str, found: list[list[Hop]]) -> str:
    blocks = []
    for n, path in enumerate(found, 1):
        rows = [(h.start.label if i == 0 else "", f"{lk.subject.label} —{lk.relation_label}→ {lk.object.label}",
                 lk.status, cite(lk.sources)) for h in path for i, lk in enumerate(h.links)]
        blocks.append(f"Path {n} ({len(path)} step{'s' if len(path) != 1 else ''}):\n"
                      + table(["from", "edge (as recorded)", "status", "sources"], rows))
    return f"Shortest connections between {a} and {b}:\n\n" + "\n\n".join(blocks)


def neighbours(n: Neighbourhood) -> str:
    nodes = table(["distance", "node", "class"], [(str(d), x.label, x.cls) for d, x in n.nodes])
    links = table(["subject", "relation", "object", "status", "sources"],
                  [(lk.subject.label, lk.relation_label, lk.object.label, lk.status, cite(lk.sources)) for lk in n.links])
    return (f"Within {n.radius} step{'s' if n.radius != 1 else ''} of {n.centre.label}: "
            f"{len(n.nodes)} nodes, {len(n.links)} edges\n\n{nodes}\n\n{links}")


def gaps(g: Gaps) -> str:
    unwatched = table(["body or office", "holds to account", "part of"],
                      [(u.node.label, "; ".join(u.holds_to_account), "; ".join(u.part_of)) for u in g.unwatched])
    selves = table(["investigator", "investigated", "same organisation", "recorded as", "sources"],
                   [(s.investigator.label, s.investigated.label, "; ".join(s.shared),
                     s.via if isinstance(s.via, str) else f"{s.via.relation_label} ({s.via.status})",
                     "" if isinstance(s.via, str) else cite(s.via.sources)) for s in g.self_investigations])
    appeals = table(["appeal", "decision by", "role", "body", "same organisation as the decider"],
                    [(a.appeal.label, a.decided_by.label, a.role, a.body.label, "YES" if a.same_organisation else "no")
                     for a in g.appeals])
    return ("Bodies and offices that hold others to account but that nothing in the graph holds to account:\n"
            f"{unwatched}\n\nSelf-investigation (investigator and investigated belong to the same organisation):\n"
            f"{selves}\n\nAppeals checked (is the appeal heard or overseen by the organisation whose decision is appealed?):\n"
            f"{appeals}")


def central(measure: str, ranked: list[Centrality]) -> str:
    rows = [(str(i), c.node.label, c.node.cls, str(c.degree), f"{c.betweenness:.4f}", f"{c.pagerank:.4f}")
            for i, c in enumerate(ranked, 1)]
    return (f"Actors ranked by {measure} centrality (undirected projection; degree = distinct neighbours)\n\n"
            + table(["rank", "actor", "class", "degree", "betweenness", "pagerank"], rows))


def contradictions(found: list[Contradiction]) -> str:
    rows = [(str(n) if i == 0 else "", (c.about + (f", {c.period}" if c.period else "")) if i == 0 else "", c.property if i == 0 else "", cl.value,
             f"{cl.source} {paragraphs(cl.paragraphs)}".strip(), cl.status + (f" by {cl.by}" if cl.by else ""))
            for n, c in enumerate(found, 1) for i, cl in enumerate(c.claims)]
    return (f"{len(found)} disagreements between or within sources\n\n"
            + table(["#", "about", "what", "value", "source", "status"], rows) + replies(
                [(str(n), r) for n, c in enumerate(found, 1) for r in c.replies]))


def replies(numbered: list) -> str:
    """The replies to what a table shows, each after the number of its row: '' if none."""
    if not numbered:
        return ""
    return "\n\nReplies of those the claims are about:\n" + "\n".join(f"  #{n}  {r.text()}" for n, r in numbered)


def queries(canned: list[CannedQuery]) -> str:
    rows = [(q.name, q.title, ", ".join(f"?{p.name}" + (f"={p.default}" if p.default else "") for p in q.params))
            for q in canned]
    return table(["query", "title", "params (default)"], rows)
