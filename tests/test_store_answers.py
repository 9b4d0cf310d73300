"""The in-memory and the embedded store give the same answers to every canned query."""
from __future__ import annotations

import pytest

from graph.build import build_dataset
from graph.store import open_store, replace_graphs, source_graphs
from store_answers import answer, canned_queries

QUERIES = dict(canned_queries())


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    graphs = source_graphs(build_dataset().dataset)
    memory = open_store("memory")
    embedded = open_store(str(tmp_path_factory.mktemp("stores") / "store"))
    for store in (memory, embedded):
        replace_graphs(store, graphs)
    yield memory, embedded
    embedded.close()


@pytest.mark.parametrize("name", QUERIES)
def test_embedded_store_answers_like_memory(stores, name):
    memory, embedded = stores
    expected = answer(memory, QUERIES[name])
    assert answer(embedded, QUERIES[name]) == expected
    if name == "per_graph":
        assert len(expected) > 3  # sources, ontology, meta, inferred and the manifest
