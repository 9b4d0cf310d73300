"""What every command shares: the `app`, its options, errors and exit statuses, and the
dataset the asking commands read. Command modules (graph.cli, graph.cli.export, ...) import
it, so that they never import each other."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from typer._click.exceptions import NoArgsIsHelpError, UsageError  # typer >= 0.24 vendors click
from typer.core import TyperGroup

from graph.data.errors import DataErrors

USAGE = 2
"""The exit status of a command used wrongly (an unknown option, value or format)."""


class _Commands(TyperGroup):
    """Usage mistakes said as every other error is: one `error:` line, exit status 2."""

    def _said_as_error(self, work):
        try:
            return work()
        except NoArgsIsHelpError:
            raise
        except UsageError as mistake:
            command = mistake.ctx.command_path if mistake.ctx else "oversight"
            typer.echo(f"error: {mistake.format_message()} (see `{command} --help`)", err=True)
            raise typer.Exit(USAGE) from None

    def make_context(self, *args, **kwargs):
        return self._said_as_error(lambda: super(_Commands, self).make_context(*args, **kwargs))

    def invoke(self, ctx):
        return self._said_as_error(lambda: super(_Commands, self).invoke(ctx))


app = typer.Typer(cls=_Commands, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Build, check and ask the Oversight Graph of UK police accountability.")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version
        typer.echo(f"oversight {version('oversight-graph')}")
        raise typer.Exit()


@app.callback()
def main(_: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                help="Print the version and exit.")) -> None:
    """Build, check and ask the Oversight Graph of UK police accountability."""

DataDir = typer.Option(None, "--data", help="Folder of YAML data files (default: the bundled data).",
                       exists=True, file_okay=False)
StoreOption = typer.Option(
    None, "--store", metavar="STORE",
    help="Where the graph is kept: a folder (embedded Oxigraph, as `oversight build` fills out/store), "
         "'memory', or sparql+http(s)://[user:pw@]host/path[?update=URL] for any SPARQL 1.1 endpoint. "
         "Asking commands read it instead of building the data in memory.")
REPORT_FORMATS = ("table", "csv", "json")
FORMATS = ("table", "csv", "tsv", "json", "turtle", "json-ld")
"""What `query` prints: results as the first four, a CONSTRUCT's graph as table, turtle or json-ld."""


def one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    """An option callback refusing values outside `choices` as a usage error, before any work."""
    def check(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r}: choose one of {', '.join(choices)}")
        return value
    return check


Format = typer.Option("table", "--format", "-f", callback=one_of(REPORT_FORMATS),
                      help="table (fits the terminal: COLUMNS), csv or json.")
History = typer.Option(False, "--history", help="Answer with the corrected and retracted facts too, each marked og:supersededBy.")


def fail(message: str, status: int = 1) -> None:
    """One `error:` line on stderr, then exit with `status` (1: the data or request, 2: usage)."""
    typer.echo(message if message.startswith("error: ") else f"error: {message}", err=True)
    raise typer.Exit(status)


def report_data_errors(exc: DataErrors) -> None:
    count = len(exc.errors)
    typer.echo(f"error: {count} problem{'s' if count != 1 else ''} in the data:", err=True)
    for error in exc.errors:
        typer.echo(f"  {error}", err=True)
    raise typer.Exit(1)


def progress_steps(console: Console | None = None):
    """Each stage of a long build on stderr: a spinner while it runs, then its time.

    Only on a terminal: piped or captured output stays as it was.
    """
    console = console or Console(stderr=True)

    @contextmanager
    def step(name: str) -> Iterator[None]:
        if not console.is_terminal:
            yield
            return
        start, shown = time.perf_counter(), escape(name)  # a stage names the user's paths: not markup
        with console.status(f"{shown}…"):
            yield
        console.print(f"[green]✓[/green] {shown} ({time.perf_counter() - start:.1f} s)", highlight=False)

    return step


def open_dataset(data: Optional[Path], store: Optional[str], read_only: bool = True, history: bool = False):
    """What the asking commands read: the store if one is named, else the data built and
    copied into in-memory Oxigraph, so that one engine answers either way (building on
    demand is the command line's decision, not the query layer's). With `history`, the
    corrected and retracted facts are answered too."""
    if data is not None and store is not None:
        fail("give --data or --store, not both", USAGE)
    try:
        if store == "memory":
            fail("error: --store memory starts empty and holds nothing to ask; ask the data "
                 "(no --store) or a store that `oversight build --store` filled")
        from graph.store import open_store, with_history
        if store is not None:
            dataset = open_store(store, read_only=read_only).dataset
            return with_history(dataset) if history else dataset
        from graph.pipeline.build import built_answers
        return built_answers(data, history)
    except ValueError as exc:
        fail(f"error: {exc}")
    except DataErrors as exc:
        report_data_errors(exc)
    except (FileNotFoundError, FileExistsError) as exc:
        fail(f"error: {exc}")


def answer(data: Optional[Path], store: Optional[str], work: Callable[[Any], Any], history: bool = False):
    """`work(dataset)`, with unknown names, bad queries and missing paths as one `error:` line."""
    from graph.sparql.names import UnknownName
    dataset = open_dataset(data, store, history=history)
    try:
        return work(dataset)
    except (UnknownName, ValueError) as exc:
        fail(f"error: {exc.args[0] if isinstance(exc, UnknownName) else exc}")


def emit(fmt: str, value, as_report: Callable[[], Any]) -> None:
    """Print `value` as JSON, or the Report `as_report()` makes as a table or CSV."""
    from graph.cli.text import to_json
    if fmt == "json":
        typer.echo(to_json(value))
    else:
        report = as_report()
        if isinstance(report, str):  # a report already written as text (the authoring commands')
            typer.echo(report)
        else:
            typer.echo(report.as_csv() if fmt == "csv" else report.as_table())
