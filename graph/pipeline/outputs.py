"""The files of `out/`, each written by one writer from the built dataset.

Oxigraph's writers are Rust: at 300k triples they write TriG, Turtle and JSON-LD in seconds
where rdflib's took 86 s (the TriG and JSON-LD are dumped by the in-memory store itself).
The HTML view is projected with Oxigraph's SPARQL over the same quads: rdflib's engine over
its in-memory store took a minute at 300k triples. The folder they go into, and how it
replaces the last one, is graph.pipeline.out_folder's.
"""
from __future__ import annotations

import functools
import heapq
import io
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from graph.data.load import collector_spared
from graph.model.namespaces import NS
from graph.model.superseded import HIDDEN_BY_DEFAULT
from graph.model.resources import resource_dir
from graph.network import export
from graph.pipeline.progress import Step, unreported
from graph.pipeline.spool import Spool, written_beside
from graph.store.base import PARALLEL_FROM, Payload, serialised, source_graphs
from graph.store.embedded import answering, payload_store

Writer = Callable[["BuiltData", Path], None]


class BuiltData:
    """What the writers share: each graph serialised once (the store's N-Triples, sorted; see
    graph.store.base.serialised), the same graphs in in-memory Oxigraph, the vocabulary.
    The sorted N-Triples put each subject's triples together, its predicates grouped: the
    compacted JSON-LD is written from them line by line. Converting a million rdflib terms
    one by one in Python instead took 20 s of a national build."""

    def __init__(self, vocabulary, dataset: Dataset | None = None, payloads: dict[URIRef, Payload] | None = None,
                 store: ox.Store | None = None) -> None:
        self.dataset = dataset
        self.vocabulary = vocabulary
        if payloads is not None:
            self.payloads = payloads
        if store is not None:
            self.oxigraph = store

    @functools.cached_property
    def payloads(self) -> dict[URIRef, Payload]:
        """Made here unless the build, which stores the same bytes, gave them."""
        return dict(serialised(source_graphs(self.dataset)))

    @functools.cached_property
    def oxigraph(self) -> ox.Store:
        """The quads in in-memory Oxigraph. A build gives the store it validated (graph.check),
        its graphs brought up to date."""
        return payload_store(self.payloads.items())

    @functools.cached_property
    def answers(self) -> Dataset:
        """`oxigraph` read through rdflib, for SPARQL: the views and exports project it once."""
        return answering(self.oxigraph)

    def names(self) -> list[URIRef]:
        """The serialised graphs' names, in order (as graph.pipeline.spool.Spool gives them)."""
        return sorted(self.payloads)

    def ntriples(self, name: URIRef) -> bytes:
        return self.payloads[name].ntriples

    def lines(self, name: URIRef) -> Iterator[bytes]:
        return iter(io.BytesIO(self.payloads[name].ntriples))

    @functools.cached_property
    def network(self):
        """The projection the HTML view and the network exports draw."""
        from graph.network.projection import projection
        return projection(self.answers)


def write_trig(built: BuiltData, path: Path) -> None:
    """Dumped by in-memory Oxigraph, in its own order, each subject's facts together in each
    graph: no quad passes through Python (parsing the N-Triples into Python quads and
    serialising them took 3-5 s at 1M triples, the dump 1.3 s). That order is fixed by the
    graphs' content and the order they were loaded in, which a build keeps
    (tests/pipeline/test_rebuild.py holds an edit loop's files to a full build's)."""
    built.oxigraph.dump(path, format=ox.RdfFormat.TRIG, prefixes=NS)


def write_turtle(built: BuiltData | Spool, path: Path) -> None:
    """One graph: a fact two sources state is written once, each subject's facts together
    (the graphs' sorted N-Triples merged in order, a line at a time, into a temporary file
    Oxigraph parses as it writes: the merged lines held in memory were 460 MB at 1M triples).
    Merged, a superseded fact would read as current: the superseded graph stays in the TriG."""
    lines = heapq.merge(*(built.lines(name) for name in built.names() if str(name) not in HIDDEN_BY_DEFAULT))
    with tempfile.TemporaryFile() as merged:
        merged.writelines(line for line, _ in itertools.groupby(lines))
        merged.seek(0)
        triples = (q.triple for q in ox.parse(merged, format=ox.RdfFormat.N_TRIPLES))
        ox.serialize(triples, path, format=ox.RdfFormat.TURTLE, prefixes=NS)


