"""The ontology is documented, consistent under OWL 2 RL, and plain OWL 2 that Protégé opens."""
from __future__ import annotations

import owlrl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, VANN, XSD

from graph.pipeline.inference import closure, conclusions, reasoning_input
from graph.model.namespaces import ID, OG
from graph.model.resources import ontology_file, shapes_file
from graph.model.vocabulary import Vocabulary

ONTOLOGY = URIRef("https://w3id.org/oversight-graph/ontology")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def own_terms(g: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, kind) if str(s).startswith(str(OG)))


def test_header_follows_publishing_conventions(ontology):
    for prop in (RDFS.label, DCTERMS.title, DCTERMS.description, OWL.versionIRI, OWL.versionInfo,
                 DCTERMS.created, DCTERMS.creator, DCTERMS.license, VANN.preferredNamespaceUri,
                 VANN.preferredNamespacePrefix):
        assert ontology.value(ONTOLOGY, prop) is not None, prop
    assert str(ontology.value(ONTOLOGY, VANN.preferredNamespaceUri)) == str(OG)


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_term_has_label_definition_and_is_defined_by(ontology, kind):
    terms = own_terms(ontology, kind)
    assert terms
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"
        assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY, f"{term} has no rdfs:isDefinedBy"


def test_plain_owl2_no_punning_and_every_used_term_declared(ontology):
    """Protégé wants each IRI to be one kind of entity, and every class or property it meets declared."""
    kinds = [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype]
    for a in kinds:
        for b in kinds:
            if a != b:
                assert not set(ontology.subjects(RDF.type, a)) & set(ontology.subjects(RDF.type, b))
    declared = {s for k in kinds for s in ontology.subjects(RDF.type, k)}
    for prop in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf):
        for s, o in ontology.subject_objects(prop):
            if isinstance(o, URIRef) and str(o).startswith(str(OG)):
                assert o in declared, f"{o} used by {s} but not declared"
    # a datatype property's range is an XSD datatype or a datatype the ontology declares
    for p in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        rng = ontology.value(p, RDFS.range)
        assert rng is None or str(rng).startswith(str(XSD)) or (rng, RDF.type, RDFS.Datatype) in ontology, p


