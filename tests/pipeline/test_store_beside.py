"""A build loads its store in a thread from the moment the data is validated, while it runs the
inference and writes the outputs, and the store's new graphs are seen only once the outputs
are in place: a build that fails leaves the store (and out/) as they were, and a store folder
it made is gone again."""
from __future__ import annotations

import itertools
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

import graph.pipeline.build as build_module
import graph.pipeline.ingest as ingest
import graph.store.embedded as embedded
from graph.data.graphs import source_graph
from graph.data.load import META_GRAPH
from graph.pipeline.build import INFERRED_GRAPH, build
from graph.pipeline.out_folder import STORE
from graph.pipeline.outputs import OUTPUTS
from tests.pipeline.stores import hashes

NEW_SOURCE = """\
source: {id: "951", class: NewsArticle, title: A source added between two builds, paragraph_count: 1}
records:
  - {id: beside_test_place, class: Place, label: The beside-test place, paragraphs: [1]}
"""


def generations(store: Path) -> list[str]:
    return sorted(p.name for p in store.glob("gen-*"))


def test_the_store_is_loaded_while_the_outputs_are_written(data, tmp_path, monkeypatch):
    """Each side waits for the other to have begun: run one after the other, they would not meet."""
    loading, drawing = threading.Event(), threading.Event()
    stage = ingest.stage_serialised

    def meeting(store, payloads, **options):
        loading.set()
        assert drawing.wait(20), "the outputs were not being written while the store was loaded"
        return stage(store, payloads, **options)
    monkeypatch.setattr(ingest, "stage_serialised", meeting)

    @contextmanager
    def step(name):
        if name == OUTPUTS["graph.html"][0]:
            drawing.set()
            assert loading.wait(20), "the store was not being loaded while the outputs were written"
        yield

    result = build(data, tmp_path / "out", step)
    assert result.changes.replaced and hashes(tmp_path / "out" / STORE)


def noting(taking: threading.Event):
    """stage_serialised that sets `taking` when the store takes its first graph."""
    stage = ingest.stage_serialised

    def taken(payloads):
        for item in payloads:
            taking.set()
            yield item
    return lambda store, payloads, **options: stage(store, taken(payloads), **options)


def test_the_store_takes_the_validated_graphs_while_the_inference_runs(data, tmp_path, monkeypatch):
    """The inference waits for the store to take a graph: given the graphs after it, the store would not."""
    taking = threading.Event()
    monkeypatch.setattr(ingest, "stage_serialised", noting(taking))

    @contextmanager
    def step(name):
        if name == "OWL 2 RL inference":
            assert taking.wait(20), "the store took no graph while the inference ran"
        yield

    result = build(data, tmp_path / "out", step)
    assert set(hashes(tmp_path / "out" / STORE)) == set(result.changes.replaced)
    assert {META_GRAPH, INFERRED_GRAPH} <= set(result.changes.replaced)  # given later, once made


def failing_view(built, path):
    raise OSError("the disk is full (a test)")


def test_a_first_build_that_fails_leaves_no_folder_behind(data, tmp_path, monkeypatch):
    monkeypatch.setitem(OUTPUTS, "graph.html", (OUTPUTS["graph.html"][0], failing_view))
    with pytest.raises(OSError, match="disk is full"):
        build(data, tmp_path / "site" / "out")
    with pytest.raises(OSError, match="disk is full"):
        build(data, tmp_path / "site" / "out2", store=str(tmp_path / "elsewhere" / "store"))
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == []
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("inside", ["mystore", "a/b/store"])
def test_a_store_named_inside_a_new_out_folder_is_made_with_it(inside, data, tmp_path):
    """Made in out/ before the outputs were swapped in, the store would make out/ a folder no build wrote."""
    out = tmp_path / "out"
    result = build(data, out, store=str(out / inside))
    assert set(hashes(out / inside)) == set(result.changes.replaced)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]
    assert build(data, out, store=str(out / inside)).changes.unchanged == result.changes.replaced


@pytest.mark.parametrize("failing", ["the inference", "an output", "the store"])
def test_a_rebuild_that_fails_leaves_the_store_and_out_as_they_were(failing, data, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(data, out)
    before, kept = hashes(out / STORE), generations(out / STORE)
    old_view = (out / "graph.html").read_bytes()
    (data / "951.yaml").write_text(NEW_SOURCE, encoding="utf-8")
    if failing == "the inference":  # once the store has begun to take the validated graphs
        taking = threading.Event()
        monkeypatch.setattr(ingest, "stage_serialised", noting(taking))

        def failed_closure(*graphs):
            assert taking.wait(20), "the store took no graph while the inference ran"
            raise OSError("the disk is full (a test)")
        monkeypatch.setattr(build_module, "closure", failed_closure)
    elif failing == "an output":
        monkeypatch.setitem(OUTPUTS, "graph.html", (OUTPUTS["graph.html"][0], failing_view))
    else:  # part-way through its new generation, a graph loaded (RocksDB writes files until closed)
        bulk_load = embedded._bulk_load

        def refused(db, replace, loaded):
            bulk_load(db, itertools.islice(replace, 1), loaded)
            raise OSError("the disk is full (a test)")
        monkeypatch.setattr(embedded, "_bulk_load", refused)
    with pytest.raises(OSError, match="disk is full"):
        build(data, out)
    assert hashes(out / STORE) == before and generations(out / STORE) == kept
    assert (out / "graph.html").read_bytes() == old_view
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]  # no staging folder left
    monkeypatch.undo()
    assert source_graph("951") in build(data, out).changes.replaced


def test_a_source_removed_between_builds_is_dropped_from_the_store(data, tmp_path):
    """What to drop is known once the build has given the store every graph (the metadata last)."""
    out = tmp_path / "out"
    (data / "951.yaml").write_text(NEW_SOURCE, encoding="utf-8")
    assert source_graph("951") in build(data, out).changes.replaced
    (data / "951.yaml").unlink()
    changes = build(data, out).changes
    assert changes.dropped == [source_graph("951")] and source_graph("951") not in hashes(out / STORE)
    assert META_GRAPH in changes.replaced  # it no longer describes the source
