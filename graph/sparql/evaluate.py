"""The one place where the query and analysis commands obtain the dataset they ask.

Every command that reads the graph (`query`, `chain`, `route`, ...) calls `load_dataset`:
either the YAML data built in memory, or a store that `oversight build --store` filled
(embedded Oxigraph folder or SPARQL endpoint), opened read-only.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.query import Result
from rdflib.term import Identifier

from graph.pipeline.build import build_dataset
from graph.model.namespaces import NS
from graph.sparql.parameters import substitute


def load_dataset(data: Path | None = None, store: str | None = None) -> Dataset:
    """The store's dataset if `store` is given, else the validated data (default: bundled) in memory."""
    if store is not None:
        from graph.store import open_store
        return open_store(store, read_only=True).dataset
    return build_dataset(data).dataset


def evaluate(graph: Graph, text: str, bound: dict[str, Identifier] | None = None) -> Result:
    """`graph.query` with variables bound by substitution (graph.parameters), so that every
    store, Oxigraph and a remote endpoint included, answers natively and with one meaning."""
    return graph.query(substitute(text, bound or {}), initNs=NS)
