"""Every asking command answers the same from the embedded store that `oversight build` fills."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("built") / "out"
    result = runner.invoke(app, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return str(out / "store")


@pytest.mark.parametrize("args, says", [
    (["chain", "TVP"], "Police and Crime Commissioner for Thames Valley"),
    (["route", "Alex Dearden"], "Alex Dearden acquitted of common assault"),
    (["path", "Andrea Leadsom", "Thames Valley PCC"], "wrote to"),
    (["neighbours", "Andrea Leadsom"], "South Northamptonshire"),
    (["query", "actor_facts", "--param", "actor=IOPC"], "Home Secretary"),
    (["contradictions"], "13"),
    (["gaps"], "Self-investigation"),
    (["view", "--chain", "TVP", "--out", "{tmp}/chain.html"], "wrote"),
])
def test_asking_commands_read_the_embedded_store(store, tmp_path, monkeypatch, args, says):
    monkeypatch.setenv("COLUMNS", "300")  # no cell wrapped: the phrases looked for stay on one line
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, [*args, "--store", store])
    assert result.exit_code == 0, result.output
    assert says in result.output


def test_store_and_memory_give_the_same_chain(store, run):
    from_store = runner.invoke(app, ["chain", "TVP", "--format", "json", "--store", store])
    in_memory = run("chain", "TVP", "--format", "json")
    assert from_store.output == in_memory.output
