"""What a store keeps computed from its content (the projection) holds while the content does."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from graph.model.namespaces import OG, RDF, RDFS
from graph.network import projection as projecting
from graph.pipeline.ingest import replace_graphs
from graph.store import embedded, open_store
from graph.store.memo import CACHE, fingerprint

EX = "https://w3id.org/oversight-graph/id/"
SOURCE = URIRef("https://w3id.org/oversight-graph/graph/one")


def source(*actors: str) -> Graph:
    g = Graph()
    for actor in actors:
        g.add((URIRef(EX + actor), RDF.type, OG.PoliceForce))
        g.add((URIRef(EX + actor), RDFS.label, Literal(actor)))
        g.add((URIRef(EX + actor), OG.identifier, Literal(actor)))
    return g


def nodes(path) -> set[str]:
    with open_store(str(path), read_only=True) as store:
        return {data["id"] for _, data in projecting.projection(store.dataset).nodes(data=True)}


def test_a_later_process_reads_the_projection_back_until_the_store_changes(tmp_path, projections):
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, {SOURCE: source("a", "b")})
    assert nodes(tmp_path / "store") == {"a", "b"}
    assert nodes(tmp_path / "store") == {"a", "b"}
    assert len(projections) == 1  # the second open read the file
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, {SOURCE: source("a", "c")})
    assert nodes(tmp_path / "store") == {"a", "c"}
    assert len(projections) == 2
    assert len(list((tmp_path / "store" / CACHE).iterdir())) <= 1  # the stale one removed


def test_a_write_in_place_makes_the_projection_again(tmp_path, projections):
    insert = (f'INSERT DATA {{ GRAPH <{SOURCE}> {{ <{EX}d> a <{OG.PoliceForce}> ; '
              f'<{RDFS.label}> "d" ; <{OG.identifier}> "d" }} }}')
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, {SOURCE: source("a")})
        assert {d["id"] for _, d in projecting.projection(store.dataset).nodes(data=True)} == {"a"}
        store.dataset.update(insert)  # in this process
        assert {d["id"] for _, d in projecting.projection(store.dataset).nodes(data=True)} == {"a", "d"}
    assert len(projections) == 2
    with open_store(str(tmp_path / "store")) as store:  # by another process: a server's update
        store.dataset.update(insert.replace('"d"', '"e"').replace(f"{EX}d", f"{EX}e"))
    assert nodes(tmp_path / "store") == {"a", "d", "e"}  # not a file kept before the update
    assert len(projections) == 3


def test_a_store_folder_that_cannot_be_written_still_answers(tmp_path, projections):
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, {SOURCE: source("a")})
    (tmp_path / "store" / CACHE).write_text("")  # no folder can be made there (root may write anywhere)
    assert nodes(tmp_path / "store") == {"a"}
    assert nodes(tmp_path / "store") == {"a"}
    assert len(projections) == 2
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, {SOURCE: source("b")})
    assert nodes(tmp_path / "store") == {"b"}


def test_the_name_of_a_content_holds_while_rocksdb_deletes_obsolete_files(tmp_path):
    """A store's bulk load in parts leaves data files a compaction made obsolete, which
    RocksDB deletes a moment after the folder is next opened: the build had named its kept
    projection after them (at 1M, once, a later read of the folder failed on a vanished file)."""
    files = {"CURRENT": "MANIFEST-000005\n", "MANIFEST-000005": "m", "000004.log": "w", "000007.sst": "s", "LOG": "i"}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    named = fingerprint(tmp_path)
    (tmp_path / "000007.sst").unlink()
    (tmp_path / "LOG").write_text("opened again")
    assert fingerprint(tmp_path) == named
    for changed, text in [("000004.log", "w2"), ("MANIFEST-000005", "m2")]:  # a write; a flush or compaction
        (tmp_path / changed).write_text(text)
        assert fingerprint(tmp_path) != named
        named = fingerprint(tmp_path)


@pytest.mark.parametrize("part", [embedded.BULK_PART, 4096])
def test_what_a_build_keeps_is_found_after_each_edit(tmp_path, projections, monkeypatch, part):
    """RocksDB compacted a new generation in the background after the build had named its
    kept projection after the files, so the next process made it all again (32 s at 1M).
    Loaded in many parts, the store deletes obsolete files after the build named them."""
    monkeypatch.setattr(embedded, "BULK_PART", part)
    from graph.pipeline.build import build
    from tests.pipeline.generated import generated_data
    data = generated_data(tmp_path / "data", sources=4)
    edited = sorted((data / "sources").glob("*.yaml"))[0]
    text = edited.read_text(encoding="utf-8")
    for edit in range(5):
        edited.write_text(text.replace("label: Officer 0 of ", f"label: Officer 0 (edit {edit}) of "), encoding="utf-8")
        build(data, tmp_path / "out")
        made = len(projections)  # the build's own
        with open_store(str(tmp_path / "out" / "store"), read_only=True) as store:
            labels = {d["label"] for _, d in projecting.projection(store.dataset).nodes(data=True)}
        assert any(f"(edit {edit})" in label for label in labels)
        assert len(projections) == made, f"edit {edit}: the build's projection was not found"
