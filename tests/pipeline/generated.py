"""A small generated national data folder: benchmarks/generate_national.py's data, few sources."""
from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def generated_data(folder: Path, sources: int = 12) -> Path:
    """The generator's reference file and its first `sources` source files, in `folder`."""
    spec = importlib.util.spec_from_file_location("generate_national", REPO / "benchmarks" / "generate_national.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)  # type: ignore[union-attr]
    generator.generate(folder, triples=1)
    for extra in sorted((folder / "sources").glob("*.yaml"))[sources:]:
        extra.unlink()
    return folder
