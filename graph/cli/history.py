"""`oversight history ACTOR|RECORD`: when each fact of a record was first recorded and last
changed, and by which commit (graph.history.edits reads the data folder's git history).

Registered on the main app by graph.cli (`register`), so that this module imports nothing of it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def _change(change) -> str:
    if change is None:
        return "not committed"
    subject = change.subject if len(change.subject) <= 40 else change.subject[:39] + "…"
    return f"{change.date[:10]} {change.commit[:8]} {subject}"


def history(record: str = typer.Argument(..., metavar="ACTOR|RECORD", help="A record's id, label or alias."),
            fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
            data: Optional[Path] = typer.Option(None, "--data", help="Folder of YAML data files (default: the bundled data).",
                                                exists=True, file_okay=False)) -> None:
    """When each fact of a record was first recorded and last changed, from the data folder's git history."""
    from graph.cli.text import table, to_json
    from graph.history.edits import EditHistoryUnavailable, UnknownRecord, history_of
    if fmt not in ("table", "json"):
        typer.echo(f"unknown format {fmt!r}: use table or json", err=True)
        raise typer.Exit(1)
    try:
        facts = history_of(record, data)
    except (EditHistoryUnavailable, UnknownRecord) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    if fmt == "json":
        typer.echo(to_json(facts))
        return
    rows = [(f.key, f"{f.file}:{f.lines[0]}" + (f"-{f.lines[1]}" if f.lines[1] != f.lines[0] else ""),
             _change(f.first), _change(f.last) + (" (changed since, not committed)" if f.uncommitted else ""),
             str(f.changes)) for f in facts]
    typer.echo(f"Edit history of {facts[0].record if facts else record} (from git)\n\n"
               + table(["fact", "where", "first recorded", "last changed", "changes"], rows))


def register(app: typer.Typer) -> None:
    app.command()(history)
