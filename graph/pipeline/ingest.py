"""The build's last step: make a store hold the built source graphs, rewriting only changes.

Each graph's content hash is kept in the store's manifest, so unchanged sources are skipped
and running a build twice leaves the same store. Graphs are serialised and hashed one at a
time, as the store takes them (in a process pool for national data): the embedded store
loads one while the next is being serialised. A build serialises once (`serialised`) for
its outputs and its store.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
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


def serialised(graphs: dict[URIRef, Graph]) -> Iterator[tuple[URIRef, Payload]]:
    """Each graph's N-Triples and hash, sorted by name, made as they are consumed (in a
    process pool for national data). A build keeps them: its outputs and its store read the
    same bytes, so nothing is serialised twice."""
    names = sorted(graphs)
    workers = None if sum(len(g) for g in graphs.values()) > PARALLEL_FROM else 1
    for name, (ntriples, digest) in zip(names, fork_map(_serialised, names, graphs, workers=workers)):
        yield name, Payload(graphs[name], ntriples, digest)


def replace_graphs(store: Store, graphs: dict[URIRef, Graph], *, prune: bool = True) -> Changes:
    """Make `store` hold these named graphs, rewriting only those whose content changed.

    With `prune`, graphs the store ingested earlier (they are in its manifest) but that are
    no longer given are dropped: a deleted source file disappears from the store. Graphs the
    manifest does not know, e.g. written by somebody else, are never touched.
    """
    return replace_serialised(store, serialised(graphs), set(graphs), prune=prune)


def replace_serialised(store: Store, payloads: Iterable[tuple[URIRef, Payload]], names: set[URIRef],
                       *, prune: bool = True) -> Changes:
    """`replace_graphs` for graphs already serialised (`names`: every graph given, for pruning).
    The store loads each changed graph as it comes, while the next is being serialised."""
    old = store.hashes()
    changes = Changes(dropped=sorted(set(old) - names) if prune else [])

    def changed() -> Replacement:
        for name, payload in payloads:
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
