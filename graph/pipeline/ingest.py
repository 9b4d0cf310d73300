"""The build's store: make it hold the built source graphs, rewriting only changes.

Each graph's content hash is kept in the store's manifest, so unchanged sources are skipped
and running a build twice leaves the same store. Graphs are serialised and hashed one at a
time, as the store takes them (in a process pool for national data). A build serialises
once (graph.store.base.serialised) for its validation, its outputs and its store, and
stages the store beside its outputs (`StagedBeside`), publishing it once they are in place.
"""
from __future__ import annotations

import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from graph.store import open_store, store_folder
from graph.store.base import Payload, Replacement, Staged, Store, serialised


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
    changes, staged = stage_serialised(store, payloads, names, prune=prune)
    store.publish(staged)
    return changes


def stage_serialised(store: Store, payloads: Iterable[tuple[URIRef, Payload]], names: set[URIRef],
                     *, prune: bool = True) -> tuple[Changes, Staged]:
    """`replace_serialised` up to making the change seen (`Store.publish`)."""
    old = store.hashes()
    changes = Changes(dropped=sorted(set(old) - names) if prune else [])

    def changed() -> Replacement:
        for name, payload in payloads:
            if old.get(name) == payload.digest:
                changes.unchanged.append(name)
            else:
                changes.replaced.append(name)
                yield name, payload

    return changes, store.stage(changed(), set(changes.dropped))


class StagedBeside:
    """The changed graphs staged into the store `spec` by a thread while the caller writes the
    outputs: Oxigraph's bulk loader, most of the work, releases the GIL (whole builds of 1M
    triples, side by side: 34.5 s against 40.6 s, medians of three; the whole tree peaked
    about 200 MB higher). The store is closed once staged, so that its folder can move as
    out/ is swapped in; `publish` then makes the graphs seen, `abandon` leaves the store as it
    was, and removes a store folder the build made."""

    def __init__(self, spec: str, payloads: dict[URIRef, Payload]) -> None:
        self.spec = spec
        self._made = _outermost_missing(store_folder(spec))
        """The folder this build will make for the store, if any: what `abandon` removes."""
        self._result: tuple[Changes, Staged] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._stage, args=(payloads,), name="staging the store", daemon=True)
        self._thread.start()

    def _stage(self, payloads: dict[URIRef, Payload]) -> None:
        try:
            with open_store(self.spec) as store:
                self._result = stage_serialised(store, iter(payloads.items()), set(payloads))
        except BaseException as exc:  # raised in the caller's thread, by `staged`
            self._error = exc

    def staged(self) -> Changes:
        """Wait for the store to be staged; raise what stopped it."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result[0]

    def publish(self, spec: str) -> Store:
        """The store opened at `spec` (where its folder is now), the staged graphs seen in it."""
        store = open_store(spec)
        try:
            store.publish(self._result[1])  # type: ignore[index]
        except BaseException:
            store.close()
            raise
        return store

    def abandon(self) -> None:
        """Wait for the thread, then undo what it did (its error, if any, was the caller's to see)."""
        self._thread.join()
        if self._made is not None:
            shutil.rmtree(self._made, ignore_errors=True)
        elif self._result is not None:
            with open_store(self.spec) as store:
                store.abandon(self._result[1])


def _outermost_missing(folder: Path | None) -> Path | None:
    """The outermost folder on the way to `folder` that does not exist yet, if any."""
    missing = None
    for candidate in (folder, *folder.parents) if folder is not None else ():
        if candidate.exists():
            break
        missing = candidate
    return missing
