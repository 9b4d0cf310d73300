"""Check the data: the file-level checks of the loader first, then the SHACL shapes.

Both stages report `DataError`s that name the file, the line and the record, so that a
journalist editing YAML never has to read a SHACL report or a traceback.
"""
from __future__ import annotations

import re
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef

from .load import DataError, DataErrors, LoadedData, load
from .namespaces import ID, RDF, SH, SOURCE
from .resources import shapes_file


def check(data_dir: Path | None = None) -> LoadedData:
    """Load and fully validate a data folder; raise DataErrors with every problem found."""
    data = load(data_dir)
    errors = shacl_errors(data)
    if errors:
        raise DataErrors(errors)
    return data


def shacl_errors(data: LoadedData) -> list[DataError]:
    shapes = Graph().parse(shapes_file(), format="turtle")
    facts = data.facts() + data.meta + data.vocabulary.graph  # classes, statuses, hierarchy
    conforms, report, _ = shacl_validate(facts, shacl_graph=shapes, inference="none",
                                         advanced=True, allow_warnings=True)
    if conforms:
        return []
    errors = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        record, file, line = _locate(data, facts, focus, path, report.value(result, SH.value))
        prop = f"{data.vocabulary.shorten(path)}: " if isinstance(path, URIRef) else ""
        errors.append(DataError(file, line, record, f"{prop}{_plain(str(message))} (SHACL)"))
    return sorted(set(errors), key=lambda e: (e.file, e.line or 0, e.message))


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
