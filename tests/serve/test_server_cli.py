"""`oversight serve` is a thin layer: it builds the dataset and hands the options over."""
import pytest
from typer.testing import CliRunner

import graph.pipeline.build
import graph.serve
from graph.cli import app
from graph.model.resources import resource_dir
from graph.pipeline.ingest import replace_graphs
from graph.store import in_oxigraph, open_store

from server_support import small_dataset


@pytest.fixture
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(graph.pipeline.build, "built_answers", lambda data, history: in_oxigraph(small_dataset(), history))
    monkeypatch.setattr(graph.serve, "run_server", lambda dataset, **kw: calls.append((dataset, kw)))
    return calls


def test_serve_passes_options(served, monkeypatch):
    monkeypatch.setenv("OG_TOKEN", "t0k")
    result = CliRunner().invoke(app, ["serve", "--port", "9999", "--timeout", "2", "--max-rows", "5",
                                      "--write-token-env", "OG_TOKEN", "--no-cors"])
    assert result.exit_code == 0, result.output
    (dataset, options), = served
    assert len(dataset) > 0
    assert options == {"host": "127.0.0.1", "port": 9999, "timeout_s": 2.0, "max_rows": 5,
                       "write_token": "t0k", "allow_network": False, "cors": False, "public_url": None,
                       "data_dir": resource_dir("data")}  # the data whose git history entity pages show


def test_serve_refuses_an_unset_token_variable(served, monkeypatch):
    monkeypatch.delenv("OG_NO_SUCH_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--write-token-env", "OG_NO_SUCH_TOKEN"])
    assert result.exit_code == 1 and not served


def test_serve_reads_a_built_store(served, tmp_path):
    source = small_dataset()
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, {g.identifier: g for g in source.graphs() if len(g)})
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    (dataset, _), = served
    wrote = "SELECT ?s ?o WHERE { ?s <https://w3id.org/oversight-graph/ontology#wroteTo> ?o }"
    assert {tuple(r) for r in dataset.query(wrote)} == {tuple(r) for r in source.query(wrote)} != set()


def test_serve_refuses_a_remote_store(served):
    result = CliRunner().invoke(app, ["serve", "--store", "sparql+http://127.0.0.1:1/sparql"])
    assert result.exit_code == 1 and "already serves itself" in result.output and not served


def test_serve_opens_a_store_for_writing_only_with_a_write_token(served, tmp_path, monkeypatch):
    source = small_dataset()
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, {g.identifier: g for g in source.graphs() if len(g)})
    monkeypatch.setenv("OG_TOKEN", "t0k")
    assert CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "store")]).exit_code == 0
    assert CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "store"), "--write-token-env", "OG_TOKEN",
                                    "--public-url", "https://example.org"]).exit_code == 0
    (read, read_options), (written, write_options) = served
    insert = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    with pytest.raises(Exception):
        read.update(insert)
    written.update(insert)
    assert written.query("ASK { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }").askAnswer
    assert write_options["public_url"] == "https://example.org" and read_options["write_token"] is None
