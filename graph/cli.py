"""The `oversight` command: a thin layer over the Python API (graph.build, graph.validate...).

Exit status: 0 success, 1 the data or the request has a problem (explained on stderr),
2 wrong usage.
"""
from __future__ import annotations


from pathlib import Path
from typing import Optional

import typer

from .load import DataErrors

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


@app.command()
def validate(data: Optional[Path] = DataDir) -> None:
    """Check the data files (syntax, references, dates, identifiers, provenance), then SHACL."""
    from .validate import check
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
    from .build import build as run_build
    from .store import open_store, replace_graphs, source_graphs
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder (it is replaced as a whole by each build)")
    try:
        result = run_build(data, out)
    except DataErrors as exc:
        report_data_errors(exc)
    except OSError as exc:
        fail(f"could not write the outputs to {out}: {exc.strerror or exc} ({exc.filename or out}); "
             f"the previous {out} is unchanged")
    for name in sorted(p.name for p in out.iterdir()):
        typer.echo(f"wrote {out / name}")
    typer.echo(f"{len(result.dataset)} triples in {len(result.data.graphs)} source graphs.")
    spec = store or str(out / "store")
    with open_store(spec) as target:
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
          ) -> None:
    """Serve the graph: a SPARQL 1.1 endpoint at /sparql and a web interface at /."""
    import os
    from .build import build_dataset
    from .serve import run_server
    token = None
    if write_token_env:
        token = os.environ.get(write_token_env)
        if not token:
            fail(f"--write-token-env: the environment variable {write_token_env} is not set")
    try:
        dataset = build_dataset(data).dataset
    except DataErrors as exc:
        report_data_errors(exc)
    run_server(dataset, host=host, port=port, timeout_s=timeout, max_rows=max_rows,
               write_token=token, allow_network=allow_network, cors=cors)
