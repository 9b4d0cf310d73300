"""Edit history of the facts: when each was first recorded and last changed, and by which
change, read from the data folder's git history (`git log -L` on the lines of its YAML).

A fact is one key of a record (label, aliases, target or a property under props:) and the
lines its value takes in the file. Without git, or outside a repository, `EditHistoryUnavailable`
says so; lines changed but not committed are reported as such, never dated.
"""
from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from graph.data.errors import DataError
from graph.data.load import data_files
from graph.data.yaml_lines import LineMapping, parse
from graph.model.resources import resource_dir

_FACT_KEYS = ("label", "aliases", "class", "target")
_FORMAT = "%H%x09%aI%x09%an%x09%s"


class EditHistoryUnavailable(Exception):
    """The data folder has no version history to read."""


class UnknownRecord(LookupError):
    """No record of the data files has this id, label or alias."""


@dataclass(frozen=True)
class Change:
    commit: str
    date: str
    author: str
    subject: str


@dataclass
class FactHistory:
    record: str
    key: str
    file: str
    lines: tuple[int, int]
    first: Change | None = None
    last: Change | None = None
    changes: int = 0
    uncommitted: bool = False
    text: str = ""


@dataclass
class _Record:
    id: str
    names: list[str]
    facts: list[FactHistory] = field(default_factory=list)


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        raise EditHistoryUnavailable("git is not installed: the edit history comes from git") from None
    if done.returncode != 0:
        raise EditHistoryUnavailable(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "git failed")
    return done.stdout


def repository(data_dir: Path) -> Path:
    """The top of the git work tree holding `data_dir`; EditHistoryUnavailable if none."""
    try:
        return Path(_git(data_dir, "rev-parse", "--show-toplevel").strip())
    except EditHistoryUnavailable:
        raise EditHistoryUnavailable(f"no edit history: {data_dir} is not in a git repository") from None


def _records(data_dir: Path) -> dict[str, _Record]:
    """Every record id of the data files with its names and the lines of its facts."""
    errors: list[DataError] = []
    found: dict[str, _Record] = {}
    for path in data_files(data_dir, errors):
        sf = parse(path, data_dir, errors)
        records = sf.doc.get("records") if sf and isinstance(sf.doc, dict) else None
        for rec in records if isinstance(records, list) else []:
            if not isinstance(rec, LineMapping):
                continue
            rid = rec.get("id", rec.get("about"))
            if not isinstance(rid, str):
                continue
            entry = found.setdefault(rid, _Record(rid, []))
            if "label" in rec:
                entry.names.append(str(rec["label"]))
            entry.names += [str(a) for a in rec.get("aliases") or []]
            entry.facts += _facts(rid, path, rec)
    return found


def _facts(rid: str, path: Path, rec: LineMapping) -> list[FactHistory]:
    """The facts of one record, each with the lines from its key to the next key's."""
    keyed = [(k, rec.key_lines[k]) for k in _FACT_KEYS if k in rec]
    props = rec.get("props")
    if isinstance(props, LineMapping):
        keyed += [(k, props.key_lines[k]) for k in props]
    starts = sorted({line for _, line in keyed} | {rec.line})
    end_of_record = max([*rec.value_lines.values(), *(props.value_lines.values() if isinstance(props, LineMapping) else [])])
    facts = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for key, start in keyed:
        later = [s for s in starts if s > start]
        end = max(start, (later[0] - 1) if later else _last_line_of(lines, start, end_of_record))
        text = " ".join(line.strip() for line in lines[start - 1:end])
        facts.append(FactHistory(rid, key, str(path), (start, end), text=text))
    return facts


def _last_line_of(lines: list[str], start: int, at_least: int) -> int:
    """The last line of a value that ends its record: up to the next line indented no deeper."""
    indent = len(lines[start - 1]) - len(lines[start - 1].lstrip())
    end = max(start, at_least)
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    return end


def find_record(data_dir: Path, name: str) -> _Record:
    """The record with this id, or the one record with this label or alias (any case)."""
    records = _records(data_dir)
    if name in records:
        return records[name]
    named = [r for r in records.values() if name.casefold() in (n.casefold() for n in r.names)]
    if len(named) == 1:
        return named[0]
    if named:
        raise UnknownRecord(f"{name!r} names several records: {', '.join(sorted(r.id for r in named))}; give an id")
    known = list(records) + [n for r in records.values() for n in r.names]
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    raise UnknownRecord(f"no record called {name!r}" + (f"; nearest: {', '.join(close)}" if close else ""))


def history_of(name: str, data_dir: Path | None = None) -> list[FactHistory]:
    """Each fact of the record `name` (id, label or alias): its first and last change in git."""
    data_dir = Path(data_dir) if data_dir else resource_dir("data")
    repo = repository(data_dir)
    record = find_record(data_dir, name)
    dirty = set(_git(repo, "status", "--porcelain", "--", str(data_dir.resolve())).splitlines())
    dirty_files = {(repo / line[3:]).resolve() for line in dirty}
    for fact in record.facts:
        path = Path(fact.file).resolve()
        fact.uncommitted = path in dirty_files and _changed_since_commit(repo, path, fact.lines)
        relative = path.relative_to(repo.resolve())
        try:
            log = _git(repo, "log", f"-L{fact.lines[0]},{fact.lines[1]}:{relative}", f"--format={_FORMAT}", "-s")
        except EditHistoryUnavailable:
            log = ""  # a file git has never seen: nothing committed yet
        changes = [Change(*line.split("\t", 3)) for line in log.splitlines() if line.count("\t") >= 3]
        if changes:
            fact.first, fact.last, fact.changes = changes[-1], changes[0], len(changes)
        fact.file = str(relative)
    return record.facts


def _changed_since_commit(repo: Path, path: Path, lines: tuple[int, int]) -> bool:
    """Whether the working file's `lines` differ from what the last commit holds there."""
    diff = _git(repo, "diff", "-U0", "HEAD", "--", str(path))
    for header in (line for line in diff.splitlines() if line.startswith("@@")):
        plus = header.split("+", 1)[1].split(" ", 1)[0]
        start, _, count = plus.partition(",")
        first, length = int(start), int(count or 1)
        if first <= lines[1] and first + max(length, 1) - 1 >= lines[0]:
            return True
    return False
