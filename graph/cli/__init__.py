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

from graph.cli.messages import emit, fail, report_data_errors
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
History = typer.Option(False, "--history", help="Answer with the corrected and retracted facts too, each marked og:supersededBy.")


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


def open_dataset(data: Optional[Path], store: Optional[str], read_only: bool = True, history: bool = False):
    """What the asking commands read: the store if one is named, else the data built and
    copied into in-memory Oxigraph, so that one engine answers either way (building on
    demand is the command line's decision, not the query layer's)."""
    if data is not None and store is not None:
        fail("give --data or --store, not both")
    try:
        if store == "memory":
            fail("error: --store memory starts empty and holds nothing to ask; ask the data "
                 "(no --store) or a store that `oversight build --store` filled")
        from graph.store import in_oxigraph, open_store, with_history
        if store is not None:
            dataset = open_store(store, read_only=read_only).dataset
            return with_history(dataset) if history else dataset
        from graph.pipeline.build import build_dataset
        return in_oxigraph(build_dataset(data).dataset, history)
    except ValueError as exc:
        fail(f"error: {exc}")
    except DataErrors as exc:
        report_data_errors(exc)
    except (FileNotFoundError, FileExistsError) as exc:
        fail(f"error: {exc}")


def answer(data: Optional[Path], store: Optional[str], work: Callable[[Any], Any], history: bool = False):
    """`work(dataset)`, with unknown names, bad queries and missing paths as one `error:` line."""
    from networkx import NetworkXNoPath
    from graph.sparql.names import UnknownName
    dataset = open_dataset(data, store, history=history)
    try:
        return work(dataset)
    except (UnknownName, NetworkXNoPath, ValueError) as exc:
        fail(f"error: {exc.args[0] if isinstance(exc, UnknownName) else exc}")


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
          store: Optional[str] = StoreOption,
          public: bool = typer.Option(False, "--public", help="Also write OUT/public: every output again, "
                                      "without the people data/publication-policy.yaml withholds.")) -> None:
    """Validate the data, build the graph, write out/ (TriG, Turtle, JSON-LD, report, HTML view)
    and load the changed source graphs into the store (default: OUT/store)."""
    from graph.pipeline.build import build as run_build
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder (it is replaced as a whole by each build)")
    try:
        result = run_build(data, out, progress_steps(), store, public)
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
          store: Optional[str] = StoreOption, history: bool = History,
          public: bool = typer.Option(False, "--public", help="Serve only what `oversight build --public` "
                                      "wrote to OUT/public: nothing the publication policy withholds."),
          out: Path = typer.Option(Path("out"), "--out", help="The build's output folder (with --public).")) -> None:
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
    if public:
        if data is not None or store is not None or token:
            fail("--public serves OUT/public alone: not with --data, --store or a write token")
        if not (out / "public" / "oversight.trig").is_file():
            fail(f"--public: {out / 'public'} holds no public build; run `oversight build --public` first")
        from graph.store import trig_dataset, with_history
        dataset = trig_dataset(out / "public" / "oversight.trig")
        dataset = with_history(dataset) if history else dataset
    else:
        dataset = open_dataset(data, store, read_only=token is None, history=history)
    from graph.model.resources import resource_dir
    served = None if public or store is not None else (data or resource_dir("data"))  # whose git history pages show
    run_server(dataset, host=host, port=port, timeout_s=timeout, data_dir=served,
               max_rows=max_rows, write_token=token, allow_network=allow_network, cors=cors,
               public_url=public_url)


# -- asking --------------------------------------------------------------------------------

