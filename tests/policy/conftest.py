"""The policy tests' data set (tests/policy/data): invented people, a corrected figure, a
retracted claim and replies, built once into a store the tests share."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def run(*args: str) -> str:
    """`oversight ARGS` on the test data; the output, after checking the command succeeded."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """out/ of one public build of the test data (its store is out/store, out/public the public outputs)."""
    out = tmp_path_factory.mktemp("policy") / "out"
    run("build", "--data", str(DATA), "--out", str(out), "--public")
    return out
