"""What the build's tests of out/ and the store share."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.model.resources import resource_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder of the bundled reference file alone (a build of it takes half a second)."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(resource_dir("data") / "reference.yaml", folder)
    return folder
