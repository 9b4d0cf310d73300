"""Past PARALLEL_FROM triples, the writers of the serialised graphs run in a process of their
own beside the others, reading the graphs from a spool file (graph.pipeline.spool): the files
are the same, the spool goes, and a failure there fails the build as one here."""
from __future__ import annotations

import os
import site
from contextlib import nullcontext
from pathlib import Path

import pytest

import graph
from graph.pipeline import outputs
from graph.pipeline.build import build
from graph.pipeline.outputs import OF_THE_GRAPHS, OUTPUTS
from graph.pipeline.spool import Spool, _finding_this_package


def written(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_the_files_written_beside_are_those_written_in_one_process(tmp_path, monkeypatch):
    build(out_dir=tmp_path / "one")
    stages = []
    monkeypatch.setattr(outputs, "PARALLEL_FROM", 0)
    written_beside = outputs.written_beside
    monkeypatch.setattr(outputs, "written_beside",
                        lambda writers, *args: stages.append(("beside", list(writers))) or written_beside(writers, *args))
    build(out_dir=tmp_path / "two", step=lambda name: stages.append(name) or nullcontext())
    assert written(tmp_path / "two") == written(tmp_path / "one")
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(p.name for p in (tmp_path / "one").iterdir())
    assert [s for s in stages if isinstance(s, tuple)] == [("beside", list(OF_THE_GRAPHS))]
    assert [s for s in stages if str(s).endswith("(beside the others)")] == \
        [f"writing {', '.join(OF_THE_GRAPHS)} (beside the others)"]
    assert not any(s == f"writing {name}" for s in stages for name in OF_THE_GRAPHS)


def test_a_writer_failing_beside_fails_the_build_and_keeps_the_last_outputs(tmp_path, monkeypatch):
    """The writing process is started afresh and given its writers by name: the failing one is
    put in their place there at start-up."""
    out = tmp_path / "out"
    build(out_dir=out)
    before = written(out)
    failing = tmp_path / "failing"
    failing.mkdir()
    (failing / "sitecustomize.py").write_text(
        "from graph.pipeline import outputs\n"
        "def full_disk(built, path):\n"
        "    raise OSError(28, 'No space left on device', str(path))\n"
        "outputs.write_turtle = full_disk\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(failing))
    monkeypatch.setattr(outputs, "PARALLEL_FROM", 0)
    with pytest.raises(OSError, match="No space left on device") as raised:
        build(out_dir=out)
    assert raised.value.errno == 28
    assert written(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["failing", "out"]  # the half-written folder went


def test_a_spool_gives_each_graph_as_the_build_holds_it(tmp_path):
    """Lines longer than a block, a graph of one line without its newline, an empty graph."""
    graphs = {"a": b"<x> <p> \"" + b"y" * 70_000 + b"\" .\n<x> <q> <z> .\n", "b": b"<u> <p> <v> .", "c": b""}
    path = tmp_path / "spool"
    path.write_bytes(b"".join(graphs.values()))
    ranges, start = {}, 0
    for name, text in graphs.items():
        ranges[name] = (start, start + len(text))
        start += len(text)
    spool = Spool(path, ranges)
    try:
        assert spool.names() == ["a", "b", "c"]
        for name, text in graphs.items():
            assert spool.ntriples(name) == text
            assert list(spool.lines(name)) == text.splitlines(keepends=True)
        path.write_bytes(b"<x>")
        with pytest.raises(EOFError, match="ends within graph a"):
            spool.ntriples("a")
    finally:
        spool.close()


def test_the_writing_process_finds_this_package_and_nothing_before_the_standard_library(monkeypatch):
    """A source checkout goes first on its PYTHONPATH; a site-packages folder, found anyway, not."""
    home = str(Path(graph.__file__).resolve().parent.parent)
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    monkeypatch.setattr(site, "getsitepackages", lambda: ["/usr/lib/python3/site-packages"])
    assert _finding_this_package()["PYTHONPATH"] == os.pathsep.join([home, "/elsewhere"])
    monkeypatch.setattr(site, "getsitepackages", lambda: [home])
    assert _finding_this_package()["PYTHONPATH"] == "/elsewhere"
