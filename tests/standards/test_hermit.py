"""HermiT finds the ontology, the bundled data and W3C ORG's and FOAF's published axioms
consistent together, with no unsatisfiable class: people and posts never become organisations."""
from __future__ import annotations

import pytest
from rdflib import Graph

from graph.model.namespaces import ID, ORG, RDF
from graph.model.resources import ontology_file
from tests.standards.owl_tools import ORG_FOAF_AXIOMS, hermit, owl_view

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def together(built) -> Graph:
    g = Graph()
    g.parse(ontology_file(), format="turtle")
    g.parse(ORG_FOAF_AXIOMS, format="turtle")
    g += owl_view(built.data.facts())
    g += built.data.meta
    return g


def test_ontology_data_org_and_foaf_are_consistent_with_no_unsatisfiable_class(together, tmp_path):
    assert hermit(together, tmp_path) == []


def test_hermit_catches_a_person_made_an_organisation(together, tmp_path):
    """What the old modelling did (org:linkedTo between people): FOAF's disjointness fires."""
    import owlready2
    planted = Graph()
    planted += together
    planted.add((ID.andrea_leadsom, ORG.linkedTo, ID.thames_valley_pcc))
    assert (ID.andrea_leadsom, RDF.type, None) in planted
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(planted, tmp_path)
