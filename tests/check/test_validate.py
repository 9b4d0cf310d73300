"""SHACL validation as the build runs it (lifted property shapes dealt to worker processes)
finds what one pySHACL run with ontology/shapes.ttl as written finds."""
from __future__ import annotations

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import DCTERMS

from graph.data.load import load
from graph.model.namespaces import OG, RDF, SH
from graph.check import _TARGETS
from graph.model.resources import shapes_file
from graph.check import _shapes, groups, heaviest_first, lift_property_shapes, only, shacl_errors, shape_reach


def _broken():
    """The bundled data with one statement stripped of its status, another of its source,
    a third (an allegation, finding or denial) of who makes the claim, a fourth of its
    paragraphs and a fifth (of the reference data) of its citation."""
    data = load()
    graph = next(iter(data.graphs.values()))
    first, second = sorted(graph.subjects(RDF.type, OG.Statement))[:2]
    graph.remove((first, OG.claimStatus, None))
    graph.remove((second, OG.source, None))
    third = next(g for g in data.graphs.values() if (None, OG.attributedTo, None) in g)
    claimed = sorted(third.subjects(OG.attributedTo, None))[0]
    third.remove((claimed, OG.attributedTo, None))
    placed = sorted(set(third.subjects(OG.paragraph, None)) - {first, second, claimed})[0]
    third.remove((placed, OG.paragraph, None))
    reference = next(g for g in data.graphs.values() if (None, OG.claimStatus, OG.Reference) in g)
    cited = sorted(set(reference.subjects(OG.cites, None)) - {first, second})[0]
    reference.remove((cited, OG.cites, None))
    return data, {first, second, claimed, placed, cited}


def test_pooled_validation_reports_what_a_whole_graph_run_reports() -> None:
    data, broken = _broken()
    whole = data.facts() + data.meta + data.vocabulary.graph
    _, report, _ = validate(whole, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    # the attribution shape targets the claim status and names the statement as its value
    focus = {report.value(r, SH.value) if (report.value(r, SH.focusNode), RDF.type, OG.ClaimStatus) in whole
             else report.value(r, SH.focusNode) for r in results}
    assert focus == broken
    serial, pooled = shacl_errors(data, workers=1), shacl_errors(data, workers=2)
    assert serial == pooled
    assert {e.message for e in serial} == {
        "og:claimStatus: a statement must have exactly one claim status (SHACL)",
        "og:attributedTo: this status (stated, alleged, found, denied...) needs 'by:' (who states, alleges, finds or denies it): add it beside the status (SHACL)",
        "og:source: a statement must name exactly one source document (SHACL)",
        "og:paragraph: every fact needs the paragraph(s) it comes from: add 'paragraphs: [N]' to the record, or to the value (SHACL)",
        "og:cites: a reference fact needs 'cites:' (the id of the Act or document it rests on) on the record, or on the value (SHACL)"}


def _results(data_graph: Graph, shapes: Graph) -> set[tuple]:
    _, report, _ = validate(data_graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    return {tuple(report.value(r, p) for p in (SH.focusNode, SH.resultPath, SH.resultMessage, SH.value))
            for r in report.subjects(RDF.type, SH.ValidationResult) if (r, SH.detail, None) not in report}


def test_lifted_property_shapes_report_what_the_shapes_as_written_report() -> None:
    data, _ = _broken()
    source = next(data.meta.subjects(DCTERMS.publisher, None))
    data.meta.set((source, DCTERMS.publisher, OG.Statement))  # a generic message: not a NewsOutlet
    whole = data.facts() + data.meta + data.vocabulary.graph
    written = Graph().parse(shapes_file(), format="turtle")
    lifted = lift_property_shapes(written)
    assert (None, SH.property, None) in lifted  # nested shapes (sh:node) keep theirs
    found = _results(whole, written)
    assert len(found) == 6
    assert _results(whole, lifted) == found


def test_each_worker_job_runs_its_group_of_shapes_once_and_keeps_the_others_for_nesting() -> None:
    shapes = _shapes()
    targets = {(s, p, o) for p in _TARGETS for s, o in shapes.subject_objects(p)}
    reach = shape_reach(shapes, load().dataset)
    order = heaviest_first(reach)
    assert set(order) == {s for s, _, _ in targets} and len(order) == len(set(order))
    assert (order[0], SH.targetClass, OG.Statement) in shapes  # statements are most of the data
    jobs = groups(reach, 6)
    assert len(jobs) == 6 and sorted(s for job in jobs for s in job) == sorted(order)  # each shape once
    assert order[0] in jobs[0]
    loads = [sum(reach[s] for s in job) for job in jobs]
    assert max(loads) - min(loads) <= reach[order[0]]  # none heavier than needed
    for job in jobs:
        alone = only(shapes, job)
        assert {(s, p, o) for p in _TARGETS for s, o in alone.subject_objects(p)} == {t for t in targets if t[0] in job}
        assert set(alone) - targets == set(shapes) - targets
