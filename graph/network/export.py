"""The graph for other tools: GraphML and GEXF (Gephi, networkx, Cytoscape), CSV node and edge
lists, compacted JSON-LD, and the ontology as RDF/XML.

The network files are the projection (graph.network.projection): a node per actor, event,
document or figure with its class and label, an edge per sourced statement with its relation,
claim status and sources, so that an allegation stays apart from a finding in Gephi too.
"""
from __future__ import annotations

import calendar
import csv
import functools
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph

from graph.model.namespaces import NS
from graph.model.resources import ontology_file, resource_dir
from graph.network.projection import project
from graph.store.terms import canonical_triples, ox_quads, to_ox

CONTEXT_FILE = "context.jsonld"
"""The JSON-LD context of the exports, in ontology/ and served by `oversight serve` at /context.jsonld."""
NODE_COLUMNS = ("Id", "Label", "class", "class_label", "iri", "date")
EDGE_COLUMNS = ("Source", "Target", "Type", "Label", "relation", "status", "sources", "attributed_to", "predicate")
"""Gephi's spreadsheet import reads Id/Label and Source/Target/Type/Label; the rest are attributes."""


def context() -> dict:
    """The published JSON-LD context: the project's prefixes (ontology/context.jsonld)."""
    return json.loads((resource_dir("ontology") / CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]


def _sources(sources: list[dict]) -> str:
    return "; ".join(f"{s['source']} ¶{','.join(map(str, s['paragraphs']))}" if s["paragraphs"] else s["source"]
                     for s in sources)


def _span(date: str) -> tuple[str, str]:
    """A date as precise as known, as the first and last day it may be: '2015' spans the year."""
    parts = [int(p) for p in date.split("-")[:3]]
    year, month = parts[0], parts[1] if len(parts) > 1 else None
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if len(parts) == 2:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return (date[:10],) * 2


def flat(net: nx.MultiDiGraph, with_dates: bool = False) -> nx.MultiDiGraph:
    """The projection with attributes GraphML and GEXF can hold (text, not lists); with
    `with_dates`, dated nodes get GEXF `start`/`end`, the span their date covers."""
    out = nx.MultiDiGraph()
    for node, data in net.nodes(data=True):
        attrs = {"label": data["label"], "class": data["cls"], "class_label": data["cls_label"], "iri": data["iri"]}
        if data.get("date"):
            attrs["date"] = data["date"]
            if with_dates:
                attrs["start"], attrs["end"] = _span(data["date"])
        out.add_node(data["id"], **attrs)
    for s, o, key, data in net.edges(keys=True, data=True):
        out.add_edge(net.nodes[s]["id"], net.nodes[o]["id"], key=key, label=data["relation_label"],
                     relation=data["relation"], status=data["status"], sources=_sources(data["sources"]),
                     attributed_to=" ".join(data["attributed_to"]), predicate=data["predicate"])
    return out


def write_graphml(net: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(flat(net), path)


def write_gexf(net: nx.MultiDiGraph, path: Path) -> None:
    nx.write_gexf(flat(net, with_dates=True), path)


def write_nodes_csv(net: nx.MultiDiGraph, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(NODE_COLUMNS)
        writer.writerows((d["id"], d["label"], d["cls"], d["cls_label"], d["iri"], d.get("date") or "")
                         for _, d in sorted(net.nodes(data=True), key=lambda n: n[1]["id"]))


def write_edges_csv(net: nx.MultiDiGraph, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(EDGE_COLUMNS)
        writer.writerows((net.nodes[s]["id"], net.nodes[o]["id"], "Directed", d["relation_label"], d["relation"],
                          d["status"], _sources(d["sources"]), " ".join(d["attributed_to"]), d["predicate"])
                         for s, o, d in sorted(net.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])))


_RDF_TYPE = ox.NamedNode(NS["rdf"] + "type")
_XSD_STRING = ox.NamedNode(NS["xsd"] + "string")


def _compactor(prefixes: dict[str, str]) -> Callable[[str], str]:
    ordered = sorted(prefixes.items(), key=lambda item: -len(item[1]))  # longest namespace first

    @functools.cache  # each predicate, class and resource is named again and again
    def compact(iri: str) -> str:
        for prefix, namespace in ordered:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and not local.startswith("//") and ":" not in local:
                return f"{prefix}:{local}"
        return iri
    return compact


def write_jsonld(quads: Iterable[ox.Quad], path: Path) -> None:
    """The dataset as compacted JSON-LD, the published context inline (readable offline).

    What JSON-LD compaction gives for a context of prefixes only: IRIs as prefixed names,
    rdf:type as @type, plain strings as strings, one value without its array. Each node is
    on a line of its own under its graph, as easy to read and diff as an indented document
    and written by json's C encoder. The quads come ordered by graph and subject, and each
    node is written as its quads are read: compacting Oxigraph's expanded JSON-LD held the
    whole document in Python, 14 s and 300 MB at 1M triples. tests/network/test_export.py
    reads the file back with rdflib."""
    ctx = context()
    compact = _compactor({prefix: iri for prefix, iri in ctx.items() if isinstance(iri, str)})
    dumps = functools.partial(json.dumps, ensure_ascii=False)

    def name(term: ox.NamedNode | ox.BlankNode) -> str:
        return compact(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"

    def value(term: ox.Term) -> str | dict:
        if not isinstance(term, ox.Literal):
            return {"@id": name(term)}
        if term.language:
            return {"@language": term.language, "@value": term.value}
        if term.datatype == _XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compact(term.datatype.value)}

    def node(subject: ox.NamedNode | ox.BlankNode, about: Iterable[ox.Quad]) -> str:
        fields: dict = {"@id": name(subject)}
        for predicate, facts in itertools.groupby(about, key=lambda q: q.predicate):
            key, shown = ("@type", [name(q.object) for q in facts]) if predicate == _RDF_TYPE \
                else (compact(predicate.value), [value(q.object) for q in facts])
            fields[key] = shown[0] if len(shown) == 1 else shown
        return dumps(fields)

    def nodes(graph_quads: Iterable[ox.Quad], pad: str) -> Iterator[str]:
        for subject, about in itertools.groupby(graph_quads, key=lambda q: q.subject):
            yield pad + node(subject, about)

    def graphs() -> Iterator[str]:
        for graph, in_graph in itertools.groupby(quads, key=lambda q: q.graph_name):
            if isinstance(graph, ox.DefaultGraph):
                yield from nodes(in_graph, " ")
            else:
                yield f' {{"@id": {dumps(name(graph))}, "@graph": [\n' + ",\n".join(nodes(in_graph, "  ")) + "\n ]}"

    with open(path, "w", encoding="utf-8") as out:
        out.write(f'{{"@context": {dumps(ctx)}, "@graph": [\n')
        for i, text in enumerate(graphs()):
            out.write(",\n" + text if i else text)
        out.write("\n]}\n")


def write_ontology_rdfxml(ontology: Graph, path: Path) -> None:
    """The ontology as RDF/XML, for Protégé and other OWL tools that prefer it: blank nodes
    labelled canonically and triples written in order by Oxigraph, so that two builds write
    the same bytes (rdflib's writer follows its store's set order, which differs between processes)."""
    triples = sorted(canonical_triples(ontology), key=lambda t: tuple(map(str, t)))
    prefixes = {prefix: str(namespace) for prefix, namespace in ontology.namespaces() if prefix}
    ox.serialize((ox.Triple(*map(to_ox, t)) for t in triples), path, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)


def ontology() -> Graph:
    return Graph().parse(ontology_file())


NETWORK_WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], None]] = {
    "oversight.graphml": write_graphml, "oversight.gexf": write_gexf,
    "nodes.csv": write_nodes_csv, "edges.csv": write_edges_csv,
}
"""The files drawn from the projection, each with its writer."""
EXPORTS: dict[str, tuple[str, ...]] = {
    "graphml": ("oversight.graphml",),
    "gexf": ("oversight.gexf",),
    "csv": ("nodes.csv", "edges.csv"),
    "jsonld": ("oversight.compact.jsonld",),
    "rdfxml": ("ontology.rdf",),
}
"""Each export format and the files it writes."""


def export(dataset: Dataset, fmt: str, folder: Path, net: nx.MultiDiGraph | None = None) -> list[Path]:
    """Write the `fmt` export of `dataset` into `folder` (made if missing); the paths written."""
    if fmt not in EXPORTS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORTS)}")
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in EXPORTS[fmt]]
    if fmt == "jsonld":
        write_jsonld(ox_quads(dataset), paths[0])
    elif fmt == "rdfxml":
        write_ontology_rdfxml(ontology(), paths[0])
    else:
        net = net if net is not None else project(dataset)
        for path in paths:
            NETWORK_WRITERS[path.name](net, path)
    return paths