def write_jsonld(built: BuiltData, path: Path) -> None:
    """Expanded JSON-LD, dumped as the TriG is (4-5 s through Python at 1M triples, 2.5 s so)."""
    built.oxigraph.dump(path, format=ox.RdfFormat.JSON_LD)


def write_report(built: BuiltData, path: Path) -> None:
    lines = ["Oversight Graph validation report", "",
             "File checks: passed (syntax, references, dates, identifiers, provenance)",
             "SHACL (ontology/shapes.ttl): conforms", "", "Named graphs:"]
    for name, payload in sorted(built.payloads.items()):
        lines.append(f"  {name}  {payload.triples} triples")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_ontology_docs(built: BuiltData, path: Path) -> None:
    from graph.views.ontology_page import ontology_page
    path.write_text(ontology_page(built.vocabulary.graph), encoding="utf-8")


def write_overview(built: BuiltData, path: Path) -> None:
    """The overview `oversight view --all` draws: kinds, folded figures, hubs first."""
    from graph.views.choose import choose
    choose(built.answers).write(path, "Oversight Graph: every actor and relation")


def write_network(built: BuiltData, path: Path) -> None:
    """GraphML, GEXF or a CSV list of the projection, as the file's name says."""
    export.NETWORK_WRITERS[path.name](built.network, path)


def write_compact_jsonld(built: BuiltData | Spool, path: Path) -> None:
    """From the graphs' N-Triples as serialised, by graph name (lines split at "\\n" alone: a
    literal may hold another line separator)."""
    export.write_jsonld(((str(name), built.ntriples(name).decode().split("\n")[:-1]) for name in built.names()), path)


def write_ontology(built: BuiltData, path: Path) -> None:
    export.write_ontology_rdfxml(built.vocabulary.graph, path)


def write_context(built: BuiltData, path: Path) -> None:
    """The published context, beside the JSON-LD that uses it."""
    shutil.copyfile(resource_dir("ontology") / export.CONTEXT_FILE, path)


OUTPUTS: dict[str, tuple[str, Writer]] = {
    "oversight.trig": ("writing oversight.trig", write_trig),
    "oversight.ttl": ("writing oversight.ttl", write_turtle),
    "oversight.jsonld": ("writing oversight.jsonld", write_jsonld),
    "validation.txt": ("writing validation.txt", write_report),
    "graph.html": ("drawing graph.html", write_overview),
    **{name: (f"writing {name}", write_network) for name in export.NETWORK_WRITERS},
    "oversight.compact.jsonld": ("writing oversight.compact.jsonld", write_compact_jsonld),
    export.CONTEXT_FILE: (f"writing {export.CONTEXT_FILE}", write_context),
    "ontology.rdf": ("writing ontology.rdf", write_ontology),
    "ontology.html": ("documenting the ontology in ontology.html", write_ontology_docs),
}
"""Every file of `out/`, the stage that writes it (shown by the CLI) and its writer."""


OF_THE_GRAPHS = ("oversight.ttl", "oversight.compact.jsonld")
"""Outputs written from the serialised graphs alone, the slowest of them: past PARALLEL_FROM
triples another process writes these (graph.pipeline.spool) while this one projects, draws and
exports the network and writes the others, about as long (at 1M triples, alone: 5.8 s, the
Turtle 3.1 and the compacted JSON-LD 2.7, against 6 s for graph.html and the network's files)."""


def write_outputs(vocabulary, folder: Path, step: Step = unreported, *, dataset: Dataset | None = None,
                  payloads: dict[URIRef, Payload] | None = None, store: ox.Store | None = None) -> BuiltData:
    """Every file of OUTPUTS into `folder`, written from `dataset` or, as a build does, from its
    graphs already serialised (`payloads`, and `store` holding them); what the writers shared
    (its projection among them)."""
    built = BuiltData(vocabulary, dataset, payloads, store)
    national = sum(payload.triples for payload in built.payloads.values()) > PARALLEL_FROM
    beside = [name for name in OUTPUTS if name in OF_THE_GRAPHS] if national and (os.cpu_count() or 1) > 1 else []
    with written_beside({name: OUTPUTS[name][1] for name in beside}, folder, built.payloads) as written:
        with step("projecting the network for graph.html and the exports"), collector_spared() as made:
            built.network
            made()
        for name in OUTPUTS:
            if name not in beside:
                stage, writer = OUTPUTS[name]
                with step(stage):
                    writer(built, folder / name)
        if beside:
            with step(f"writing {', '.join(beside)} (beside the others)"):
                written()
    return built