@app.command()
def query(text: str = typer.Argument(..., metavar="QUERY",
                                     help="A .rq file, the name of a canned query (see `oversight queries`) or a SPARQL string."),
          param: list[str] = typer.Option([], "--param", "-p", help="name=value: bind ?name (IRI, prefixed name, id, label or literal)."),
          fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv, json; turtle or json-ld for CONSTRUCT/DESCRIBE."),
          data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
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
    typer.echo(answer(data, store, lambda g: render_result(ask(g, sparql, params, declared), fmt), history=history).rstrip("\n"))


@app.command()
def queries(fmt: str = Format) -> None:
    """List the canned queries (examples/queries and the competency questions) with their parameters."""
    from graph.cli import report
    from graph.sparql.canned import canned_queries
    found = canned_queries()
    emit(fmt, found, lambda: report.queries(found))


@app.command()
def chain(actor: str = typer.Argument(..., help="IRI, prefixed name, id, label or alias (e.g. TVP)."),
          on: Optional[str] = typer.Option(None, "--on", metavar="YYYY-MM-DD",
                                           help="The chain as it stood on this day (default today): "
                                                "relations valid for a period count only within it."),
          fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """The chain of oversight above an actor, each step with relation, status, legal basis and sources."""
    from datetime import date

    from graph.cli import report
    from graph.network.chain import oversight_chain
    from graph.sparql.names import resolve_actor
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        fail(f"error: --on expects a date as YYYY-MM-DD, got {on!r}")

    def work(g):
        steps = oversight_chain(g, resolve_actor(g, actor), on=day)
        return steps, (steps[0].lower.label if steps else actor)
    steps, label = answer(data, store, work, history=history)
    emit(fmt, steps, lambda: report.chain(label, steps, day))


@app.command()
def route(case: str = typer.Argument(..., help="A case, or a person or body involved in exactly one case."),
          fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """The events of a case in time order, with who acted on whom."""
    from graph.cli import report
    from graph.network.route import case_route, find_case
    from graph.sparql.names import NameIndex

    def work(g):
        iri = find_case(g, case)
        return case_route(g, iri), NameIndex.of(g).labels.get(iri, str(iri))
    found, label = answer(data, store, work, history=history)
    emit(fmt, found, lambda: report.route(label, found))


@app.command()
def path(a: str = typer.Argument(..., metavar="A"), b: str = typer.Argument(..., metavar="B"),
         limit: int = typer.Option(10, "--limit", min=1, help="At most this many shortest paths."),
         fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """The shortest connections between two actors, explained edge by edge."""
    from graph.cli import report
    from graph.network.paths import shortest_paths
    from graph.sparql.names import resolve_actor
    def work(g):
        start, end = resolve_actor(g, a), resolve_actor(g, b)
        if start == end:
            raise ValueError(f"{a!r} and {b!r} are the same actor: give two different ones")
        return shortest_paths(g, start, end, limit)
    found = answer(data, store, work, history=history)
    emit(fmt, found, lambda: report.paths(found[0][0].start.label, found[0][-1].end.label, found))


@app.command()
def neighbours(actor: str = typer.Argument(...), radius: int = typer.Option(1, "--radius", "-r", min=1),
               fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """The ego network of an actor: everything within --radius edges, in either direction."""
    from graph.cli import report
    from graph.network.paths import neighbourhood
    from graph.sparql.names import resolve_actor
    found = answer(data, store, lambda g: neighbourhood(g, resolve_actor(g, actor), radius), history=history)
    emit(fmt, found, lambda: report.neighbours(found))


@app.command()
def gaps(fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """Unwatched overseers, self-investigation, and appeals overseen by the body appealed against."""
    from graph.cli import report
    from graph.network.gaps import accountability_gaps
    found = answer(data, store, accountability_gaps, history=history)
    emit(fmt, found, lambda: report.gaps(found))


@app.command()
def central(measure: str = typer.Option("betweenness", "--measure", "-m", help="degree, betweenness or pagerank."),
            top: int = typer.Option(10, "--top", min=1), fmt: str = Format, data: Optional[Path] = DataDir,
            store: Optional[str] = StoreOption, history: bool = History) -> None:
    """Actors ranked by a centrality measure of the network (degree, betweenness or PageRank)."""
    from graph.cli import report
    from graph.network.paths import MEASURES, centrality
    if measure not in MEASURES:
        raise typer.BadParameter(f"{measure!r}: choose one of {', '.join(MEASURES)}", param_hint="--measure")
    found = answer(data, store, lambda g: centrality(g, measure, top), history=history)
    emit(fmt, found, lambda: report.central(measure, found))


@app.command()
def contradictions(fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """Figures and claims about the same thing that disagree, between or within sources."""
    from graph.cli import report
    from graph.network.contradictions import contradictions as find
    found = answer(data, store, find, history=history)
    emit(fmt, found, lambda: report.contradictions(found))


@app.command()
def view(out: Path = typer.Option(Path("out/view.html"), "--out", "-o", help="The HTML file to write."),
         all_: bool = typer.Option(False, "--all", help="The whole graph."),
         focus: Optional[str] = typer.Option(None, "--focus", help="An actor: its ego network (with --radius)."),
         radius: int = typer.Option(1, "--radius", "-r", min=1),
         case: Optional[str] = typer.Option(None, "--case", help="A case (or someone in exactly one): its route, left to right in time."),
         chain_of: Optional[str] = typer.Option(None, "--chain", help="An actor: the chain of oversight above it."),
         query_file: Optional[Path] = typer.Option(None, "--query", exists=True, dir_okay=False,
                                                   help="A .rq file: a CONSTRUCT's graph, or the resources a SELECT returns."),
         title: Optional[str] = typer.Option(None, "--title"),
         data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """Write one self-contained, offline HTML view of (part of) the graph."""
    from graph.views.choose import choose
    from graph.views.render import render_view
    chosen = [name for name, value in (("--all", all_), ("--focus", focus), ("--case", case),
                                       ("--chain", chain_of), ("--query", query_file)) if value]
    if len(chosen) != 1:
        fail("choose exactly one of --all, --focus, --case, --chain, --query")
    if out.exists() and out.is_dir():
        fail(f"--out {out} is a folder; give an .html file name")
    shown = answer(data, store, lambda g: choose(g, focus=focus, radius=radius, case=case, chain=chain_of,
                                                 query=query_file), history=history)
    render_view(shown.graph, out, title=title or shown.title, layout=shown.layout)
    typer.echo(f"wrote {out} ({shown.graph.number_of_nodes()} nodes, {shown.graph.number_of_edges()} facts)")


from graph.cli.authoring import commands as _authoring  # noqa: E402
app.registered_commands += _authoring.registered_commands  # new, import-figures, coverage, same
from graph.cli.history import register as _register_history  # noqa: E402 (needs `app`)
_register_history(app)
