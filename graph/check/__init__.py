"""Check the data: the file-level checks of the loader first, then the SHACL shapes.

The loader checks each file's format and what depends on other files or on the ontology's
terms; the shapes check what the graph must hold (labels, titles, paragraphs or citations,
attribution...), each rule in one place.

Both stages report `DataError`s that name the file, the line and the record, so that a
journalist editing YAML never has to read a SHACL report or a traceback.

pySHACL is the bottleneck of a build (it walks every focus node in Python), so the shapes
are dealt out to a process pool: every worker validates the whole data (the loader's
dataset, inherited by fork, never copied) against a group of the top-level shapes of
ontology/shapes.ttl at a time. Each shape runs once, so the results are those of one run.
A few groups, not one job per shape: each pySHACL run costs a copy of the shapes and its
own set-up, which made the seed data's validation four times slower in the pool than in
one process.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef

from graph.data.errors import DataError, DataErrors
from graph.data.load import LoadedData, load
from graph.model.namespaces import ID, OG, RDF, RDFS, SH, SOURCE
from graph.check.cycles import cycle_errors
from graph.check.pool import fork_map
from graph.model.resources import shapes_file


def check(data_dir: Path | None = None,
          step: Callable[[str], AbstractContextManager] = nullcontext) -> LoadedData:
    """Load and fully validate a data folder; raise DataErrors with every problem found.

    `step(name)` wraps each stage, so that a caller can show them (a national build takes minutes).
    """
    with step("reading and checking the data files"):
        data = load(data_dir)
    with step("SHACL validation"):
        errors = cycle_errors(data, _shapes()) + shacl_errors(data)
    if errors:
        raise DataErrors(errors)
    return data


def shacl_errors(data: LoadedData, workers: int | None = None) -> list[DataError]:
    """Every SHACL violation as a DataError; `workers` processes (default: one per CPU)."""
    shapes = _shapes()
    if workers == 1 or os.cpu_count() == 1:
        found = _violations((data.dataset, shapes), None)
    else:
        jobs = groups(shape_reach(shapes, data.dataset), GROUPS_PER_WORKER * (workers or os.cpu_count() or 1))
        found = [result for part in fork_map(_violations, jobs, (data.dataset, shapes), workers=workers,
                                             ordered=False) for result in part]
    union = data.dataset
    errors = set()
    for focus, path, message, value in found:
        if value is not None and (value, RDF.type, OG.Statement) in union:  # a claim status naming a statement
            focus, path, value = value, None, None
        record, file, line = _locate(data, union, focus, path, value)
        prop = f"{data.vocabulary.shorten(path)}: " if isinstance(path, URIRef) else ""
        errors.add(DataError(file, line, record, f"{prop}{_plain(str(message))} (SHACL)"))
    return sorted(errors, key=lambda e: (e.file, e.line or 0, e.message))


GROUPS_PER_WORKER = 3
"""Jobs per worker: enough for the pool to even out a misjudged group, few enough that
pySHACL's set-up is paid a handful of times."""


def heaviest_first(reach: Counter) -> list:
    """The targeted shapes, those whose targets reach the most nodes first (`shape_reach`)."""
    return sorted(reach, key=lambda s: (-reach[s], str(s)))


def groups(reach: Counter, count: int) -> list[tuple]:
    """The shapes dealt into at most `count` groups of about equal reach, heaviest first, each
    to the lightest group so far: a pool given the big jobs first ends them at about the same time."""
    bins: list[list] = [[0, []] for _ in range(min(count, len(reach)))]
    for shape in heaviest_first(reach):
        lightest = min(bins, key=lambda b: b[0])
        lightest[0] += reach[shape] + 1
        lightest[1].append(shape)
    return [tuple(members) for _, members in sorted(bins, key=lambda b: -b[0]) if members]


def shape_reach(shapes: Graph, data: Graph) -> Counter:
    """How many nodes of `data` each targeted shape reaches (what its validation costs)."""
    typed = Counter(data.objects(None, RDF.type))
    subclasses = {c: set(data.transitive_subjects(RDFS.subClassOf, c)) for c in set(shapes.objects(None, SH.targetClass))}
    reach: Counter = Counter()
    for shape, p, target in ((s, p, o) for p in _TARGETS for s, o in shapes.subject_objects(p)):
        if p == SH.targetClass:
            reach[shape] += sum(typed[c] for c in subclasses[target])
        elif p == SH.targetNode:  # its values are reached through it: count them too
            reach[shape] += 1 + sum(1 for _ in data.triples((None, None, target)))
        elif p == SH.targetSubjectsOf:
            reach[shape] += len(set(data.subjects(target, None)))
        else:
            reach[shape] += len(set(data.objects(None, target)))
    return reach


def only(shapes: Graph, group: tuple) -> Graph:
    """`shapes` with the targets of every shape not in `group` removed: only the group runs.

    Every other triple stays, so that nested shapes (sh:node, sh:or...) resolve as before.
    """
    alone = _copy(shapes)
    for p in _TARGETS:
        for other, target in shapes.subject_objects(p):
            if other not in group:
                alone.remove((other, p, target))
    return alone


def _violations(data_and_shapes: tuple[Dataset, Graph], group: tuple | None) -> list[tuple]:
    """(focus node, path, message, value) of each violation of a group of shapes (all if None) in the data."""
    data, shapes = data_and_shapes
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes if group is None else only(shapes, group),
                                         inference="none", advanced=False, allow_warnings=True)
    if conforms:
        return []
    # A result with sh:detail only summarises its nested results ("does not conform to
    # Shape..."): the details say what is wrong.
    return [tuple(report.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.resultMessage, SH.value))
            for result in report.subjects(RDF.type, SH.ValidationResult)
            if (result, SH.detail, None) not in report]


_SHAPES: list[Graph] = []
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def _shapes() -> Graph:
    """ontology/shapes.ttl, parsed once per process, with its property shapes lifted."""
    if not _SHAPES:
        _SHAPES.append(lift_property_shapes(Graph().parse(shapes_file(), format="turtle")))
    return _SHAPES[0]


def lift_property_shapes(shapes: Graph) -> Graph:
    """The same shapes, each `sh:property` of a targeted node shape made a top-level shape.

    pySHACL runs a nested property shape once per focus node, rebuilding its constraints every
    time; a property shape with targets of its own is run once over all of them. A property
    shape of node shape S with S's targets reports the same results (focus node, path, value,
    message), and validation of national data takes less than half the time. Node shapes that
    other shapes refer to (sh:node, sh:or...) are left as they are: they are not only targeted.
    """
    lifted = _copy(shapes)
    for shape in set(shapes.subjects(SH.property, None)):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(shape, p)]
        if not targets or (None, None, shape) in shapes:
            continue
        for prop in shapes.objects(shape, SH.property):
            lifted.remove((shape, SH.property, prop))
            lifted.addN((prop, p, o, lifted) for p, o in targets)
    return lifted


def _copy(shapes: Graph) -> Graph:
    """A copy with the prefixes, which pySHACL's messages use to name classes."""
    copy = Graph()
    copy += shapes
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace)
    return copy


def _plain(message: str) -> str:
    """pyshacl's default messages name nodes by full IRI: say `bicester`, not <https://.../id/bicester>."""
    return re.sub(r"<" + re.escape(str(ID)) + r"([^>]+)>", r"\1", message)


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
