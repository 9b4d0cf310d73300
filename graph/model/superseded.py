"""Where corrected and retracted facts live: one named graph that default answers leave out.

The loader moves every statement a correction supersedes (and its plain triple) into
SUPERSEDED_GRAPH, marked og:supersededBy; stores read through graph.store hide the graph
unless asked for the history, so every query, view and network command inherits the rule.
"""
from __future__ import annotations

from rdflib import URIRef

SUPERSEDED_GRAPH = URIRef("https://w3id.org/oversight-graph/graph/superseded")
HIDDEN_BY_DEFAULT = frozenset({str(SUPERSEDED_GRAPH)})
"""The names of the named graphs that only `--history` answers see, as plain strings (an
rdflib URIRef never equals a str, and Oxigraph's terms give their IRIs as str)."""
