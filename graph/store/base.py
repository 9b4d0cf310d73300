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
from rdflib.term import Node

from graph.model.namespaces import bind_prefixes
from graph.store.pool import fork_map
from graph.store.terms import canonical_triples, nt_term

STORE = Namespace("https://w3id.org/oversight-graph/store#")
"""Bookkeeping terms of the store itself; not part of the oversight ontology."""
MANIFEST = STORE.manifest
"""The named graph recording, for each source graph, the hash of the content loaded."""


@dataclass(frozen=True)
class Payload:
    """One source graph, serialised once: N-Triples for the backends and its content hash (not
    the graph: a build lets go of its graphs once they are serialised)."""

    ntriples: bytes
    digest: str

    @property
    def triples(self) -> int:
        """How many triples: N-Triples writes one a line."""
        return self.ntriples.count(b"\n")

    @classmethod
    def of(cls, graph: Graph) -> Payload:
        # Sorted lines make the hash independent of the order of iteration; blank nodes are
        # labelled by what they say (rdflib's canonical form), not at random, so that an
        # unchanged graph with blank nodes (the ontology's lists) hashes alike every build.
        # Each term is written once per graph: a statement's node is named in seven triples,
        # a predicate in hundreds (half the time of serialising 1M triples).
        written: dict[Node, str] = {}

        def once(term: Node) -> str:
            text = written.get(term)
            if text is None:
                text = written[term] = nt_term(term)
            return text
        lines = [f"{once(s)} {once(p)} {once(o)} .\n" for s, p, o in graph]
        # Whether a graph has blank nodes is seen in the terms written, "_:" starting only
        # theirs: asking each term of each triple first (canonical_triples) was a quarter to a
        # third of the time.
        if any(text.startswith("_:") for text in written.values()):
            written.clear()
            lines = [f"{once(s)} {once(p)} {once(o)} .\n" for s, p, o in canonical_triples(graph)]
        nt = "".join(sorted(lines)).encode()
        return cls(nt, hashlib.sha256(nt).hexdigest())


PARALLEL_FROM = 100_000
"""Triples past which graphs are serialised in a process pool (Python work, worth the CPUs),
not counting the largest graph's: a pool serialises graphs side by side, not one faster."""


def source_graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    """The non-empty named graphs of a built dataset, ready for `replace_graphs`."""
    return {g.identifier: g for g in dataset.graphs() if len(g)}  # type: ignore[misc]


def serialised(graphs: dict[URIRef, Graph]) -> Iterator[tuple[URIRef, Payload]]:
    """Each graph's N-Triples and hash, sorted by name, made as they are consumed (in a
    process pool for national data). A build keeps them: its outputs and its store read the
    same bytes, so nothing is serialised twice.

    The inferred graph and the metadata are one big graph and a small one: at 3M triples a
    pool forked from the 3.6 GB build serialised them in 4.7-6.3 s, this process in 2.9-3.1 s."""
    names = sorted(graphs)
    sizes = sorted(len(g) for g in graphs.values())
    workers = None if sum(sizes[:-1]) > PARALLEL_FROM else 1
    for name, (ntriples, digest) in zip(names, fork_map(_serialised, names, graphs, workers=workers)):
        yield name, Payload(ntriples, digest)


def _serialised(graphs: dict[URIRef, Graph], name: URIRef) -> tuple[bytes, str]:
    """What a worker sends back: the N-Triples and their hash, not the graph."""
    try:
        payload = Payload.of(graphs[name])
    except ValueError as exc:
        raise ValueError(f"graph <{name}>: {exc}") from None
    return payload.ntriples, payload.digest


Replacement = Iterator[tuple[URIRef, Payload]]
"""The graphs to replace, produced lazily: a store consumes them once, in order."""


@dataclass
class Staged:
    """A write `Store.stage` prepared and no reader sees yet: the graphs themselves, or, for an
    embedded store, the generation they were loaded into (`EmbeddedStore.stage`)."""

    replace: list[tuple[URIRef, Payload]]
    drop: set[URIRef]
    generation: str | None = None


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

    def stage(self, replace: Replacement, drop: set[URIRef]) -> Staged:
        """Do what `apply` does where no reader sees it yet, so that it can wait for the build's
        outputs; `publish` (by this store, or by the same store opened again, even after its
        folder moved) makes it seen, `abandon` drops it. A store that cannot hide a write (the
        default) keeps the graphs and makes the whole write at `publish`. `drop` may be completed
        while `replace` is consumed (graph.pipeline.ingest learns what to drop from the graphs
        given), so it is read only once `replace` is exhausted."""
        return Staged(list(replace), drop)

    def publish(self, staged: Staged) -> None:
        self.apply(iter(staged.replace), staged.drop)

    def abandon(self, staged: Staged) -> None:
        """Nothing is seen of what was staged, and nothing of it is left."""

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