def test_owl_rl_closure_of_ontology_and_data_is_consistent(ontology, built):
    g = Graph()
    g += ontology
    g += built.data.facts()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    errors = list(g.subjects(RDF.type, URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")))
    assert errors == [], [str(m) for e in errors for m in g.objects(e, None)]


def test_the_build_concludes_what_owlrl_concludes(built):
    """The build's reasoner (reasonable) against owlrl, the reference OWL 2 RL implementation."""
    sources, ontology = built.data.graphs.values(), built.data.vocabulary.graph
    premises = reasoning_input(sources, ontology)
    expanded = Graph()
    expanded += premises
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(expanded)
    expected = set(conclusions(expanded, premises))
    assert len(expected) > 500 and set(closure(sources, ontology)) == expected


def test_a_conclusion_is_a_new_type_or_relation_of_the_data_own_resources():
    """What `conclusions` keeps of a closure (the owlrl test above shares it, so it is held here)."""
    force, pcc, panel = (ID[name] for name in ("force", "pcc", "panel"))
    premise = (pcc, OG.oversees, force)
    derived = {
        premise,  # said already
        (force, OG.overseenBy, pcc), (force, RDF.type, OG.PoliceForce), (pcc, OG.accountableTo, panel),
        (force, RDF.type, OWL.Thing),  # true of every individual
        (force, OWL.sameAs, force), (force, OWL.sameAs, pcc),  # not a fact the data gives
        (OG.oversees, RDF.type, OWL.ObjectProperty),  # not a resource of the data
        (force, OG.accountableTo, OG.PoliceForce), (force, RDFS.label, Literal("Force")),  # not about two resources
    }
    assert conclusions(derived, {premise}) == {(force, OG.overseenBy, pcc), (force, RDF.type, OG.PoliceForce),
                                               (pcc, OG.accountableTo, panel)}


def test_accountable_to_is_transitive_and_specialised(ontology):
    vocab = Vocabulary()
    assert (OG.accountableTo, RDF.type, OWL.TransitiveProperty) in ontology
    for specific in (OG.overseenBy, OG.complaintsInvestigatedBy, OG.refersCasesTo, OG.inspectedBy):
        assert OG.accountableTo in set(ontology.transitive_objects(specific, RDFS.subPropertyOf))
    assert set(vocab.statuses) >= {"reported", "stated", "alleged", "found", "denied", "disputed",
                                   "acquitted", "upheld", "reference"}
    assert not vocab.statuses["alleged"].asserts_fact and vocab.statuses["reported"].asserts_fact


def test_shapes_cover_every_class_the_data_uses(built):
    from rdflib.namespace import SH
    shapes = Graph().parse(shapes_file(), format="turtle")
    targeted = set(shapes.objects(None, SH.targetClass))
    vocab = built.data.vocabulary
    used = {o for o in built.data.facts().objects(None, RDF.type) if str(o).startswith(str(OG)) and o != OG.Statement}
    for cls in used:
        ancestors = set(vocab.graph.transitive_objects(cls, RDFS.subClassOf))
        assert ancestors & targeted, f"no SHACL shape targets {cls} or a super-class"


def test_attribution_shape_targets_exactly_the_statuses_that_need_attribution():
    from rdflib.namespace import SH
    shapes = Graph().parse(shapes_file(), format="turtle")
    targeted = set(shapes.objects(URIRef("https://w3id.org/oversight-graph/shapes#AttributionShape"), SH.targetNode))
    needing = {s.iri for s in Vocabulary().statuses.values() if s.needs_attribution}
    assert targeted == needing


def test_paragraph_and_citation_shapes_share_out_the_statuses():
    """A fact comes from paragraphs of its source, or (a reference fact) cites a document: every
    status is in exactly one shape, and the reference data's default status is the cited one."""
    from rdflib.namespace import SH
    shapes = Graph().parse(shapes_file(), format="turtle")
    ogsh = "https://w3id.org/oversight-graph/shapes#"
    paragraphs = set(shapes.objects(URIRef(ogsh + "ParagraphsShape"), SH.targetNode))
    cited = set(shapes.objects(URIRef(ogsh + "CitationShape"), SH.targetNode))
    vocab = Vocabulary()
    assert not paragraphs & cited
    assert paragraphs | cited == {s.iri for s in vocab.statuses.values()}
    assert cited == {vocab.graph.value(OG.ReferenceCompilation, OG.defaultClaimStatus)}


def test_every_source_class_gives_its_facts_a_default_status():
    vocab = Vocabulary()
    for cls in vocab.graph.transitive_subjects(RDFS.subClassOf, OG.SourceDocument):
        defaults = [vocab.graph.value(c, OG.defaultClaimStatus) for c in vocab.graph.transitive_objects(cls, RDFS.subClassOf)]
        assert any(d in {s.iri for s in vocab.statuses.values()} for d in defaults), cls


def test_data_file_schema_allows_exactly_the_ontology_claim_statuses():
    """The schema lists the statuses for editors; the ontology defines them: they must agree."""
    from graph.data.format import schema
    assert sorted(schema()["$defs"]["status"]["enum"]) == sorted(Vocabulary().statuses)


def test_is_subclass_answers_what_the_ontology_says():
    """`is_subclass` answers from each class's ancestry, walked once: the same answer as
    SPARQL's rdfs:subClassOf* on the ontology, for every pair of classes, asked twice."""
    vocab = Vocabulary()
    classes = sorted(vocab.classes)
    expected = {(row[0], row[1]) for row in vocab.graph.query(
        "SELECT ?c ?a WHERE { ?c rdfs:subClassOf* ?a }", initNs={"rdfs": RDFS})}
    for _ in range(2):
        found = {(c, a) for c in classes for a in classes if vocab.is_subclass(c, a)}
        assert found == {(c, a) for c, a in expected if c in vocab.classes and a in vocab.classes}
    assert vocab.is_subclass(OG.PoliceForce, OG.Actor) and not vocab.is_subclass(OG.Actor, OG.PoliceForce)
