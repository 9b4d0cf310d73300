"""What the SPARQL endpoint computes for one request, independent of HTTP plumbing.

`run_query` runs inside the forked worker (see `isolate.py`) and returns an `Answer`, a
picklable response. `run_update` runs in the server process itself, because its writes
must land in the served dataset. Both answer a client's mistake with a 4xx and the parser's
or engine's message: a 500 means a bug of ours.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql import update as rdflib_update
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import QueryContext, Update
from rdflib.query import Result

from graph.model.namespaces import bind_prefixes
from graph.sparql import rdflib_fix
from graph.sparql.evaluate import ENGINE_REFUSALS, dataset_view, run_parsed
from graph.sparql.formats import GRAPH_TYPES, RESULT_TYPES, negotiate, serialize_result
from graph.sparql.prepare import QueryError, QueryTooLong, network_use, parse_query, parse_update
from graph.store.embedded import Solution

TRUNCATED_HEADER = "X-Result-Truncated"
"""Set (to the row cap) when a result was cut at `max_rows` rows or triples."""
_ASK_TYPES = ["application/sparql-results+json", "application/sparql-results+xml"]


@dataclass
class Answer:
    status: int
    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def error(status: int, message: str) -> Answer:
    return Answer(status, message.encode("utf-8"))


_REFUSALS = (*ENGINE_REFUSALS, TypeError, re.error)
"""What the engines raise, while evaluating, for a request they cannot carry out as asked,
besides rdflib's plain Exceptions: QueryError and Oxigraph's refusals, and rdflib's for a
REGEX that does not compile, an ORDER BY of errors, a LIMIT past sys.maxsize. OSError (the
store could not be read, or the network guard) and the rest are ours: 500s (403 for the guard)."""


def refusing_mistakes(work: Callable[[], Answer], what: str) -> Answer:
    """work(), with the engine's objections to the request as a 400 with its message. Results
    are lazy, so work must include serialising them."""
    try:
        return work()
    except Exception as problem:
        if type(problem) is not Exception and not isinstance(problem, _REFUSALS):
            raise
        return error(400, f"The {what} could not be evaluated: {problem}")


def _capped_select(result: Result, max_rows: int) -> tuple[Result, bool]:
    rows = list(islice(result, max_rows + 1))
    capped = Result("SELECT")
    capped.vars = result.vars
    capped.bindings = [Solution((var, row[var]) for var in result.vars if row[var] is not None)
                       for row in rows[:max_rows]]
    return capped, len(rows) > max_rows


def _capped_graph(graph: Graph, max_rows: int) -> tuple[Graph, bool]:
    out = bind_prefixes(Graph())
    out += islice(graph, max_rows)
    return out, len(graph) > max_rows


@dataclass
class QueryRequest:
    """One query as the protocol delivers it (see SPARQL 1.1 Protocol §2.1)."""
    text: str
    default_uris: list[str] = field(default_factory=list)
    named_uris: list[str] = field(default_factory=list)
    accept: str | None = None
    formats: list[str] = field(default_factory=list)
    """Values of the `format=` shortcut parameter."""
    max_rows: int = 10000
    allow_network: bool = False
    base: str | None = None
    """What relative IRIs of the query resolve against: the endpoint's own IRI."""


def run_query(dataset: Dataset, request: QueryRequest) -> Answer:
    """Parse, evaluate and serialize one query; protocol errors become 4xx answers."""
    try:
        query = parse_query(request.text, request.base)
    except QueryTooLong as problem:
        return error(413, f"Query too long: {problem}")
    except QueryError as problem:
        return error(400, f"Malformed query: {problem}")
    if not request.allow_network and (used := network_use(query)):
        return error(403, f"{used} is disabled on this endpoint: it would reach the network")
    kind = query.algebra.name
    offered = (list(GRAPH_TYPES) if kind in ("ConstructQuery", "DescribeQuery")
               else _ASK_TYPES if kind == "AskQuery" else list(RESULT_TYPES))
    media_type = negotiate(request.accept, offered, request.formats)
    if media_type is None:
        return error(406, "None of the accepted media types fits; this query can be answered as: "
                     + ", ".join(offered))
    if request.default_uris or request.named_uris:  # they replace FROM (Protocol §2.1.4)
        query.algebra["datasetClause"] = None
    view = dataset_view(dataset, request.default_uris, request.named_uris)
    return refusing_mistakes(partial(_evaluate, view, query, request, media_type), "query")


def _evaluate(dataset: Dataset, query, request: QueryRequest, media_type: str) -> Answer:
    result = run_parsed(dataset, query, request.text, request.base)
    truncated = False
    if result.type == "SELECT":
        result, truncated = _capped_select(result, request.max_rows)
    if result.graph is not None:
        graph, truncated = _capped_graph(result.graph, request.max_rows)
        body = graph.serialize(format=GRAPH_TYPES[media_type], encoding="utf-8")
    else:
        body = serialize_result(result, media_type)
    headers = {TRUNCATED_HEADER: str(request.max_rows)} if truncated else {}
    return Answer(200, body, f"{media_type}; charset=utf-8", headers)


