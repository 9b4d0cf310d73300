"""The `oversight` command: a thin layer over the Python API (graph.build, graph.validate...).

Exit status: 0 success, 1 the data or the request has a problem (explained on stderr),
2 wrong usage.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console

from graph.data.errors import DataErrors

if TYPE_CHECKING:
    from graph.pipeline.progress import Step

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Build, check and ask the Oversight Graph of UK police accountability.")

DataDir = typer.Option(None, "--data", help="Folder of YAML data files (default: the bundled data).",
                       exists=True, file_okay=False)


StoreOption = typer.Option(
    None, "--store", metavar="STORE",
    help="Where the graph is kept: a folder (embedded Oxigraph; default: out/store), 'memory', "
         "or sparql+http(s)://[user:pw@]host/path[?update=URL] for any SPARQL 1.1 endpoint.")


def fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def report_data_errors(exc: DataErrors) -> None:
    count = len(exc.errors)
    typer.echo(f"{count} problem{'s' if count != 1 else ''} in the data:", err=True)
    for error in exc.errors:
        typer.echo(f"  {error}", err=True)
    raise typer.Exit(1)


def progress_steps(console: Console | None = None) -> Step:
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


@app.command()
def validate(data: Optional[Path] = DataDir) -> None:
    """Check the data files (syntax, references, dates, identifiers, provenance), then SHACL."""
    from graph.check import check
    try:
        loaded = check(data)
    except DataErrors as exc:
        report_data_errors(exc)
    statements = sum(len(g) for g in loaded.graphs.values())
    typer.echo(f"OK: {len(loaded.graphs)} sources, {statements} triples, SHACL conforms.")


@app.command()
def build(data: Optional[Path] = DataDir,
          out: Path = typer.Option(Path("out"), "--out", help="Where to write the outputs."),
          store: Optional[str] = StoreOption) -> None:
    """Validate the data, build the graph, write out/ (TriG, Turtle, JSON-LD, report, HTML view)
    and load the changed source graphs into the store."""
    from graph.pipeline.build import build as run_build
    from graph.store import open_store, replace_graphs, source_graphs
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder (it is replaced as a whole by each build)")
    step = progress_steps()
    try:
        result = run_build(data, out, step)
    except DataErrors as exc:
        report_data_errors(exc)
    except OSError as exc:
        fail(f"could not write the outputs to {out}: {exc.strerror or exc} ({exc.filename or out}); "
             f"the previous {out} is unchanged")
    for name in sorted(p.name for p in out.iterdir()):
        typer.echo(f"wrote {out / name}")
    typer.echo(f"{len(result.dataset)} triples in {len(result.data.graphs)} source graphs.")
    spec = store or str(out / "store")
    with step(f"loading the changed source graphs into {spec}"), open_store(spec) as target:
        changes = replace_graphs(target, source_graphs(result.dataset))
    typer.echo(f"store {spec}: {len(changes.replaced)} graphs replaced, "
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
          store: Optional[str] = typer.Option(None, "--store", metavar="STORE",
                                              help="Serve a store filled by `oversight build` (e.g. out/store) "
                                                   "instead of building the data in memory."),
          ) -> None:
    """Serve the graph: a SPARQL 1.1 endpoint at /sparql and a web interface at /."""
    import os
    from graph.serve import run_server
    token = None
    if write_token_env:
        token = os.environ.get(write_token_env)
        if not token:
            fail(f"--write-token-env: the environment variable {write_token_env} is not set")
    if store is not None and store.startswith("sparql+"):
        fail("--store: serve an embedded store or the data; a SPARQL endpoint already serves itself")
    run_server(dataset(data, store), host=host, port=port, timeout_s=timeout, max_rows=max_rows,
               write_token=token, allow_network=allow_network, cors=cors)


# -- asking the graph ------------------------------------------------------------------------

Format = typer.Option("table", "--format", "-f", help="table or json.")
AskStore = typer.Option(None, "--store", metavar="STORE",
                        help="Ask a store filled by `oversight build --store` instead of building the data in memory.")


def dataset(data: Optional[Path], store: Optional[str]):
    """The dataset every asking command reads (graph.sparql.evaluate.load_dataset); data errors exit 1."""
    import graph.sparql.evaluate as ds
    if data is not None and store is not None:
        fail("give --data or --store, not both")
    try:
        return ds.load_dataset(data, store)
    except DataErrors as exc:
        report_data_errors(exc)


def emit(fmt: str, value, as_table) -> None:
    """Print `value` as JSON, or as the table `as_table()` makes."""
    from graph.cli.text import to_json
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}: use table or json")
    typer.echo(to_json(value) if fmt == "json" else as_table())


def ask(data: Optional[Path], store: Optional[str], work):
    """Run `work(dataset)`, turning unknown names, bad queries and missing paths into exit 1."""
    from networkx import NetworkXNoPath
    from graph.sparql.query import QueryError
    from graph.sparql.names import UnknownName
    graph = dataset(data, store)
    try:
        return work(graph)
    except (UnknownName, QueryError, NetworkXNoPath, ValueError) as exc:
        fail(f"error: {exc.args[0] if isinstance(exc, UnknownName) else exc}")


@app.command()
def query(text: str = typer.Argument(..., metavar="QUERY",
                                     help="A .rq file, the name of a canned query (see `oversight queries`) or a SPARQL string."),
          param: list[str] = typer.Option([], "--param", "-p", help="name=value: bind ?name (IRI, prefixed name, id, label or literal)."),
          fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv, json; turtle or json-ld for CONSTRUCT/DESCRIBE."),
          data: Optional[Path] = DataDir,
          store: Optional[str] = AskStore) -> None:
    """Run a SPARQL query on the graph (standard prefixes pre-bound; SERVICE refused)."""
    from graph.sparql.canned import find_canned
    from graph.sparql.query import FORMATS, render, run_query
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    canned = find_canned(text)
    declared = canned.params if canned else []
    if canned:
        text = canned.text
    elif text.endswith(".rq") or Path(text).is_file():
        if not Path(text).is_file():
            fail(f"no such query file: {text}")
        text = Path(text).read_text(encoding="utf-8")
    params = {}
    for item in param:
        name, sep, value = item.partition("=")
        if not sep:
            fail(f"--param expects name=value, got {item!r}")
        params[name.strip().lstrip("?$")] = value.strip()
    typer.echo(ask(data, store, lambda g: render(run_query(g, text, params, declared), fmt)).rstrip("\n"))


@app.command()
def queries(fmt: str = Format) -> None:
    """List the canned queries (examples/queries and the competency questions) with their parameters."""
    from graph.cli import report
    from graph.sparql.canned import canned_queries
    found = canned_queries()
    emit(fmt, found, lambda: report.queries(found))


@app.command()
def chain(actor: str = typer.Argument(..., help="IRI, prefixed name, id, label or alias (e.g. TVP)."),
          fmt: str = Format, data: Optional[Path] = DataDir,
          store: Optional[str] = AskStore) -> None:
    """The chain of oversight above an actor, each step with relation, status and sources."""
    from graph.cli import report
    from graph.network.analysis import oversight_chain
    from graph.sparql.names import resolve_actor

    def work(g):
        iri = resolve_actor(g, actor)
        steps = oversight_chain(g, iri)
        return steps, (steps[0].lower.label if steps else actor)
    steps, label = ask(data, store, work)
    emit(fmt, steps, lambda: report.chain(label, steps))


@app.command()
def route(case: str = typer.Argument(..., help="A case, or a person or body involved in exactly one case."),
          fmt: str = Format, data: Optional[Path] = DataDir,
          store: Optional[str] = AskStore) -> None:
    """The events of a case in time order, with who acted on whom."""
    from graph.cli import report
    from graph.sparql.names import NameIndex
    from graph.network.route import case_route, find_case

    def work(g):
        iri = find_case(g, case)
        return case_route(g, iri), NameIndex.of(g).labels.get(iri, str(iri))
    found, label = ask(data, store, work)
    emit(fmt, found, lambda: report.route(label, found))


@app.command()
def path(a: str = typer.Argument(..., metavar="A"), b: str = typer.Argument(..., metavar="B"),
         limit: int = typer.Option(10, "--limit", help="At most this many shortest paths."),
         fmt: str = Format, data: Optional[Path] = DataDir,
          store: Optional[str] = AskStore) -> None:
    """The shortest connections between two actors, explained edge by edge."""
    from graph.cli import report
    from graph.network.analysis import shortest_paths
    from graph.sparql.names import resolve_actor

    def work(g):
        start, end = resolve_actor(g, a), resolve_actor(g, b)
        return shortest_paths(g, start, end, limit)
    found = ask(data, store, work)
    emit(fmt, found, lambda: report.paths(found[0][0].start.label, found[0][-1].end.label, found))


@app.command()
def neighbours(actor: str = typer.Argument(...), radius: int = typer.Option(1, "--radius", "-r", min=1),
               fmt: str = Format, data: Optional[Path] = DataDir,
          store: Optional[str] = AskStore) -> None:
    """The ego network of an actor: everything within --radius edges, in either direction."""
    from graph.cli import report
    from graph.network.analysis import neighbourhood
    from graph.sparql.names import resolve_actor
    found = ask(data, store, lambda g: neighbourhood(g, resolve_actor(g, actor), radius))
    emit(fmt, found, lambda: report.neighbours(found))


@app.command()
def gaps(fmt: str = Format, data: Optional[Path] = DataDir,
          store: Optional[str] = AskStore) -> None:
    """Unwatched overseers, self-investigation, and appeals overseen by the body appealed against."""
    from graph.cli import report
    from graph.network.findings import accountability_gaps
    found = ask(data, store, accountability_gaps)
    emit(fmt, found, lambda: report.gaps(found))


@app.command()
def central(measure: str = typer.Option("betweenness", "--measure", "-m", help="degree, betweenness or pagerank."),
            top: int = typer.Option(10, "--top", min=1), fmt: str = Format, data: Optional[Path] = DataDir,
          store: Optional[str] = AskStore) -> None:
    """Actors ranked by a centrality measure of the network (degree, betweenness or PageRank)."""
    from graph.cli import report
    from graph.network.analysis import centrality
    found = ask(data, store, lambda g: centrality(g, measure, top))
    emit(fmt, found, lambda: report.central(measure, found))


@app.command()
def contradictions(fmt: str = Format, data: Optional[Path] = DataDir,
          store: Optional[str] = AskStore) -> None:
    """Figures and claims about the same thing that disagree, between or within sources."""
    from graph.cli import report
    from graph.network.findings import contradictions as find
    found = ask(data, store, find)
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
         data: Optional[Path] = DataDir, store: Optional[str] = AskStore) -> None:
    """Write one self-contained, offline HTML view of (part of) the graph."""
    from graph.views import select as subgraphs
    from graph.network.projection import project
    from graph.sparql.query import run_query
    from graph.sparql.names import resolve_actor
    from graph.network.route import find_case
    from graph.views.render import render_view
    chosen = [name for name, value in (("--all", all_), ("--focus", focus), ("--case", case),
                                       ("--chain", chain_of), ("--query", query_file)) if value]
    if len(chosen) != 1:
        fail("choose exactly one of --all, --focus, --case, --chain, --query")

    def work(g):
        net = project(g)
        if all_:
            return net, "Every actor and relation", "force"
        if focus:
            iri = resolve_actor(g, focus)
            return subgraphs.ego(net, iri, radius), f"Within {radius} of {net.nodes[str(iri)]['label']}", "force"
        if case:
            iri = find_case(g, case)
            return subgraphs.case(g, iri, net), f"Route of {net.nodes[str(iri)]['label']}", "timeline"
        if chain_of:
            iri = resolve_actor(g, chain_of)
            return subgraphs.chain(g, iri, net), f"Who holds {net.nodes[str(iri)]['label']} to account", "hierarchy"
        result = run_query(g, query_file.read_text(encoding="utf-8"))
        return subgraphs.query_result(g, result, net), f"Query {query_file.name}", "force"

    shown, default_title, layout = ask(data, store, work)
    if out.exists() and out.is_dir():
        fail(f"--out {out} is a folder; give an .html file name")
    render_view(shown, out, title=title or default_title, layout=layout)
    typer.echo(f"wrote {out} ({shown.number_of_nodes()} nodes, {shown.number_of_edges()} facts)")
