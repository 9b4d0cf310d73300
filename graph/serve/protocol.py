"""What the SPARQL endpoint computes for one request, independent of HTTP plumbing.

`run_query` runs inside the forked worker (see `isolate.py`) and returns an `Answer`, a
picklable response. `run_update` runs in the server process itself, because its writes
must land in the served dataset.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

import rdflib.plugins.sparql as rdflib_sparql
from pyparsing import ParseException
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result

from graph.sparql.formats import GRAPH_TYPES, RESULT_TYPES, negotiate, serialize_result
from graph.model.namespaces import NS, PREFIXES, bind_prefixes

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


@contextmanager
def no_remote_graphs():
    """Stop rdflib from fetching FROM/USING graphs by URL (it would read the web or files)."""
    saved = rdflib_sparql.SPARQL_LOAD_GRAPHS
    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        rdflib_sparql.SPARQL_LOAD_GRAPHS = saved


def dataset_view(dataset: Dataset, default_uris: list[str], named_uris: list[str]) -> Dataset:
    """The RDF dataset the protocol's default-graph-uri/named-graph-uri parameters describe.

    Per SPARQL 1.1 Protocol §2.1.4 they replace the service's dataset (and FROM clauses):
    the default graph is the merge of the listed graphs, the named graphs are the listed
    ones. Unknown graph names give empty graphs. Copies, so only worth it in the worker.
    """
    if not default_uris and not named_uris:
        return dataset
    view = Dataset()
    for uri in default_uris:
        source = dataset.get_graph(URIRef(uri))
        if source is not None:
            view.default_graph += source
    for uri in named_uris:
        named = view.graph(URIRef(uri))
        source = dataset.get_graph(URIRef(uri))
        if source is not None:
            named += source
    return view


def _capped_select(result: Result, max_rows: int) -> tuple[Result, bool]:
    rows = list(islice(result, max_rows + 1))
    capped = Result("SELECT")
    capped.vars = result.vars
    capped.bindings = [{var: row[var] for var in result.vars if row[var] is not None}
                       for row in rows[:max_rows]]
    return capped, len(rows) > max_rows


def _capped_graph(graph: Graph, max_rows: int) -> tuple[Graph, bool]:
    out = bind_prefixes(Graph())
    out += islice(graph, max_rows)
    return out, len(graph) > max_rows


class Malformed(ValueError):
    """The query or update does not parse; the message says where."""


def parse_query(text: str):
    """The algebra of a query, with the project's prefixes predeclared."""
    try:
        return translateQuery(parseQuery(text), initNs=PREFIXES)
    except ParseException as problem:
        pointer = " " * (problem.col - 1) + "^"
        raise Malformed(f"Malformed query: {problem}\n{problem.line}\n{pointer}") from None
    except Exception as problem:  # rdflib raises plain Exceptions for e.g. unknown prefixes
        raise Malformed(f"Malformed query: {problem}") from None


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


def requests_network(parsed) -> bool:
    """Whether a parsed query or update uses SERVICE or LOAD. Checked on the algebra, as
    the audit hook cannot see a native store's own HTTP client (pyoxigraph has one)."""
    found = []
    traverse(parsed.algebra, visitPre=lambda node: found.append(node) if isinstance(
        node, CompValue) and node.name in ("Load", "ServiceGraphPattern") else None)
    return bool(found)


def evaluate(dataset: Dataset, parsed, text: str) -> Result:
    """Run a parsed query: natively when the store has its own engine (Oxigraph, a SPARQL
    endpoint), else with rdflib on the already parsed algebra (the in-memory store says
    NotImplementedError at once). Results may be lazy."""
    target = "__UNION__" if dataset.default_union else dataset.default_graph.identifier
    try:
        return dataset.store.query(text, NS, {}, target)
    except NotImplementedError:
        return dataset.query(parsed)


def run_query(dataset: Dataset, request: QueryRequest) -> Answer:
    """Parse, evaluate and serialize one query; protocol errors become 4xx answers."""
    try:
        query = parse_query(request.text)
    except Malformed as problem:
        return error(400, str(problem))
    if not request.allow_network and requests_network(query):
        return error(403, "SERVICE is disabled on this endpoint: it would reach the network")
    kind = query.algebra.name
    offered = (list(GRAPH_TYPES) if kind in ("ConstructQuery", "DescribeQuery")
               else _ASK_TYPES if kind == "AskQuery" else list(RESULT_TYPES))
    media_type = negotiate(request.accept, offered, request.formats)
    if media_type is None:
        return error(406, "None of the accepted media types fits; this query can be answered as: "
                     + ", ".join(offered))
    view = dataset_view(dataset, request.default_uris, request.named_uris)
    with no_remote_graphs():
        result = evaluate(view, query, request.text)
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


def run_update(dataset: Dataset, text: str, allow_network: bool) -> Answer:
    """Apply a SPARQL Update to the served dataset (the caller holds the write lock)."""
    try:
        update = translateUpdate(parseUpdate(text), initNs=PREFIXES)
    except Exception as problem:  # ParseException, or rdflib's plain Exception
        return error(400, f"Malformed update: {problem}")
    if not allow_network and requests_network(update):
        return error(400, "LOAD and SERVICE are disabled on this endpoint: they would reach the network")
    with no_remote_graphs():
        dataset.update(update)
    return Answer(204, b"")


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
