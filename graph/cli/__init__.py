"""The `oversight` command: a thin layer over the Python API (graph.pipeline, graph.sparql...).

Each command parses its options, calls one function of the API and prints what it returns;
the text tables are in graph.cli.report. Exit status: 0 success, 1 the data or the request
has a problem (explained on stderr, no traceback), 2 wrong usage.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console

from graph.data.errors import DataErrors

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
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
Format = typer.Option("table", "--format", "-f", help="table or json.")


def fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def report_data_errors(exc: DataErrors) -> None:
    count = len(exc.errors)
    typer.echo(f"{count} problem{'s' if count != 1 else ''} in the data:", err=True)
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
        start = time.perf_counter()
        with console.status(f"{name}…"):
            yield
        console.print(f"[green]✓[/green] {name} ({time.perf_counter() - start:.1f} s)", highlight=False)

    return step


def open_dataset(data: Optional[Path], store: Optional[str], read_only: bool = True):
    """What the asking commands read: the store if one is named, else the data built and
    copied into in-memory Oxigraph, so that one engine answers either way (building on
    demand is the command line's decision, not the query layer's)."""
    if data is not None and store is not None:
        fail("give --data or --store, not both")
    try:
        if store == "memory":
            fail("error: --store memory starts empty and holds nothing to ask; ask the data "
                 "(no --store) or a store that `oversight build --store` filled")
        if store is not None:
            from graph.store import open_store
            return open_store(store, read_only=read_only).dataset
        from graph.pipeline.build import build_dataset
        from graph.store import in_oxigraph
        return in_oxigraph(build_dataset(data).dataset)
    except DataErrors as exc:
        report_data_errors(exc)
    except (FileNotFoundError, FileExistsError) as exc:
        fail(f"error: {exc}")


def answer(data: Optional[Path], store: Optional[str], work: Callable[[Any], Any]):
    """`work(dataset)`, with unknown names, bad queries and missing paths as one `error:` line."""
    from networkx import NetworkXNoPath
    from graph.sparql.names import UnknownName
    dataset = open_dataset(data, store)
    try:
        return work(dataset)
    except (UnknownName, NetworkXNoPath, ValueError) as exc:
        fail(f"error: {exc.args[0] if isinstance(exc, UnknownName) else exc}")


def emit(fmt: str, value, as_table: Callable[[], str]) -> None:
    """Print `value` as JSON, or as the table `as_table()` makes."""
    from graph.cli.text import to_json
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}: use table or json")
    typer.echo(to_json(value) if fmt == "json" else as_table())


# -- building ------------------------------------------------------------------------------

@app.command()
def validate(data: Optional[Path] = DataDir) -> None:
    """Check the data files (syntax, references, dates, identifiers, provenance), then SHACL."""
    from graph.check import check
    try:
        loaded = check(data, progress_steps())
    except DataErrors as exc:
        report_data_errors(exc)
    statements = sum(len(g) for g in loaded.graphs.values())
    typer.echo(f"OK: {len(loaded.graphs)} sources, {statements} triples, SHACL conforms.")


@app.command()
def build(data: Optional[Path] = DataDir,
          out: Path = typer.Option(Path("out"), "--out", help="Where to write the outputs."),
          store: Optional[str] = StoreOption) -> None:
    """Validate the data, build the graph, write out/ (TriG, Turtle, JSON-LD, report, HTML view)
    and load the changed source graphs into the store (default: OUT/store)."""
    from graph.pipeline.build import build as run_build
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder (it is replaced as a whole by each build)")
    try:
        result = run_build(data, out, progress_steps(), store)
    except DataErrors as exc:
        report_data_errors(exc)
    except OSError as exc:
        fail(f"could not write the outputs to {out}: {exc.strerror or exc} ({exc.filename or out}); "
             f"the previous {out} is unchanged")
    for name in sorted(p.name for p in out.iterdir() if not p.name.startswith(".")):  # not the marker
        typer.echo(f"wrote {out / name}")
    typer.echo(f"{len(result.dataset)} triples in {len(result.data.graphs)} source graphs.")
    changes = result.changes
    typer.echo(f"store {result.store}: {len(changes.replaced)} graphs replaced, "
               f"{len(changes.unchanged)} unchanged, {len(changes.dropped)} dropped.")


@app.command()
def serve(data: Optional[Path] = DataDir,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
          port: int = typer.Option(8000, "--port"),
          timeout: float = typer.Option(5.0, "--timeout", help="Seconds a query may run before it is stopped."),
          max_rows: int = typer.Option(10000, "--max-rows", help="Rows or triples a result is cut at."),
          write_token_env: Optional[str] = typer.Option(
              None, "--write-token-env", metavar="VAR",
              help="Environment variable holding the token that allows SPARQL Update "
                   "(as 'Authorization: Bearer <token>'). Without it the endpoint is read-only."),
          allow_network: bool = typer.Option(False, "--allow-network",
                                             help="Let SERVICE and LOAD reach the network."),
          cors: bool = typer.Option(True, "--cors/--no-cors", help="Send Access-Control-Allow-Origin: *."),
          public_url: Optional[str] = typer.Option(
              None, "--public-url", metavar="URL",
              help="Where clients reach the server (e.g. https://example.org), for the service "
                   "description; default: the address it listens on."),
          store: Optional[str] = StoreOption) -> None:
    """Serve the graph: a SPARQL 1.1 endpoint at /sparql and a web interface at /.

    With a write token and --store, the store is opened for writing (and locked against
    `oversight build` while the server runs)."""
    from graph.serve import run_server
    token = None
    if write_token_env:
        token = os.environ.get(write_token_env)
        if not token:
            fail(f"--write-token-env: the environment variable {write_token_env} is not set")
    if store is not None and store.startswith("sparql+"):
        fail("--store: serve an embedded store or the data; a SPARQL endpoint already serves itself")
    if public_url is not None and not re.fullmatch(r"https?://[^\s<>\"{}|^`\\]+", public_url):
        fail(f"--public-url must be a web address (http:// or https://, no spaces or <>\"{{}}|^`\\), got {public_url!r}")
    run_server(open_dataset(data, store, read_only=token is None), host=host, port=port, timeout_s=timeout,
               max_rows=max_rows, write_token=token, allow_network=allow_network, cors=cors,
               public_url=public_url)


# -- asking --------------------------------------------------------------------------------

@app.command()
def query(text: str = typer.Argument(..., metavar="QUERY",
                                     help="A .rq file, the name of a canned query (see `oversight queries`) or a SPARQL string."),
          param: list[str] = typer.Option([], "--param", "-p", help="name=value: bind ?name (IRI, prefixed name, id, label or literal)."),
          fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv, json; turtle or json-ld for CONSTRUCT/DESCRIBE."),
          data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """Run a SPARQL query on the graph (standard prefixes pre-bound; SERVICE refused)."""
    from graph.cli.text import FORMATS, render_result
    from graph.sparql.ask import ask
    from graph.sparql.canned import query_source
    from graph.sparql.values import parse_params
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    try:
        sparql, declared = query_source(text)
        params = parse_params(param)
    except ValueError as exc:
        fail(f"error: {exc}")
    typer.echo(answer(data, store, lambda g: render_result(ask(g, sparql, params, declared), fmt)).rstrip("\n"))


@app.command()
def queries(fmt: str = Format) -> None:
    """List the canned queries (examples/queries and the competency questions) with their parameters."""
    from graph.cli import report
    from graph.sparql.canned import canned_queries
    found = canned_queries()
    emit(fmt, found, lambda: report.queries(found))


@app.command()
def chain(actor: str = typer.Argument(..., help="IRI, prefixed name, id, label or alias (e.g. TVP)."),
          fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """The chain of oversight above an actor, each step with relation, status and sources."""
    from graph.cli import report
    from graph.network.chain import oversight_chain
    from graph.sparql.names import resolve_actor

    def work(g):
        steps = oversight_chain(g, resolve_actor(g, actor))
        return steps, (steps[0].lower.label if steps else actor)
    steps, label = answer(data, store, work)
    emit(fmt, steps, lambda: report.chain(label, steps))


@app.command()
def route(case: str = typer.Argument(..., help="A case, or a person or body involved in exactly one case."),
          fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """The events of a case in time order, with who acted on whom."""
    from graph.cli import report
    from graph.network.route import case_route, find_case
    from graph.sparql.names import NameIndex

    def work(g):
        iri = find_case(g, case)
        return case_route(g, iri), NameIndex.of(g).labels.get(iri, str(iri))
    found, label = answer(data, store, work)
    emit(fmt, found, lambda: report.route(label, found))


@app.command()
def path(a: str = typer.Argument(..., metavar="A"), b: str = typer.Argument(..., metavar="B"),
         limit: int = typer.Option(10, "--limit", min=1, help="At most this many shortest paths."),
         fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """The shortest connections between two actors, explained edge by edge."""
    from graph.cli import report
    from graph.network.paths import shortest_paths
    from graph.sparql.names import resolve_actor
    def work(g):
        start, end = resolve_actor(g, a), resolve_actor(g, b)
        if start == end:
            raise ValueError(f"{a!r} and {b!r} are the same actor: give two different ones")
        return shortest_paths(g, start, end, limit)
    found = answer(data, store, work)
    emit(fmt, found, lambda: report.paths(found[0][0].start.label, found[0][-1].end.label, found))


@app.command()
def neighbours(actor: str = typer.Argument(...), radius: int = typer.Option(1, "--radius", "-r", min=1),
               fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """The ego network of an actor: everything within --radius edges, in either direction."""
    from graph.cli import report
    from graph.network.paths import neighbourhood
    from graph.sparql.names import resolve_actor
    found = answer(data, store, lambda g: neighbourhood(g, resolve_actor(g, actor), radius))
    emit(fmt, found, lambda: report.neighbours(found))


@app.command()
def gaps(fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """Unwatched overseers, self-investigation, and appeals overseen by the body appealed against."""
    from graph.cli import report
    from graph.network.gaps import accountability_gaps
    found = answer(data, store, accountability_gaps)
    emit(fmt, found, lambda: report.gaps(found))


@app.command()
def central(measure: str = typer.Option("betweenness", "--measure", "-m", help="degree, betweenness or pagerank."),
            top: int = typer.Option(10, "--top", min=1), fmt: str = Format, data: Optional[Path] = DataDir,
            store: Optional[str] = StoreOption) -> None:
    """Actors ranked by a centrality measure of the network (degree, betweenness or PageRank)."""
    from graph.cli import report
    from graph.network.paths import MEASURES, centrality
    if measure not in MEASURES:
        raise typer.BadParameter(f"{measure!r}: choose one of {', '.join(MEASURES)}", param_hint="--measure")
    found = answer(data, store, lambda g: centrality(g, measure, top))
    emit(fmt, found, lambda: report.central(measure, found))


@app.command()
def contradictions(fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """Figures and claims about the same thing that disagree, between or within sources."""
    from graph.cli import report
    from graph.network.contradictions import contradictions as find
    found = answer(data, store, find)
    emit(fmt, found, lambda: report.contradictions(found))


@app.command()
def view(out: Path = typer.Option(Path("out/view.html"), "--out", "-o", help="The HTML file to write."),
         all_: bool = typer.Option(False, "--all", help="The whole graph."),
         focus: Optional[str] = typer.Option(None, "--focus", help="An actor: its ego network (with --radius)."),
         radius: int = typer.Option(1, "--radius", "-r", min=1),
         case: Optional[str] = typer.Option(None, "--case", help="A case (or someone in exactly one): its route, left to right in time."),
         chain_of: Optional[str] = typer.Option(None, "--chain", help="An actor: the chain of oversight above it."),
         timeline: Optional[str] = typer.Option(None, "--timeline", help="A case or an actor: its events on a date axis, with the network view beside it."),
         query_file: Optional[Path] = typer.Option(None, "--query", exists=True, dir_okay=False,
                                                   help="A .rq file: a CONSTRUCT's graph, or the resources a SELECT returns."),
         title: Optional[str] = typer.Option(None, "--title"),
         data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """Write one self-contained, offline HTML view of (part of) the graph."""
    from graph.views.choose import choose
    chosen = [name for name, value in (("--all", all_), ("--focus", focus), ("--case", case),
                                       ("--chain", chain_of), ("--query", query_file), ("--timeline", timeline)) if value]
    if len(chosen) != 1:
        fail("choose exactly one of --all, --focus, --case, --chain, --timeline, --query")
    if out.exists() and out.is_dir():
        fail(f"--out {out} is a folder; give an .html file name")
    shown = answer(data, store, lambda g: choose(g, focus=focus, radius=radius, case=case, chain=chain_of,
                                                 query=query_file, timeline=timeline))
    shown.write(out, title)
    typer.echo(f"wrote {out} ({shown.graph.number_of_nodes()} nodes, {shown.graph.number_of_edges()} facts)")
