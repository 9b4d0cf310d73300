"""Check the data: the file-level checks of the loader first, then the SHACL shapes.

The loader checks each file's format and what depends on other files or on the ontology's
terms; the shapes check what the graph must hold (labels, titles, paragraphs or citations,
attribution...), each rule in one place.

Both stages report `DataError`s that name the file, the line and the record, so that a
journalist editing YAML never has to read a SHACL report or a traceback.

The shapes run as SPARQL queries in an in-memory Oxigraph holding the graphs as the build
serialises them (graph.check.shape_queries): pySHACL, which walked every focus node in
Python, took a fifth of a national build, and stays in the tests as the reference.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Dataset, Graph, Literal, URIRef

from graph.check.cycles import cycle_errors
from graph.check.shape_queries import ShapeQuery, compile_shapes
from graph.data.errors import DataError, DataErrors
from graph.data.load import LoadedData, collector_spared, load
from graph.model.namespaces import RDF, SOURCE
from graph.model.resources import shapes_file
from graph.store.base import serialised
from graph.store.embedded import payload_store
from graph.store.terms import from_ox

Violation = tuple  # (focus node, path or None, message, value or None), rdflib terms


def check(data_dir: Path | None = None,
          step: Callable[[str], AbstractContextManager] = nullcontext) -> LoadedData:
    """Load and fully validate a data folder; raise DataErrors with every problem found.

    `step(name)` wraps each stage, so that a caller can show them (a national build takes minutes).
    The graphs are serialised for validation and kept in Oxigraph (`data.payloads`,
    `data.answers`): the build writes and stores the same bytes and queries the same store.
    """
    with collector_spared() as made:
        with step("reading and checking the data files"):
            data = load(data_dir)
        made()
        with step("SHACL validation"):
            errors = cycle_errors(data, shapes(), validated_store(data)) + shacl_errors(data)
    if errors:
        raise DataErrors(errors)
    return data


def shacl_errors(data: LoadedData) -> list[DataError]:
    """Every SHACL violation as a DataError."""
    return data_errors(data, shape_violations(validated_store(data)))


def validated_store(data: LoadedData) -> ox.Store:
    """The data's graphs in in-memory Oxigraph, where they are validated (`data.answers`):
    serialised and loaded the first time it is asked for."""
    if data.answers is None:
        if data.payloads:
            data.answers = payload_store(data.payloads.items())
        else:  # each graph kept and loaded as it comes, while the pool serialises the next ones
            data.payloads = {}
            data.answers = payload_store((name, data.payloads.setdefault(name, payload))
                                         for name, payload in serialised(written(data)))
    return data.answers


def written(data: LoadedData) -> dict:
    """The non-empty named graphs the loader wrote (and the build added to), by name."""
    return {name: graph for name, graph in data.named_graphs.items() if len(graph)}


def shape_violations(store: ox.Store, workers: int | None = None) -> list[Violation]:
    """What the shapes find in `store` (the union of its graphs), the queries run `workers`
    at a time (default: one per CPU; Oxigraph releases the GIL)."""
    def run(query: ShapeQuery) -> list[Violation]:
        return [(_as_loaded(row["this"]), query.path, query.message, _as_loaded(row["value"]))
                for row in store.query(query.text, use_default_graph_as_union=True)]

    with ThreadPoolExecutor(workers or os.cpu_count() or 1) as pool:
        return [found for part in pool.map(run, queries()) for found in part]


def _as_loaded(term: ox.Term | None):
    """An answer's term as the loader's dataset holds it (a plain literal has no datatype)."""
    term = from_ox(term)
    return Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD.string else term


def data_errors(data: LoadedData, found: Iterable[Violation]) -> list[DataError]:
    """Violations as DataErrors naming the file, line and record, sorted, each once (if there
    are any, the loaded graphs made an rdflib dataset, to find where each was written)."""
    errors = set()
    for focus, path, message, value in found:
        record, file, line = _locate(data, data.dataset, focus, path, value)
        prop = f"{data.vocabulary.shorten(path)}: " if isinstance(path, URIRef) else ""
        errors.add(DataError(file, line, record, f"{prop}{message} (SHACL)"))
    return sorted(errors, key=lambda e: (e.file, e.line or 0, e.message))


@functools.cache
def shapes() -> Graph:
    """ontology/shapes.ttl, parsed once per process."""
    return Graph().parse(shapes_file(), format="turtle")


@functools.cache
def queries() -> list[ShapeQuery]:
    """The shapes compiled to SPARQL, once per process."""
    return compile_shapes(shapes())


def _locate(data: LoadedData, facts: Dataset, focus, path=None, value=None) -> tuple[str | None, str, int | None]:
    """The record, file and line a SHACL focus node comes from (a statement: its subject).

    A statement lacking provenance is reported where its provenance was given (its record or
    value mapping); when the result names the offending value, the place where that fact was
    written wins over the place where its subject was declared: it may be an 'about' record elsewhere.
    """
    subject = facts.value(focus, RDF.subject) or focus
    record = str(subject).rsplit("/", 1)[-1]
    if isinstance(subject, URIRef) and str(subject).startswith(str(SOURCE)):
        record = f"source {str(subject)[len(str(SOURCE)):]}"
    if focus in data.provenance_locations:
        return record, *data.provenance_locations[focus]
    if isinstance(path, URIRef) and value is not None:
        written = sorted(data.statement_locations[st] for st in facts.subjects(RDF.object, value)
                         if st in data.statement_locations and (st, RDF.subject, subject) in facts
                         and (st, RDF.predicate, path) in facts)
        if written:
            return record, *written[0]
    if subject in data.locations:
        return record, *data.locations[subject]
    return record, "data", None
