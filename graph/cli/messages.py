"""How the commands report: a refusal, the data's problems, an answer as a table or JSON.

Apart from graph.cli itself so that command modules (graph.cli.authoring) use them without
importing the package that registers them.
"""
from __future__ import annotations

from collections.abc import Callable

import typer

from graph.data.errors import DataErrors


def fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def report_data_errors(exc: DataErrors) -> None:
    count = len(exc.errors)
    typer.echo(f"{count} problem{'s' if count != 1 else ''} in the data:", err=True)
    for error in exc.errors:
        typer.echo(f"  {error}", err=True)
    raise typer.Exit(1)


def emit(fmt: str, value, as_table: Callable[[], str]) -> None:
    """Print `value` as JSON, or as the table `as_table()` makes."""
    from graph.cli.text import to_json
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}: use table or json")
    typer.echo(to_json(value) if fmt == "json" else as_table())
