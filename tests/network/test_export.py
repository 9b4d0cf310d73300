"""Exports other tools open: networkx reads GraphML and GEXF back with the projection's nodes,
edges and attributes; rdflib reads the compacted JSON-LD back to the same dataset; the
ontology's RDF/XML is the ontology."""
from __future__ import annotations

import csv
import json
from collections import Counter

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.model.namespaces import PREFIXES
from graph.model.resources import ontology_file, resource_dir
from graph.network.export import (CONTEXT_FILE, EXPORTS, _edge_attributes, _node_attributes, _span, export,
                                  ntriples_of, write_gexf, write_graphml, write_jsonld)
from graph.store.terms import nt_term


@pytest.fixture(scope="module")
def exported(tmp_path_factory, dataset, net):
    folder = tmp_path_factory.mktemp("export")
    for fmt in EXPORTS:
        export(dataset, fmt, folder, net)
    return folder


@pytest.mark.parametrize("name, read", [("oversight.graphml", nx.read_graphml), ("oversight.gexf", nx.read_gexf)])
def test_networkx_reads_back_every_node_and_edge_with_its_attributes(exported, net, name, read):
    back = read(exported / name)
    assert back.is_directed() and back.is_multigraph()
    assert (back.number_of_nodes(), back.number_of_edges()) == (net.number_of_nodes(), net.number_of_edges())
    tvp = back.nodes["thames_valley_police"]
    assert (tvp["label"], tvp["class"]) == ("Thames Valley Police", "PoliceForce")
    statuses = Counter(d["status"] for _, _, d in back.edges(data=True))
    assert statuses == Counter(d["status"] for _, _, d in net.edges(data=True))
    edge = next(d for s, o, d in back.edges(data=True)
                if (s, o, d["relation"]) == ("thames_valley_police", "thames_valley_pcc", "overseenBy")
                and d["status"] == "reported")
    assert edge["sources"] == "000 ¶1,17" and edge["label"] == "overseen by"


@pytest.mark.parametrize("name, write, read", [("oversight.graphml", nx.write_graphml, nx.read_graphml),
                                               ("oversight.gexf", nx.write_gexf, nx.read_gexf)])
def test_networkx_reads_back_what_its_own_writer_would_have_written(exported, net, tmp_path, name, write, read):
    """networkx's writers, which the project's streaming ones replace, are the reference: the
    same nodes, edges, keys and attributes come back from both files, in the same order."""
    reference = nx.MultiDiGraph()
    for _, data in net.nodes(data=True):
        attributes = _node_attributes(data)
        if name.endswith(".gexf") and "date" in attributes:
            attributes["start"], attributes["end"] = _span(attributes["date"])
        reference.add_node(data["id"], **attributes)
    for s, o, key, attributes in _edge_attributes(net):
        reference.add_edge(s, o, key=key, **attributes)
    write(reference, tmp_path / name)
    ours, theirs = read(exported / name), read(tmp_path / name)
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert ours.graph == theirs.graph


def test_text_that_xml_must_escape_comes_back_as_written(tmp_path):
    net = nx.MultiDiGraph()
    odd = 'A & B <"quoted">\n\tnext line'
    net.add_node("x", id="x&1", label=odd, cls="C", cls_label=odd, iri="https://example.org/x?a=1&b=2", date="2016-02")
    net.add_node("y", id="y", label="", cls="C", cls_label="c", iri="https://example.org/y")
    net.add_edge("x", "y", key='r|"s"', relation_label=odd, relation="r", status="s", predicate="https://example.org/r",
                 sources=[{"source": "0&1", "paragraphs": [2]}], attributed_to=["a<b"])
    net.add_edge("x", "y", key="r|t", relation_label="r", relation="r", status="t", predicate="https://example.org/r",
                 sources=[{"source": "0", "paragraphs": []}], attributed_to=[])  # parallel: read back as a multigraph
    write_graphml(net, tmp_path / "g.graphml")
    write_gexf(net, tmp_path / "g.gexf")
    for back in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert back.nodes["x&1"]["label"] == odd and back.nodes["x&1"]["iri"] == "https://example.org/x?a=1&b=2"
        assert back.nodes["y"]["label"] == "" and "date" not in back.nodes["y"]
        data = back.edges["x&1", "y", 'r|"s"']
        assert (data["label"], data["sources"], data["attributed_to"]) == (odd, "0&1 ¶2", "a<b")


