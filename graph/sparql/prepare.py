"""Parse a query once, and hold it to the project's policy before anything runs it.

The CLI and the endpoint both come through here: SPARQL syntax errors are reported with the
parser's line and column, and what would reach the network (SERVICE and LOAD; FROM and USING
are read from the dataset's own graphs, graph.sparql.evaluate and graph.serve.protocol) is
refused unless the caller allows the network.

The policy must hold for the text the engine runs, and rdflib (which parses here) and
Oxigraph (which runs the text) do not read every text alike: rdflib ends a comment only at a
line feed, Oxigraph at a carriage return too, and Oxigraph decodes \\u escapes before it
parses. So the text itself is also searched for SERVICE and LOAD under the most revealing
reading (`network_words`): a comment ends at any line break, escapes are decoded, and only
strings and absolute IRIs are passed over. A query that any reading shows reaching out is
refused.
"""
from __future__ import annotations

import re

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


def parse_query(text: str, base: str | None = None) -> Query:
    """The algebra of a query, with the project's prefixes predeclared; relative IRIs are
    resolved against `base` (the endpoint's IRI, say) unless the query has a BASE."""
    return _parsed(text, "query", lambda text: translateQuery(parseQuery(text), base=base, initNs=PREFIXES))


_PROLOGUE = " ".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items()) + " "
"""The project's prefixes, declared in front of an update: given as initNs, rdflib binds them
again before every operation, undoing a PREFIX the update itself declared earlier."""


def parse_update(text: str, base: str | None = None) -> Update:
    """The algebra of an update; its own PREFIX declarations hold for the operations after
    them, and relative IRIs are resolved against `base` unless it has a BASE."""
    return _parsed(text, "update", lambda text: translateUpdate(parseUpdate(_PROLOGUE + text), base=base),
                   len(_PROLOGUE))


def _parsed(text: str, what: str, parse, offset: int = 0):
    """`parse(text)`, its errors as QueryErrors placed in `text` (`offset` characters were put
    in front of it), with the network words of the text noted."""
    check_length(text, what)
    try:
        parsed = parse(text)
    except ParseException as exc:
        raise QueryError(_syntax_error(exc, text, offset)) from None
    except Exception as exc:  # rdflib reports unknown prefixes and the like as plain Exceptions
        raise QueryError(f"SPARQL error: {exc}") from None
    if isinstance(parsed, list):  # rdflib's translation of an update with no operation
        raise QueryError(f"the {what} is empty: it has no operation")
    parsed.network_words = network_words(text)  # what the text shows to an engine that reads it otherwise
    return parsed


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPAQUE = re.compile(r"""
      \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''  # long strings
    | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'               # strings
    | <[A-Za-z][\w+.-]*:[^<>"{}|^`\\\x00-\x20]*>                       # absolute IRIs
    | \#[^\n\r\x0b\x0c\x85\u2028\u2029]*                                # a comment, to any line break
""", re.VERBOSE)
_NETWORK_WORD = re.compile(r"(?<![\w:?$])(SERVICE|LOAD)(?![\w:])", re.IGNORECASE)


def network_words(text: str) -> set[str]:
    """SERVICE and LOAD as keywords of `text`, in any engine's reading (see the module doc)."""
    decoded = _ESCAPE.sub(lambda m: _codepoint(m[1] or m[2]), text)
    return {word.upper() for version in {text, decoded}
            for word in _NETWORK_WORD.findall(_OPAQUE.sub(" ", version))}


def _codepoint(hex_digits: str) -> str:
    value = int(hex_digits, 16)
    return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else " "


def network_use(parsed: Query | Update) -> str | None:
    """What in a parsed query or update would reach the network (SERVICE, LOAD), or None.
    Checked on the algebra and on the text (`network_words`): the server's audit hook cannot
    see a native store's own HTTP client."""
    found: list[str] = sorted(getattr(parsed, "network_words", ()))

    def visit(node) -> None:
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                found.append("SERVICE")
            elif node.name == "Load":
                found.append("LOAD")
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


def _syntax_error(exc: ParseException, text: str, offset: int) -> str:
    column = max(1, exc.col - offset) if exc.lineno == 1 else exc.col
    lines = text.splitlines() or [""]
    line = lines[min(exc.lineno, len(lines)) - 1]
    return (f"SPARQL syntax error at line {exc.lineno}, column {column}: {exc.msg}\n"
            f"  {line}\n  {' ' * (column - 1)}^")
