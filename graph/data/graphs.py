"""The names of the named graphs the loader writes: one per source, the metadata, the ontology."""
from __future__ import annotations

from rdflib import URIRef

GRAPH_BASE = "https://w3id.org/oversight-graph/graph/"
META_GRAPH = URIRef(GRAPH_BASE + "meta")
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")
JUDGEMENTS_GRAPH = URIRef(GRAPH_BASE + "judgements")
"""The identity judgements (data/judgements.yaml): owl:sameAs and who judged it, when and why."""


def source_graph(source_id: str) -> URIRef:
    """The named graph holding the facts recorded from one source."""
    return URIRef(GRAPH_BASE + source_id)