@pytest.mark.parametrize("odd", list('&<>"\n\t'))
def test_a_value_holding_one_character_xml_must_escape_comes_back_as_written(odd, tmp_path):
    """Values without any are written as they are: each such character alone is still escaped."""
    net = nx.MultiDiGraph()
    net.add_node("x", id=f"x{odd}1", label=f"a{odd}b", cls="C", cls_label="c", iri="https://example.org/x")
    write_graphml(net, tmp_path / "g.graphml")
    write_gexf(net, tmp_path / "g.gexf")
    for back in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert back.nodes[f"x{odd}1"]["label"] == f"a{odd}b"


def test_gexf_gives_gephi_the_span_of_each_dated_node(exported, net):
    back = nx.read_gexf(exported / "oversight.gexf")
    dated = {d["id"]: d["date"] for _, d in net.nodes(data=True) if d.get("date")}
    assert dated
    for node, date in dated.items():
        assert (back.nodes[node]["start"], back.nodes[node]["end"]) == _span(date)
    assert _span("2015") == ("2015-01-01", "2015-12-31") and _span("2016-02") == ("2016-02-01", "2016-02-29")


def test_csv_lists_are_gephi_spreadsheets_of_the_projection(exported, net):
    with open(exported / "nodes.csv", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(exported / "edges.csv", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert (len(nodes), len(edges)) == (net.number_of_nodes(), net.number_of_edges())
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids and e["Type"] == "Directed" for e in edges)
    assert [n["Id"] for n in nodes] == sorted(ids)


def test_csv_lists_hold_what_graphml_holds(exported):
    """Each node and edge of the spreadsheets has the attributes the GraphML gives it (Label
    for label, an empty date for none), so the formats cannot drift apart."""
    back = nx.read_graphml(exported / "oversight.graphml")
    with open(exported / "nodes.csv", encoding="utf-8") as f:
        nodes = {row.pop("Id"): row for row in csv.DictReader(f)}
    assert nodes == {node: {"Label": data["label"], "class": data["class"], "class_label": data["class_label"],
                            "iri": data["iri"], "date": data.get("date", "")} for node, data in back.nodes(data=True)}
    assert any(row["date"] for row in nodes.values()) and any(not row["date"] for row in nodes.values())
    with open(exported / "edges.csv", encoding="utf-8") as f:
        edges = Counter(tuple(row.values()) for row in csv.DictReader(f))
    assert edges == Counter((s, o, "Directed", d["label"], d["relation"], d["status"], d["sources"],
                             d.get("attributed_to", ""), d["predicate"]) for s, o, d in back.edges(data=True))
    assert any(row[7] for row in edges)  # someone is named as the one who says it


def test_compacted_json_ld_reads_back_as_the_dataset(exported, dataset):
    text = (exported / "oversight.compact.jsonld").read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["@context"] == json.loads((resource_dir("ontology") / CONTEXT_FILE).read_text())["@context"]
    assert '"@id": "id:thames_valley_police"' in text and '"@type": "og:PoliceForce"' in text  # compacted
    back = Dataset()
    back.parse(data=json.dumps(document), format="json-ld")
    assert len(back) == len(dataset)
    from rdflib.compare import isomorphic
    graphs = {g.identifier for g in dataset.graphs()}
    assert graphs == {g.identifier for g in back.graphs()}
    for name in graphs:  # blank nodes (the ontology's cube structure) come back as other blank nodes
        assert isomorphic(back.graph(name), dataset.graph(name)), name


def test_compacted_json_ld_writes_each_kind_of_term_as_compaction_does(tmp_path):
    og, xsd, g = PREFIXES["og"], PREFIXES["xsd"], ox.NamedNode(str(PREFIXES["src"]) + "a")
    force, rdf_type = ox.NamedNode(str(PREFIXES["id"]) + "force"), ox.NamedNode(str(PREFIXES["rdf"]) + "type")
    quads = [ox.Quad(s, ox.NamedNode(str(p)), o, graph) for graph, s, p, o in [
        (g, force, og.name, ox.Literal("Thames Valley Police")),
        (g, force, og.name, ox.Literal("TVP", language="en")),
        (g, force, og.officers, ox.Literal("4", datatype=ox.NamedNode(str(xsd.positiveInteger)))),
        (g, force, og.oversees, ox.BlankNode("b0")),
        (g, ox.BlankNode("b0"), og.name, ox.Literal("a panel")),
        (ox.DefaultGraph(), force, og.name, ox.Literal("in the default graph"))]]
    quads[3:3] = [ox.Quad(force, rdf_type, ox.NamedNode(str(og.PoliceForce)), g)]
    path = tmp_path / "c.jsonld"
    write_jsonld(ntriples_of(quads), path)
    assert json.loads(path.read_text(encoding="utf-8"))["@graph"] == [
        {"@id": "src:a", "@graph": [
            {"@id": "id:force", "og:name": ["Thames Valley Police", {"@language": "en", "@value": "TVP"}],
             "og:officers": {"@value": "4", "@type": "xsd:positiveInteger"}, "@type": "og:PoliceForce",
             "og:oversees": {"@id": "_:b0"}},
            {"@id": "_:b0", "og:name": "a panel"}]},
        {"@id": "id:force", "og:name": "in the default graph"}]
    write_jsonld([], path)
    assert json.loads(path.read_text(encoding="utf-8"))["@graph"] == []


AWKWARD = ['say "no"', "back\\slash", "two\nlines\r\n", "tab\there", "bell\x07 and nul\x00", "\x08\x0c\x1f\x7f",
           "line\u2028separator\x85", "Mêlée, 警察 😀", "ends with a backslash\\"]
"""Text the N-Triples writers (the build's and Oxigraph's) and json.dumps write differently, or alike."""


@pytest.mark.parametrize("writer", ["the build's serialisation", "Oxigraph's"])
def test_compacted_json_ld_writes_every_string_as_json_dumps_does(tmp_path, writer):
    """The writer copies an N-Triples string's text where JSON writes it alike, and must
    write it as json.dumps would where not (a control character, \\u, \\b)."""
    from rdflib import Literal, URIRef
    g, s, p = (str(PREFIXES["src"]) + "a"), str(PREFIXES["id"]) + "x", str(PREFIXES["og"]) + "name"
    values = [Literal(text) for text in AWKWARD] + [Literal("Tag", lang="en-GB")]
    if writer == "Oxigraph's":
        quads = [ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(str(v), language=v.language), ox.NamedNode(g))
                 for v in values]
        graphs = ntriples_of(quads)
    else:
        graphs = [(g, [f"{nt_term(URIRef(s))} {nt_term(URIRef(p))} {nt_term(v)} ." for v in values])]
    path = tmp_path / "c.jsonld"
    write_jsonld(graphs, path)
    text = path.read_text(encoding="utf-8")
    written = json.loads(text)["@graph"][0]["@graph"][0]["og:name"]
    assert written == AWKWARD + [{"@language": "en-gb", "@value": "Tag"}]
    for value in AWKWARD:
        assert json.dumps(value, ensure_ascii=False) in text


def test_the_published_context_names_the_project_prefixes():
    published = json.loads((resource_dir("ontology") / CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]
    assert published == {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def test_the_ontology_as_rdf_xml_is_the_ontology(exported):
    assert isomorphic(Graph().parse(exported / "ontology.rdf", format="xml"), Graph().parse(ontology_file()))


def test_export_command_writes_the_files_it_names(run, tmp_path):
    result = run("export", "--format", "csv", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"wrote {tmp_path / 'nodes.csv'}", f"wrote {tmp_path / 'edges.csv'}"]
    assert run("export", "--format", "dot").exit_code == 2
