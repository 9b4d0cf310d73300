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
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

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


NODE_ATTRIBUTES = {"label": "label", "class": "cls", "class_label": "cls_label", "iri": "iri", "date": "date"}
"""The attributes of a node in GraphML and GEXF, and the projection's names for them."""
EDGE_ATTRIBUTES = ("label", "relation", "status", "sources", "attributed_to", "predicate")
"""The attributes of an edge in GraphML and GEXF, as `_edge_attributes` gives them."""
_GRAPHML_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_GEXF_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<gexf xmlns="http://www.gexf.net/1.2draft" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
              '  <meta>\n    <creator>Oversight Graph</creator>\n  </meta>\n'
              '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n')
_IN_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#09;"}


_MARKUP = re.compile(r'[&<>"\n\r\t]')
"""What an XML text or attribute value may need escaped: most values (ids, labels, dates)
hold none, and are written as they are (GraphML and GEXF of 1M triples: 1.1 s, not 1.3 s)."""


def _text(value: str, entities: dict[str, str] | None = None) -> str:
    """XML character data, or with `entities` (_IN_ATTRIBUTE) an attribute's."""
    return escape(value, entities or {}) if _MARKUP.search(value) else value


def _attr(value: str) -> str:
    """An XML attribute value, quoted (line breaks kept as references, as ElementTree writes them)."""
    return f'"{_text(value, _IN_ATTRIBUTE)}"'


def _node_attributes(data: dict) -> dict[str, str]:
    """A node's attributes as text (an undated node has no date)."""
    return {name: data[key] for name, key in NODE_ATTRIBUTES.items() if name != "date" or data.get(key)}


def _edge_text(data: dict) -> dict[str, str]:
    """An edge's attributes as text, in the order of EDGE_ATTRIBUTES."""
    return {"label": data["relation_label"], "relation": data["relation"], "status": data["status"],
            "sources": _sources(data["sources"]), "attributed_to": " ".join(data["attributed_to"]),
            "predicate": data["predicate"]}


