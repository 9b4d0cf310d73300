"""Parse a query once, and hold it to the project's policy before anything runs it.

The CLI and the endpoint both come through here: SPARQL syntax errors are reported with the
parser's line and column, and what would reach the network (SERVICE, LOAD, and FROM or USING,
which rdflib's engine fetches by URL) is refused unless the caller allows the network.
"""
from __future__ import annotations

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query, Update

from graph.model.namespaces import PREFIXES

MAX_QUERY_LENGTH = 100_000
"""Characters a query or update may have: longer text is refused before it is parsed
(rdflib's parser takes seconds per 10k characters, and no real question is that long)."""


class QueryError(ValueError):
    """A query that cannot be run as asked, explained for the person who wrote it."""


class QueryTooLong(QueryError):
    """A query or update over MAX_QUERY_LENGTH characters (the endpoint answers 413)."""


def parse_query(text: str) -> Query:
    """The algebra of a query, with the project's prefixes predeclared."""
    return _parsed(text, "query", parseQuery, translateQuery)


def parse_update(text: str) -> Update:
    return _parsed(text, "update", parseUpdate, translateUpdate)


def _parsed(text: str, what: str, parse, translate):
    check_length(text, what)
    try:
        return translate(parse(text), initNs=PREFIXES)
    except ParseException as exc:
        raise QueryError(_syntax_error(exc)) from None
    except Exception as exc:  # rdflib reports unknown prefixes and the like as plain Exceptions
        raise QueryError(f"SPARQL error: {exc}") from None


def network_use(parsed: Query | Update) -> str | None:
    """What in a parsed query or update would reach the network (SERVICE, LOAD, USING), or None.
    Checked on the algebra: the server's audit hook cannot see a native store's own HTTP client."""
    found: list[str] = []

    def visit(node) -> None:
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                found.append("SERVICE")
            elif node.name == "Load":
                found.append("LOAD")
            elif "using" in node and node["using"]:
                found.append("USING")
    traverse(parsed.algebra, visitPre=visit)
    return found[0] if found else None


def prepare(text: str) -> Query:
    """A query for the local dataset: parsed, with SERVICE and FROM refused."""
    query = parse_query(text)
    if used := network_use(query):
        raise QueryError(f"{used} is not allowed: queries run on the local graph only")
    if query.algebra.get("datasetClause"):
        raise QueryError("FROM and FROM NAMED are not allowed: the query runs on the local "
                         "dataset; use GRAPH <https://w3id.org/oversight-graph/graph/...> instead")
    return query


def check_length(text: str, what: str = "query") -> None:
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"the {what} is {len(text):,} characters long; at most "
                         f"{MAX_QUERY_LENGTH:,} are accepted")


def _syntax_error(exc: ParseException) -> str:
    return (f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}\n"
            f"  {exc.line}\n  {' ' * (exc.col - 1)}^")
