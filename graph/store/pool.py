"""Work spread over the CPUs by fork: workers inherit the data instead of unpickling it.

Serialising the graphs for the store works on the loader's in-memory dataset, a million
triples at national scale; pickling it to each worker would cost more than the work. Only
the results travel back. (A build's writers of the serialised graphs run beside the others in
a process started afresh instead: graph.pipeline.spool says why.)
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_SHARED: list[Any] = []
"""What the running `fork_map` shares with its workers (set before they fork)."""


def fork_map(work: Callable[[Any, Item], Result], items: Iterable[Item], shared: Any,
             *, workers: int | None = None) -> Iterator[Result]:
    """`work(shared, item)` for each item, in order, in `workers` forked processes (default:
    one per CPU). With one worker (or one CPU) it runs here, which is also what small inputs
    should ask for: a pool costs tens of milliseconds.
    """
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        yield from (work(shared, item) for item in items)
        return
    _SHARED[:] = [work, shared]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_run, items)
    finally:
        _SHARED.clear()


def _run(item: Any) -> Any:
    work, shared = _SHARED
    return work(shared, item)
