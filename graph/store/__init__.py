"""Where the graph lives: in memory, in an embedded Oxigraph directory, or at a SPARQL endpoint.

`open_store(spec)` returns a `Store` whose `dataset` is an ordinary rdflib `Dataset`, so code
reads the graph through one API whatever the backend, while SPARQL runs natively in Oxigraph
or at the endpoint. Every dataset queries the *union* of its named graphs as default graph:
that is what Virtuoso does, and it keeps rdflib's SPARQLStore from sending a bogus
`default-graph-uri` (rdflib's own default-graph name).

`replace_graphs(store, graphs)` makes the store hold exactly those named graphs (one per
source document). Each graph's content hash is kept in a manifest graph, so unchanged
sources are skipped and running a build twice leaves the same store. Graphs are serialised
and hashed one at a time, as the store takes them: the embedded store loads one while the
next is being serialised.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import os
import re
import shutil
import threading
import time
import urllib.parse
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from oxrdflib._converter import from_ox, to_ox
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.store import Store as RdflibStore

from graph.model.namespaces import bind_prefixes
from graph.check.pool import fork_map

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
        # Sorted lines make the hash independent of the order of iteration. Blank-node labels
        # are random, so a graph with blank nodes is always re-ingested: correct, not skipped.
        nt = "".join(sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in graph)).encode()
        return cls(graph, nt, hashlib.sha256(nt).hexdigest())


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _nt(term: Node) -> str:
    """A term in N-Triples: rdflib's serializer, without its per-character IRI check, in half
    the time (a national build writes a million triples)."""
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    text = '"' + term.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^{_iri(term.datatype)}" if term.datatype else text


def _iri(iri: URIRef) -> str:
    if _NOT_IN_IRI.search(iri):
        raise ValueError(f"not an IRI that a store can take (space or one of <>\"{{}}|^`\\): {iri!r}")
    return f"<{iri}>"


@dataclass
class Changes:
    """What `replace_graphs` did, graph names sorted."""

    replaced: list[URIRef] = field(default_factory=list)
    dropped: list[URIRef] = field(default_factory=list)
    unchanged: list[URIRef] = field(default_factory=list)


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


class MemoryStore(Store):
    """rdflib's in-memory dataset: nothing persists, so atomicity is moot."""

    def __init__(self) -> None:
        self.dataset = _dataset()

    def apply(self, replace: Replacement, drop: set[URIRef]) -> None:
        ready = list(replace)  # every graph serialised (and checked) before the first change
        manifest = self.dataset.graph(MANIFEST)
        for name in drop | {name for name, _ in ready}:
            self.dataset.remove_graph(name)
            manifest.remove((name, STORE.contentHash, None))
        for name, payload in ready:
            context = self.dataset.graph(name)
            self.dataset.addN((s, p, o, context) for s, p, o in payload.graph)
            manifest.add((name, STORE.contentHash, Literal(payload.digest)))


class EmbeddedStore(Store):
    """Oxigraph (RocksDB) in a directory, read and queried through oxrdflib.

    Atomic ingest by generations: `PATH/current` is a symlink to `PATH/gen-<n>`, a complete
    Oxigraph database. A write makes a hard-linked `Store.backup` of the current generation
    (cheap: RocksDB files are immutable), changes that private copy with the fast,
    non-transactional `bulk_load` (fed through a pipe from a thread of its own: pyoxigraph
    releases the GIL, so the next graph is serialised while the last one is loaded, and the
    old content of a graph is removed before its new triples are written to the pipe),
    flushes it, then points `current` at it with `os.replace`
    on a symlink, which is atomic on POSIX. A build killed at any point leaves `current` on
    the old generation; the half-written one is removed by the next write. We chose this over
    one pyoxigraph transaction because the only multi-operation transaction pyoxigraph offers
    is a single SPARQL update (`Store.update`), which would hold the whole payload as SPARQL
    text and parse it far slower than `bulk_load`; `extend` and `load` are transactional
    but cannot drop the old graphs in the same transaction.

    One writer at a time. Readers (`read_only=True`, e.g. a server) keep the generation they
    opened until they reopen.
    """

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.root = path
        self.read_only = read_only
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
        current = str(self.root / os.readlink(self.root / "current"))
        self._ox = ox.Store.read_only(current) if self.read_only else ox.Store(current)
        self.dataset = _dataset(AnsweringOxigraphStore(store=self._ox))

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

    def apply(self, replace: Replacement, drop: set[URIRef]) -> None:
        if self.read_only:
            raise PermissionError(f"store {self.root} was opened read-only")
        first = next(replace, None)
        if first is None and not drop:
            return
        self._remove_stale_generations()  # leftovers of killed builds
        generation = self._new_generation()
        self._ox.backup(str(self.root / generation))
        db = ox.Store(str(self.root / generation))
        for name in drop:
            db.remove_graph(ox.NamedNode(name))
        loaded: dict[URIRef, Payload] = {}
        if first is not None:
            _bulk_load(db, itertools.chain([first], replace), loaded)
        db.update(_manifest_update(loaded, drop))
        db.flush()
        del db  # closes RocksDB before the directory becomes `current`
        self._point_current_at(generation)
        self.close()
        self._open()
        self._remove_stale_generations()

    def close(self) -> None:
        """Release RocksDB's lock: drop every reference to the pyoxigraph store."""
        self.dataset.close()
        del self._ox


