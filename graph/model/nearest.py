"""The one "did you mean": the nearest of a set of names to one that matched none of them.

The asking commands (graph.sparql.names, canned queries) and the data-file checks
(graph.data.convert, graph.data.format) all suggest through `nearest`, so a typo is answered
the same way wherever it is made. rapidfuzz scores the candidates (WRatio: whole-string,
partial and token-order similarity, case and punctuation ignored).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process, utils

CUTOFF = 60
"""Candidates scoring below this (of 100) are not offered: a suggestion should be plausible."""
MARGIN = 10
"""Nor those scoring this much below the best: 'Plaice' is Place, not every class with a 'P'."""


def nearest(name: str, candidates: Iterable[str], limit: int = 5, cutoff: float = CUTOFF) -> list[str]:
    """The candidates closest to `name`, best first (at most `limit`, none below `cutoff`)."""
    choices = list(dict.fromkeys(candidates))
    if not name or not name.strip():
        return []
    found = process.extract(name, choices, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=limit, score_cutoff=cutoff)
    best = max((score for _, score, _ in found), default=0)
    ranked = sorted(found, key=lambda hit: (-hit[1], choices.index(hit[0])))
    return [choice for choice, score, _ in ranked if score >= best - MARGIN]


def did_you_mean(name: str, candidates: Mapping[str, str] | Iterable[str], limit: int = 3) -> str:
    """'; did you mean A (what A is), B?' for a message; '; nearest: A' when nothing is close.

    `candidates` maps each name to what it is (a label and definition), or lists names only.
    """
    described = candidates if isinstance(candidates, Mapping) else dict.fromkeys(candidates, "")
    close = nearest(str(name), described, limit)
    lead = "; did you mean "
    if not close:
        close, lead = nearest(str(name), described, 1, cutoff=0), "; nearest: "
    if not close:
        return ""
    listed = ", ".join(f"{c} ({described[c]})" if described[c] else c for c in close)
    return lead + listed + ("?" if lead.startswith("; did") else "")
