"""`build --out` cannot hurt: it replaces only a folder a build made, keeps its mode, and a build
killed at any point leaves out/ with the old outputs or the new ones, complete, and the store whole.

The data is the bundled reference file alone (a build of it takes half a second); the "new"
data adds one source, so that old and new outputs and store contents can be told apart.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from graph.cli import app
from graph.pipeline.build import build
from graph.pipeline.out_folder import MARKER, STORE
from graph.pipeline.outputs import OUTPUTS
from tests.pipeline.stores import hashes

NEW_SOURCE = """\
source: {id: "950", class: NewsArticle, title: A source added between two builds, paragraph_count: 1}
records:
  - {id: kill_test_place, class: Place, label: The kill-test place, paragraphs: [1]}
"""
NEW_LABEL = "The kill-test place"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def files(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder` with its hash and mode, and every folder with its mode."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir",
                                         p.lstat().st_mode) for p in sorted(folder.rglob("*")) if not p.is_symlink()}


def test_build_refuses_a_folder_holding_other_files_and_deletes_nothing(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "W"
    (target / "data").mkdir(parents=True)
    shutil.copy(data / "reference.yaml", target / "data")
    (target / "notes.txt").write_text("my notes", encoding="utf-8")
    target.chmod(0o751)
    before = files(target)
    for out_data in (data, target / "data"):  # also a data folder inside the output folder
        result = run("build", "--data", str(out_data), "--out", str(target))
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
        [line] = result.output.splitlines()
        assert f"could not write the outputs to {target}" in line and "did not write (data, notes.txt)" in line
        assert "Traceback" not in result.output
    assert files(target) == before
    assert oct(target.stat().st_mode & 0o7777) == oct(0o751)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["W", "data"]


def test_a_file_the_user_wrote_into_out_is_carried_over_by_the_next_build(data: Path, tmp_path: Path) -> None:
    """The README has views written into out/ (`view --out out/dearden.html`): `make run` keeps them."""
    out = tmp_path / "out"
    build(data, out)
    (out / "my-query.rq").write_text("SELECT * {}", encoding="utf-8")
    (out / "views").mkdir()
    (out / "views" / "dearden.html").write_text("<p>mine</p>", encoding="utf-8")
    result = run("build", "--data", str(data), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "my-query.rq").read_text(encoding="utf-8") == "SELECT * {}"
    assert (out / "views" / "dearden.html").read_text(encoding="utf-8") == "<p>mine</p>"
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, MARKER, STORE, "my-query.rq", "views"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def test_an_output_folder_keeps_its_mode_and_a_new_one_gets_the_umask(data: Path, tmp_path: Path) -> None:
    fresh, empty = tmp_path / "fresh", tmp_path / "empty"
    empty.mkdir()
    empty.chmod(0o705)
    umask = os.umask(0o027)
    try:
        build(data, fresh)
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o750  # as mkdir makes it, not mkdtemp's 0700
    fresh.chmod(0o755)
    build(data, fresh)
    build(data, empty)
    assert (fresh.stat().st_mode & 0o777, empty.stat().st_mode & 0o777) == (0o755, 0o705)
    assert sorted(p.name for p in fresh.iterdir()) == sorted([*OUTPUTS, MARKER, STORE])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "empty", "fresh"]


# --- killed builds -------------------------------------------------------------------------------

# The child builds, and stops dead at MOMENT until it is killed: at a stage of the build,
# while the store is being loaded beside the outputs (mid-store: its first changed graph
# loaded, the last not), or once the outputs are in place and the store's new generation is
# complete but not yet seen (before-publishing).
CHILD = textwrap.dedent("""
    import sys, time
    from contextlib import contextmanager
    from pathlib import Path
    import graph.pipeline.ingest as ingest
    from graph.pipeline.build import build
    data, out, moment = sys.argv[1:]

    def hold():
        print("holding", flush=True)
        time.sleep(120)

    stage = ingest.stage_serialised
    def slow(store, payloads, **options):
        def held():
            for name, payload in payloads:  # taken by the store one by one, as it loads them
                if moment == "mid-store" and str(name).endswith("/reference"):
                    hold()
                yield name, payload
        return stage(store, held(), **options)
    ingest.stage_serialised = slow

    publish = ingest.StagedBeside.publish
    def held_publish(self, spec):
        if moment == "before-publishing":
            hold()
        return publish(self, spec)
    ingest.StagedBeside.publish = held_publish

    @contextmanager
    def step(name):
        if name == moment:
            hold()
        yield

    build(Path(data), Path(out), step)
    print("done", flush=True)
""")
MOMENTS = {"after-validation": "OWL 2 RL inference", "mid-outputs": "writing oversight.ttl", "mid-store": "mid-store",
           "before-publishing": "before-publishing"}


def outputs(out: Path) -> dict[str, tuple[str, int]]:
    return {name: value for name, value in files(out).items() if not name.startswith(STORE)}


@pytest.mark.slow
@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_build_leaves_old_or_complete_new_outputs_and_the_store_whole(moment: str, data: Path,
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    build(data, out)
    old_outputs, old_store = outputs(out), hashes(out / STORE)
    (data / "950.yaml").write_text(NEW_SOURCE, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data), str(out), MOMENTS[moment]],
                             stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    assert child.stdout.readline() == "holding\n"
    child.send_signal(signal.SIGKILL)
    assert "done" not in child.communicate(timeout=30)[0] and child.returncode == -signal.SIGKILL
    if moment == "before-publishing":  # the new outputs are in place, complete; the store is as it was
        assert sorted(outputs(out)) == sorted([*OUTPUTS, MARKER])
        for name in ("oversight.trig", "oversight.ttl", "oversight.jsonld", "graph.html"):
            assert NEW_LABEL in (out / name).read_text(encoding="utf-8"), name
        assert len(Dataset().parse(out / "oversight.trig", format="trig")) > 1000
    else:
        assert outputs(out) == old_outputs
    if moment in ("mid-store", "before-publishing"):
        assert len(list((out / STORE).glob("gen-*"))) == 2, "killed before the store was being written"
    assert hashes(out / STORE) == old_store
    result = build(data, out)  # the next build recovers
    assert result.changes.replaced and NEW_LABEL in (out / "oversight.ttl").read_text(encoding="utf-8")
    assert set(hashes(out / STORE)) > set(old_store)


def test_a_folder_a_build_wrote_before_markers_existed_is_replaced(tmp_path):
    """An out/ of an earlier version holds exactly the outputs (and the store), no marker."""
    from graph.pipeline.build import build
    from graph.pipeline.out_folder import MARKER
    from graph.pipeline.outputs import OUTPUTS
    out = tmp_path / "out"
    build(out_dir=out)
    (out / MARKER).unlink()
    build(out_dir=out)
    assert {p.name for p in out.iterdir()} == set(OUTPUTS) | {MARKER, "store"}
    assert [p.name for p in tmp_path.iterdir() if p.name != "out"] == []  # nothing old left beside it
