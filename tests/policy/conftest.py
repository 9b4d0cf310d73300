"""The policy tests' data set, built once into an out/ folder the tests share."""
from __future__ import annotations

from pathlib import Path

import pytest

from policy_data import DATA, run


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """out/ of one public build of the test data (its store is out/store, out/public the public outputs)."""
    out = tmp_path_factory.mktemp("policy") / "out"
    run("build", "--data", str(DATA), "--out", str(out), "--public")
    return out
