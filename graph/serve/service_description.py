"""The SPARQL 1.1 Service Description the endpoint returns for a GET without a query."""
from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID

from graph.sparql.formats import GRAPH_TYPES, RESULT_TYPES

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
_FORMATS = Namespace("http://www.w3.org/ns/formats/")
# W3C format IRIs of the media types the endpoint serves.
_FORMAT_IRIS = {
    "application/sparql-results+json": _FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": _FORMATS.SPARQL_Results_XML,
    "text/csv": _FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": _FORMATS.SPARQL_Results_TSV,
    "text/turtle": _FORMATS.Turtle,
    "application/n-triples": _FORMATS["N-Triples"],
    "application/ld+json": _FORMATS["JSON-LD"],
    "application/trig": _FORMATS.TriG,
    "application/rdf+xml": _FORMATS.RDF_XML,
}


def service_description(dataset: Dataset, endpoint: str, *, writable: bool,
                        federated: bool) -> Graph:
    """Describe the endpoint, its formats and its dataset (with triple counts per graph)."""
    sd = Graph()
    sd.bind("sd", SD)
    sd.bind("void", VOID)
    service = URIRef(endpoint)
    sd.add((service, RDF.type, SD.Service))
    sd.add((service, SD.endpoint, service))
    sd.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if writable:
        sd.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for media_type in [*RESULT_TYPES, *GRAPH_TYPES]:
        sd.add((service, SD.resultFormat, _FORMAT_IRIS[media_type]))
    sd.add((service, SD.feature, SD.EmptyGraphs))
    if federated:
        sd.add((service, SD.feature, SD.BasicFederatedQuery))
    if dataset.default_union:
        sd.add((service, SD.feature, SD.UnionDefaultGraph))

    described = BNode()
    default = BNode()
    sd.add((service, SD.defaultDataset, described))
    sd.add((described, RDF.type, SD.Dataset))
    sd.add((described, SD.defaultGraph, default))
    sd.add((default, RDF.type, SD.Graph))
    default_size = len(dataset) if dataset.default_union else len(dataset.default_graph)
    sd.add((default, VOID.triples, Literal(default_size)))
    for graph in dataset.graphs():
        if graph.identifier == dataset.default_graph.identifier:
            continue
        named, description = BNode(), BNode()
        sd.add((described, SD.namedGraph, named))
        sd.add((named, RDF.type, SD.NamedGraph))
        sd.add((named, SD.name, graph.identifier))
        sd.add((named, SD.graph, description))
        sd.add((description, RDF.type, SD.Graph))
        sd.add((description, VOID.triples, Literal(len(graph))))
    return sd
