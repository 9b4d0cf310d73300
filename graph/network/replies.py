"""Right of reply: what the people a claim is about said to it, to show beside the claim.

A reply is an og:Reply record linked by og:repliesTo to the claims it answers (an allegation,
a finding, a figure...), with its kind (denial, statement, declined to comment, did not
respond), its speaker and its words. Route, contradictions, the entity page and the views'
tooltips all read replies from here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph

from graph.sparql.evaluate import evaluate

_REPLIES = """
SELECT ?claim ?reply ?label ?kind ?speaker ?description ?date ?src (GROUP_CONCAT(DISTINCT STR(?para); separator=",") AS ?paras)
WHERE {
  ?reply og:repliesTo ?claim ; rdfs:label ?label .
  OPTIONAL { ?reply og:replyKind ?kind }
  OPTIONAL { ?reply og:speaker/rdfs:label ?speaker }
  OPTIONAL { ?reply og:description ?description }
  OPTIONAL { ?reply og:date ?date }
  OPTIONAL { ?st rdf:subject ?reply ; rdf:predicate og:repliesTo ; rdf:object ?claim ; og:source/og:identifier ?src .
             OPTIONAL { ?st og:paragraph ?para } }
} GROUP BY ?claim ?reply ?label ?kind ?speaker ?description ?date ?src
"""


@dataclass
class Reply:
    iri: str
    label: str
    kind: str
    speaker: str | None
    description: str | None
    date: str | None
    sources: list[str] = field(default_factory=list)
    """Each as 'source ¶paragraphs'."""

    def text(self) -> str:
        """One line: who replied, how, in what words, where it is recorded."""
        words = f": {self.description}" if self.description else ""
        where = f" ({'; '.join(self.sources)})" if self.sources else ""
        return f"Reply of {self.speaker or 'the party'}, {self.kind}{words}{where}"


def replies_to(graph: Graph) -> dict[str, list[Reply]]:
    """The replies to each claim (keyed by the claim's IRI), in the order of their IRIs."""
    found: dict[str, dict[str, Reply]] = defaultdict(dict)
    for row in evaluate(graph, _REPLIES):
        reply = found[str(row.claim)].setdefault(str(row.reply), Reply(
            str(row.reply), str(row.label), str(row.kind or "reply"), row.speaker and str(row.speaker),
            row.description and str(row.description), row.date and str(row.date)))
        if row.src is not None:
            paras = ",".join(sorted(p for p in str(row.paras or "").split(",") if p))
            reply.sources.append(f"{row.src} ¶{paras}" if paras else str(row.src))
    return {claim: [by_iri[k] for k in sorted(by_iri)] for claim, by_iri in found.items()}


def attach_replies(graph: Graph, net) -> None:
    """Give each claim node of a view (a networkx graph keyed by IRI) the text of its replies,
    which the views show in its tooltip."""
    for claim, replies in replies_to(graph).items():
        if claim in net:
            net.nodes[claim]["replies"] = [r.text() for r in replies]
