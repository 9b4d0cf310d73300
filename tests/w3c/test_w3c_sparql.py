"""The W3C SPARQL 1.1 query test suites, run against `oversight serve` over HTTP (the
protocol suite: test_w3c_protocol.py).

Every test runs offline against a live server on 127.0.0.1 (tests/serve/server_support.py)
serving in-memory Oxigraph (graph.store.in_oxigraph), the engine of `oversight serve`.
Evaluation tests get a server whose dataset is exactly the test's: qt:data in the default
graph (default_union=False, unlike production's union default graph) and each qt:graphData
as a named graph; tests are ordered by dataset so that one server serves all tests on the
same data. Syntax tests run against one empty server.

Tests named in expected_failures.txt are xfail(strict=True): the list can only shrink.
"""
from __future__ import annotations

from contextlib import ExitStack

import httpx
import pytest

from runner import Case, all_cases, build_dataset, empty_dataset, params, run_evaluation, run_syntax
from server_support import live_server

pytestmark = [pytest.mark.slow,
              pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")]

CASES = all_cases()


class Servers:
    """One live server at a time, kept while consecutive tests want the same dataset."""

    def __init__(self) -> None:
        self.key = None
        self.url = None
        self.stack = ExitStack()

    def get(self, key, make_dataset, **options) -> str:
        if key != self.key:
            self.close()
            self.url = self.stack.enter_context(live_server(make_dataset(), timeout_s=20, **options))
            self.key = key
        return self.url

    def close(self) -> None:
        self.stack.close()
        self.key = self.url = None


@pytest.fixture(scope="module")
def servers():
    pool = Servers()
    yield pool
    pool.close()


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=60, trust_env=False) as c:
        yield c


EVALUATION = sorted((c for c in CASES if c.kind == "evaluation"),
                    key=lambda c: (tuple(map(str, c.dataset_key()[0])), tuple(map(str, c.dataset_key()[1]))))
SYNTAX = [c for c in CASES if c.kind in ("positive syntax", "negative syntax")]


@pytest.mark.parametrize("case", params(EVALUATION))
def test_evaluation(case: Case, servers: Servers, client: httpx.Client) -> None:
    base = servers.get(("data", case.dataset_key()), lambda: build_dataset(case))
    run_evaluation(client, base, case)


@pytest.mark.parametrize("case", params(SYNTAX))
def test_syntax(case: Case, servers: Servers, client: httpx.Client) -> None:
    base = servers.get("empty", empty_dataset)
    run_syntax(client, base, case)

