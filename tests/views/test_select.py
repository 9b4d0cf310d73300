"""Query results and neighbourhoods, read from the Dataset, come out in the projection's
contract: a node or fact looks the same in every view, from the command line or the server."""
from __future__ import annotations

from rdflib import URIRef

from graph.model.namespaces import ID, NS, OG, RDF
from graph.views.select import from_result, neighbourhood

NODE = ("iri", "id", "label", "cls", "cls_label")
EDGE = {"relation", "relation_label", "status", "sources", "attributed_to"}


def test_construct_result_follows_the_projection(dataset, net):
    result = dataset.query("CONSTRUCT { ?a og:overseenBy ?b } WHERE { ?a og:overseenBy ?b }", initNs=NS)
    g = from_result(dataset, result)
    assert g.number_of_edges() > 5
    for node, data in g.nodes(data=True):
        assert data == {k: net.nodes[node][k] for k in NODE}
    projected = {(d["relation"], d["relation_label"]) for *_, d in net.edges(data=True)
                 if d["predicate"] == str(OG.overseenBy)}
    for *_, data in g.edges(data=True):
        assert set(data) == EDGE and data["status"] == "" and data["sources"] == []
        assert {(data["relation"], data["relation_label"])} == projected


def test_select_result_links_each_rows_resources_by_variable(dataset):
    result = dataset.query("SELECT ?a ?b WHERE { ?a og:overseenBy ?b }", initNs=NS)
    g = from_result(dataset, result, max_edges=3)
    assert g.number_of_edges() == 3
    assert {(d["relation"], d["relation_label"]) for *_, d in g.edges(data=True)} == {("?b", "?b")}


def test_neighbourhood_is_one_step_without_statements(dataset, net):
    tvp = str(ID.thames_valley_police)
    around = neighbourhood(dataset, ID.thames_valley_police)
    assert set(net.to_undirected(as_view=True)[tvp]) <= set(around)
    assert all(tvp in (u, v) for u, v in around.edges())
    assert not any((URIRef(n), RDF.type, OG.Statement) in dataset for n in around)
    assert {"oversees", "overseenBy"} <= {d["relation"] for *_, d in around.edges(data=True)}
