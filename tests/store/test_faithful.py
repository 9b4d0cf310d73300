"""The store is a faithful copy: every term the build wrote comes back identical, datatypes included.

Oxigraph keeps only some datatypes as written: it gives back xsd:positiveInteger, xsd:int and
every other type derived from xsd:integer as xsd:integer, and numbers in their canonical form.
The ontology uses the types the store keeps; this test tells when a new term does not.
"""
from __future__ import annotations

import os

import pyoxigraph as ox
import pytest

from rdflib import Graph
from rdflib.compare import isomorphic

from graph.pipeline.build import build, build_dataset
from graph.store import embedded
from graph.store import MANIFEST
from graph.store.terms import from_ox, ox_quads
from tests.pipeline.generated import generated_data


def stored_quads(store_dir) -> set[ox.Quad]:
    db = ox.Store.read_only(str(store_dir / os.readlink(store_dir / "current")))
    return {q for q in db if q.graph_name != ox.NamedNode(str(MANIFEST))}


def ground(quads: set[ox.Quad]) -> set[ox.Quad]:
    return {q for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


def with_blank_nodes(quads: set[ox.Quad]) -> Graph:
    """The quads naming a blank node, as one graph (the graph name a fourth term is lost: each
    such quad is in the ontology graph, checked with the ground ones)."""
    found = Graph()
    for q in quads - ground(quads):
        assert q.graph_name.value.endswith("/graph/ontology")
        found.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return found


@pytest.mark.parametrize("data", ["seed", "generated"])
def test_every_term_the_build_wrote_comes_back_identical(data, tmp_path):
    folder = None if data == "seed" else generated_data(tmp_path / "data")
    build(folder, tmp_path / "out")
    written = set(ox_quads(build_dataset(folder).dataset))  # the loader's own terms, not read back from the build
    stored = stored_quads(tmp_path / "out" / "store")
    assert ground(written) - ground(stored) == set()
    assert ground(stored) - ground(written) == set()
    # blank nodes (the ontology's lists) are relabelled by the store's canonical form
    assert isomorphic(with_blank_nodes(written), with_blank_nodes(stored))
    # the outputs are written from the store's N-Triples, parsed by Oxigraph: the same terms
    trig = set(ox.parse(path=tmp_path / "out" / "oversight.trig"))
    assert ground(trig) == ground(written)
    assert isomorphic(with_blank_nodes(trig), with_blank_nodes(written))
    datatypes = {q.object.datatype.value for q in written if isinstance(q.object, ox.Literal)}
    assert "http://www.w3.org/2001/XMLSchema#integer" in datatypes  # paragraphs among them


def test_a_store_loaded_in_many_parts_holds_what_one_part_holds(tmp_path, monkeypatch):
    """The bulk loader is given a national build in parts (embedded.BULK_PART), a graph cut
    between two parts when it is larger (unless it names blank nodes: the ontology's lists
    would be split into other nodes): the store holds the same quads, blank nodes too."""
    folder = generated_data(tmp_path / "data")
    build(folder, tmp_path / "whole")
    parts, parted = [], embedded._parts
    monkeypatch.setattr(embedded, "BULK_PART", 4096)
    monkeypatch.setattr(embedded, "_parts", lambda *args: (parts.append(part) or part for part in parted(*args)))
    build(folder, tmp_path / "parts")
    assert len(parts) > 10 and all(len(part) < 3 * 4096 or b"_:" in part for part in parts)
    whole, parted = stored_quads(tmp_path / "whole" / "store"), stored_quads(tmp_path / "parts" / "store")
    assert ground(whole) == ground(parted) and len(whole) == len(parted)
    assert isomorphic(with_blank_nodes(whole), with_blank_nodes(parted))


def test_the_in_memory_store_keeps_the_labels_of_blank_nodes_as_serialised():
    """The TriG and JSON-LD are dumped from the in-memory store a build validated: a blank node
    relabelled at random there would make two builds of the same data write different files."""
    from rdflib import URIRef

    from graph.store.base import Payload
    name = URIRef("https://example.org/g")
    with_blank = Payload(b'_:cb1 <https://example.org/p> "a" .\n', "")
    text_only = Payload(b'<https://example.org/s> <https://example.org/p> "not a node: _:x" .\n', "")
    store = embedded.payload_store([(name, with_blank)])
    assert [q.subject for q in store] == [ox.BlankNode("cb1")]
    embedded.payload_store([(name, text_only)], store)  # replaces the graph
    assert [q.object for q in store] == [ox.Literal("not a node: _:x")]
