"""A build killed part-way through ingest leaves the embedded store as it was before."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from graph.pipeline.ingest import replace_graphs
from graph.store import open_store

EX = "http://example.org/"

# The child replaces one source, drops one and adds three big ones (~150k triples), so that
# serialising and bulk-loading take long enough to be interrupted.
CHILD = textwrap.dedent(f"""
    import sys
    from rdflib import Graph, Literal, URIRef
    from graph.pipeline.ingest import replace_graphs
    from graph.store import open_store
    graphs = {{}}
    for name in ("one", "big1", "big2", "big3"):
        g = graphs[URIRef("{EX}graph/" + name)] = Graph()
        for i in range(50_000 if name.startswith("big") else 5):
            g.add((URIRef(f"{EX}s{{i}}"), URIRef("{EX}p"), Literal(f"new {{name}} {{i}}")))
    store = open_store(sys.argv[1])
    print("ingesting", flush=True)
    replace_graphs(store, graphs)
    print("done", flush=True)
""")


def snapshot(path: Path) -> set[str]:
    """The store's quads as N-Quads lines, read without taking the writer's lock."""
    db = ox.Store.read_only(str(path / os.readlink(path / "current")))
    return set(ox.serialize(db, format=ox.RdfFormat.N_QUADS).decode().splitlines())


def seed(path: Path) -> set[str]:
    with open_store(str(path)) as store:
        graphs = {}
        for name in ("one", "two"):
            g = graphs[URIRef(f"{EX}graph/{name}")] = Graph()
            g.add((URIRef(f"{EX}x"), URIRef(f"{EX}p"), Literal(f"old {name}")))
        replace_graphs(store, graphs)
    return snapshot(path)


def kill_when(path: Path, moment: str) -> None:
    """Run the child ingest and SIGKILL it at `moment`: while hashing, or mid-write."""
    before = {p.name for p in path.iterdir()}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    assert child.stdout.readline() == "ingesting\n"
    deadline = time.monotonic() + 60
    while moment == "mid-write" and not ({p.name for p in path.iterdir()} - before):
        assert time.monotonic() < deadline and child.poll() is None, "ingest never started writing"
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    assert child.returncode == -signal.SIGKILL and "done" not in out, "killed too late"


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["while-hashing", "mid-write"])
def test_killed_ingest_leaves_store_unchanged_and_next_build_recovers(tmp_path, moment):
    path = tmp_path / "store"
    before = seed(path)
    kill_when(path, moment)
    generations = [p for p in path.iterdir() if p.name.startswith("gen-")]
    assert len(generations) == (2 if moment == "mid-write" else 1)  # the half-written one
    assert snapshot(path) == before
    with open_store(str(path)) as store:
        changes = replace_graphs(store, {URIRef(f"{EX}graph/one"): Graph()})
        assert changes.dropped == [URIRef(f"{EX}graph/two")]
    assert len([p for p in path.iterdir() if p.name.startswith("gen-")]) == 1
