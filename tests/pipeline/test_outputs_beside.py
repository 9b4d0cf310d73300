"""Past PARALLEL_FROM triples, the writers of the serialised graphs run in a forked process
beside the others: the files are the same, and a failure there fails the build as one here."""
from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import pytest

from graph.pipeline import outputs
from graph.pipeline.build import build
from graph.pipeline.outputs import OF_THE_GRAPHS, OUTPUTS, SCANNING_THE_STORE


def written(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_the_files_written_beside_are_those_written_in_one_process(tmp_path, monkeypatch):
    build(out_dir=tmp_path / "one")
    stages = []
    monkeypatch.setattr(outputs, "PARALLEL_FROM", 0)
    fork_beside = outputs.fork_beside
    monkeypatch.setattr(outputs, "fork_beside",
                        lambda *args, **kwargs: stages.append("fork") or fork_beside(*args, **kwargs))
    build(out_dir=tmp_path / "two", step=lambda name: stages.append(name) or nullcontext())
    assert written(tmp_path / "two") == written(tmp_path / "one")
    beside = [s for s in stages if s.endswith("(beside the others)")]
    assert beside == [f"writing {', '.join(OF_THE_GRAPHS)} (beside the others)"]
    assert not any(s == f"writing {name}" for s in stages for name in OF_THE_GRAPHS)
    # what reads the whole in-memory store does so before the fork, so that its pages stay shared
    fork = stages.index("fork")
    assert stages[fork - 3:fork] == ["projecting the network for graph.html and the exports",
                                     *(f"writing {name}" for name in SCANNING_THE_STORE)]


def test_a_writer_failing_beside_fails_the_build_and_keeps_the_last_outputs(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(out_dir=out)
    before = written(out)

    def full_disk(built, path):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(outputs, "PARALLEL_FROM", 0)
    monkeypatch.setitem(OUTPUTS, "oversight.ttl", ("writing oversight.ttl", full_disk))
    with pytest.raises(OSError, match="No space left on device"):
        build(out_dir=out)
    assert written(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the half-written folder went
