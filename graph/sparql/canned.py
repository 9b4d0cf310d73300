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

from graph.model.nearest import nearest
from graph.model.resources import resource_dir
from graph.sparql.prepare import QueryError, check_length

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


_NAME = re.compile(r"[\w.-]+")
"""What a canned query's name, or a query file's, can look like: no space, brace or '?'."""


def query_source(argument: str) -> tuple[str, list[Param]]:
    """The text of the query a person named, and its declared parameters.

    `argument` is a canned query's name, a `.rq` file, or SPARQL text. It is decided without
    asking the file system anything that can fail: only a short argument with no space,
    brace or '?' is looked up as a name or path, so a long query pasted on the command line
    is taken as text, never opened as a file.
    """
    check_length(argument)
    if not re.search(r"[\s{}?]", argument) and ("/" in argument or argument.endswith(".rq")
                                                or _NAME.fullmatch(argument)):
        canned = find_canned(argument)
        if canned is not None:
            return canned.text, canned.params
        path = Path(argument)
        try:
            if path.is_file():
                return path.read_text(encoding="utf-8"), []
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read the query file {argument}: {exc}") from None
        if argument.endswith(".rq") or "/" in argument:
            raise QueryError(f"no such query file: {argument}")
        names = [q.name for q in canned_queries()]
        close = nearest(argument, names)
        raise QueryError(f"no canned query called {argument!r}"
                         + (f"; nearest: {', '.join(close)}" if close else "")
                         + " (`oversight queries` lists them all; SPARQL text works too)")
    return argument, []
