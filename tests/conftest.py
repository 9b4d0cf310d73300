"""Shared fixtures: the bundled data is built once per test session."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.pipeline.build import BuildResult, build_dataset
from graph.network.projection import project


@pytest.fixture(scope="session")
def built() -> BuildResult:
    return build_dataset()


@pytest.fixture(scope="session")
def dataset(built):
    return built.dataset


@pytest.fixture(scope="session")
def net(built):
    """The networkx projection, made once (projecting takes seconds)."""
    return project(built.dataset, built.data.vocabulary)


@pytest.fixture
def run(dataset, monkeypatch):
    """Invoke the `oversight` CLI on the session's dataset; returns the click Result."""
    import graph.cli
    from graph.cli import app
    monkeypatch.setattr(graph.cli, "open_dataset", lambda *args, **kwargs: dataset)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))
    return invoke
