"""The build's store: make it hold the built source graphs, rewriting only changes.

Each graph's content hash is kept in the store's manifest, so unchanged sources are skipped
and running a build twice leaves the same store. Graphs are serialised and hashed one at a
time, as the store takes them (in a process pool for national data). A build serialises
once (graph.store.base.serialised) for its validation, its outputs and its store, and
stages the store beside its inference and outputs (`StagedBeside`), publishing it once they
are in place.
"""
from __future__ import annotations

import queue
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
    return replace_serialised(store, serialised(graphs), prune=prune)


def replace_serialised(store: Store, payloads: Iterable[tuple[URIRef, Payload]], *, prune: bool = True) -> Changes:
    """`replace_graphs` for graphs already serialised: the store takes each changed graph as
    it comes, and the graphs pruned are those of its manifest that none of `payloads` names."""
    changes, staged = stage_serialised(store, payloads, prune=prune)
    store.publish(staged)
    return changes


def stage_serialised(store: Store, payloads: Iterable[tuple[URIRef, Payload]],
                     *, prune: bool = True) -> tuple[Changes, Staged]:
    """`replace_serialised` up to making the change seen (`Store.publish`). What to drop is
    known once every graph was given: `Store.stage` drops it after taking them."""
    old = store.hashes()
    changes, dropped = Changes(), set()

    def changed() -> Replacement:
        given = set()
        for name, payload in payloads:
            given.add(name)
            if old.get(name) == payload.digest:
                changes.unchanged.append(name)
            else:
                changes.replaced.append(name)
                yield name, payload
        changes.replaced.sort()
        changes.unchanged.sort()
        if prune:
            dropped.update(set(old) - given)
            changes.dropped = sorted(dropped)

    return changes, store.stage(changed(), dropped)


_ALL_GIVEN, _ABANDONED = object(), object()


class BuildAbandoned(Exception):
    """What stops the staging thread when the build it stages for failed."""


class StagedBeside:
    """The changed graphs staged into the store `spec` by a thread while the build goes on:
    Oxigraph's bulk loader, most of the work, releases the GIL. The thread starts on the graphs
    validated (`payloads`), beside the inference (which keeps one CPU busy, the other idle)
    and then the outputs, and takes the graphs made later as they are given (`give`). The store is closed
    once staged, so that its folder can move as out/ is swapped in; `publish` then makes the
    graphs seen, `abandon` leaves the store as it was, and removes a store folder the build made."""

    def __init__(self, spec: str, payloads: dict[URIRef, Payload]) -> None:
        self.spec = spec
        self._made = _outermost_missing(store_folder(spec))
        """The folder this build will make for the store, if any: what `abandon` removes."""
        self._result: tuple[Changes, Staged] | None = None
        self._error: BaseException | None = None
        self._given: queue.SimpleQueue = queue.SimpleQueue()
        self.give(payloads)
        self._thread = threading.Thread(target=self._stage, name="staging the store", daemon=True)
        self._thread.start()

    def give(self, payloads: dict[URIRef, Payload], *, last: bool = False) -> None:
        """More graphs to stage (with `last`, the last ones: the store then finishes)."""
        for item in payloads.items():
            self._given.put(item)
        if last:
            self._given.put(_ALL_GIVEN)

    def _payloads(self) -> Replacement:
        while (item := self._given.get()) is not _ALL_GIVEN:
            if item is _ABANDONED:
                raise BuildAbandoned("the build failed before it gave every graph to the store")
            yield item

    def _stage(self) -> None:
        try:
            with open_store(self.spec) as store:
                self._result = stage_serialised(store, self._payloads())
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
        """Stop the thread (a staging it had begun is removed), then undo what it did (its
        error, if any, was the caller's to see)."""
        self._given.put(_ABANDONED)
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
