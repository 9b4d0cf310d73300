"""The ontology, alone and with the bundled data, is OWL 2 DL as the OWL API's profile check sees it."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from graph.model.namespaces import OG, XSD
from graph.model.resources import ontology_file
from tests.standards.owl_tools import dl_profile_violations, owl_view

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def test_the_ontology_is_owl2_dl(ontology, tmp_path):
    assert dl_profile_violations(ontology, tmp_path) == []


def test_the_ontology_with_the_bundled_data_is_owl2_dl(ontology, built, tmp_path):
    together = Graph()
    together += ontology
    together += owl_view(built.data.facts())
    together += built.data.meta
    assert len(together) > 5000
    assert dl_profile_violations(together, tmp_path) == []


def test_the_check_finds_what_is_not_dl(ontology, tmp_path):
    """A year typed xsd:gYear (outside the OWL 2 datatype map) is caught: the check can fail."""
    planted = Graph()
    planted += ontology
    planted.add((OG.somewhere, OG.date, Literal("2016", datatype=XSD.gYear)))
    violations = dl_profile_violations(planted, tmp_path)
    assert any("xsd:gYear" in v for v in violations), violations
