"""The build's last step: make a store hold the built source graphs, rewriting only changes.

Each graph's content hash is kept in the store's manifest, so unchanged sources are skipped
and running a build twice leaves the same store. Graphs are serialised and hashed one at a
time, as the store takes them (in a process pool for national data). A build serialises
once (graph.store.base.serialised) for its validation, its outputs and its store.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from graph.store.base import Payload, Replacement, Store, serialised


@dataclass
class Changes:
    """What `replace_graphs` did, graph names sorted."""

    replaced: list[URIRef] = field(default_factory=list)
    dropped: list[URIRef] = field(default_factory=list)
    unchanged: list[URIRef] = field(default_factory=list)


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
    The store takes each changed graph as it comes."""
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
