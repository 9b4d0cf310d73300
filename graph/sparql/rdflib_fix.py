"""rdflib's own SPARQL engine, made to answer a GROUP BY that finds nothing as the stores do.

rdflib 7 answers `SELECT ?st (GROUP_CONCAT(?p) AS ?ps) { ... } GROUP BY ?st` with one row of
nothing when no solution matches (RDFLib issue 3382, fixed upstream by pull request 3498, not
released yet). Inside a sub-select that row joins with every solution around it, so a
question about one actor with no contested claims answered with every claim in the graph,
while Oxigraph and Virtuoso answered with none. The fix goes in through rdflib's documented
extension point, CUSTOM_EVALS, when this package is imported: only an explicit GROUP BY is
evaluated here; an aggregate without one still gives its single row, as SPARQL requires.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib.plugins.sparql import CUSTOM_EVALS
from rdflib.plugins.sparql.aggregates import Aggregator
from rdflib.plugins.sparql.evaluate import evalPart
from rdflib.plugins.sparql.evalutils import _eval
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import FrozenBindings, QueryContext


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


CUSTOM_EVALS["oversight-graph:grouped-aggregate"] = grouped_aggregate
