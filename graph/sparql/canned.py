"""Canned SPARQL queries: `examples/queries/*.rq` and the competency questions `examples/questions/*.rq`.

A canned query starts with a comment header that `oversight queries` lists::

    # title: Everything known about an actor, with sources
    # answers: what the sources say about one person or body, and where
    # params: ?actor — the person or body (default id:thames_valley_police)

Parameters are ordinary variables of the query, bound with `--param actor=TVP`. A header
without `title:` (the competency questions) is described by its first comment lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.model.resources import resource_dir

_FIELD = re.compile(r"^#\s*(title|answers|params):\s*(.*)$")
_PARAM = re.compile(r"^\?(\w+)\s*(?:[—-]+\s*)?(.*?)\s*(?:\(default\s+([^)]+)\))?\s*$")


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    default: str | None


@dataclass
class CannedQuery:
    name: str
    path: Path
    title: str
    answers: str = ""
    params: list[Param] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def read_header(path: Path) -> CannedQuery:
    """The title, answers and parameters declared in the leading comment lines of a .rq file."""
    fields: dict[str, list[str]] = {"title": [], "answers": [], "params": []}
    comments = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        comments.append(line.lstrip("#").strip())
        if match := _FIELD.match(line):
            fields[match[1]].append(match[2].strip())
    title = " ".join(fields["title"]) or _first_sentence(comments)
    params = [Param(m[1], m[2], m[3].strip() if m[3] else None)
              for text in fields["params"] if (m := _PARAM.match(text))]
    return CannedQuery(path.stem, path, title, " ".join(fields["answers"]), params)


def _first_sentence(comments: list[str]) -> str:
    """The question a header without `title:` opens with (it may run over several lines)."""
    text = ""
    for line in comments:
        text = f"{text} {line}".strip()
        if text.endswith("?") or text.endswith("."):
            break
    return text


def canned_queries() -> list[CannedQuery]:
    """Every canned query, the project's examples first, then the competency questions."""
    found = []
    for folder in ("queries", "questions"):
        directory = resource_dir(folder)
        if directory.is_dir():
            found += [read_header(p) for p in sorted(directory.glob("*.rq"))]
    return found


def find_canned(name: str) -> CannedQuery | None:
    """A canned query by file name, with or without `.rq` (e.g. `actor_facts`, `q05_case_steps`)."""
    stem = name[:-3] if name.endswith(".rq") else name
    return next((q for q in canned_queries() if q.name == stem), None)
