"""A real Virtuoso, filled by the build, answers the canned queries like the embedded store."""
from __future__ import annotations

import shutil

import pytest

from graph.pipeline.build import build_dataset
from graph.pipeline.ingest import replace_graphs
from graph.store.base import source_graphs
from graph.store import open_store
from store_answers import answer, canned_queries
from virtuoso import virtuoso

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    if not shutil.which("virtuoso-t"):
        pytest.skip("virtuoso-t not installed: run .ci/system-deps (Debian virtuoso-opensource-7-bin)")
    graphs = source_graphs(build_dataset().dataset)
    embedded = open_store(str(tmp_path_factory.mktemp("embedded") / "store"))
    replace_graphs(embedded, graphs)
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as spec:
        endpoint = open_store(spec)
        first = replace_graphs(endpoint, graphs)
        again = replace_graphs(endpoint, graphs)
        assert first.replaced == sorted(graphs) and again.unchanged == sorted(graphs)
        yield embedded, endpoint, graphs
    embedded.close()


VIRTUOSO_PATH_BUG = {"queries/challenges"}
"""Virtuoso 7 (Debian's) loses rows when a `rdfs:subClassOf*` path joins other patterns over
the union of named graphs (openlink/virtuoso-opensource#127, #704): it finds one of the three
challenges. The embedded store is right (tests/sparql/test_query.py); the second test below
fails once Virtuoso answers these alike, and then this set is to be emptied."""


def test_virtuoso_answers_every_canned_query_like_the_embedded_store(stores):
    embedded, endpoint, _ = stores
    for name, query in canned_queries():
        if name not in VIRTUOSO_PATH_BUG:
            assert answer(endpoint, query) == answer(embedded, query), name


def test_virtuoso_still_loses_rows_on_a_subclass_path_join(stores):
    embedded, endpoint, _ = stores
    for name, query in canned_queries():
        if name in VIRTUOSO_PATH_BUG:
            assert answer(endpoint, query) < answer(embedded, query), f"{name}: Virtuoso fixed? see VIRTUOSO_PATH_BUG"


def test_virtuoso_drops_a_vanished_source_in_one_request(stores):
    _, endpoint, graphs = stores
    gone = sorted(graphs)[0]
    changes = replace_graphs(endpoint, {g: c for g, c in graphs.items() if g != gone})
    assert changes.dropped == [gone] and not changes.replaced
    assert not answer(endpoint, f"ASK {{ GRAPH <{gone}> {{ ?s ?p ?o }} }}") - {(False,)}
