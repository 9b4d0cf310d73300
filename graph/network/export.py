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
import json
from collections.abc import Callable, Iterable
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


def compact_jsonld(expanded: list[dict], prefixes: dict[str, str]) -> dict:
    """JSON-LD in expanded form (as Oxigraph writes it) compacted against a context that
    defines prefixes only: IRIs as prefixed names, rdf:type as @type, plain strings as
    strings, one value without its array. This is what JSON-LD compaction gives for such a
    context; tests/network/test_export.py reads the result back with rdflib to check it."""
    compact = _compactor(prefixes)

    def value(v: dict):
        if "@id" in v:
            return {"@id": compact(v["@id"])}
        if "@type" in v:
            return {"@value": v["@value"], "@type": compact(v["@type"])}
        return v if "@language" in v else v["@value"]

    def node(n: dict) -> dict:
        out: dict = {}
        for key, values in n.items():
            if key == "@id":
                out["@id"] = compact(values)
            elif key == "@graph":
                out["@graph"] = [node(m) for m in values]
            elif key == "@type" or key == NS["rdf"] + "type":
                types = [compact(t if isinstance(t, str) else t["@id"]) for t in values]
                out["@type"] = types[0] if len(types) == 1 else types
            else:
                shown = [value(v) for v in values]
                out[compact(key)] = shown[0] if len(shown) == 1 else shown
        return out
    return {"@graph": [node(n) for n in expanded]}


def write_jsonld(quads: Iterable[ox.Quad], path: Path) -> None:
    """The dataset as compacted JSON-LD with the published context inline (readable offline)."""
    ctx = context()
    expanded = json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD))
    document = {"@context": ctx, **compact_jsonld(expanded, {k: v for k, v in ctx.items() if isinstance(v, str)})}
    path.write_text(node_per_line(document), encoding="utf-8")


def node_per_line(document: dict) -> str:
    """The JSON text of a JSON-LD document, each node on a line of its own under its graph:
    as easy to read and diff as an indented one, and written by json's C encoder (an indent
    makes json use its Python encoder, 4 of the 5 s it took to write a national graph)."""
    def graph(nodes: list[dict], depth: int) -> str:
        pad = " " * depth
        return "[\n" + ",\n".join(pad + one(n, depth) for n in nodes) + "\n" + pad[:-1] + "]"

    def one(n: dict, depth: int) -> str:
        if "@graph" not in n:
            return json.dumps(n, ensure_ascii=False)
        fields = [f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
                  for key, value in n.items() if key != "@graph"]
        return "{" + ", ".join([*fields, f'"@graph": {graph(n["@graph"], depth + 1)}']) + "}"
    return one(document, 0) + "\n"


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
