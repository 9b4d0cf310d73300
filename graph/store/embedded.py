"""Oxigraph (RocksDB) in a folder: an atomic, incremental store read through rdflib."""
from __future__ import annotations

import functools
import itertools
import os
import shutil
import time
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from graph.model.superseded import HIDDEN_BY_DEFAULT
from graph.store.base import Payload, Replacement, Staged, Store, manifest_update, union_dataset
from graph.store.memo import Memo, remove_stale
from graph.store.terms import from_ox, ox_quads, to_ox


class EmbeddedStore(Store):
    """Oxigraph (RocksDB) in a directory, read and queried through oxrdflib.

    Atomic ingest by generations: `PATH/current` is a symlink to `PATH/gen-<n>`, a complete
    Oxigraph database. A write makes a hard-linked `Store.backup` of the current generation
    (cheap: RocksDB files are immutable), changes that private copy with the fast,
    non-transactional `bulk_load` (given the graphs in parts, each graph's old content removed
    before its new triples are loaded), flushes it, then points `current` at it with
    `os.replace` on a symlink, which is atomic on POSIX. A build killed at any point leaves
    `current` on the old generation; the half-written one is removed by the next write. We
    chose this over one pyoxigraph transaction because the only multi-operation transaction
    pyoxigraph offers is a single SPARQL update (`Store.update`), which would hold the whole
    payload as SPARQL text and parse it far slower than `bulk_load`; `extend` and `load` are
    transactional but cannot drop the old graphs in the same transaction.

    One writer at a time. Readers (`read_only=True`, e.g. a server) keep the generation they
    opened until they reopen.
    """

    def __init__(self, path: Path, read_only: bool = False, history: bool = False) -> None:
        self.root = path
        self.read_only = read_only
        self.history = history
        if not (path / "current").exists():
            if read_only:
                raise FileNotFoundError(f"no store at {path} (expected {path / 'current'})")
            if path.exists() and any(not p.name.startswith(("gen-", "current")) for p in path.iterdir()):
                raise FileExistsError(f"{path} is not empty and holds no store (no 'current')")
            generation = self._new_generation()
            ox.Store(str(self.root / generation)).flush()
            self._point_current_at(generation)
        self._open()

    def _open(self) -> None:
        # Open the generation itself, not the symlink: RocksDB re-resolves its path when it
        # deletes obsolete files, and must not do so in a newer generation.
        current = self.root / os.readlink(self.root / "current")
        self._ox = ox.Store.read_only(str(current)) if self.read_only else ox.Store(str(current))
        self.dataset = union_dataset(OxigraphAnswers(self._ox, Memo() if self.history else Memo(current), self.history))

    def _new_generation(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        return f"gen-{time.time_ns()}"

    def _point_current_at(self, generation: str) -> None:
        """Atomically repoint `current` (rename of a symlink), then make that durable."""
        link = self.root / "current.tmp"
        link.unlink(missing_ok=True)
        link.symlink_to(generation)
        os.replace(link, self.root / "current")
        fd = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def _remove_stale_generations(self) -> None:
        live = os.readlink(self.root / "current")
        for stale in self.root.glob("gen-*"):
            if stale.name != live:
                shutil.rmtree(stale, ignore_errors=True)
        remove_stale(self.root, live)

    def apply(self, replace: Replacement, drop: set[URIRef]) -> None:
        self.publish(self.stage(replace, drop))

    def stage(self, replace: Replacement, drop: set[URIRef]) -> Staged:
        """The new generation made and closed, `current` left on the old one (a build's
        outputs are written meanwhile: graph.pipeline.ingest). If making it fails, it is
        removed."""
        if self.read_only:
            raise PermissionError(f"store {self.root} was opened read-only")
        first = next(replace, None)
        if first is None and not drop:
            return Staged([], set())
        self._remove_stale_generations()  # leftovers of killed builds
        generation = self._new_generation()
        try:
            self._ox.backup(str(self.root / generation))
            _fill(self.root / generation, itertools.chain([] if first is None else [first], replace), drop)
        except BaseException as exc:
            # The frames the error came through hold the generation's store open, and RocksDB
            # writes files until it is closed: they are cleared first, so that the folder goes whole.
            traceback.clear_frames(exc.__traceback__)
            shutil.rmtree(self.root / generation, ignore_errors=True)
            raise
        return Staged([], set(), generation)

    def publish(self, staged: Staged) -> None:
        if staged.generation is None:
            return
        self._point_current_at(staged.generation)
        self.close()
        self._open()
        self._remove_stale_generations()

    def abandon(self, staged: Staged) -> None:
        if staged.generation is not None:
            shutil.rmtree(self.root / staged.generation, ignore_errors=True)

    def close(self) -> None:
        """Release RocksDB's lock: drop every reference to the pyoxigraph store."""
        self.dataset.close()
        del self._ox


_answer_term = functools.lru_cache(maxsize=1 << 16)(from_ox)
"""from_ox for answers: terms are immutable, and answers name the same ones again and again
(an rdflib Literal takes ten times as long to make as to look up)."""


class Solution(dict):
    """One solution of a SELECT: true even when it binds nothing. rdflib's Result skips a
    falsy row as it iterates, and a solution that binds nothing (`{}`) is an answer too."""

    def __bool__(self) -> bool:
        return True


class OxigraphAnswers(OxigraphStore):
    """oxrdflib's store over `oxigraph`, answering queries itself: each distinct term of the
    answers becomes an rdflib term once (the last 65,536 are kept, across queries).

    A national answer names the same predicates, statuses and sources thousands of times;
    oxrdflib builds and checks a new rdflib term for every cell, which took a fifth of an
    8,000-row query's time. Only oxrdflib's public constructor is used: the Oxigraph store is
    kept here, and prefixes come from rdflib's own `namespaces()`.

    `memo` keeps what is computed from the whole content (the networkx projection) until a
    write through this store changes it (with `history`, in this process only: the kept files
    hold the default answers).
    Unless `history`, the graphs of HIDDEN_BY_DEFAULT (corrected and retracted facts) are
    left out of every answer, SPARQL and triple patterns alike: the one place the default
    answers are made.
    """

    def __init__(self, oxigraph: ox.Store, memo: Memo | None = None, history: bool = False) -> None:
        super().__init__(store=oxigraph)
        self.oxigraph = oxigraph
        self.memo = memo or Memo()
        self.hidden = frozenset() if history else HIDDEN_BY_DEFAULT

    def add(self, *args, **kwargs) -> None:
        self.memo.forget()
        super().add(*args, **kwargs)

    def addN(self, *args, **kwargs) -> None:  # noqa: N802
        self.memo.forget()
        super().addN(*args, **kwargs)

    def remove(self, *args, **kwargs) -> None:
        self.memo.forget()
        super().remove(*args, **kwargs)

    def remove_graph(self, *args, **kwargs) -> None:
        self.memo.forget()
        super().remove_graph(*args, **kwargs)

    def update(self, *args, **kwargs) -> None:
        self.memo.forget()
        super().update(*args, **kwargs)

    def _visible_graphs(self) -> list[ox.NamedNode | ox.BlankNode] | None:
        """The named graphs an answer may read, or None for all (nothing hidden is stored)."""
        if not any(self.oxigraph.contains_named_graph(ox.NamedNode(g)) for g in self.hidden):
            return None
        return [g for g in self.oxigraph.named_graphs() if g.value not in self.hidden]

    def triples(self, triple_pattern, context=None):
        found = super().triples(triple_pattern, context)
        if context is not None and getattr(context, "identifier", None) not in (None, DATASET_DEFAULT_GRAPH_ID):
            return found  # a graph asked for by name
        if self._visible_graphs() is None:
            return found
        return ((triple, iter(graphs)) for triple, contexts in found
                if (graphs := [g for g in contexts if str(getattr(g, "identifier", "")) not in self.hidden]))

    def contexts(self, triple=None):
        return (g for g in super().contexts(triple) if str(g.identifier) not in self.hidden)

    def close(self, commit_pending_transaction: bool = False) -> None:
        """Drop every reference to the Oxigraph store, so that RocksDB releases its lock."""
        super().close(commit_pending_transaction)
        del self.oxigraph

    def _answer(self, query: str, initNs, queryGraph):  # noqa: N803
        """Oxigraph's answer, over the default graph rdflib names (`queryGraph`), hidden graphs left out."""
        union = queryGraph == "__UNION__"
        # the store's own default graph is Oxigraph's by default: naming it would override the query's FROM
        default = to_ox(queryGraph) if isinstance(queryGraph, Node) and queryGraph != DATASET_DEFAULT_GRAPH_ID else None
        visible = self._visible_graphs()
        if visible is not None and union:
            union, default = False, visible
        return self.oxigraph.query(query, use_default_graph_as_union=union, default_graph=default,
                                   named_graphs=visible,
                                   prefixes={**{p: str(ns) for p, ns in self.namespaces()}, **initNs})

    def solution_texts(self, query: str, initNs, queryGraph) -> Iterator[tuple]:  # noqa: N803
        """The solutions of a SELECT as tuples of their values' text (None where unbound), in
        the order of its variables: rdflib's Result makes a row object and a dict of the
        variables for each solution, which took a third of projecting a national store; and
        the projection reads only the text: made into rdflib terms first, its 50,000 rows at
        1M triples took 3.0-3.2 s to project, 2.2 s so."""
        found = self._answer(query, initNs, queryGraph)
        if not isinstance(found, ox.QuerySolutions):
            raise ValueError("only a SELECT query has solutions")
        return (tuple([None if term is None else term.value for term in row]) for row in found)

    def query(self, query, initNs, initBindings, queryGraph, **kwargs) -> Result:  # noqa: N803
        if initBindings or kwargs or not isinstance(query, str):
            return super().query(query, initNs, initBindings, queryGraph, **kwargs)
        found = self._answer(query, initNs, queryGraph)
        if isinstance(found, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(found)
        elif isinstance(found, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in found.variables]
            out.bindings = (Solution((v, _answer_term(value)) for v, value in zip(out.vars, row)) for row in found)
        else:
            out = Result("CONSTRUCT")
            out.graph = Graph()
            out.graph += (from_ox(triple) for triple in found)
        return out


BULK_PART = 8 << 20
"""Bytes of N-Triples given to Oxigraph's bulk loader at a time. It holds what one call is
given in memory until it writes it out: loading 1M triples in one call took 1 GB more than
loading them in parts. Parts of 8 MB took about 60 MB more than the parts' bytes, parts of
32 MB 170 MB more, in as long or longer (6.4-8.3 s against 7.9-8.9 s; of 4 MB, 7.2-7.5 s);
a build loads its store beside its outputs, whose memory this adds to."""


def _fill(generation: Path, replace: Replacement, drop: set[URIRef]) -> None:
    """Bring the store copied into `generation` up to date: load the changed graphs, drop
    `drop`, record the new hashes, compact it, and close it (on return: RocksDB closes with
    the last reference) before the folder can become `current`."""
    db = ox.Store(str(generation))
    loaded: dict[URIRef, Payload] = {}
    _bulk_load(db, replace, loaded)
    for name in drop:  # known once `replace` is consumed (Store.stage)
        db.remove_graph(ox.NamedNode(name))
    db.update(manifest_update(loaded, drop))
    db.flush()
    # Compacted here, not by RocksDB in the background once `current` is reopened: that
    # rewrote the files after the build had named what it keeps after them (graph.store.memo),
    # and the first `oversight chain` after an edit of 1M triples made it all again (32 s, not
    # 1 s). It costs about 3 s at 1M.
    db.optimize()


def _bulk_load(db: ox.Store, replace: Replacement, loaded: dict[URIRef, Payload]) -> None:
    """Load the graphs into `db` with Oxigraph's bulk loader, part by part (BULK_PART), each
    graph's old content removed before the first part holding its new triples is loaded."""
    for part in _parts(db, replace, loaded):
        db.bulk_load(part, format=ox.RdfFormat.TRIG)


def _parts(db: ox.Store, replace: Replacement, loaded: dict[URIRef, Payload]) -> Iterator[bytes]:
    """The graphs as TriG in parts of about BULK_PART bytes: a graph larger than a part is
    cut after one of its lines, each piece framed as a block of that graph, unless it names a
    blank node (the ontology's lists): the loader gives a blank node of each call a new name.
    Only a graph the store holds is removed: at 3M triples, removing the 380 graphs of a first
    build, none there, took 1.0 s of its 31 s (each seeking through the parts loaded so far)."""
    blocks, size = [], 0
    for name, payload in replace:
        if db.contains_named_graph(graph := ox.NamedNode(name)):
            db.remove_graph(graph)
        loaded[name] = payload
        whole, start = b"_:" in payload.ntriples, 0
        while start < len(payload.ntriples):
            end = len(payload.ntriples) if whole else \
                payload.ntriples.find(b"\n", start + BULK_PART - size) + 1 or len(payload.ntriples)
            blocks.append(trig_block(name, payload.ntriples[start:end]))
            size, start = size + end - start, end
            if size >= BULK_PART:
                yield b"".join(blocks)
                blocks, size = [], 0
    if blocks:
        yield b"".join(blocks)


def trig_block(name: URIRef, ntriples: bytes) -> bytes:
    """Triples of one graph as TriG: N-Triples lines (valid TriG statements) in a graph block."""
    return b"<%s> {\n%s}\n" % (name.encode(), ntriples)


def payload_store(payloads: Iterable[tuple[URIRef, Payload]], store: ox.Store | None = None) -> ox.Store:
    """The graphs' N-Triples in in-memory Oxigraph (`store`, or a new one), each replacing its
    named graph as it comes: parsed in Rust, with no Python term made (5 s at 1M triples).
    A graph naming blank nodes (the ontology's lists) keeps their canonical labels: `load`
    would give them new random ones, and the files dumped from the store would differ from
    one build of the same data to the next."""
    store = ox.Store() if store is None else store
    for name, payload in payloads:
        graph = to_ox(name)
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
        if b"_:" in payload.ntriples:  # or in a literal: then parsed the slower way, to no harm
            store.extend(ox.parse(trig_block(name, payload.ntriples), format=ox.RdfFormat.TRIG))
        else:
            store.load(payload.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    return store


def answering(store: ox.Store, default_union: bool = True, history: bool = False) -> Dataset:
    """An in-memory Oxigraph store read through rdflib: for SPARQL over a whole built dataset,
    which rdflib's own engine answers far more slowly. With `default_union` false the default
    graph is Oxigraph's own, not the union of the graphs; with `history` the superseded facts
    are answered too."""
    dataset = union_dataset(OxigraphAnswers(store, history=history))
    dataset.default_union = default_union
    return dataset


def oxigraph_dataset(quads: Iterable[ox.Quad], default_union: bool = True, history: bool = False) -> Dataset:
    """These quads in a throwaway in-memory Oxigraph store, read through rdflib (`answering`)."""
    store = ox.Store()
    store.bulk_extend(quads)
    return answering(store, default_union, history)


def trig_dataset(path: Path) -> Dataset:
    """A TriG file in in-memory Oxigraph: what `serve --public` serves (out/public/oversight.trig)."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    return answering(store)


def in_oxigraph(dataset: Dataset, history: bool = False) -> Dataset:
    """An rdflib dataset copied into in-memory Oxigraph, so that the one engine answers
    queries about it as it answers a store (what the commands ask when there is no --store)."""
    if isinstance(dataset.store, OxigraphAnswers):
        return with_history(dataset) if history else dataset
    return oxigraph_dataset(ox_quads(dataset), dataset.default_union, history)


def with_history(dataset: Dataset) -> Dataset:
    """The same Oxigraph store answering with the superseded facts as well (`--history`)."""
    if not isinstance(dataset.store, OxigraphAnswers):
        raise ValueError("--history is answered by Oxigraph (the data or an embedded store): a remote endpoint decides what it answers itself")
    history = union_dataset(OxigraphAnswers(dataset.store.oxigraph, history=True))
    history.default_union = dataset.default_union
    return history
