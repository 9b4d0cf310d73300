"""Which relations must be acyclic is read from ontology/shapes.ttl, with their sub-properties,
and a long cycle is named in one bounded message."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.check import shapes as _shapes, validated_store
from graph.check.cycles import ACYCLIC, SHOWN_STEPS, cycle_errors
from graph.data.load import load
from graph.model.namespaces import OG, ORG, RDF, RDFS

SOURCE = """\
source: {{id: "800", class: NewsArticle, title: Events in a circle, paragraph_count: 1}}
records:
{events}
"""


def circle(tmp_path: Path, length: int):
    """A data folder whose events each come after the next, the last after the first."""
    events = "".join(f"  - {{id: e{i}, class: Complaint, label: Event {i}, paragraphs: [1], "
                     f"props: {{after: e{(i + 1) % length}}}}}\n" for i in range(length))
    (tmp_path / "800.yaml").write_text(SOURCE.format(events=events), encoding="utf-8")
    return load(tmp_path)


def test_the_acyclic_relations_are_those_the_shapes_declare(tmp_path: Path) -> None:
    assert set(_shapes().subjects(RDF.type, ACYCLIC)) == {OG.after, ORG.subOrganizationOf}
    data = circle(tmp_path, 2)
    assert len(cycle_errors(data, _shapes(), validated_store(data))) == 1
    undeclared = Graph()
    undeclared += _shapes()
    undeclared.remove((OG.after, RDF.type, ACYCLIC))
    assert cycle_errors(data, undeclared, validated_store(data)) == []


def test_a_sub_property_of_an_acyclic_relation_counts(tmp_path: Path) -> None:
    data = circle(tmp_path, 2)  # its vocabulary is its own: changing it changes no other test
    declared = Graph()
    declared.add((OG.sequenceOf, RDF.type, ACYCLIC))
    data.vocabulary.graph.add((OG.after, RDFS.subPropertyOf, OG.sequenceOf))
    [error] = cycle_errors(data, declared, validated_store(data))
    assert "og:sequenceOf goes round in a circle" in error.message


def test_a_long_cycle_is_named_in_a_bounded_message(tmp_path: Path) -> None:
    data = circle(tmp_path, 500)
    [error] = cycle_errors(data, _shapes(), validated_store(data))
    assert error.file.endswith("800.yaml") and (error.line, error.record) == (3, "e0")
    assert error.message.count("→") == SHOWN_STEPS and f"and {500 - SHOWN_STEPS} more" in error.message
    assert len(str(error)) < 400
