"""Oversight Graph: a sourced knowledge graph of who holds the police to account in the UK."""
from . import engine  # noqa: F401  (registers the GROUP BY fix with rdflib's SPARQL engine)
