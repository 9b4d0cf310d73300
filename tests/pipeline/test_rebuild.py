"""An edit loop: change one source and rebuild; the store and out/ are those of a full build."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest

from graph.model.resources import resource_dir
from graph.pipeline.build import build
from graph.pipeline.outputs import OUTPUTS
from tests.pipeline.generated import generated_data
from tests.store.test_faithful import ground, stored_quads


def edit_one_source(folder) -> None:
    """A new label for one record: the kind of edit a journalist makes."""
    path = sorted((folder / "sources").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    label = next(line for line in text.splitlines() if line.strip().startswith("label:"))
    path.write_text(text.replace(label, label + " (corrected)", 1), encoding="utf-8")


@pytest.mark.parametrize("data", ["seed", "generated"])
def test_rebuilding_after_an_edit_gives_what_a_full_build_gives(data, tmp_path):
    folder = tmp_path / "data"
    if data == "seed":
        shutil.copytree(resource_dir("data"), folder)
    else:
        generated_data(folder)
    build(folder, tmp_path / "out")
    edit_one_source(folder)
    again = build(folder, tmp_path / "out")
    assert len(again.changes.replaced) < len(again.changes.unchanged)  # only what the edit touched
    build(folder, tmp_path / "full")
    for name in OUTPUTS:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
    rebuilt, fresh = stored_quads(tmp_path / "out" / "store"), stored_quads(tmp_path / "full" / "store")
    assert ground(rebuilt) == ground(fresh)
    assert len(rebuilt) == len(fresh)
    assert any(isinstance(q.object, ox.Literal) and q.object.value.endswith("(corrected)") for q in rebuilt)


@pytest.mark.slow
def test_two_processes_write_the_same_bytes(tmp_path):
    """An edit loop runs a process per build: every output must not depend on the process
    (Python's string hashing, which orders sets, differs in each). ontology.rdf did."""
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-c", "from graph.cli.program import run; run()", "build", "--out", str(tmp_path / seed)],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
    for name in OUTPUTS:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name
