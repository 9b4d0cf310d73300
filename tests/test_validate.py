"""SHACL validation in parts (graph.validate.split) finds what one whole-graph run finds."""
from __future__ import annotations

from pyshacl import validate
from rdflib import Graph

from graph.load import load
from graph.namespaces import OG, RDF, SH
from graph.validate import _shapes, shacl_errors, split


def _broken():
    """The bundled data with one statement stripped of its status, another of its source and
    a third (an allegation, finding or denial) of who makes the claim."""
    data = load()
    graph = next(iter(data.graphs.values()))
    first, second = sorted(graph.subjects(RDF.type, OG.Statement))[:2]
    graph.remove((first, OG.claimStatus, None))
    graph.remove((second, OG.source, None))
    third = next(g for g in data.graphs.values() if (None, OG.attributedTo, None) in g)
    claimed = sorted(third.subjects(OG.attributedTo, None))[0]
    third.remove((claimed, OG.attributedTo, None))
    return data, {first, second, claimed}


def test_parts_cover_every_triple_once_or_as_context() -> None:
    data = load()
    parts = split(data, parts=3)
    union = Graph()
    for part in parts:
        union += part
    for graph in (*data.graphs.values(), data.meta, data.vocabulary.graph):
        assert all(t in union for t in graph)


def test_split_validation_reports_what_a_whole_graph_run_reports() -> None:
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
        "og:attributedTo: a statement whose claim status needs attribution (alleged, found, denied...) must say who makes the claim (SHACL)",
        "og:source: a statement must name exactly one source document (SHACL)"}
