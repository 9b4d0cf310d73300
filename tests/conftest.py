"""Shared fixtures: the dataset is built once per test session (building takes seconds)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.build import build_dataset
from graph.network import project


@pytest.fixture(scope="session")
def built():
    return build_dataset()


@pytest.fixture(scope="session")
def ds(built):
    return built.dataset


@pytest.fixture(scope="session")
def net(built):
    return project(built.dataset, built.data.vocabulary)


@pytest.fixture
def run(ds, monkeypatch):
    """Invoke the `oversight` CLI on the session's dataset; returns the click Result."""
    import graph.dataset
    from graph.cli import app
    monkeypatch.setattr(graph.dataset, "load_dataset", lambda data=None: ds)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))
    return invoke
