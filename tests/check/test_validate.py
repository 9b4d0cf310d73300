"""SHACL as the build runs it (ontology/shapes.ttl compiled to SPARQL, answered by Oxigraph)
finds what pySHACL, the reference, finds: the same focus node, path, value and message."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import graph.check
from graph.check import data_errors, queries, shacl_errors, shape_violations, shapes
from graph.check.shape_queries import UnsupportedShape, compile_shapes
from graph.data.load import load
from graph.model.namespaces import ID, OG, RDF, SH
from graph.store.base import serialised, source_graphs
from graph.store.embedded import payload_store
from reference_shacl import faults, pyshacl_violations


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
    data.named_graphs = {g.identifier: g for g in data.dataset.graphs()}  # what shacl_errors validates
    return data, {first, second, claimed, placed, cited}


def _in_oxigraph(dataset) -> ox.Store:
    return payload_store(serialised(source_graphs(dataset)))


def test_broken_statements_are_found_as_pyshacl_finds_them() -> None:
    data, broken = _broken()
    found = shape_violations(_in_oxigraph(data.dataset))
    assert {focus for focus, *_ in found} == broken
    assert set(found) == pyshacl_violations(data.dataset, shapes())
    assert {e.message for e in shacl_errors(data)} == {
        "og:claimStatus: a statement must have exactly one claim status (SHACL)",
        "og:attributedTo: this status (stated, alleged, found, denied...) needs 'by:' (who states, alleges, finds or denies it): add it beside the status (SHACL)",
        "og:source: a statement must name exactly one source document (SHACL)",
        "og:paragraph: every fact needs the paragraph(s) it comes from: add 'paragraphs: [N]' to the record, or to the value (SHACL)",
        "og:cites: a reference fact needs 'cites:' (the id of the Act or document it rests on) on the record, or on the value (SHACL)"}


def test_a_fault_for_every_constraint_is_found_as_pyshacl_finds_it() -> None:
    """Every constraint of every shape broken once on the bundled data (the SPARQL-based one,
    on reply kinds, by hand): the queries find exactly pySHACL's results, each its fault."""
    data = load()
    planted = data.dataset.graph(ID.faults)
    planted += faults(shapes())
    planted.add((ID.fault_reply, RDF.type, OG.Reply))
    planted.add((ID.fault_reply, OG.replyKind, Literal("no such kind")))
    found = shape_violations(_in_oxigraph(data.dataset))
    reference = pyshacl_violations(data.dataset, shapes())
    assert set(found) == reference
    assert len(reference) > len(queries())
    said = {(message, path) for _, path, message, _ in found}
    assert [q for q in queries() if (q.message, q.path) not in said] == []


@pytest.mark.parametrize("shape, refusal", [
    ("[ sh:path og:date ; sh:minLength 4 ; sh:message 'x' ]", "uses sh:minLength"),
    ("[ sh:path og:date ; sh:minCount 1 ]", "no sh:message"),
    ("[ sh:path ( og:date og:date ) ; sh:minCount 1 ; sh:message 'x' ]", "path"),
    ("[ sh:path og:date ; sh:nodeKind sh:Literal ; sh:message 'x' ]", "sh:nodeKind"),
])
def test_a_shape_the_queries_cannot_compile_is_refused(shape: str, refusal: str) -> None:
    """A new kind of constraint in shapes.ttl is refused, never skipped in silence."""
    text = f"""@prefix sh: <{SH}> . @prefix og: <{OG}> .
               <urn:s> a sh:NodeShape ; sh:targetClass og:Event ; sh:property {shape} ."""
    with pytest.raises(UnsupportedShape, match=refusal):
        compile_shapes(Graph().parse(data=text, format="turtle"))


def test_every_constraint_of_the_shapes_has_its_message() -> None:
    """The shapes say every problem in the project's words (compiling checks it)."""
    assert len(queries()) >= len(set(shapes().subjects(SH.message, None)))
    assert all(q.message and "(SHACL)" not in q.message for q in queries())


def test_errors_name_file_line_and_record() -> None:
    data, broken = _broken()
    errors = data_errors(data, pyshacl_violations(data.dataset, shapes()))
    assert errors == shacl_errors(data)
    assert all(e.file.startswith("data/") and e.line for e in errors)


def test_every_kind_of_count_is_found_as_pyshacl_finds_it(monkeypatch) -> None:
    """The counts the shapes use (at least one, at most none or one) are asked without
    counting, any other bound by counting: each finds what pySHACL finds, on a path and an
    inverse path, with values that differ only in their datatype."""
    text = f"""@prefix sh: <{SH}> . @prefix og: <{OG}> .
        <urn:s> a sh:NodeShape ; sh:targetClass og:Event ;
          sh:property [ sh:path og:date ; sh:minCount 1 ; sh:maxCount 1 ; sh:message "one date" ] ,
                      [ sh:path og:label ; sh:minCount 2 ; sh:maxCount 3 ; sh:message "two or three labels" ] ,
                      [ sh:path og:note ; sh:maxCount 0 ; sh:message "no note" ] ,
                      [ sh:path [ sh:inversePath og:actedOn ] ; sh:maxCount 1 ; sh:message "one actor" ] ,
                      [ sh:path og:code ; sh:maxCount 2 ; sh:message "at most two codes" ] ."""
    custom = Graph().parse(data=text, format="turtle")
    dataset = Dataset()
    facts = dataset.graph(URIRef("urn:g"))
    for i, (dates, labels, notes, actors, codes) in enumerate([
            (["2020"], ["a", "b"], [], [], ["x"]),                              # conforms
            ([], ["a"], ["n"], ["p", "q"], ["x", "y", "z"]),                    # breaks each
            (["2020", Literal("2020", datatype=URIRef(str(OG) + "d"))], ["a", "b", "c", "d"], [], ["p"], [])]):
        event = ID[f"e{i}"]
        facts.add((event, RDF.type, OG.Event))
        facts.addN((event, p, Literal(v) if isinstance(v, str) else v, facts)
                   for p, values in ((OG.date, dates), (OG.label, labels), (OG.note, notes), (OG.code, codes))
                   for v in values)
        facts.addN((ID[actor], OG.actedOn, event, facts) for actor in actors)
    monkeypatch.setattr(graph.check, "queries", lambda: compile_shapes(custom))
    found = shape_violations(_in_oxigraph(dataset))
    assert set(found) == pyshacl_violations(dataset, custom)
    assert {(str(focus), message) for focus, _, message, _ in found} == {
        (str(ID.e1), m) for m in ("one date", "two or three labels", "no note", "one actor", "at most two codes")} | {
        (str(ID.e2), "one date"), (str(ID.e2), "two or three labels")}
