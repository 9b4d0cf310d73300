"""Run a query on whatever holds the dataset: natively where the store has an engine.

Oxigraph and a remote endpoint answer SPARQL themselves; rdflib's in-memory store cannot,
and rdflib's own engine answers there (with graph.sparql.rdflib_fix installed first).
Parameters are substituted into the text (graph.sparql.parameters), so that every store
answers a bound query natively and with one meaning.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rdflib import ConjunctiveGraph, Dataset, Graph, URIRef
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier

from graph.model.namespaces import NS
from graph.sparql import rdflib_fix
from graph.sparql.parameters import substitute
from graph.sparql.prepare import QueryError
from graph.store.terms import nt_iri

ENGINE_REFUSALS = (SyntaxError, RuntimeError, ValueError)
"""What Oxigraph raises for a query it will not run (a parse it reads otherwise than rdflib,
an unsupported function): the client's mistake, reported as a QueryError."""


def evaluate(graph: Graph, text: str, bound: dict[str, Identifier] | None = None) -> Result:
    """`graph.query` with variables bound by substitution."""
    rdflib_fix.install()
    with refused_as_query_error():
        return graph.query(substitute(text, bound or {}), initNs=NS)


def solution_texts(graph: Graph, text: str, bound: dict[str, Identifier] | None = None) -> Iterator[tuple]:
    """`evaluate` of a SELECT, each solution a tuple of its values' text (an IRI, a literal's
    lexical form, a blank node's label; None where unbound) in the order of its variables:
    for code that reads tens of thousands of rows as text (the projection). Where Oxigraph
    answers, they come from it directly (graph.store.embedded.OxigraphAnswers.solution_texts)."""
    native = getattr(graph.store, "solution_texts", None)
    if native is None:
        return (tuple(None if term is None else str(term) for term in row) for row in evaluate(graph, text, bound))
    if graph.default_union:  # the default graph as rdflib's Graph.query names it to its store
        target = "__UNION__"
    else:
        target = graph.default_context.identifier if isinstance(graph, ConjunctiveGraph) else graph.identifier
    with refused_as_query_error():
        return native(substitute(text, bound or {}), NS, target)


@contextmanager
def refused_as_query_error() -> Iterator[None]:
    """What the engine refuses to run (ENGINE_REFUSALS) raised as the client's QueryError."""
    try:
        yield
    except ENGINE_REFUSALS as exc:
        raise QueryError(f"the query engine refused the query: {exc}") from None


def run_parsed(dataset: Dataset, parsed: Query, text: str, base: str | None = None) -> Result:
    """A query already parsed and checked (graph.sparql.prepare, with the same `base`): its
    text goes to the store's own engine; where there is none, rdflib evaluates the parsed
    algebra, with any FROM / FROM NAMED read from the dataset's own graphs (rdflib would
    fetch them by URL)."""
    target = "__UNION__" if dataset.default_union else dataset.default_graph.identifier
    try:  # a BASE of the query's own, after this one, still wins
        return dataset.store.query(f"BASE {nt_iri(base)} {text}" if base else text, NS, {}, target)
    except NotImplementedError:
        pass
    except ENGINE_REFUSALS as exc:
        raise QueryError(f"the query engine refused the query: {exc}") from None
    rdflib_fix.install()
    clause = parsed.algebra.get("datasetClause")
    if clause:
        dataset = dataset_view(dataset, [d.default for d in clause if d.default],
                               [d.named for d in clause if d.named])
        parsed.algebra["datasetClause"] = None
    return dataset.query(parsed)


def dataset_view(dataset: Dataset, default_uris: list[str], named_uris: list[str]) -> Dataset:
    """The RDF dataset that FROM / FROM NAMED, or the protocol's default-graph-uri /
    named-graph-uri, describe: the default graph is the merge of the listed graphs, the
    named graphs are the listed ones (SPARQL 1.1 Protocol §2.1.4). Unknown graph names give
    empty graphs. Copies, so only worth it in a worker."""
    if not default_uris and not named_uris:
        return dataset
    known = {g.identifier: g for g in dataset.graphs()}  # rdflib's get_graph raises for others
    view = Dataset()
    for uri in default_uris:
        if URIRef(uri) in known:
            view.default_graph += known[URIRef(uri)]
    for uri in named_uris:
        named = view.graph(URIRef(uri))
        if URIRef(uri) in known:
            named += known[URIRef(uri)]
    return view
