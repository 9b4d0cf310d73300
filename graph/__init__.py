"""Oversight Graph: a sourced knowledge graph of who holds the police to account in the UK."""
from graph.sparql import rdflib_fix  # noqa: F401  (registers the GROUP BY fix with rdflib's SPARQL engine)
