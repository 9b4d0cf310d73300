"""A build serialises each graph once: those validated are those written and stored."""
from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

from graph.pipeline.build import INFERRED_GRAPH, assembled, build, build_dataset
from graph.data.load import META_GRAPH
from graph.store.base import serialised, source_graphs


def test_only_the_assembled_graphs_change_after_validation() -> None:
    """The build re-serialises only what `assemble` writes: every other graph must be as validated."""
    result = build_dataset()
    fresh = {name: p.digest for name, p in serialised(source_graphs(result.dataset))}
    kept = {name: p.digest for name, p in {**result.data.payloads, **dict(serialised(assembled(result.data)))}.items()}
    assert kept == fresh
    assert set(assembled(result.data)) == {META_GRAPH, INFERRED_GRAPH}
    assert result.data.payloads[META_GRAPH].digest != fresh[META_GRAPH]  # assemble adds to the metadata


def test_a_build_reads_the_loaded_graphs_and_makes_no_rdflib_dataset(tmp_path) -> None:
    """rdflib's in-memory dataset of a national build took a third of its reading time and most
    of its memory: the build validates, reasons over, writes and stores the loaded graphs as
    they are, and makes it only when a caller asks for `dataset`."""
    result = build(out_dir=tmp_path / "out")
    assert "dataset" not in result.data.__dict__
    assert len(result.dataset) and "dataset" in result.data.__dict__


def test_a_build_lets_go_of_the_loaded_graphs_and_gives_the_same_dataset_read_back(tmp_path) -> None:
    """Once every graph is serialised, the build keeps the bytes only (they were 110 MB of its
    peak at 1M triples); a caller asking for `dataset` gets the graphs it built."""
    result = build(out_dir=tmp_path / "out")
    assert result.data.named_graphs == {}
    assert all(type(payload).__dataclass_fields__.keys() == {"ntriples", "digest"} for payload in result.data.payloads.values())
    built = build_dataset().dataset
    names = {g.identifier for g in built.graphs() if len(g)}
    assert names == {g.identifier for g in result.dataset.graphs() if len(g)}
    for name in names:  # blank nodes (the ontology's lists) come back under other labels
        assert isomorphic(result.dataset.graph(name), built.graph(name)), name
        assert result.data.payloads[name].triples == len(built.graph(name)), name  # what validation.txt says
    assert len(result.data.facts()) == len(build_dataset().data.facts())
    with pytest.raises(ValueError, match="let go"):  # not added to graphs nobody holds any more
        result.data.extend(META_GRAPH, [])


def test_what_the_commands_ask_without_a_store_holds_every_built_graph() -> None:
    """`built_answers` brings the store the shapes ran on up to date: it holds every graph of
    the built dataset, the inferred one and the metadata included, each as built."""
    from graph.pipeline.build import built_answers
    from graph.store.embedded import in_oxigraph

    def counts(dataset) -> dict:
        rows = dataset.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {str(g): int(n) for g, n in rows}
    asked, expected = built_answers(), in_oxigraph(build_dataset().dataset)
    assert counts(asked) == counts(expected) and str(INFERRED_GRAPH) in counts(asked)
    union = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(next(iter(asked.query(union)))[0]) == int(next(iter(expected.query(union)))[0])
