"""rdflib's own SPARQL engine, made to answer a GROUP BY that finds nothing as the stores do.

This is the one place the project works around a bug of rdflib, RDFLib issue 3382: rdflib
answers `SELECT ?st (GROUP_CONCAT(?p) AS ?ps) { ... } GROUP BY ?st` with one row of nothing
when no solution matches (fixed upstream by pull request 3498, not released in any rdflib
up to 7.6). Inside a sub-select that row joins with every solution around it, so a question
about one actor with no contested claims answered with every claim in the graph, while
Oxigraph and Virtuoso answered with none.

`install()` puts the fix in through rdflib's documented extension point, CUSTOM_EVALS, for
the rdflib versions that need it; the query layer calls it before rdflib evaluates a query
(graph.sparql.evaluate), never on import. Only an explicit GROUP BY is evaluated here; an
aggregate without one still gives its single row, as SPARQL requires.
tests/sparql/test_rdflib_fix.py fails once an rdflib release answers correctly by itself:
then raise BROKEN_BEFORE to that release and, when the minimum rdflib is past it, delete this.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import rdflib
from rdflib.plugins.sparql import CUSTOM_EVALS
from rdflib.plugins.sparql.aggregates import Aggregator
from rdflib.plugins.sparql.evaluate import evalPart
from rdflib.plugins.sparql.evalutils import _eval
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import FrozenBindings, QueryContext

BROKEN_BEFORE = (8, 0, 0)
"""The first rdflib release assumed to answer an empty GROUP BY correctly (none yet does)."""
_KEY = "oversight-graph:grouped-aggregate (RDFLib#3382)"


def needed(version: str = rdflib.__version__) -> bool:
    """Whether this rdflib release still has the bug."""
    return tuple(int(part) for part in version.split(".")[:3] if part.isdigit()) < BROKEN_BEFORE


def install() -> None:
    """Register the fix with rdflib's engine where this rdflib needs it (idempotent)."""
    if needed() and _KEY not in CUSTOM_EVALS:
        CUSTOM_EVALS[_KEY] = grouped_aggregate


def grouped_aggregate(ctx: QueryContext, part: CompValue) -> Iterator[FrozenBindings]:
    """An AggregateJoin under an explicit GROUP BY: one solution per group, none without one."""
    if part.name != "AggregateJoin" or part.p.expr is None:
        raise NotImplementedError  # rdflib evaluates everything else itself
    return _groups(ctx, part)


def _groups(ctx: QueryContext, part: CompValue) -> Iterator[FrozenBindings]:
    groups: dict[tuple, Aggregator] = defaultdict(lambda: Aggregator(aggregations=part.A))
    for row in evalPart(ctx, part.p):
        groups[tuple(_eval(e, row, False) for e in part.p.expr)].update(row)
    for aggregator in groups.values():
        yield FrozenBindings(ctx, aggregator.get_bindings())
