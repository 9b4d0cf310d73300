"""Query parameters bound by substitution: `?actor` becomes the actor everywhere in the text.

A canned query's parameter (`--param actor=...`) means "this actor" wherever the query says
?actor, sub-selects included. rdflib's `initBindings` does not: inside a sub-select it lets
the variable range freely and then labels every row with the bound value (a claim about
anybody reported as a claim about the actor). Oxigraph's own substitution refuses variables
that the outer SELECT does not project, and the SPARQL protocol has no bindings at all.
Rewriting the text the way SEP-0007 and Jena's ParameterizedSparqlString do gives one
meaning on every store, and lets Oxigraph or the endpoint run the query natively:

* in a triple pattern, expression or function call the variable becomes the term;
* projected as `?x` by the query it becomes `(term AS ?x)`, so result columns keep their
  names; a sub-select passes it on no more (it is the term everywhere already);
* in ORDER BY it becomes the expression `(term)`; in GROUP BY, where a constant groups
  nothing, it goes (and an empty GROUP BY with it);
* `BOUND(?x)` becomes `true`;
* a query that assigns the variable itself (`AS ?x`, `VALUES ?x`) is an error.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping

from rdflib import BNode
from rdflib.term import Identifier

from graph.sparql.prepare import QueryError
from graph.store.terms import nt_term


class ParameterError(QueryError):
    """A parameter that cannot be substituted into this query."""


_TOKEN = re.compile(r"""
    (?P<skip>\#[^\n]*                                  # comment
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'      # strings
      | <[^<>"{}|^`\\\x00-\x20]*>)                     # IRIs
    | (?P<bound>(?<![\w:])BOUND\s*\(\s*[?$](?P<boundvar>\w+)\s*\))
    | [?$](?P<var>\w+)
    | (?<![\w:])(?P<keyword>SELECT|WHERE|AS|GROUP|ORDER|HAVING|LIMIT|OFFSET|VALUES)(?![\w:])
    | (?P<open>[({]) | (?P<close>[)}])
""", re.VERBOSE | re.IGNORECASE)


def substitute(text: str, bound: Mapping[str, Identifier]) -> str:
    """`text` with every variable named in `bound` replaced by its term (see module doc)."""
    if not bound:
        return text
    terms = {}
    for name, term in bound.items():
        if isinstance(term, BNode):
            raise ParameterError(f"?{name}: a blank node cannot be a parameter (it would match anything)")
        try:
            terms[name] = nt_term(term)  # a checked term: an IRI cannot close itself and add clauses
        except ValueError as exc:
            raise ParameterError(f"?{name}: {exc}") from None
    if _SLOT in text:  # cannot be told from a slot: rewritten without a template
        return _Rewrite(terms).run(text)
    return "".join(terms[part] if odd else part for odd, part in zip(itertools.cycle((False, True)),
                                                                      _template(text, frozenset(terms))))


_SLOT = "\0"
"""Marks where a parameter's term goes in a template (a query has no NUL of its own)."""


@functools.lru_cache(maxsize=256)
def _template(text: str, names: frozenset[str]) -> tuple[str, ...]:
    """`text` rewritten for these parameters, split where their terms go (the odd items name
    them): made once per query and set of names, like a prepared statement, so that a new
    value costs a join. Tokenising the text took a fifth of a one-millisecond query."""
    return tuple(_Rewrite({name: f"{_SLOT}{name}{_SLOT}" for name in names}).run(text).split(_SLOT))


class _Rewrite:
    """One pass over the tokens, knowing only what the substitution needs: whether a variable
    stands in a projection, a GROUP BY or ORDER BY, or is being assigned."""

    def __init__(self, terms: dict[str, str]):
        self.terms = terms
        self.out: list[str] = []
        self.depth = 0
        self.clause: tuple[str, int, int] | None = None
        """SELECT (projection), GROUP or ORDER (conditions): (word, paren depth, where in out)."""
        self.kept = 0
        """Items of that clause left after taking out parameters."""
        self.dropped: list[str] = []
        """Parameters taken out of a sub-select's projection."""
        self.assigning = self.values = False

    def run(self, text: str) -> str:
        last = 0
        for match in _TOKEN.finditer(text):
            self.out.append(text[last:match.start()])
            last = match.end()
            self.out.append(self.token(match))
            if match.lastgroup != "keyword":
                self.assigning = False
        self.out.append(text[last:])
        self.end_clause()
        return "".join(self.out)

    def token(self, match: re.Match) -> str:
        token, kind = match.group(), match.lastgroup
        if kind == "bound":
            return "true" if match.group("boundvar") in self.terms else token
        if kind == "keyword":
            word = token.upper()
            self.assigning = word == "AS"
            if word in ("SELECT", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "VALUES"):
                self.end_clause()
            if word in ("SELECT", "GROUP", "ORDER"):
                self.clause, self.kept, self.dropped = (word, self.depth, len(self.out)), 0, []
            self.values = self.values or word == "VALUES"
        elif kind == "open":
            if token == "{":
                self.end_clause()
                self.values = False
            elif self.in_clause():
                self.kept += 1
            self.depth += 1
        elif kind == "close":
            self.depth -= 1
            if token == "}":
                self.end_clause()
        elif kind == "var":
            return self.variable(match.group("var"), token)
        elif token == "*" and self.in_clause():
            self.kept += 1
        return token

    def variable(self, name: str, token: str) -> str:
        if name not in self.terms:
            self.kept += self.in_clause()
            return token
        if self.assigning or self.values:
            raise ParameterError(f"?{name} is set by the query itself ({'AS' if self.assigning else 'VALUES'} "
                                 f"?{name}); it cannot also be a parameter")
        term = self.terms[name]
        if not self.in_clause():
            return term
        word = self.clause[0]  # type: ignore[index]
        if word == "ORDER":
            return f"({term})"
        if word == "SELECT" and self.depth == 0:
            return f"({term} AS ?{name})"  # the answer keeps its column
        # A sub-select need not pass on a constant, and rdflib answers a grouped sub-select
        # that projects one with a row of nothing when no group exists; grouping by a
        # constant groups nothing.
        self.dropped.append(f"({term} AS ?{name})" if word == "SELECT" else "")
        return ""

    def in_clause(self) -> bool:
        return self.clause is not None and self.clause[1] == self.depth

    def end_clause(self) -> None:
        """A clause whose only items were parameters: a projection keeps one, a GROUP BY goes."""
        if self.clause and self.dropped and not self.kept:
            word, _, at = self.clause
            if word == "SELECT":
                self.out.append(self.dropped[0] + " ")
            else:
                self.out[at:] = [" "]
        self.clause = None
