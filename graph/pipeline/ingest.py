"""The build's last step: make a store hold the built source graphs, rewriting only changes.

Each graph's content hash is kept in the store's manifest, so unchanged sources are skipped
and running a build twice leaves the same store. Graphs are serialised and hashed one at a
time, as the store takes them (in a process pool for national data): the embedded store
loads one while the next is being serialised.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef

from graph.check.pool import fork_map
from graph.store.base import Payload, Replacement, Store

PARALLEL_FROM = 100_000
"""Triples past which graphs are serialised in a process pool (Python work, worth the CPUs)."""


@dataclass
class Changes:
    """What `replace_graphs` did, graph names sorted."""

    replaced: list[URIRef] = field(default_factory=list)
    dropped: list[URIRef] = field(default_factory=list)
    unchanged: list[URIRef] = field(default_factory=list)


def source_graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    """The non-empty named graphs of a built dataset, ready for `replace_graphs`."""
    return {g.identifier: g for g in dataset.graphs() if len(g)}  # type: ignore[misc]


def replace_graphs(store: Store, graphs: dict[URIRef, Graph], *, prune: bool = True) -> Changes:
    """Make `store` hold these named graphs, rewriting only those whose content changed.

    With `prune`, graphs the store ingested earlier (they are in its manifest) but that are
    no longer given are dropped: a deleted source file disappears from the store. Graphs the
    manifest does not know, e.g. written by somebody else, are never touched.
    """
    old = store.hashes()
    changes = Changes(dropped=sorted(set(old) - set(graphs)) if prune else [])

    def changed() -> Replacement:
        names = sorted(graphs)
        workers = None if sum(len(g) for g in graphs.values()) > PARALLEL_FROM else 1
        for name, (ntriples, digest) in zip(names, fork_map(_serialised, names, graphs, workers=workers)):
            payload = Payload(graphs[name], ntriples, digest)
            if old.get(name) == payload.digest:
                changes.unchanged.append(name)
            else:
                changes.replaced.append(name)
                yield name, payload

    store.apply(changed(), set(changes.dropped))
    return changes


def _serialised(graphs: dict[URIRef, Graph], name: URIRef) -> tuple[bytes, str]:
    """What a worker sends back: the N-Triples and their hash, not the graph."""
    try:
        payload = Payload.of(graphs[name])
    except ValueError as exc:
        raise ValueError(f"graph <{name}>: {exc}") from None
    return payload.ntriples, payload.digest