def _edge_attributes(net: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """Each edge as source id, target id, key and its attributes as text."""
    ids = {node: data["id"] for node, data in net.nodes(data=True)}
    for s, o, key, data in net.edges(keys=True, data=True):
        yield ids[s], ids[o], key, _edge_text(data)


def write_graphml(net: nx.MultiDiGraph, path: Path) -> None:
    """The projection as GraphML, an element a line, written as it is read: networkx's writer
    built the whole document as an ElementTree first (5 s at 1M triples, 9 s in a build).
    Edge ids are the projection's keys, which networkx's reader takes back as keys."""
    keys = {("node", name): f"d{i}" for i, name in enumerate(NODE_ATTRIBUTES)}
    keys |= {("edge", name): f"d{len(NODE_ATTRIBUTES) + i}" for i, name in enumerate(EDGE_ATTRIBUTES)}
    with open(path, "w", encoding="utf-8") as out:
        out.write(_GRAPHML_HEAD)
        out.writelines(f'<key id="{key}" for="{kind}" attr.name="{name}" attr.type="string"/>\n'
                       for (kind, name), key in keys.items())
        out.write('<graph edgedefault="directed">\n')

        def data(kind: str, attributes: dict[str, str]) -> str:
            return "".join(f'  <data key="{keys[kind, name]}">{_text(value)}</data>\n'
                           for name, value in attributes.items())
        out.writelines(f"<node id={_attr(node['id'])}>\n{data('node', _node_attributes(node))}</node>\n"
                       for _, node in net.nodes(data=True))
        out.writelines(f"<edge source={_attr(s)} target={_attr(o)} id={_attr(key)}>\n"
                       f"{data('edge', attributes)}</edge>\n" for s, o, key, attributes in _edge_attributes(net))
        out.write("</graph>\n</graphml>\n")


def write_gexf(net: nx.MultiDiGraph, path: Path) -> None:
    """The projection as GEXF 1.2, written as it is read (as GraphML, see write_graphml), each
    dated node with the span its date covers as `start` and `end`, so that Gephi's timeline
    shows it. Each edge keeps the projection's key as `networkx_key`, as networkx writes a
    multigraph, so that networkx's reader takes it back as the key."""
    node_ids = {name: str(i) for i, name in enumerate(name for name in NODE_ATTRIBUTES if name != "label")}
    edge_ids = {name: str(len(node_ids) + i) for i, name in enumerate((*EDGE_ATTRIBUTES[1:], "networkx_key"))}

    def declared(kind: str, ids: dict[str, str]) -> str:
        return (f'    <attributes mode="static" class="{kind}">\n'
                + "".join(f'      <attribute id="{i}" title="{name}" type="string" />\n' for name, i in ids.items())
                + "    </attributes>\n")

    def values(ids: dict[str, str], attributes: dict[str, str]) -> str:
        return ("        <attvalues>\n"
                + "".join(f'          <attvalue for="{ids[name]}" value={_attr(value)} />\n'
                          for name, value in attributes.items() if name in ids)
                + "        </attvalues>\n")

    def node(data: dict) -> str:
        attributes = _node_attributes(data)
        span = ' start="%s" end="%s"' % _span(attributes["date"]) if "date" in attributes else ""
        return (f"      <node id={_attr(data['id'])} label={_attr(attributes['label'])}{span}>\n"
                f"{values(node_ids, attributes)}      </node>\n")

    with open(path, "w", encoding="utf-8") as out:
        out.write(_GEXF_HEAD + declared("edge", edge_ids) + declared("node", node_ids) + "    <nodes>\n")
        out.writelines(node(data) for _, data in net.nodes(data=True))
        out.write("    </nodes>\n    <edges>\n")
        out.writelines(f'      <edge source={_attr(s)} target={_attr(o)} id="{i}" label={_attr(attributes["label"])}>\n'
                       f"{values(edge_ids, {**attributes, 'networkx_key': key})}      </edge>\n"
                       for i, (s, o, key, attributes) in enumerate(_edge_attributes(net)))
        out.write("    </edges>\n  </graph>\n</gexf>\n")


def write_nodes_csv(net: nx.MultiDiGraph, path: Path) -> None:
    """NODE_COLUMNS: the id, then the attributes GraphML and GEXF give (no date: empty), by id."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(NODE_COLUMNS)
        for _, data in sorted(net.nodes(data=True), key=lambda n: n[1]["id"]):
            attributes = _node_attributes(data)
            writer.writerow((data["id"], *(attributes.get(name, "") for name in NODE_ATTRIBUTES)))


def write_edges_csv(net: nx.MultiDiGraph, path: Path) -> None:
    """EDGE_COLUMNS: source and target ids, "Directed", then the attributes GraphML and GEXF
    give, ordered by source, target and relation."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(EDGE_COLUMNS)
        writer.writerows((net.nodes[s]["id"], net.nodes[o]["id"], "Directed", *_edge_text(data).values())
                         for s, o, data in sorted(net.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])))


_RDF_TYPE = f"<{NS['rdf']}type>"
_XSD_STRING = f"{NS['xsd']}string"
_AS_JSON = re.compile(r'[\x00-\x1f]|\\[^\\"nrt]')
"""What, in an N-Triples string, is not also JSON's way of writing it: a control character
written as itself, an escape JSON does not have (\\U) or writes otherwise."""
_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))')
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


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


def _json_string(quoted: str) -> str:
    """An N-Triples string's text (between its quotes) as the inside of a JSON string, as
    json.dumps writes it: the same text where both write it alike, which is nearly always."""
    if not _AS_JSON.search(quoted):
        return quoted
    text = _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if m[3] is None else _ESCAPED[m[3]], quoted)
    return json.dumps(text, ensure_ascii=False)[1:-1]


