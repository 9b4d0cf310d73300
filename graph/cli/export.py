"""`oversight export`: the graph as files for Gephi, networkx, spreadsheets and JSON-LD tools."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from graph.cli.common import DataDir, StoreOption, answer, app, fail, one_of

_FORMATS = ("graphml", "gexf", "csv", "jsonld", "rdfxml")


@app.command()
def export(fmt: str = typer.Option(..., "--format", "-f", callback=one_of(_FORMATS),
                                   help="graphml or gexf (Gephi, networkx: class, label, relation, claim status, "
                                        "sources; GEXF with dates), csv (nodes.csv, edges.csv), jsonld (compacted "
                                        "JSON-LD) or rdfxml (the ontology as RDF/XML)."),
           out: Path = typer.Option(Path("."), "--out", "-o", file_okay=False,
                                    help="The folder to write into (made if missing)."),
           data: Optional[Path] = DataDir, store: Optional[str] = StoreOption) -> None:
    """Write the graph in a format other tools open; `oversight build` writes every one into out/."""
    from graph.network.export import export as write
    try:
        written = answer(data, store, lambda g: write(g, fmt, out))
    except OSError as exc:
        fail(f"could not write into {out}: {exc.strerror or exc} ({exc.filename or out})")
    for path in written:
        typer.echo(f"wrote {path}")
