"""The main job: validate the data, build the dataset, write `out/` in one piece, fill the store.

Outputs are written into a fresh folder beside the target and swapped in only when all of
them exist, so a failed build leaves the previous `out/` as it was; a folder holding files no
build wrote is refused before anything is done (graph.pipeline.outputs). The store is loaded
by a thread from the moment the data is validated, where no reader sees it
(graph.pipeline.ingest): its new graphs are seen once the outputs are in place, and a failed
build leaves it as it was too.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef

from graph.check import check
from graph.data.facts import Facts
from graph.data.load import GRAPH_BASE, META_GRAPH, ONTOLOGY_GRAPH, LoadedData, collector_spared
from graph.model.namespaces import OG, PROV, RDF, RDFS
from graph.pipeline.inference import closure
from graph.network.projection import keep_projection
from graph.pipeline.ingest import Changes, StagedBeside
from graph.pipeline.out_folder import PUBLIC, STORE, discard, refuse_foreign, staging_folder, swap_in
from graph.pipeline.outputs import BuiltData, write_outputs
from graph.pipeline.progress import Step, unreported
from graph.store import store_folder
from graph.store.base import Payload, serialised
from graph.store.embedded import answering, payload_store

INFERRED_GRAPH = URIRef(GRAPH_BASE + "inferred")


@dataclass
class BuildResult:
    data: LoadedData
    out_dir: Path | None = None
    store: str | None = None
    """Where the source graphs were loaded, and what changed there."""
    changes: Changes | None = None

    @property
    def dataset(self) -> Dataset:
        """Every graph built, in one rdflib dataset (made when first asked for: a build does not)."""
        return self.data.dataset


def assemble(data: LoadedData, keep_sources: bool = True) -> LoadedData:
    """The loaded graphs (a named graph per source, the ontology and the metadata), completed
    with the inferred triples and where they come from. Without `keep_sources`, the loader's
    source graphs are let go once the reasoner's premises are read from them (a build stores
    and writes them as validation serialised them): the reasoner's work fills the memory they
    held (at 3M triples the process was 240 MB smaller after the inference, and the whole
    tree's peak, then at the inference, 160 MB lower)."""
    sources = (data.named_graphs[name] for name in data.sources)
    read = (lambda: None) if keep_sources else data.let_go_of_sources
    data.extend(INFERRED_GRAPH, closure(sources, data.vocabulary.graph, read))
    data.extend(META_GRAPH, [
        (INFERRED_GRAPH, RDF.type, PROV.Entity),
        (INFERRED_GRAPH, RDFS.label, Literal("Conclusions of an OWL 2 RL closure (the reasonable reasoner) over the asserted facts and the ontology")),
        *((INFERRED_GRAPH, PROV.wasDerivedFrom, name) for name in data.sources),
        (ONTOLOGY_GRAPH, RDF.type, PROV.Entity),
        (ONTOLOGY_GRAPH, PROV.wasDerivedFrom, URIRef(str(OG).rstrip("#")))])
    return data


ASSEMBLED = (META_GRAPH, INFERRED_GRAPH)
"""The graphs `assemble` writes to: every other is serialised as validated (graph.check)."""


def assembled(data: LoadedData) -> dict[URIRef, Facts]:
    """The graphs `assemble` wrote, to be serialised again."""
    return {name: data.named_graphs[name] for name in ASSEMBLED if len(data.named_graphs[name])}


def of_assembled(payloads: dict[URIRef, Payload], assembled: bool = True) -> dict[URIRef, Payload]:
    """The serialised graphs `assemble` writes to (or, not `assembled`, all the others)."""
    return {name: payload for name, payload in payloads.items() if (name in ASSEMBLED) == assembled}


def build_dataset(data_dir: Path | None = None, step: Step = unreported) -> BuildResult:
    """Validate and assemble in memory (what tests and notebooks use)."""
    data = check(data_dir, step)
    with step("OWL 2 RL inference"):
        return BuildResult(assemble(data))


def built_answers(data_dir: Path | None = None, history: bool = False) -> Dataset:
    """The data validated and built, answered by in-memory Oxigraph (with `history`, the
    superseded facts too): what the asking commands read when no store is named. No rdflib
    dataset is made: the store the shapes ran on is brought up to date."""
    with collector_spared() as made:
        result = build_dataset(data_dir)
        made()
        return answering(completed(result.data)[1], history=history)


def completed(data: LoadedData) -> tuple[dict[URIRef, Payload], ox.Store]:
    """Every graph serialised (those validated as they were, the assembled ones now) and the
    in-memory store the shapes ran on, holding them all."""
    changed = dict(serialised(assembled(data)))
    return {**data.payloads, **changed}, payload_store(changed.items(), data.answers)


def build(data_dir: Path | None = None, out_dir: Path = Path("out"), step: Step = unreported,
          store: str | None = None, public: bool = False) -> BuildResult:
    """Validate, assemble, write every output and load the changed source graphs into
    `store` (default: OUT/store), seen there once the outputs are in place. With `public`,
    OUT/public gets every output again, made from the dataset the publication policy lets be
    published (graph.publish). Raises
    OutputFolderInUse before anything else if `out_dir` holds files no build wrote,
    DataErrors before writing anything, and leaves the previous outputs in place if writing fails.

    The store takes the validated graphs as soon as they are, while the inference runs (one
    CPU busy) and then the outputs are written (graph.pipeline.ingest.StagedBeside)."""
    out_dir = Path(os.path.realpath(out_dir)) if os.path.islink(out_dir) else Path(out_dir)
    refuse_foreign(out_dir)
    with collector_spared() as made:
        result = BuildResult(check(data_dir, step), out_dir, store or str(out_dir / STORE))
        staging = staging_folder(out_dir)
        store_staged = StagedBeside(_staged_at(result.store, out_dir, staging),
                                    of_assembled(result.data.payloads, assembled=False))
        try:
            with step("OWL 2 RL inference"):
                assemble(result.data, keep_sources=public)  # the publication policy reads them
            made()
            built = _write(result, data_dir, staging, step, store_staged, public)
            with step(f"loading the changed source graphs into {result.store} (beside the inference and the outputs)"):
                result.changes = store_staged.staged()
            swap_in(staging, out_dir)
        except BaseException:
            store_staged.abandon()
            discard(staging)
            raise
    with step(f"making the new graphs seen in {result.store}"), store_staged.publish(result.store) as target:
        keep_projection(target.dataset, built.network)
    return result


def _write(result: BuildResult, data_dir: Path | None, staging: Path, step: Step, store_staged: StagedBeside,
           public: bool) -> BuiltData:
    """Every output written into `staging` (and its public folder), the assembled graphs given
    to the store once serialised."""
    published = None
    if public:
        from graph.publish.policy import read_policy
        from graph.publish.transform import public_dataset
        with step("applying the publication policy"):
            published = public_dataset(result.dataset, read_policy(data_dir, result.data.vocabulary))
    with step("serialising the inferred graph and the metadata"):
        payloads, answers = completed(result.data)
        store_staged.give(of_assembled(payloads), last=True)
        result.data.serialised_only(payloads)
    built = write_outputs(result.data.vocabulary, staging, step, payloads=payloads, store=answers)
    if published is not None:
        write_outputs(result.data.vocabulary, staging_folder(staging, PUBLIC), step, dataset=published)
    return built


def _staged_at(spec: str, out_dir: Path, staging: Path) -> str:
    """Where the store is staged: at `spec`, unless it is a folder to be made inside out/
    (the default store of a first build). That one is made in the staging folder, which
    becomes out/ with it: made in out/, it would make out/ a folder no build wrote."""
    folder = store_folder(spec)
    if folder is None:
        return spec
    try:
        inside = Path(os.path.abspath(folder)).relative_to(os.path.abspath(out_dir))
    except ValueError:
        return spec
    return str(staging / inside) if inside.parts and not (out_dir / inside.parts[0]).exists() else spec
