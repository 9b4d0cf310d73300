"""`oversight same`: a person's judgement that two records are (or are not) one actor, recorded
with who decided, when and why (graph.data.judgements holds the file and reads it back)."""
from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

from graph.data.judgements import record
from graph.data.load import load
from graph.model.namespaces import ID
from graph.model.nearest import did_you_mean
from graph.model.resources import resource_dir


def who_judges(by: str | None, where: Path) -> str:
    """--by, else git's user.name for the data folder; ValueError if neither says."""
    if by and by.strip():
        return by.strip()
    try:
        name = subprocess.run(["git", "config", "user.name"], cwd=where, capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        raise ValueError("who judges? give --by NAME (or set git config user.name)")
    return name


def judge(a: str, b: str, because: str, by: str | None = None, same: bool = True,
          data_dir: Path | None = None) -> tuple[Path, str, str]:
    """Append the judgement; returns (file, who, when). Both ids must be records of the data."""
    data_dir = Path(data_dir) if data_dir else resource_dir("data")
    if not because.strip():
        raise ValueError("--because is empty: say why (a judgement without a reason cannot be checked)")
    if a == b:
        raise ValueError("a record is always the same as itself: give two different ids")
    ids = [str(iri)[len(str(ID)):] for iri in load(data_dir, pending_ok=True).locations if str(iri).startswith(str(ID))]
    for name in (a, b):
        if name not in ids:
            raise ValueError(f"unknown id {name!r}: no record has it" + did_you_mean(name, ids))
    who = who_judges(by, data_dir)
    when = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return record(data_dir, a, b, because.strip(), who, when, same), who, when
