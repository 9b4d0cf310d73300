"""Shared fixtures: the bundled data is built once per test session."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.pipeline.build import BuildResult, build_dataset
from graph.network.projection import project


@pytest.fixture(autouse=True)
def table_width(monkeypatch):
    """Tables wrapped at 100 columns, as in the README, whatever terminal runs the tests."""
    monkeypatch.setenv("COLUMNS", "100")


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


@pytest.fixture(scope="session")
def answering(dataset):
    """The session's dataset in in-memory Oxigraph: what the commands ask without --store."""
    from graph.store import in_oxigraph
    return in_oxigraph(dataset)


@pytest.fixture
def run(answering, monkeypatch):
    """Invoke the `oversight` CLI on the session's data (as the commands read it, in Oxigraph);
    returns the click Result."""
    import graph.cli.common
    from graph.cli import app
    monkeypatch.setattr(graph.cli.common, "open_dataset", lambda *args, **kwargs: answering)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))
    return invoke


@pytest.fixture
def projections(monkeypatch):
    """Counts the projections actually made (not read back from what a store keeps)."""
    from graph.network import projection as projecting
    made = []
    real = projecting.project

    def counted(graph, vocabulary=None):
        made.append(1)
        return real(graph, vocabulary)
    monkeypatch.setattr(projecting, "project", counted)
    return made
