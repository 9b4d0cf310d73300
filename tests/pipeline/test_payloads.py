"""A build serialises each graph once: those validated are those written and stored."""
from __future__ import annotations

from graph.pipeline.build import INFERRED_GRAPH, assembled, build_dataset
from graph.data.load import META_GRAPH
from graph.store.base import serialised, source_graphs


def test_only_the_assembled_graphs_change_after_validation() -> None:
    """The build re-serialises only what `assemble` writes: every other graph must be as validated."""
    result = build_dataset()
    fresh = {name: p.digest for name, p in serialised(source_graphs(result.dataset))}
    kept = {name: p.digest for name, p in {**result.data.payloads, **dict(serialised(assembled(result.dataset)))}.items()}
    assert kept == fresh
    assert set(assembled(result.dataset)) == {META_GRAPH, INFERRED_GRAPH}
    assert result.data.payloads[META_GRAPH].digest != fresh[META_GRAPH]  # assemble adds to the metadata
