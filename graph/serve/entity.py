"""What the dataset says about one IRI, across all its named graphs.

Used to dereference IRIs: as RDF (the quads where the IRI is subject or object) and as
the facts of its HTML page (label, classes, the reified statements grouped by source).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from graph.model.namespaces import OG, PROV, RDF, bind_prefixes
from graph.views.labels import label, quads_about

_SOURCE_LINKS = (OG.source, PROV.wasDerivedFrom)
"""How a statement names its source document (the loader writes og:source)."""


def describe(quads: list[tuple], with_graphs: bool) -> Graph:
    """Quads (from `quads_about`) as a Dataset keeping graph names, or merged into one Graph."""
    if with_graphs:
        out = bind_prefixes(Dataset())
        out.addN((s, p, o, out.graph(g)) for s, p, o, g in quads)
        return out
    out = bind_prefixes(Graph())
    out += ((s, p, o) for s, p, o, _ in quads)
    return out


@dataclass
class Claim:
    """One reified statement about the entity, as its HTML page shows it."""
    subject: Node
    predicate: Node
    object: Node
    status: str
    paragraphs: list[int]
    cites: list[Node]
    attributed_to: list[Node]


@dataclass
class EntityFacts:
    iri: URIRef
    label: str
    classes: list[Node]
    claims_by_source: dict[Node, list[Claim]] = field(default_factory=dict)
    triples: list[tuple] = field(default_factory=list)


def _claim(dataset: Dataset, statement: Node) -> Claim:
    def values(predicate):
        return sorted({o for _, _, o, _ in dataset.quads((statement, predicate, None, None))})

    status = values(OG.claimStatus)
    return Claim(
        subject=values(RDF.subject)[0], predicate=values(RDF.predicate)[0],
        object=values(RDF.object)[0],
        status=label(dataset, status[0]) if status else "",
        paragraphs=sorted(int(p) for p in values(OG.paragraph)),
        cites=values(OG.cites),
        attributed_to=values(OG.attributedTo),
    )


def facts(dataset: Dataset, iri: URIRef) -> EntityFacts | None:
    """Everything the entity page shows, or None if the dataset never mentions `iri`."""
    quads = quads_about(dataset, iri)
    if not quads:
        return None
    statements = {s for role in (RDF.subject, RDF.object)
                  for s, _, _, _ in dataset.quads((None, role, iri, None))}
    by_source: dict[Node, list[Claim]] = defaultdict(list)
    for statement in sorted(statements):
        sources = {o for link in _SOURCE_LINKS for _, _, o, _ in dataset.quads((statement, link, None, None))}
        claim = _claim(dataset, statement)
        for source in sources or {None}:
            by_source[source].append(claim)
    return EntityFacts(
        iri=iri, label=label(dataset, iri),
        classes=sorted({o for s, p, o, _ in quads if s == iri and p == RDF.type}),
        claims_by_source=dict(by_source),
        triples=[q for q in quads if q[0] not in statements],
    )
