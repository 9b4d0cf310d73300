"""Read the hand-written YAML data files into RDF, one named graph per source document.

A data file describes one source document and the facts taken from it (the full format,
with a description of every key, is ontology/data-file.schema.json)::

    source:                       # the document itself
      id: "000"                   # short identifier, used in IRIs (quote it)
      class: NewsArticle          # a subclass of og:SourceDocument
      title: ...                  # in the project's own words where the source has none
      seed_file: 000_....txt      # the plain-text copy that paragraph numbers refer to
      paragraph_count: 28         # non-empty lines of that file
      publisher: oxford_mail      # an actor id (optional)
      published: 2019-05          # as precise as known (optional); published_note: words
    records:
      - id: alex_dearden          # declares a new actor, event, figure...
        class: PoliceOfficer
        label: Alex Dearden
        aliases: [Mr Dearden]
        paragraphs: [3]           # where the source says it (reference data: cites: DOC)
        props:
          org:memberOf: thames_valley_police          # an id, for relations
          employedAs: police constable                # text, for attributes
          date: {value: 2016-07, paragraphs: [23]}    # a dict overrides provenance
      - about: thames_valley_police                  # adds facts to a known record
        paragraphs: [16]
        status: stated                # the class's og:defaultClaimStatus unless given
        by: thames_valley_police      # who states, alleges, finds or denies
        props:
          refersCasesTo: iopc

Every fact becomes the plain triple (when its status asserts facts, see og:assertsFact in the
ontology) and an og:Statement node carrying the source, paragraphs, status and attribution.
The stages: parse the YAML (graph.data.yaml_lines), check each file's format against the
schema (graph.data.format), then index every id and convert the well-formed files
(graph.data.convert). Problems are collected as `DataError`s naming the file, line and record,
and nothing is returned while any remain; graph.check then runs the SHACL shapes.
"""
from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.stores.memory import Memory

from graph.data.convert import Converter
from graph.data.errors import DataError, DataErrors
from graph.data.facts import Facts
from graph.data.format import format_errors
from graph.data.graphs import GRAPH_BASE, JUDGEMENTS_GRAPH, META_GRAPH, ONTOLOGY_GRAPH, source_graph
from graph.data.judgements import judgements_file, judgements_graph
from graph.data.yaml_lines import SourceFile, display_name, parse
from graph.model.namespaces import ID, SOURCE, bind_prefixes
from graph.model.resources import resource_dir
from graph.model.vocabulary import Vocabulary
from graph.store.pool import fork_map

__all__ = ["GRAPH_BASE", "META_GRAPH", "ONTOLOGY_GRAPH", "POLICY_FILE", "LoadedData", "collector_spared", "data_files", "load"]

POLICY_FILE = "publication-policy.yaml"
"""The data folder's publication policy (graph.publish): not a data file."""


@dataclass
class LoadedData:
    """The RDF made from a data folder: one named graph per source, plus the ontology, the
    metadata about the sources and the judgements, as the loader wrote them (`named_graphs`).

    `dataset` is the same graphs in one rdflib dataset whose default graph is their union,
    made when first asked for: the build reads `named_graphs` and never needs it. Once a build
    has serialised every graph it lets go of `named_graphs` (`serialised_only`), and `dataset`
    is read back from the bytes.
    """
    named_graphs: dict[URIRef, Facts | Graph]
    sources: list[URIRef]
    """The graphs of the facts the sources give (and the identity judgements): what is reasoned over."""
    files: dict[URIRef, Path]
    vocabulary: Vocabulary
    locations: dict[URIRef, tuple[str, int]]
    """Where each record and source is declared (file, line), for messages about it."""
    statement_locations: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    """Where each og:Statement was written (file, line): an 'about' record may be in another file."""
    provenance_locations: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    """Where each og:Statement's paragraphs, status and attribution were given: its record or value."""
    payloads: dict = field(default_factory=dict)
    """Each graph serialised as validated (graph.check), by name: the build writes and stores these bytes."""
    answers: Any = None
    """The same graphs in in-memory Oxigraph, where the shapes ran: the build's views query it."""
    let_go: bool = False
    """Set once graphs were let go (`let_go_of_sources`, `serialised_only`): `payloads` holds
    those `named_graphs` no longer does."""

    @functools.cached_property
    def dataset(self) -> Dataset:
        """Every named graph in one rdflib dataset, the default graph their union."""
        dataset = bind_prefixes(Dataset(store=Memory(), default_union=True))
        for name, triples in self.named_graphs.items():
            _add(dataset.graph(name), triples)
        for name, payload in self.payloads.items() if self.let_go else ():
            if name not in self.named_graphs:
                dataset.graph(name).parse(data=payload.ntriples, format="nt")
        return dataset

    def serialised_only(self, payloads: dict) -> None:
        """Keep every graph as serialised (`payloads`, graph.store.base.Payload) and let go of
        the loader's own: a build writes and stores those bytes, and the graphs, held until its
        outputs were written, were 80-110 MB of its peak memory at 1M triples."""
        self.payloads = payloads
        self.named_graphs = {}
        self.let_go = True

    def let_go_of_sources(self) -> None:
        """Let go of the loader's source graphs, which validation serialised (`payloads`): the
        other graphs stay, to be completed (graph.pipeline.build.assemble)."""
        for name in self.sources:
            self.named_graphs.pop(name, None)
        self.let_go = True

    def extend(self, name: URIRef, triples: Iterable[tuple]) -> None:
        """Add triples to a named graph (made if new), and to `dataset` if it was made."""
        if self.let_go and name not in self.named_graphs and name in self.payloads:
            raise ValueError("the graph was let go once serialised (LoadedData.let_go_of_sources, serialised_only): "
                             "add to it before")
        triples = list(triples)
        self.named_graphs.setdefault(name, Facts(name)).update(triples)  # type: ignore[union-attr]
        if "dataset" in self.__dict__:
            _add(self.dataset.graph(name), triples)

    @property
    def graphs(self) -> dict[URIRef, Graph]:
        """The source graphs (and the judgements') in `dataset`."""
        return {name: self.dataset.graph(name) for name in self.sources}

    @property
    def meta(self) -> Graph:
        return self.dataset.graph(META_GRAPH)

    def facts(self) -> Graph:
        """Every source graph merged (statements and plain triples), without the ontology."""
        merged = Graph()
        for name in self.sources:
            merged += self.dataset.graph(name) if self.let_go else self.named_graphs[name]
        return merged


