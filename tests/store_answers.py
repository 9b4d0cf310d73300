"""Shared by the store tests: the canned queries and comparable answers to them."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Literal
from rdflib.query import Result

from graph.model.resources import resource_dir
from graph.store import Store

PER_GRAPH = """SELECT ?g (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/oversight-graph/"))
} GROUP BY ?g"""
"""Always asked, so the comparison means something even before canned queries exist.
Only the project's graphs: Virtuoso keeps system graphs of its own."""


def canned_queries() -> Iterator[tuple[str, str]]:
    """(name, text) of every query in examples/queries and examples/questions, plus PER_GRAPH."""
    yield "per_graph", PER_GRAPH
    for kind in ("queries", "questions"):
        folder: Path = resource_dir(kind)
        for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
            yield f"{kind}/{path.stem}", path.read_text(encoding="utf-8")


def answer(store: Store, query: str) -> set[tuple]:
    """Result rows as a set, terms compared by value: stores differ on literal lexical forms
    (2.5 vs 2.5E0), on plain vs xsd:string literals, and on the order GROUP_CONCAT joins in
    (with "," or ", " between), none of which changes the answer."""
    return answer_rows(store.dataset.query(query))


def answer_rows(result: Result) -> set[tuple]:
    """The rows of a query result, compared as `answer` compares them."""
    if result.type == "ASK":
        return {(result.askAnswer,)}
    if result.type != "SELECT":
        return {tuple(_term(t) for t in triple) for triple in result.graph}  # type: ignore[union-attr]
    return {tuple(_term(t) for t in row) for row in result}  # type: ignore[union-attr]


def _term(term: object) -> object:
    if isinstance(term, BNode):
        return "_:blank"
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (bool, int, float, Decimal)):
            return value
        return ",".join(sorted(part.strip() for part in str(term).split(","))), term.language
    return term
