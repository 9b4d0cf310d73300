"""The one place where the query and analysis commands obtain the dataset they ask.

Every command that reads the graph (`query`, `chain`, `route`, ...) calls `load_dataset`, so
that adding another backend (a persistent store) changes this function and nothing else.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from .build import build_dataset


def load_dataset(data: Path | None = None) -> Dataset:
    """Validate the YAML data in `data` (default: the bundled data) and build the dataset in memory."""
    return build_dataset(data).dataset
