"""A private copy of the bundled data for the authoring commands to add to, and the CLI on it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.model.resources import resource_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(resource_dir("data"), target)
    return target


@pytest.fixture
def oversight():
    """Run `oversight ARGS...`; returns the click Result (stderr mixed into output)."""
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