def run_update(dataset: Dataset, text: str, allow_network: bool,
               using: tuple[Sequence[str], Sequence[str]] = ((), ()), base: str | None = None) -> Answer:
    """Apply a SPARQL Update to the served dataset (the caller holds the write lock). `using`
    holds the protocol's using-graph-uri and using-named-graph-uri values: the dataset of
    every operation's WHERE, as USING and USING NAMED would be (SPARQL 1.1 Protocol 2.2.3)."""
    try:
        update = parse_update(text, base)
    except QueryTooLong as problem:
        return error(413, f"Update too long: {problem}")
    except QueryError as problem:
        return error(400, f"Malformed update: {problem}")
    if not allow_network and (used := network_use(update)):
        return error(400, f"{used} is disabled on this endpoint: it would reach the network")
    clauses = [CompValue("UsingClause", default=URIRef(u)) for u in using[0]]
    clauses += [CompValue("UsingClause", named=URIRef(u)) for u in using[1]]
    if clauses:
        if any(op.name == "Modify" and any(key in op and op[key] for key in ("using", "withClause"))
               for op in update.algebra):
            return error(400, "using-graph-uri and using-named-graph-uri cannot be given with an update "
                         "that has USING, USING NAMED or WITH (SPARQL 1.1 Protocol 2.2.3)")
        for operation in update.algebra:
            if operation.name == "Modify":
                operation["using"] = clauses
    return refusing_mistakes(partial(_apply, dataset, update), "update")


class _LocalGraphs(QueryContext):
    """A context whose USING graphs are the dataset's own: rdflib's QueryContext.load would
    fetch them by URL (or read a file). USING NAMED narrows the named graphs the WHERE's
    `GRAPH ?g` goes through to those listed (rdflib would leave them all). Its clones, which
    rdflib makes as it evaluates, do the same."""

    named: frozenset | None = None

    def clone(self, bindings=None) -> QueryContext:
        clone = super().clone(bindings)
        clone.__class__ = _LocalGraphs
        clone.named = self.named
        return clone

    @property
    def dataset(self):
        dataset = super().dataset
        return dataset if self.named is None else _NamedOnly(dataset, self.named)

    def load(self, source, default: bool = False, into=None, **kwargs) -> None:
        if default:  # USING <g>: g is part of the default graph of the WHERE
            self.graph += self.dataset.get_context(source)
        else:  # USING NAMED <g>
            self.named = (self.named or frozenset()) | {source}


class _NamedOnly:
    """A dataset as a WHERE under USING NAMED sees it: iterating its named graphs gives only
    those listed; everything else (reading or writing one graph) is the dataset's."""

    def __init__(self, dataset: Dataset, names: frozenset) -> None:
        self._dataset, self._names = dataset, names

    def contexts(self, triple=None):
        return (g for g in self._dataset.contexts(triple) if g.identifier in self._names)

    def __getattr__(self, name: str):
        return getattr(self._dataset, name)


def _apply(dataset: Dataset, update: Update) -> Answer:
    """rdflib's update engine, one operation after the other, on a context whose default graph
    is the dataset's own (as in Oxigraph): rdflib 7 takes the whole Dataset for it, which
    cannot add triples (INSERT DATA fails) and loses every graph to CLEAR DEFAULT. CREATE,
    which rdflib does not implement, makes an empty graph. Every store is updated this way:
    Oxigraph's own parser refuses a PREFIX after the first operation."""
    rdflib_fix.install()
    for operation in update.algebra:
        ctx = _LocalGraphs(dataset)
        ctx.graph = dataset.default_graph
        ctx.prologue = operation.prologue
        try:
            if operation.name == "Create":
                _create(dataset, operation)
            else:
                getattr(rdflib_update, "eval" + operation.name)(ctx, operation)
        except Exception:
            if not operation.silent:
                raise
    return Answer(204, b"")


def _create(dataset: Dataset, operation: CompValue) -> None:
    if any(graph.identifier == operation.graphiri for graph in dataset.graphs()):
        raise ValueError(f"the graph <{operation.graphiri}> already exists")
    dataset.graph(operation.graphiri)


def warm_up() -> None:
    """Import every parser and serializer plugin in the server process once, so forked
    workers inherit them instead of each importing them again (~40 ms per request)."""
    empty = Dataset()
    for media_type in RESULT_TYPES:
        run_query(empty, QueryRequest("SELECT * WHERE { ?s ?p ?o }", accept=media_type))
        run_query(empty, QueryRequest("ASK {}", accept=media_type))
    for media_type in GRAPH_TYPES:
        run_query(empty, QueryRequest("CONSTRUCT WHERE { ?s ?p ?o }", accept=media_type))
    empty.serialize(format="nquads")
