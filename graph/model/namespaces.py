"""The namespaces of the project and the W3C vocabularies it reuses."""
from rdflib import Namespace
from rdflib import Graph
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SDO, SH, SKOS, TIME, VANN, XSD

OG = Namespace("https://w3id.org/oversight-graph/ontology#")
"""Terms of the oversight ontology (classes, relations, claim statuses)."""
ID = Namespace("https://w3id.org/oversight-graph/id/")
"""Actors, events, statements and observations recorded in `data/`."""
SOURCE = Namespace("https://w3id.org/oversight-graph/source/")
"""Source documents; each also names the graph that holds its facts."""
STATEMENT_IDS = str(ID) + "st-"
"""What the IRI of every og:Statement the loader writes begins with (graph.data.statements)."""

PREFIXES = {
    "og": OG, "id": ID, "src": SOURCE, "org": ORG, "prov": PROV, "foaf": FOAF,
    "schema": SDO, "time": TIME, "qb": QB, "skos": SKOS, "dcterms": DCTERMS,
    "vann": VANN, "owl": OWL, "rdf": RDF, "rdfs": RDFS, "xsd": XSD,
}

__all__ = ["OG", "ID", "SOURCE", "PREFIXES", "NS", "bind_prefixes", "SH", "DCTERMS", "FOAF", "ORG", "OWL", "PROV", "QB",
           "RDF", "RDFS", "SDO", "SKOS", "TIME", "VANN", "XSD"]

NS = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
"""PREFIXES as plain strings for `initNs`: every store accepts these (oxrdflib rejects Namespace objects)."""


def bind_prefixes(graph: Graph) -> Graph:
    """Give `graph` the project's prefixes, so that what it serialises reads og:, id:, src:..."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph
