"""Oversight Graph: a sourced knowledge graph of who holds the police to account in the UK.

The public API, for notebooks, scripts and tests (the `oversight` command is a thin layer
over the same functions)::

    import graph
    ds = graph.build_dataset().dataset            # validate and assemble the bundled data
    text, params = graph.query_source("actor_facts")
    rows = graph.ask(ds, text, {"actor": "TVP"}, params)
    steps = graph.oversight_chain(ds, graph.resolve_actor(ds, "TVP"))

Names are imported when first used, so `import graph` loads nothing heavy, and asking a
store (`graph.open_store(...)`, `graph.ask`) never imports the loader, SHACL or the server.
"""
from __future__ import annotations

import importlib
from typing import Any

_API = {
    # building
    "check": "graph.check",
    "build_dataset": "graph.pipeline.build",
    "build": "graph.pipeline.build",
    "replace_graphs": "graph.pipeline.ingest",
    "DataErrors": "graph.data.errors",
    # stores
    "open_store": "graph.store",
    # asking
    "ask": "graph.sparql.ask",
    "query_source": "graph.sparql.canned",
    "canned_queries": "graph.sparql.canned",
    "resolve": "graph.sparql.names",
    "resolve_actor": "graph.sparql.names",
    "project": "graph.network.projection",
    "oversight_chain": "graph.network.chain",
    "case_route": "graph.network.route",
    "find_case": "graph.network.route",
    "shortest_paths": "graph.network.paths",
    "neighbourhood": "graph.network.paths",
    "centrality": "graph.network.paths",
    "accountability_gaps": "graph.network.gaps",
    "contradictions": "graph.network.contradictions",
    "replies_to": "graph.network.replies",
    "with_history": "graph.store",
    "history_of": "graph.history.edits",
    # publishing
    "read_policy": "graph.publish.policy",
    "public_dataset": "graph.publish.transform",
    # seeing
    "choose": "graph.views.choose",
    "render_html": "graph.views.render",
    "render_view": "graph.views.render",
    "make_app": "graph.serve",
}
"""Each public name and the module that defines it."""

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(importlib.import_module(_API[name]), name)


def __dir__() -> list[str]:
    return __all__
