"""The `oversight` command: a thin layer over the Python API (graph.pipeline, graph.sparql...).

Each command parses its options, calls one function of the API and prints what it returns;
the text tables are in graph.cli.report. Exit status: 0 success, 1 the data or the request
has a problem, 2 wrong usage; every problem is one `error:` message on stderr, no traceback.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Optional

import typer

from graph.cli.common import (USAGE, DataDir, Format, FORMATS, History, StoreOption, answer, app, emit, fail,
                              one_of, open_dataset, progress_steps, report_data_errors)
from graph.data.errors import DataErrors

__all__ = ["app", "open_dataset"]


# -- building ------------------------------------------------------------------------------

@app.command()
def validate(data: Optional[Path] = DataDir) -> None:
    """Check the data files (syntax, references, dates, identifiers, provenance), then SHACL."""
    from graph.check import check
    try:
        loaded = check(data, progress_steps())
    except DataErrors as exc:
        report_data_errors(exc)
    statements = sum(len(loaded.named_graphs[name]) for name in loaded.sources)
    typer.echo(f"OK: {len(loaded.sources)} sources, {statements} triples, SHACL conforms.")


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
    graphs = result.data.payloads
    typer.echo(f"{sum(payload.triples for payload in graphs.values())} triples in {len(graphs)} named graphs, "
               f"{len(result.data.sources)} of them sources.")
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
          fmt: str = typer.Option("table", "--format", "-f", callback=one_of(FORMATS),
                                  help="table, csv, tsv, json; turtle or json-ld for CONSTRUCT/DESCRIBE."),
          data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """Run a SPARQL query on the graph (standard prefixes pre-bound; SERVICE refused)."""
    from graph.cli.text import render_result
    from graph.sparql.ask import ask
    from graph.sparql.canned import query_source
    from graph.sparql.values import parse_params
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
    from graph.sparql.names import label_of

    def work(g):
        iri = find_case(g, case)
        return case_route(g, iri), label_of(g, iri)
    found, label = answer(data, store, work, history=history)
    emit(fmt, found, lambda: report.route(label, found))


@app.command()
def path(a: str = typer.Argument(..., metavar="A"), b: str = typer.Argument(..., metavar="B"),
         limit: int = typer.Option(10, "--limit", min=1, help="At most this many shortest paths."),
         through_anything: bool = typer.Option(
             False, "--through-anything",
             help="Let paths run through events, documents and figures, not only from actor to actor."),
         fmt: str = Format, data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """The shortest connections between two actors, through other actors, explained edge by edge."""
    from graph.cli import report
    from graph.network.paths import NotConnected, shortest_paths
    from graph.sparql.names import resolve_actor
    def work(g):
        start, end = resolve_actor(g, a), resolve_actor(g, b)
        if start == end:
            raise ValueError(f"{a!r} and {b!r} are the same actor: give two different ones")
        try:
            return shortest_paths(g, start, end, limit, actors_only=not through_anything)
        except NotConnected as exc:
            if through_anything:
                raise
            raise NotConnected(f"{exc}; --through-anything also follows events, documents and figures") from None
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
         timeline: Optional[str] = typer.Option(None, "--timeline", help="A case or an actor: its events on a date axis, with the network view beside it."),
         query_file: Optional[Path] = typer.Option(None, "--query", exists=True, dir_okay=False,
                                                   help="A .rq file: a CONSTRUCT's graph, or the resources a SELECT returns."),
         title: Optional[str] = typer.Option(None, "--title"),
         data: Optional[Path] = DataDir, store: Optional[str] = StoreOption, history: bool = History) -> None:
    """Write one self-contained, offline HTML view of (part of) the graph."""
    from graph.views.choose import choose
    chosen = [name for name, value in (("--all", all_), ("--focus", focus), ("--case", case),
                                       ("--chain", chain_of), ("--query", query_file), ("--timeline", timeline)) if value]
    if len(chosen) != 1:
        fail("choose exactly one of --all, --focus, --case, --chain, --timeline, --query", USAGE)
    if out.exists() and out.is_dir():
        fail(f"--out {out} is a folder; give an .html file name")
    shown = answer(data, store, lambda g: choose(g, focus=focus, radius=radius, case=case, chain=chain_of,
                                                 query=query_file, timeline=timeline), history=history)
    shown.write(out, title)
    typer.echo(f"wrote {out} ({shown.graph.number_of_nodes()} nodes, {shown.graph.number_of_edges()} facts)")


from graph.cli.authoring import commands as _authoring  # noqa: E402
app.registered_commands += _authoring.registered_commands  # new, import-figures, coverage, same
from graph.cli.history import register as _register_history  # noqa: E402 (needs `app`)
_register_history(app)
from graph.cli import export as _export  # noqa: E402,F401  (registers `oversight export`)
