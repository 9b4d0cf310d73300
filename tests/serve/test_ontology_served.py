"""`/ontology` serves the ontology itself: every class and property, in the RDF syntax asked
for or as documentation whose anchors are the terms' hash IRIs; the version IRI resolves."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from starlette.testclient import TestClient

from graph.model.namespaces import OG, OWL, RDF, SKOS
from graph.model.resources import ontology_file
from graph.serve.app import make_app


@pytest.fixture(scope="module")
def client():
    return TestClient(make_app(Dataset()))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


@pytest.mark.parametrize("accept, syntax", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                            ("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_the_ontology_in_each_rdf_syntax(client, ontology, accept, syntax):
    answer = client.get("/ontology", headers={"accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
    served = Graph().parse(data=answer.text, format=syntax)
    assert (OG.PoliceForce, RDF.type, OWL.Class) in served and len(served) == len(ontology) > 1000
    assert isomorphic(served, ontology)


def test_the_documentation_has_an_anchor_for_every_term_and_claim_status(client, ontology):
    page = client.get("/ontology", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    own = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(str(OG))}
    assert len(own) > 150 and set(ontology.subjects(SKOS.inScheme, OG.claimStatuses)) <= own
    for term in own:
        assert f'<section id="{str(term)[len(str(OG)):]}">' in page.text, term
    assert "The source reports the fact in its own voice." in page.text  # og:Reported's definition


def test_the_version_iri_resolves_and_other_versions_do_not(client, ontology):
    version = str(ontology.value(URIRef(str(OG).rstrip("#")), OWL.versionIRI))
    path = "/ontology/" + version.rsplit("/", 1)[1]
    answer = client.get(path, headers={"accept": "application/ld+json"})
    assert answer.status_code == 200
    served = Graph().parse(data=answer.text, format="json-ld")
    assert (URIRef(str(OG).rstrip("#")), OWL.versionIRI, URIRef(version)) in served
    assert client.get("/ontology/0.0.0-none").status_code == 404
    assert client.get("/ontology", headers={"accept": "image/png"}).status_code == 406


def test_the_documentation_escapes_what_the_ontology_says():
    from rdflib import Literal
    from graph.model.namespaces import RDFS
    from graph.views.ontology_page import ontology_page
    g = Graph().parse(ontology_file(), format="turtle")
    g.set((OG.PoliceForce, RDFS.comment, Literal('<script>alert("x")</script>')))
    page = ontology_page(g)
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
