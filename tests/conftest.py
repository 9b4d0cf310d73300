"""Shared fixtures: the bundled data is built once per test session."""
from __future__ import annotations

import pytest

from graph.build import BuildResult, build_dataset


@pytest.fixture(scope="session")
def built() -> BuildResult:
    return build_dataset()


@pytest.fixture(scope="session")
def dataset(built):
    return built.dataset
