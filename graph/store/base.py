"""What every store is: an rdflib `Dataset` to read and query, plus one write, `apply`.

Every dataset queries the *union* of its named graphs as default graph: that is what
Virtuoso does, and it keeps rdflib's SPARQLStore from sending a bogus `default-graph-uri`
(rdflib's own default-graph name). Each source graph's content hash is kept in a manifest
graph, so that a build can skip unchanged sources (graph.pipeline.ingest).
"""
from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.store import Store as RdflibStore

from graph.model.namespaces import bind_prefixes
from graph.store.terms import canonical_triples, nt_term

STORE = Namespace("https://w3id.org/oversight-graph/store#")
"""Bookkeeping terms of the store itself; not part of the oversight ontology."""
MANIFEST = STORE.manifest
"""The named graph recording, for each source graph, the hash of the content loaded."""


@dataclass(frozen=True)
class Payload:
    """One source graph, serialised once: N-Triples for the backends and its content hash."""

    graph: Graph
    ntriples: bytes
    digest: str

    @classmethod
    def of(cls, graph: Graph) -> Payload:
        # Sorted lines make the hash independent of the order of iteration; blank nodes are
        # labelled by what they say (rdflib's canonical form), not at random, so that an
        # unchanged graph with blank nodes (the ontology's lists) hashes alike every build.
        nt = "".join(sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in canonical_triples(graph))).encode()
        return cls(graph, nt, hashlib.sha256(nt).hexdigest())


Replacement = Iterator[tuple[URIRef, Payload]]
"""The graphs to replace, produced lazily: a store consumes them once, in order."""


class Store(ABC):
    """An rdflib `Dataset` plus the one write the build needs: replace some named graphs."""

    dataset: Dataset

    def hashes(self) -> dict[URIRef, str]:
        """The content hash of every source graph this store has ingested."""
        rows = self.dataset.query(
            f"SELECT ?g ?h WHERE {{ GRAPH <{MANIFEST}> {{ ?g <{STORE.contentHash}> ?h }} }}")
        return {row[0]: str(row[1]) for row in rows}  # type: ignore[index]

    @abstractmethod
    def apply(self, replace: Replacement, drop: set[URIRef]) -> None:
        """Replace and drop named graphs, and record the new hashes in the manifest."""

    def close(self) -> None:
        self.dataset.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def union_dataset(store: RdflibStore | str = "default") -> Dataset:
    """A union-default-graph dataset with the project's prefixes, which canned queries use."""
    return bind_prefixes(Dataset(store=store, default_union=True))


def manifest_update(replace: dict[URIRef, Payload], drop: set[URIRef], drop_graphs: bool = False) -> str:
    """SPARQL update moving the manifest to the new hashes (and dropping graphs if asked)."""
    ops = [f"DROP SILENT GRAPH <{n}>" for n in sorted(drop)] if drop_graphs else []
    ops += [f"DELETE WHERE {{ GRAPH <{MANIFEST}> {{ <{n}> <{STORE.contentHash}> ?h }} }}"
            for n in sorted(drop | set(replace))]
    if replace:
        rows = " ".join(f'<{n}> <{STORE.contentHash}> "{p.digest}" .' for n, p in replace.items())
        ops.append(f"INSERT DATA {{ GRAPH <{MANIFEST}> {{ {rows} }} }}")
    return " ;\n".join(ops)
