"""Past PARSED_APART_FROM bytes, the data files are parsed in forked processes: the loader
must read exactly what it reads parsing them here, and report the same problems in the same
order (graph.data.load)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bad_data import DATA
from graph.data import load as loading
from graph.data.errors import DataErrors
from graph.data.graphs import ONTOLOGY_GRAPH
from graph.store.pool import fork_map


def _loaded(data: Path, monkeypatch, apart: bool):
    """What `load` returns, or the problems it raises, with the files parsed apart or here;
    and how many workers each parse asked for."""
    asked = []

    def recorded(work, items, shared, *, workers=None):
        asked.append(workers)
        return fork_map(work, items, shared, workers=workers)

    monkeypatch.setattr(loading, "fork_map", recorded)
    monkeypatch.setattr(loading, "PARSED_APART_FROM", 0 if apart else 1 << 40)
    try:
        return loading.load(data), asked
    except DataErrors as exc:
        return [str(e) for e in exc.errors], asked


def test_the_seed_data_parsed_apart_loads_as_parsed_here(monkeypatch):
    here, asked_here = _loaded(DATA, monkeypatch, apart=False)
    apart, asked_apart = _loaded(DATA, monkeypatch, apart=True)
    assert (asked_here, asked_apart) == ([1], [None])  # one process, then one per CPU
    assert list(apart.named_graphs) == list(here.named_graphs)
    for name, graph in here.named_graphs.items():
        if name != ONTOLOGY_GRAPH:  # (rdflib's graph of the ontology, in its own order)
            assert list(apart.named_graphs[name]) == list(graph), name  # the same triples, in the same order
    assert (apart.locations, apart.statement_locations, apart.provenance_locations) == \
           (here.locations, here.statement_locations, here.provenance_locations)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="fork_map runs here on one CPU")
def test_files_that_cannot_be_parsed_are_reported_alike_from_the_forked_processes(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    sources = sorted((data / "sources").glob("*.yaml"))
    sources[0].write_text("source:\n  id: [unclosed\n", encoding="utf-8")
    sources[1].write_bytes(b"source:\n  title: caf\xe9\n")
    sources[2].write_text("source:\n  title: a bell \x07 rings\n", encoding="utf-8")
    (data / "sources" / "missing.yaml").symlink_to(tmp_path / "nowhere.yaml")
    here, _ = _loaded(data, monkeypatch, apart=False)
    apart, _ = _loaded(data, monkeypatch, apart=True)
    assert apart == here
    assert [any(source.name in problem for problem in here) for source in sources[:3]] == [True] * 3
    assert any("missing.yaml" in problem and "cannot be read" in problem for problem in here)
