"""The loader's graphs (graph.data.facts) answer what they offer as rdflib's Graph does."""
from __future__ import annotations

import itertools

import pytest
from rdflib import Graph

from graph.data.facts import Facts
from graph.data.load import load
from graph.data.graphs import META_GRAPH


def test_facts_answer_every_pattern_as_an_rdflib_graph_of_the_same_triples() -> None:
    data = load()
    for name in [*data.sources[:3], META_GRAPH]:
        facts = data.named_graphs[name]
        assert isinstance(facts, Facts)
        graph = Graph()
        graph += facts
        assert len(facts) == len(graph) and set(facts) == set(graph)
        s, p, o = sorted(facts)[len(facts) // 2]
        for pattern in itertools.product((s, None), (p, None), (o, None)):
            assert set(facts.triples(pattern)) == set(graph.triples(pattern)), pattern
        assert set(facts.subjects(p, o)) == set(graph.subjects(p, o))
        assert set(facts.objects(s, p)) == set(graph.objects(s, p))
        assert facts.value(s, p) in set(graph.objects(s, p))
        assert (s, p, o) in facts
        facts.remove((s, p, o))
        graph.remove((s, p, o))
        assert (s, p, o) not in facts and len(facts) == len(graph)
        assert set(facts.triples((s, None, None))) == set(graph.triples((s, None, None)))
        assert set(facts.triples((None, p, None))) == set(graph.triples((None, p, None)))
        facts.add((s, p, o))
        facts.add((s, p, o))
        assert len(facts) == len(graph) + 1


def test_what_the_build_adds_reaches_a_dataset_made_before() -> None:
    """`extend` writes to the loaded graphs, and to `dataset` if somebody made it already."""
    data = load()
    made = data.dataset
    triple = next(iter(data.named_graphs[META_GRAPH]))
    new = (triple[0], triple[1], triple[0])
    data.extend(META_GRAPH, [new])
    assert new in data.named_graphs[META_GRAPH] and new in made.graph(META_GRAPH)


def test_a_graph_is_indexed_when_first_asked_and_answers_what_changed_after() -> None:
    """Reading leaves unindexed a source giving no figure (every graph's indexes were 220 MB of
    a 1M-triple build's peak); a graph asked once answers every pattern as rdflib does through
    later additions and removals."""
    data = load()
    reference = data.named_graphs[data.sources[0]]
    assert isinstance(reference, Facts) and reference._indexes is None
    facts, graph = Facts(reference.identifier, reference), Graph()
    graph += reference
    s, p, o = next(iter(facts))
    assert set(facts.triples((s, None, None))) == set(graph.triples((s, None, None)))
    added = (s, p, s)
    facts.add(added)
    graph.add(added)
    facts.remove((s, p, o))
    graph.remove((s, p, o))
    for pattern in [(s, None, None), (None, p, None), (s, p, None), (None, p, s), (None, None, None)]:
        assert set(facts.triples(pattern)) == set(graph.triples(pattern)), pattern
    assert set(facts.subjects(p, s)) == {s} and set(facts.objects(s, p)) == set(graph.objects(s, p))


def test_let_go_of_the_source_graphs_a_dataset_reads_them_back_from_their_bytes() -> None:
    """What a build does once the reasoner's premises are read (graph.pipeline.build.assemble):
    the loader's source graphs go, the others stay to be completed, and whoever asks for the
    dataset later still gets every graph."""
    from graph.check import check
    kept, let_go = check(), check()
    let_go.let_go_of_sources()
    assert not set(let_go.sources) & set(let_go.named_graphs) and META_GRAPH in let_go.named_graphs
    for name in [*let_go.sources, META_GRAPH]:  # (the ontology's blank nodes differ from one reading to the next)
        assert set(let_go.dataset.graph(name)) == set(kept.dataset.graph(name)), name
    let_go.extend(META_GRAPH, [(let_go.sources[0], let_go.sources[0], let_go.sources[0])])
    with pytest.raises(ValueError, match="let go"):
        let_go.extend(let_go.sources[0], [(META_GRAPH, META_GRAPH, META_GRAPH)])