def ntriples_of(quads: Iterable[ox.Quad]) -> Iterator[tuple[str | None, list[str]]]:
    """Quads ordered by graph and subject as `write_jsonld` takes them: each graph's name
    (None: the default graph) and its triples as N-Triples lines (Oxigraph writes each term)."""
    for graph, in_graph in itertools.groupby(quads, key=lambda q: q.graph_name):
        name = None if isinstance(graph, ox.DefaultGraph) else graph.value
        yield name, [f"{q.subject} {q.predicate} {q.object} ." for q in in_graph]


def write_jsonld(graphs: Iterable[tuple[str | None, Iterable[str]]], path: Path) -> None:
    """The dataset as compacted JSON-LD, the published context inline (readable offline).

    What JSON-LD compaction gives for a context of prefixes only: IRIs as prefixed names,
    rdf:type as @type, plain strings as strings, one value without its array. Each node is
    on a line of its own under its graph, as easy to read and diff as an indented document.
    `graphs` are each graph's name (None: the default graph) and its N-Triples lines, each
    subject's together and its predicates grouped: the build's serialised graphs as they are
    (graph.store.base.serialised). Each line is written as JSON from its text, as json.dumps
    would write it: parsing the lines into Oxigraph's terms first and writing each node with
    json.dumps took 7 s at 1M triples. tests/network/test_export.py reads the file back with
    rdflib, and holds it to json.dumps."""
    ctx = context()
    compact = _compactor({prefix: iri for prefix, iri in ctx.items() if isinstance(iri, str)})

    @functools.lru_cache(maxsize=1 << 16)  # classes, actors, datatypes recur
    def value(term: str) -> str:
        if term[0] == "<":
            return f'{{"@id": "{compact(term[1:-1])}"}}'
        if term[0] == "_":
            return f'{{"@id": "{term}"}}'
        end = term.rfind('"')
        text, suffix = _json_string(term[1:end]), term[end + 1:]
        if suffix.startswith("@"):
            return f'{{"@language": "{suffix[1:].lower()}", "@value": "{text}"}}'
        if suffix and suffix[3:-1] != _XSD_STRING:
            return f'{{"@value": "{text}", "@type": "{compact(suffix[3:-1])}"}}'
        return f'"{text}"'

    def name(term: str) -> str:
        return f'"{compact(term[1:-1])}"' if term[0] == "<" else f'"{term}"'

    def node(subject: str, about: Iterable[list[str]]) -> str:
        fields = [f'"@id": {name(subject)}']
        for predicate, facts in itertools.groupby(about, key=lambda triple: triple[1]):
            key, shown = ("@type", [name(t[2]) for t in facts]) if predicate == _RDF_TYPE \
                else (compact(predicate[1:-1]), [value(t[2]) for t in facts])
            fields.append(f'"{key}": ' + (shown[0] if len(shown) == 1 else f"[{', '.join(shown)}]"))
        return "{" + ", ".join(fields) + "}"

    def nodes(lines: Iterable[str], pad: str) -> Iterator[str]:
        triples = (line[:-2].split(" ", 2) for line in lines)
        for subject, about in itertools.groupby(triples, key=lambda triple: triple[0]):
            yield pad + node(subject, about)

    def written() -> Iterator[str]:
        for graph, lines in graphs:
            if graph is None:
                yield from nodes(lines, " ")
            else:
                yield f' {{"@id": "{compact(graph)}", "@graph": [\n' + ",\n".join(nodes(lines, "  ")) + "\n ]}"

    with open(path, "w", encoding="utf-8") as out:
        out.write(f'{{"@context": {json.dumps(ctx, ensure_ascii=False)}, "@graph": [\n')
        for i, text in enumerate(written()):
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
        write_jsonld(ntriples_of(ox_quads(dataset)), paths[0])
    elif fmt == "rdfxml":
        write_ontology_rdfxml(ontology(), paths[0])
    else:
        net = net if net is not None else project(dataset)
        for path in paths:
            NETWORK_WRITERS[path.name](net, path)
    return paths
