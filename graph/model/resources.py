"""Where the ontology, shapes, bundled data and example queries live.

In a wheel they are shipped inside the package (`graph/_bundled/`); in a checkout or an
editable install they are read from the repository's top-level folders. The environment
variables OVERSIGHT_ONTOLOGY_DIR, OVERSIGHT_DATA_DIR and OVERSIGHT_QUERIES_DIR override both.
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

_REPO = Path(__file__).resolve().parents[2]
_LOCATIONS = {
    # name: (environment override, folder in the wheel, folder in the repository)
    "ontology": ("OVERSIGHT_ONTOLOGY_DIR", "ontology", "ontology"),
    "data": ("OVERSIGHT_DATA_DIR", "data", "data"),
    "queries": ("OVERSIGHT_QUERIES_DIR", "queries", "examples/queries"),
    "questions": ("OVERSIGHT_QUESTIONS_DIR", "questions", "examples/questions"),
}


def resource_dir(name: str) -> Path:
    """The folder holding one kind of bundled resource."""
    env, bundled, in_repo = _LOCATIONS[name]
    if os.environ.get(env):
        return Path(os.environ[env])
    packaged = resources.files("graph") / "_bundled" / bundled
    if packaged.is_dir():
        return Path(str(packaged))
    return _REPO / in_repo


def ontology_file() -> Path:
    return resource_dir("ontology") / "oversight.ttl"


def shapes_file() -> Path:
    return resource_dir("ontology") / "shapes.ttl"
