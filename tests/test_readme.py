"""The README's worked example of adding a source really works (the docs cannot rot)."""
from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from graph.pipeline.build import build_dataset
from graph.cli import app
from graph.model.namespaces import PREFIXES
from graph.model.resources import resource_dir

README = Path(__file__).resolve().parent.parent / "README.md"


def worked_example() -> str:
    block = re.search(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    return textwrap.dedent(block)


def test_worked_example_validates_and_shows_the_disagreement(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(resource_dir("data"), data)
    (data / "sources" / "014_tvp_foi_followup.yaml").write_text(worked_example(), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 0, result.output

    ds = build_dataset(data).dataset
    query = (resource_dir("questions") / "q08_figures_disagree.rq").read_text(encoding="utf-8")
    pairs = {(r.category.value, int(r.countA), r.sourceA.value, int(r.countB), r.sourceB.value)
             for r in ds.query(query, initNs=PREFIXES)}
    assert ("ongoing", 8, "001", 10, "014") in pairs
    assert ("ongoing", 8, "001", 13, "002") in pairs


def test_worked_example_error_message_is_the_one_the_readme_shows(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(resource_dir("data"), data)
    broken = worked_example().replace("count: 10", "count: ten")
    (data / "sources" / "014_tvp_foi_followup.yaml").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    line = 1 + broken.splitlines().index(next(l for l in broken.splitlines() if "count: ten" in l))
    expected = (f"data/sources/014_tvp_foi_followup.yaml:{line} (record f014_tvp_ongoing): "
                "og:count expects xsd:integer, got 'ten'")
    assert expected in result.output
    assert expected in README.read_text(encoding="utf-8").replace("\n   ", " ")
