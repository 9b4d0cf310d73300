"""rdflib's in-memory dataset as a store: nothing persists, so atomicity is moot."""
from __future__ import annotations

from rdflib import Literal, URIRef

from graph.store.base import MANIFEST, STORE, Replacement, Store, union_dataset


class MemoryStore(Store):
    def __init__(self) -> None:
        self.dataset = union_dataset()

    def apply(self, replace: Replacement, drop: set[URIRef]) -> None:
        ready = list(replace)  # every graph serialised (and checked) before the first change
        manifest = self.dataset.graph(MANIFEST)
        for name in drop | {name for name, _ in ready}:
            self.dataset.remove_graph(name)
            manifest.remove((name, STORE.contentHash, None))
        for name, payload in ready:
            self.dataset.graph(name).parse(data=payload.ntriples, format="nt")
            manifest.add((name, STORE.contentHash, Literal(payload.digest)))
