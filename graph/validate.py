"""Check the data: the file-level checks of the loader first, then the SHACL shapes.

Both stages report `DataError`s that name the file, the line and the record, so that a
journalist editing YAML never has to read a SHACL report or a traceback.
"""
from __future__ import annotations

from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef

from .load import DataError, DataErrors, LoadedData, load
from .namespaces import RDF, SH, SOURCE
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
        record, file, line = _locate(data, facts, focus)
        prop = f"{data.vocabulary.shorten(path)}: " if isinstance(path, URIRef) else ""
        errors.append(DataError(file, line, record, f"{prop}{message} (SHACL)"))
    return sorted(set(errors), key=lambda e: (e.file, e.line or 0, e.message))


def _locate(data: LoadedData, facts: Graph, focus) -> tuple[str | None, str, int | None]:
    """The record, file and line a SHACL focus node comes from (a statement: its subject)."""
    subject = facts.value(focus, RDF.subject) or focus
    if subject in data.locations:
        file, line = data.locations[subject]
        return str(subject).rsplit("/", 1)[-1], file, line
    if isinstance(focus, URIRef) and str(focus).startswith(str(SOURCE)):
        return f"source {str(focus)[len(str(SOURCE)):]}", "data", None
    return str(subject), "data", None