def _add(graph: Graph, triples: Iterable[tuple]) -> None:
    graph.addN((s, p, o, graph) for s, p, o in triples)


_SPARING: list[bool] = []
"""One entry per run sparing the collector (`collector_spared`), the outermost first."""


@contextmanager
def collector_spared() -> Iterator[Callable[[], None]]:
    """Python's cycle collector kept off the data a run loads: the loader's millions of
    rdflib objects live until the run (a validation, a build) ends, and every full collection
    walked them all (a fifth of a 1M build: 122 s against 99 s, peak memory the same). Off
    while they are made; then on again, with them frozen out of its passes (`made()`,
    gc.freeze), until the run ends.

    Inside another run's, the same for what the inner one makes (the network a build projects
    for its views: the full collections of drawing graph.html walked it, 1.5 s at 1M triples),
    the collector left as the outer one set it; the outer one's end gives it back."""
    inner = bool(_SPARING)
    collecting = gc.isenabled()
    gc.disable()
    _SPARING.append(True)

    def made() -> None:
        gc.freeze()
        if collecting:
            gc.enable()
    try:
        yield made
    finally:
        _SPARING.pop()
        if not inner:
            gc.unfreeze()
        if collecting:
            gc.enable()


def data_files(data_dir: Path, errors: list[DataError]) -> list[Path]:
    """The *.yaml and *.yml files under `data_dir`, symbolic links to folders not followed (so
    no loop); a folder that cannot be listed is a problem to report, not data to skip."""
    found = []

    def unreadable(exc: OSError) -> None:
        errors.append(DataError(display_name(Path(exc.filename), data_dir), None, None,
                                f"this folder cannot be read ({exc.strerror})"))

    for folder, _, names in os.walk(data_dir, onerror=unreadable):
        found += [Path(folder, name) for name in names if name.endswith((".yaml", ".yml"))
                  and Path(folder, name) != judgements_file(data_dir)
                  and not (name == POLICY_FILE and Path(folder) == Path(data_dir))]
    return sorted(found)


PARSED_APART_FROM = 2_000_000
"""Bytes of data files past which they are parsed in forked processes (a pool costs tens of
milliseconds). Parsing is nearly half of reading a national folder, and each file's YAML
stands alone: at 1M triples (7.7 MB of YAML) two processes took 1.8-2.0 s, one 2.5-3.0 s."""


def _parsed(files: list[Path], data_dir: Path, errors: list[DataError]) -> Iterator[SourceFile | None]:
    """Each file's YAML, in order (None where it cannot be read), its problems added to `errors`."""
    size = sum(path.stat().st_size for path in files if path.is_file())
    for parsed, problems in fork_map(_parse, files, data_dir, workers=None if size > PARSED_APART_FROM else 1):
        errors += problems
        yield parsed


def _parse(data_dir: Path, path: Path) -> tuple[SourceFile | None, list[DataError]]:
    problems: list[DataError] = []
    return parse(path, data_dir, problems), problems


def load(data_dir: Path | None = None, vocabulary: Vocabulary | None = None, pending_ok: bool = False) -> LoadedData:
    """Parse, check and convert every data file; raise DataErrors listing all problems.

    Records awaiting review (`review: pending`) are problems unless `pending_ok`: `oversight
    new` reads them, so that two scaffolds can wait for review side by side."""
    data_dir = Path(data_dir) if data_dir else resource_dir("data")
    vocab = vocabulary or Vocabulary()
    errors: list[DataError] = []
    files = data_files(data_dir, errors)
    if not files and not errors:
        raise DataErrors([DataError(str(data_dir), None, None, "no .yaml data files found here")])
    parsed = [sf for sf in _parsed(files, data_dir, errors) if sf]
    well_formed = []
    for sf in parsed:
        problems = format_errors(sf)
        errors += problems
        if not problems:
            well_formed.append(sf)
    named_graphs: dict[URIRef, Facts | Graph] = {ONTOLOGY_GRAPH: vocab.graph}
    converter = Converter(vocab, errors, named_graphs, pending_ok)
    for sf in parsed:
        converter.index(sf)
    sources = [converter.convert(sf).identifier for sf in well_formed if sf.source_id]
    judged = judgements_graph(data_dir, converter.ids, errors)
    if judged is not None:
        named_graphs[JUDGEMENTS_GRAPH] = Facts(JUDGEMENTS_GRAPH, judged)
        sources.append(JUDGEMENTS_GRAPH)
    converter.supersede()
    if errors:
        raise DataErrors(errors)
    locations = {ID[i]: (f, line) for i, (f, line, _) in converter.ids.items()}
    locations.update((SOURCE[sf.source_id], (sf.name, sf.doc.value_lines["source"])) for sf in parsed)
    return LoadedData(named_graphs, sources,
                      {source_graph(sf.source_id): sf.path for sf in parsed}, vocab, locations,
                      converter.statements.locations, converter.statements.provenance_locations)
