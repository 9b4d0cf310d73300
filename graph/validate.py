"""Check the data: the file-level checks of the loader first, then the SHACL shapes.

Both stages report `DataError`s that name the file, the line and the record, so that a
journalist editing YAML never has to read a SHACL report or a traceback.

pySHACL is the bottleneck of a build (it walks every focus node in Python), so the data
graph is cut in parts that validate independently and the parts run in a process pool:

* the records part: every plain triple of every source, the sources' metadata and the
  ontology. Records are described across files ('about' records), so it stays whole.
* statement parts: the og:Statement nodes of a few sources each, with the ontology (claim
  statuses and class hierarchy) and the rdf:type of the source documents they cite. A
  statement's shape looks at nothing else: its triple, source, status and attribution.

Every shape of ontology/shapes.ttl runs on every part, so the shapes stay the one schema.
"""
from __future__ import annotations

import multiprocessing
import os
import re
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef

from .load import DataError, DataErrors, LoadedData, load
from .namespaces import ID, OG, RDF, SH, SOURCE
from .resources import shapes_file

_PARTS: list[Graph] = []
"""The parts being validated; worker processes inherit them by fork instead of pickling them."""


def check(data_dir: Path | None = None) -> LoadedData:
    """Load and fully validate a data folder; raise DataErrors with every problem found."""
    data = load(data_dir)
    errors = shacl_errors(data)
    if errors:
        raise DataErrors(errors)
    return data


def shacl_errors(data: LoadedData, workers: int | None = None) -> list[DataError]:
    """Every SHACL violation as a DataError; `workers` processes (default: one per CPU)."""
    global _PARTS
    _PARTS = split(data, parts=2 * (workers or os.cpu_count() or 1))
    try:
        if workers == 1 or len(_PARTS) == 1 or os.cpu_count() == 1:
            found = [result for i in range(len(_PARTS)) for result in _violations(i)]
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                found = [result for part in pool.imap_unordered(_violations, range(len(_PARTS)))
                         for result in part]
    finally:
        _PARTS = []
    if not found:
        return []
    facts = data.facts()
    errors = set()
    for focus, path, message, value in found:
        if value is not None and (value, RDF.type, OG.Statement) in facts:  # a claim status naming a statement
            focus, path, value = value, None, None
        record, file, line = _locate(data, facts, focus, path, value)
        prop = f"{data.vocabulary.shorten(path)}: " if isinstance(path, URIRef) else ""
        errors.add(DataError(file, line, record, f"{prop}{_plain(str(message))} (SHACL)"))
    return sorted(errors, key=lambda e: (e.file, e.line or 0, e.message))


def split(data: LoadedData, parts: int) -> list[Graph]:
    """The records part first (the largest), then `parts` statement parts cut by source."""
    ontology = data.vocabulary.graph
    records = Graph()
    records.addN((s, p, o, records) for s, p, o in data.meta)
    records.addN((s, p, o, records) for s, p, o in ontology)
    statements = [Graph() for _ in range(max(1, parts))]
    for n, graph in enumerate(data.graphs.values()):
        part = statements[n % len(statements)]
        nodes = set(graph.subjects(RDF.type, OG.Statement))
        records.addN((s, p, o, records) for s, p, o in graph if s not in nodes)
        part.addN((s, p, o, part) for s, p, o in graph if s in nodes)
    for part in statements:
        part.addN((s, p, o, part) for s, p, o in ontology)
        for source in set(part.objects(None, OG.source)):
            part.addN((source, RDF.type, cls, part) for cls in data.meta.objects(source, RDF.type))
    return [records] + [part for part in statements if len(part) > len(ontology)]


def _violations(index: int) -> list[tuple]:
    """(focus node, path, message, value) of each violation in part `index` of _PARTS."""
    conforms, report, _ = shacl_validate(_PARTS[index], shacl_graph=_shapes(), inference="none",
                                         advanced=False, allow_warnings=True)
    if conforms:
        return []
    # A result with sh:detail only summarises its nested results ("does not conform to
    # Shape..."): the details say what is wrong.
    found = [tuple(report.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.resultMessage, SH.value))
             for result in report.subjects(RDF.type, SH.ValidationResult)
             if (result, SH.detail, None) not in report]
    if index == 0:
        return found
    # A statement part holds sources and statuses only as the targets statements need:
    # they are judged in the records part; a status's results name the statement as value.
    return [f for f in found if (f[0], RDF.type, OG.Statement) in _PARTS[index]
            or (f[3] is not None and (f[3], RDF.type, OG.Statement) in _PARTS[index])]


_SHAPES: list[Graph] = []


def _shapes() -> Graph:
    """ontology/shapes.ttl, parsed once per process."""
    if not _SHAPES:
        _SHAPES.append(Graph().parse(shapes_file(), format="turtle"))
    return _SHAPES[0]


def _plain(message: str) -> str:
    """pyshacl's default messages name nodes by full IRI: say `bicester`, not <https://.../id/bicester>."""
    return re.sub(r"<" + re.escape(str(ID)) + r"([^>]+)>", r"\1", message)


def _locate(data: LoadedData, facts: Graph, focus, path=None, value=None) -> tuple[str | None, str, int | None]:
    """The record, file and line a SHACL focus node comes from (a statement: its subject).

    When the result names the offending value, the place where that fact was written wins
    over the place where its subject was declared: it may be an 'about' record elsewhere.
    """
    subject = facts.value(focus, RDF.subject) or focus
    record = str(subject).rsplit("/", 1)[-1]
    if isinstance(subject, URIRef) and str(subject).startswith(str(SOURCE)):
        record = f"source {str(subject)[len(str(SOURCE)):]}"
    if isinstance(path, URIRef) and value is not None:
        written = sorted(data.statement_locations[st] for st in facts.subjects(RDF.object, value)
                         if st in data.statement_locations and (st, RDF.subject, subject) in facts
                         and (st, RDF.predicate, path) in facts)
        if written:
            return record, *written[0]
    if subject in data.locations:
        return record, *data.locations[subject]
    return record, "data", None
