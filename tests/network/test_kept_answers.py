"""`chain`, `path` and `central` on a store read what the store keeps (graph.store.memo) and
answer exactly as they do from a projection made afresh; a later process projects nothing."""
from __future__ import annotations

import pytest

from graph.model.namespaces import ID
from graph.network import chain
from graph.network.chain import oversight_chain
from graph.network.paths import centrality, shortest_paths
from graph.pipeline.ingest import replace_graphs, source_graphs
from graph.store import open_store
from graph.store.memo import CACHE

TVP = ID.thames_valley_police


@pytest.fixture(scope="module")
def store_path(dataset, tmp_path_factory):
    path = tmp_path_factory.mktemp("kept") / "store"
    with open_store(str(path)) as store:
        replace_graphs(store, source_graphs(dataset))
    return path


def answers(path):
    """What the asking commands compute, read from a store opened as a new process would."""
    with open_store(str(path), read_only=True) as store:
        ds = store.dataset
        return (oversight_chain(ds, TVP), oversight_chain(ds, ID.alex_dearden),
                shortest_paths(ds, ID.andrea_leadsom, TVP), shortest_paths(ds, ID.iopc, TVP, actors_only=False),
                centrality(ds, "degree", 5))


def test_kept_answers_equal_those_of_a_fresh_projection(store_path, dataset, net):
    assert answers(store_path) == (oversight_chain(dataset, TVP, net), oversight_chain(dataset, ID.alex_dearden, net),
                                   shortest_paths(dataset, ID.andrea_leadsom, TVP, net=net),
                                   shortest_paths(dataset, ID.iopc, TVP, net=net, actors_only=False),
                                   centrality(dataset, "degree", 5, net=net))


def test_a_later_process_projects_nothing_and_a_chain_reads_only_its_index(store_path, projections, monkeypatch):
    first = answers(store_path)
    files = [entry.name for entry in (store_path / CACHE).iterdir()]
    for name in ("projection", "accountable-to", "undirected", "actor-network", "actors"):
        assert any(f"-{name}-" in file for file in files), name
    projections.clear()
    assert answers(store_path) == first
    assert projections == []  # read back, not made
    monkeypatch.setattr(chain, "projection", lambda graph: pytest.fail("a chain read the whole projection"))
    with open_store(str(store_path), read_only=True) as store:
        assert oversight_chain(store.dataset, TVP) == first[0]