class AnsweringOxigraphStore(OxigraphStore):
    """oxrdflib's store, turning each distinct term of an answer into an rdflib term once.

    A national answer names the same predicates, statuses and sources thousands of times;
    oxrdflib builds and checks a new rdflib term for every cell, which took a fifth of an
    8,000-row query's time. Queries with rdflib's own initBindings (the project substitutes
    parameters instead, graph.parameters) take oxrdflib's path.
    """

    def query(self, query, initNs, initBindings, queryGraph, **kwargs) -> Result:  # noqa: N803
        if initBindings or kwargs or not isinstance(query, str):
            return super().query(query, initNs, initBindings, queryGraph, **kwargs)
        found = self._inner.query(query, use_default_graph_as_union=queryGraph == "__UNION__",
                                  default_graph=to_ox(queryGraph) if isinstance(queryGraph, Node) else None,
                                  prefixes=dict(self._namespace_for_prefix, **initNs))
        if isinstance(found, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(found)
        elif isinstance(found, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in found.variables]
            term = functools.lru_cache(maxsize=1 << 16)(from_ox)
            out.bindings = ({v: term(value) for v, value in zip(out.vars, row)} for row in found)
        else:
            out = Result("CONSTRUCT")
            out.graph = Graph()
            out.graph += (from_ox(triple) for triple in found)
        return out


def _bulk_load(db: ox.Store, replace: Replacement, loaded: dict[URIRef, Payload]) -> None:
    """Stream the graphs as TriG into `db.bulk_load`, which reads a pipe in another thread."""
    read, write = os.pipe()
    failure: list[BaseException] = []

    def load() -> None:
        try:
            db.bulk_load(path=f"/dev/fd/{read}", format=ox.RdfFormat.TRIG)
        except BaseException as exc:  # re-raised by the writing thread
            failure.append(exc)
        finally:
            os.close(read)

    loader = threading.Thread(target=load, name="oxigraph-bulk-load")
    loader.start()
    try:
        with open(write, "wb") as pipe:
            for name, payload in replace:
                db.remove_graph(ox.NamedNode(name))
                pipe.write(b"<%s> {\n%s}\n" % (name.encode(), payload.ntriples))
                loaded[name] = payload
    except BrokenPipeError:
        pass  # the loader stopped early: its error says why
    finally:
        loader.join()
    if failure:
        raise failure[0]


CHUNK = 2000
"""Triples per INSERT DATA operation: Virtuoso 7.2's SPARQL parser runs out of stack near 5000
in one operation, but takes many such operations in one (still atomic) request."""


class EndpointStore(Store):
    """Any SPARQL 1.1 Query/Update endpoint (Virtuoso, Fuseki, GraphDB, Oxigraph server…).

    Each source is replaced by one update request (DROP SILENT GRAPH, INSERT DATA in chunks,
    and its manifest entry), which Virtuoso and Fuseki apply atomically. A build killed between
    two sources leaves each source either old or new, never half-written, and its hash
    says which, so re-running converges. Atomicity across sources is not offered.
    The endpoint must use the union of named graphs as default graph (Virtuoso does;
    Fuseki needs `tdb2:unionDefaultGraph true`) for plain queries to see the data.
    """

    def __init__(self, query_url: str, update_url: str, auth: tuple[str, str] | None) -> None:
        self._sparql = SPARQLUpdateStore(
            query_endpoint=query_url, update_endpoint=update_url, auth=auth,
            # Form-encoded POST: every endpoint takes it, and Virtuoso 7.2 hangs on a POST
            # of application/sparql-query; GET would cap the length of a query.
            # JSON results: asked for XML, Virtuoso may answer with an RDF/XML result graph.
            context_aware=True, method="POST_FORM", returnFormat="json",
        )
        self.dataset = _dataset(self._sparql)

    def apply(self, replace: Replacement, drop: set[URIRef]) -> None:
        ready = list(replace)  # every graph serialised (and checked) before the first request
        for name in drop:
            self._update(_manifest_update({}, {name}, drop_graphs=True))
        for name, payload in ready:
            lines = payload.ntriples.decode().splitlines()
            plain = [line for line in lines if "_:" not in line]
            # Virtuoso rejects blank nodes in INSERT DATA; a template keeps them, and one
            # operation keeps each blank node one node (labels are scoped per operation).
            blank = [line for line in lines if "_:" in line]
            ops = [f"DROP SILENT GRAPH <{name}>"]
            ops += [f"INSERT DATA {{ GRAPH <{name}> {{\n" + "\n".join(plain[i:i + CHUNK]) + "\n} }"
                    for i in range(0, len(plain), CHUNK)]
            if blank:
                ops.append(f"INSERT {{ GRAPH <{name}> {{\n" + "\n".join(blank) + "\n} } WHERE {}")
            ops.append(_manifest_update({name: payload}, set()))
            self._update(" ;\n".join(ops))

    def _update(self, request: str) -> None:
        """Send one update request; rdflib would otherwise resend a failed one with the next."""
        try:
            self._sparql.update(request)
        except Exception:
            self._sparql.rollback()
            raise


def _manifest_update(replace: dict[URIRef, Payload], drop: set[URIRef],
                     drop_graphs: bool = False) -> str:
    """SPARQL update moving the manifest to the new hashes (and dropping graphs if asked)."""
    ops = [f"DROP SILENT GRAPH <{n}>" for n in sorted(drop)] if drop_graphs else []
    ops += [f"DELETE WHERE {{ GRAPH <{MANIFEST}> {{ <{n}> <{STORE.contentHash}> ?h }} }}"
            for n in sorted(drop | set(replace))]
    if replace:
        rows = " ".join(f'<{n}> <{STORE.contentHash}> "{p.digest}" .' for n, p in replace.items())
        ops.append(f"INSERT DATA {{ GRAPH <{MANIFEST}> {{ {rows} }} }}")
    return " ;\n".join(ops)


def _serialised(graphs: dict[URIRef, Graph], name: URIRef) -> tuple[bytes, str]:
    """What a worker sends back: the N-Triples and their hash, not the graph."""
    try:
        payload = Payload.of(graphs[name])
    except ValueError as exc:
        raise ValueError(f"graph <{name}>: {exc}") from None
    return payload.ntriples, payload.digest


def _dataset(store: RdflibStore | str = "default") -> Dataset:
    """A union-default-graph dataset with the project's prefixes, which canned queries use."""
    return bind_prefixes(Dataset(store=store, default_union=True))


def oxigraph_dataset(quads: list[ox.Quad]) -> Dataset:
    """These quads in a throwaway in-memory Oxigraph store, read through rdflib: for SPARQL
    over a whole built dataset, which rdflib's own engine answers far more slowly."""
    store = ox.Store()
    store.bulk_extend(quads)
    return _dataset(AnsweringOxigraphStore(store=store))


def source_graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    """The non-empty named graphs of a built dataset, ready for `replace_graphs`."""
    return {g.identifier: g for g in dataset.graphs() if len(g)}  # type: ignore[misc]


def open_store(spec: str, read_only: bool = False) -> Store:
    """Open `"memory"`, a directory path, or `sparql+http(s)://[user:pw@]host/path[?update=URL]`."""
    if spec == "memory":
        return MemoryStore()
    if spec.startswith(("sparql+http://", "sparql+https://")):
        url = urllib.parse.urlsplit(spec.removeprefix("sparql+"))
        params = urllib.parse.parse_qs(url.query)
        update = params.pop("update", [None])[0]
        auth = (urllib.parse.unquote(url.username), urllib.parse.unquote(url.password or "")) \
            if url.username else None
        netloc = url.hostname + (f":{url.port}" if url.port else "")  # type: ignore[operator]
        query = urllib.parse.urlunsplit(
            (url.scheme, netloc, url.path, urllib.parse.urlencode(params, doseq=True), ""))
        return EndpointStore(query, update or query, auth)
    return EmbeddedStore(Path(spec), read_only=read_only)


PARALLEL_FROM = 100_000
"""Triples past which graphs are serialised in a process pool (Python work, worth the CPUs)."""


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
