"""The store kinds: incremental, idempotent replacement of per-source named graphs."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from graph.pipeline.ingest import replace_graphs
from graph.store import MANIFEST, EmbeddedStore, EndpointStore, Payload, embedded, open_store

EX = "http://example.org/"
G1, G2, G3, FOREIGN = (URIRef(f"{EX}graph/{n}") for n in ("one", "two", "three", "foreign"))


def source(tag: str, n: int = 3) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(f"{tag} {i}")))
    return g


def quads(store) -> set[tuple]:
    """Everything in the store but the manifest, as comparable tuples."""
    rows = store.dataset.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {tuple(r) for r in rows if r[0] != MANIFEST}


@pytest.fixture(params=["memory", "embedded"])
def store(request, tmp_path):
    s = open_store("memory" if request.param == "memory" else str(tmp_path / "store"))
    yield s
    s.close()


def test_only_changed_sources_are_rewritten(store):
    first = replace_graphs(store, {G1: source("a"), G2: source("b")})
    assert first.replaced == [G1, G2]
    again = replace_graphs(store, {G1: source("a"), G2: source("b")})
    assert (again.replaced, again.unchanged) == ([], [G1, G2])
    changed = replace_graphs(store, {G1: source("a"), G2: source("b2", 2)})
    assert (changed.replaced, changed.unchanged) == ([G2], [G1])
    assert {str(o) for _, _, o in store.dataset.graph(G2)} == {"b2 0", "b2 1"}


def test_running_twice_leaves_the_same_store(store):
    data = {G1: source("a"), G2: source("b")}
    replace_graphs(store, data)
    before = quads(store)
    replace_graphs(store, data)
    assert quads(store) == before
    assert len(before) == 6


def test_sources_that_disappear_are_dropped_but_foreign_graphs_kept(store):
    replace_graphs(store, {G1: source("a"), G2: source("b")})
    store.dataset.update(f'INSERT DATA {{ GRAPH <{FOREIGN}> {{ <{EX}x> <{EX}p> "kept" }} }}')
    changes = replace_graphs(store, {G1: source("a"), G3: source("c")})
    assert (changes.replaced, changes.dropped) == ([G3], [G2])
    assert {q[0] for q in quads(store)} == {G1, G3, FOREIGN}
    replace_graphs(store, {G3: source("c")}, prune=False)
    assert {q[0] for q in quads(store)} == {G1, G3, FOREIGN}


def test_queries_see_the_union_of_source_graphs(store):
    replace_graphs(store, {G1: source("a"), G2: source("b")})
    count = store.dataset.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}")
    assert [int(r[0]) for r in count] == [6]


def test_every_kind_of_answer_comes_back_as_rdflib_terms(store):
    replace_graphs(store, {G1: source("a"), G2: source("b", 1)})
    rows = store.dataset.query(f"SELECT ?s ?o ?none WHERE {{ GRAPH <{G2}> {{ ?s ?p ?o OPTIONAL {{ ?s <{EX}q> ?none }} }} }}")
    assert [(r[0], str(r[1]), r[2]) for r in rows] == [(URIRef(f"{EX}s0"), "b 0", None)]  # "b 0" or "b 0"^^xsd:string
    assert isinstance(next(iter(rows))[1], Literal)
    assert [str(v) for v in rows.vars] == ["s", "o", "none"]
    assert store.dataset.query(f"ASK {{ <{EX}s2> <{EX}p> 'a 2' }}").askAnswer is True
    built = store.dataset.query(f"CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}").graph
    assert {(s, p, str(o)) for s, p, o in built} == {(s, URIRef(f"{EX}q"), str(o)) for s, _, o in source("a")}


def test_embedded_store_persists_and_opens_read_only(tmp_path):
    path = tmp_path / "store"
    with open_store(str(path)) as s:
        replace_graphs(s, {G1: source("a")})
        expected = quads(s)
    with open_store(str(path), read_only=True) as s:
        assert isinstance(s, EmbeddedStore)
        assert quads(s) == expected
        with pytest.raises(PermissionError):
            replace_graphs(s, {G1: source("changed")})
    generations = sorted(p.name for p in path.iterdir())
    assert len(generations) == 2 and "current" in generations  # old generations are removed


def test_embedded_store_refuses_a_foreign_directory(tmp_path):
    (tmp_path / "notes.txt").write_text("not a store")
    with pytest.raises(FileExistsError):
        open_store(str(tmp_path))


def test_endpoint_spec_gives_query_update_urls_and_credentials():
    s = open_store("sparql+http://dba:s%40cret@127.0.0.1:8890/sparql?update=http://127.0.0.1:8890/sparql-auth")
    assert isinstance(s, EndpointStore)
    assert s._sparql.query_endpoint == "http://127.0.0.1:8890/sparql"
    assert s._sparql.update_endpoint == "http://127.0.0.1:8890/sparql-auth"
    assert s._sparql.kwargs["headers"]["Authorization"] == "Basic ZGJhOnNAY3JldA=="  # dba:s@cret
    plain = open_store("sparql+https://example.org/ds/query")
    assert plain._sparql.update_endpoint == "https://example.org/ds/query"


def test_payload_is_n_triples_that_parse_back_to_the_same_graph():
    """The hand-rolled N-Triples of a source: every kind of term, escapes included."""
    from rdflib import BNode, Namespace, compare
    from rdflib.namespace import XSD
    ex = Namespace(EX)
    g = Graph()
    g.add((ex.a, ex.says, Literal('quote " backslash \\ newline \n tab \t end')))
    g.add((ex.a, ex.label, Literal("Chef de l'équipe", lang="fr")))
    g.add((ex.a, ex.total, Literal(8)))
    g.add((ex.a, ex.when, Literal("2023-05", datatype=XSD.gYearMonth)))
    g.add((ex.a, ex.knows, BNode("b1")))
    g.add((BNode("b1"), ex.name, Literal("ünïcode ✓")))
    payload = Payload.of(g)
    back = Graph().parse(data=payload.ntriples, format="nt")
    assert compare.isomorphic(back, g)
    oxi = ox.Store()
    oxi.load(payload.ntriples, format=ox.RdfFormat.N_TRIPLES)
    assert len(oxi) == len(g)


def test_payload_digest_ignores_the_order_triples_were_added_in():
    forward, backward = source("a", 5), Graph()
    for triple in reversed(list(forward)):
        backward.add(triple)
    assert Payload.of(forward).digest == Payload.of(backward).digest != Payload.of(source("b", 5)).digest


def test_an_iri_a_store_cannot_take_is_named_before_anything_is_written(store):
    bad = Graph()
    bad.add((URIRef(f"{EX}has space"), URIRef(f"{EX}p"), Literal("x")))
    replace_graphs(store, {G1: source("a")})
    with pytest.raises(ValueError, match=f"graph <{G2}>: .*has space"):
        replace_graphs(store, {G1: source("b"), G2: bad})
    assert {str(o) for _, _, o in store.dataset.graph(G1)} == {"a 0", "a 1", "a 2"}


def test_graphs_serialised_in_a_pool_load_what_one_process_loads(tmp_path, monkeypatch):
    graphs = {G1: source("a", 50), G2: source("b", 50), G3: source("c", 50)}
    with open_store(str(tmp_path / "serial")) as serial:
        replace_graphs(serial, graphs)
        expected = (quads(serial), serial.hashes())
    monkeypatch.setattr("graph.store.base.PARALLEL_FROM", 0)
    with open_store(str(tmp_path / "pooled")) as pooled:
        assert replace_graphs(pooled, graphs).replaced == sorted(graphs)
        assert (quads(pooled), pooled.hashes()) == expected
        assert replace_graphs(pooled, graphs).unchanged == sorted(graphs)


def test_the_bulk_load_removes_a_graph_the_store_holds_and_leaves_alone_one_it_lacks():
    """A graph replaced loses its old triples before its new ones are loaded; one the store
    lacks is not removed, which cost 1.0 s for the 380 graphs of a first build at 3M triples."""
    db = ox.Store()
    db.add(ox.Quad(ox.NamedNode(f"{EX}s0"), ox.NamedNode(f"{EX}p"), ox.Literal("old"), ox.NamedNode(G1)))
    removed = []

    class Watched:
        def __getattr__(self, name):
            return getattr(db, name)

        def remove_graph(self, graph):
            removed.append(graph.value)
            db.remove_graph(graph)

    given = {G1: Payload.of(source("new", 2)), G2: Payload.of(source("b", 1))}
    embedded._bulk_load(Watched(), iter(given.items()), {})
    assert removed == [str(G1)]
    assert sorted((q.graph_name.value, q.object.value) for q in db) == [
        (str(G1), "new 0"), (str(G1), "new 1"), (str(G2), "b 0")]


@pytest.mark.parametrize("sizes, pooled", [((50, 5), False), ((50, 20), True), ((20, 20, 5), True), ((50,), False)])
def test_a_pool_serialises_graphs_only_when_those_beside_the_largest_are_worth_one(monkeypatch, sizes, pooled):
    """A pool serialises graphs side by side, not one graph faster: a big graph with small
    ones (a build's inferred graph and its metadata) is serialised here, not in a fork of
    the whole build."""
    from graph.store import base
    from graph.store.pool import fork_map
    asked = []

    def recorded(work, items, shared, *, workers=None):
        asked.append(workers)
        return fork_map(work, items, shared, workers=workers)

    graphs = {name: source(name[-3:], n) for name, n in zip((G1, G2, G3), sizes)}
    expected = dict(base.serialised(graphs))
    monkeypatch.setattr(base, "PARALLEL_FROM", 10)
    monkeypatch.setattr(base, "fork_map", recorded)
    assert dict(base.serialised(graphs)) == expected
    assert asked == [None if pooled else 1]


def test_a_datatype_iri_a_store_cannot_take_is_named_too():
    bad = Graph()
    bad.add((URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal("x", datatype=URIRef(f"{EX}odd type"))))
    with pytest.raises(ValueError, match="odd type"):
        Payload.of(bad)


def test_when_oxigraph_rejects_the_stream_the_error_surfaces_and_the_store_is_unchanged(tmp_path, monkeypatch):
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, {G1: source("a")})
        before = quads(store)
        broken = Payload(b"<http://example.org/s> this is not N-Triples .\n", "0" * 64)
        monkeypatch.setattr("graph.store.base.Payload.of", lambda graph: broken)
        with pytest.raises(SyntaxError):
            replace_graphs(store, {G1: source("b"), G2: source("c")})
        assert quads(store) == before


def test_a_graph_with_blank_nodes_hashes_alike_each_time_it_is_built():
    """The ontology's lists are blank nodes with fresh labels at every parse: a rebuild once
    re-ingested the ontology graph each time although nothing had changed."""
    from rdflib import BNode
    from rdflib.collection import Collection

    def listed():
        g = Graph()
        head = BNode()
        Collection(g, head, [Literal("a"), Literal("b")])
        g.add((URIRef(f"{EX}s"), URIRef(f"{EX}p"), head))
        return g
    first, second = Payload.of(listed()), Payload.of(listed())
    assert first.digest == second.digest and first.ntriples == second.ntriples
    assert b"_:" in first.ntriples


def test_building_twice_changes_nothing_in_the_store(tmp_path):
    from graph.pipeline.build import build
    first = build(out_dir=tmp_path / "out")
    assert first.changes.replaced and not first.changes.unchanged
    again = build(out_dir=tmp_path / "out")
    assert again.changes.replaced == [] and again.changes.unchanged == first.changes.replaced
