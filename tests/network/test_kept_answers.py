"""`chain`, `path` and `central` on a store read what the store keeps (graph.store.memo) and
answer exactly as they do from a projection made afresh; a later process projects nothing."""
from __future__ import annotations

import pytest

from graph.model.namespaces import ID
from graph.network import chain, projection as projecting
from graph.network.chain import oversight_chain
from graph.network.paths import centrality, shortest_paths
from graph.pipeline.build import build
from graph.pipeline.out_folder import STORE
from graph.store import open_store
from graph.store.memo import CACHE

TVP = ID.thames_valley_police


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """A store as `oversight build` leaves it: holding the projection its views were drawn from."""
    out = tmp_path_factory.mktemp("kept") / "out"
    build(None, out)
    return out / STORE


@pytest.fixture(scope="module")
def kept_by_the_build(store_path):
    return [entry.name for entry in (store_path / CACHE).iterdir()]


def test_the_projection_a_build_keeps_is_the_stores_own(store_path, kept_by_the_build):
    assert [name for name in kept_by_the_build if "-projection-" in name]
    with open_store(str(store_path), read_only=True) as store:
        kept, fresh = projecting.projection(store.dataset), projecting.project(store.dataset)
    assert dict(kept.nodes(data=True)) == dict(fresh.nodes(data=True))
    assert sorted(kept.edges(keys=True, data=True)) == sorted(fresh.edges(keys=True, data=True))
    assert len(kept) > 100


def answers(path):
    """What the asking commands compute, read from a store opened as a new process would."""
    with open_store(str(path), read_only=True) as store:
        ds = store.dataset
        return (oversight_chain(ds, TVP), oversight_chain(ds, ID.alex_dearden),
                shortest_paths(ds, ID.andrea_leadsom, TVP), shortest_paths(ds, ID.iopc, TVP, actors_only=False),
                centrality(ds, "degree", 5))


def test_kept_answers_equal_those_of_a_fresh_projection(store_path, kept_by_the_build, dataset, net):
    assert answers(store_path) == (oversight_chain(dataset, TVP, net), oversight_chain(dataset, ID.alex_dearden, net),
                                   shortest_paths(dataset, ID.andrea_leadsom, TVP, net=net),
                                   shortest_paths(dataset, ID.iopc, TVP, net=net, actors_only=False),
                                   centrality(dataset, "degree", 5, net=net))


def test_a_later_process_projects_nothing_and_a_chain_reads_only_its_index(store_path, kept_by_the_build,
                                                                          projections, monkeypatch):
    first = answers(store_path)
    assert projections == []  # the build kept its projection
    files = [entry.name for entry in (store_path / CACHE).iterdir()]
    for name in ("projection", "accountable-to", "undirected", "actor-network", "actors"):
        assert any(f"-{name}-" in file for file in files), name
    projections.clear()
    assert answers(store_path) == first
    assert projections == []  # read back, not made
    monkeypatch.setattr(chain, "projection", lambda graph: pytest.fail("a chain read the whole projection"))
    with open_store(str(store_path), read_only=True) as store:
        assert oversight_chain(store.dataset, TVP) == first[0]
