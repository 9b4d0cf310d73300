"""Where the graph lives: in memory, in an embedded Oxigraph directory, or at a SPARQL endpoint.

`open_store(spec)` returns a `Store` whose `dataset` is an ordinary rdflib `Dataset`, so code
reads the graph through one API whatever the backend, while SPARQL runs natively in Oxigraph
or at the endpoint. Every dataset queries the *union* of its named graphs as default graph:
that is what Virtuoso does, and it keeps rdflib's SPARQLStore from sending a bogus
`default-graph-uri` (rdflib's own default-graph name).

`replace_graphs(store, graphs)` makes the store hold exactly those named graphs (one per
source document). Each graph's content hash is kept in a manifest graph, so unchanged
sources are skipped and running a build twice leaves the same store.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
import urllib.parse
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.store import Store as RdflibStore

from .namespaces import bind_prefixes

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
        nt = graph.serialize(format="nt", encoding="utf-8")
        # Sorted lines make the hash independent of serialisation order. Blank-node labels
        # are random, so a graph with blank nodes is always re-ingested: correct, not skipped.
        lines = sorted(line for line in nt.splitlines() if line)
        return cls(graph, nt, hashlib.sha256(b"\n".join(lines)).hexdigest())


@dataclass
class Changes:
    """What `replace_graphs` did, graph names sorted."""

    replaced: list[URIRef] = field(default_factory=list)
    dropped: list[URIRef] = field(default_factory=list)
    unchanged: list[URIRef] = field(default_factory=list)


class Store(ABC):
    """An rdflib `Dataset` plus the one write the build needs: replace some named graphs."""

    dataset: Dataset

    def hashes(self) -> dict[URIRef, str]:
        """The content hash of every source graph this store has ingested."""
        rows = self.dataset.query(
            f"SELECT ?g ?h WHERE {{ GRAPH <{MANIFEST}> {{ ?g <{STORE.contentHash}> ?h }} }}")
        return {row[0]: str(row[1]) for row in rows}  # type: ignore[index]

    @abstractmethod
    def apply(self, replace: dict[URIRef, Payload], drop: set[URIRef]) -> None:
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

    def apply(self, replace: dict[URIRef, Payload], drop: set[URIRef]) -> None:
        manifest = self.dataset.graph(MANIFEST)
        for name in drop | set(replace):
            self.dataset.remove_graph(name)
            manifest.remove((name, STORE.contentHash, None))
        for name, payload in replace.items():
            context = self.dataset.graph(name)
            self.dataset.addN((s, p, o, context) for s, p, o in payload.graph)
            manifest.add((name, STORE.contentHash, Literal(payload.digest)))


class EmbeddedStore(Store):
    """Oxigraph (RocksDB) in a directory, read and queried through oxrdflib.

    Atomic ingest by generations: `PATH/current` is a symlink to `PATH/gen-<n>`, a complete
    Oxigraph database. A write makes a hard-linked `Store.backup` of the current generation
    (cheap: RocksDB files are immutable), changes that private copy with the fast,
    non-transactional `bulk_load`, flushes it, then points `current` at it with `os.replace`
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
        self.dataset = _dataset(OxigraphStore(store=self._ox))

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

    def apply(self, replace: dict[URIRef, Payload], drop: set[URIRef]) -> None:
        if self.read_only:
            raise PermissionError(f"store {self.root} was opened read-only")
        self._remove_stale_generations()  # leftovers of killed builds
        generation = self._new_generation()
        self._ox.backup(str(self.root / generation))
        db = ox.Store(str(self.root / generation))
        for name in drop | set(replace):
            db.remove_graph(ox.NamedNode(name))
        trig = b"".join(b"<%s> {\n%s}\n" % (n.encode(), p.ntriples) for n, p in replace.items())
        db.bulk_load(input=trig, format=ox.RdfFormat.TRIG)
        db.update(_manifest_update(replace, drop))
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

    def apply(self, replace: dict[URIRef, Payload], drop: set[URIRef]) -> None:
        for name in drop:
            self._update(_manifest_update({}, {name}, drop_graphs=True))
        for name, payload in replace.items():
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


def _dataset(store: RdflibStore | str = "default") -> Dataset:
    """A union-default-graph dataset with the project's prefixes, which canned queries use."""
    return bind_prefixes(Dataset(store=store, default_union=True))


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


def replace_graphs(store: Store, graphs: dict[URIRef, Graph], *, prune: bool = True) -> Changes:
    """Make `store` hold these named graphs, rewriting only those whose content changed.

    With `prune`, graphs the store ingested earlier (they are in its manifest) but that are
    no longer given are dropped: a deleted source file disappears from the store. Graphs the
    manifest does not know, e.g. written by somebody else, are never touched.
    """
    old = store.hashes()
    payloads = {name: Payload.of(graph) for name, graph in graphs.items()}
    changes = Changes()
    replace = {}
    for name in sorted(payloads):
        if old.get(name) == payloads[name].digest:
            changes.unchanged.append(name)
        else:
            replace[name] = payloads[name]
            changes.replaced.append(name)
    drop = set(old) - set(payloads) if prune else set()
    changes.dropped = sorted(drop)
    if replace or drop:
        store.apply(replace, drop)
    return changes
