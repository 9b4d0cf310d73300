"""The pathway's terms: each defined, resting on legislation where the law defines it, and
kept to OWL 2 DL habits (declared, no axioms on reused terms, no people or posts as organisations)."""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS, SKOS

from graph.model.namespaces import OG
from graph.model.resources import ontology_file

PATHWAY = [OG.ConductMatter, OG.RecordableConductMatter, OG.DeathOrSeriousInjuryMatter, OG.Assessment, OG.ReferralToIOPC,
           OG.ModeDetermination, OG.ReturnForLocalInvestigation, OG.MisconductMeeting, OG.AcceleratedHearing,
           OG.DisciplinaryOutcome, OG.IOPCReview, OG.Recommendation, OG.BarredListing, OG.TribunalAppeal,
           OG.JudicialReview, OG.CourtOfAppealAppeal, OG.CostsOrder, OG.Suspension, OG.CallToRetireOrResign,
           OG.PanelScrutiny, OG.LegallyQualifiedChair, OG.IndependentLayMember, OG.PolicePanelMember,
           OG.investigationMode, OG.severity, OG.caseToAnswer, OG.sanction]


def _ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def test_every_pathway_term_has_a_definition_and_its_legal_basis_on_legislation_gov_uk():
    g = _ontology()
    for term in PATHWAY:
        assert g.value(term, SKOS.definition) is not None, term
        bases = list(g.objects(term, OG.legislation))
        assert bases and all(str(b).startswith("https://www.legislation.gov.uk/") for b in bases), term


def test_new_posts_are_posts_not_organisations_and_holdings_are_memberships():
    g = _ontology()
    for post in (OG.ChiefOfficerPost, OG.DeputyPoliceAndCrimeCommissioner):
        supers = set(g.transitive_objects(post, RDFS.subClassOf))
        assert ORG.Post in supers and ORG.Organization not in supers
    assert ORG.Membership in set(g.transitive_objects(OG.PostHolding, RDFS.subClassOf))
    assert ORG.Organization not in set(g.transitive_objects(OG.Judge, RDFS.subClassOf))


def test_the_pathway_adds_no_axiom_to_reused_terms_and_declares_its_annotation_properties():
    g = _ontology()
    assert (OG.legislation, RDF.type, OWL.AnnotationProperty) in g
    assert (SKOS.definition, RDF.type, OWL.AnnotationProperty) in g
    block = ontology_file().read_text(encoding="utf-8").split("# The pathway of a complaint", 1)[1]
    for line in block.splitlines():
        assert not line.startswith(("org:", "foaf:", "prov:", "rdf:", "skos:Concept", "skos:ConceptScheme")), line
    for enum in (OG.Sanction, OG.InvestigationMode, OG.ChallengeResult, OG.Severity, OG.Capacity, OG.UnavailableCount):
        assert (enum, RDFS.subClassOf, SKOS.Concept) in g
        assert all(isinstance(c, URIRef) and g.value(c, SKOS.notation) for c in g.subjects(RDF.type, enum))
