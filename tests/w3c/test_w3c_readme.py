"""The README states the W3C pass counts this run gives: the suites' tests less the expected
failures (xfail strict: a listed test that passes fails the run, so the list is exact)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from runner import all_cases, expected_failures
from test_w3c_protocol import W3C_CASES

README = Path(__file__).resolve().parents[2] / "README.md"


def counts() -> dict[str, tuple[int, int]]:
    listed = expected_failures()
    totals, failing = Counter(), Counter()
    for case in all_cases() + W3C_CASES:
        totals[case.kind] += 1
        failing[case.kind] += case.iri in listed or case.id in listed
    return {kind: (totals[kind] - failing[kind], totals[kind]) for kind in totals}


def test_the_readme_states_the_w3c_pass_counts():
    text = " ".join(README.read_text(encoding="utf-8").split())  # as it reads, across line breaks
    for kind, (passing, total) in counts().items():
        assert re.search(rf"\b{passing} of {total} {kind} tests\b", text), f"README: {passing} of {total} {kind} tests"
