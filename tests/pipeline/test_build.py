"""The build: named graphs with provenance, the outputs of out/, and a wheel that carries its data."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from graph.pipeline.build import INFERRED_GRAPH, build_dataset
from graph.cli import app
from graph.data.load import GRAPH_BASE, META_GRAPH, ONTOLOGY_GRAPH
from graph.model.namespaces import ID, OG, PREFIXES, PROV, SOURCE
from graph.model.resources import ontology_file

REPO = Path(__file__).resolve().parents[2]
SOURCES = ["000", "001", "002", "003", "reference"]


def test_one_named_graph_per_source_with_prov_metadata(dataset):
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    expected = {GRAPH_BASE + s for s in SOURCES} | {str(META_GRAPH), str(ONTOLOGY_GRAPH), str(INFERRED_GRAPH)}
    assert expected <= names
    meta = dataset.graph(META_GRAPH)
    for s in SOURCES:
        assert (URIRef(GRAPH_BASE + s), PROV.wasDerivedFrom, SOURCE[s]) in meta
    assert (SOURCE["000"], OG.seedFile, None) in meta
    assert str(meta.value(SOURCE["000"], PREFIXES["dcterms"].publisher)) == str(ID.oxford_mail)


def test_every_statement_has_source_status_and_location(dataset):
    unsourced = dataset.query("""
        SELECT ?st WHERE { ?st a og:Statement FILTER NOT EXISTS { ?st og:source ?s ; og:claimStatus ?c } }""",
                              initNs=PREFIXES)
    unplaced = dataset.query("""
        SELECT ?st WHERE { ?st a og:Statement
          FILTER NOT EXISTS { ?st og:paragraph ?p } FILTER NOT EXISTS { ?st og:cites ?d } }""", initNs=PREFIXES)
    assert list(unsourced) == [] and list(unplaced) == []
    total = dataset.query("SELECT (COUNT(?st) AS ?n) WHERE { ?st a og:Statement }", initNs=PREFIXES)
    assert int(next(iter(total))[0]) > 800


def test_facts_stay_in_their_source_graph(dataset):
    g000 = dataset.graph(URIRef(GRAPH_BASE + "000"))
    g002 = dataset.graph(URIRef(GRAPH_BASE + "002"))
    assert (ID.andrea_leadsom, OG.wroteTo, ID.anthony_stansfeld) in g000
    assert (ID.andrea_leadsom, OG.wroteTo, ID.anthony_stansfeld) not in g002
    assert (ID.f002_outcome_ongoing, OG["count"], None) in g002


def test_inverse_and_transitive_relations_answer_without_property_paths(dataset):
    ask = lambda q: dataset.query(q, initNs=PREFIXES).askAnswer  # noqa: E731
    assert ask("ASK { id:thames_valley_pcc og:oversees id:thames_valley_police }")
    assert ask("ASK { id:thames_valley_police og:accountableTo id:thames_valley_police_and_crime_panel }")
    assert ask("ASK { id:thames_valley_police_and_crime_panel og:holdsToAccount id:thames_valley_police }")


def test_cli_build_writes_every_output_and_they_parse_back(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {
        "oversight.trig", "oversight.ttl", "oversight.jsonld", "validation.txt", "graph.html", "store",
        ".oversight-build", "oversight.graphml", "oversight.gexf", "nodes.csv", "edges.csv",
        "oversight.compact.jsonld", "context.jsonld", "ontology.rdf", "ontology.html"}
    ontology = Graph().parse(out / "ontology.rdf", format="xml")
    assert isomorphic(ontology, Graph().parse(ontology_file(), format="turtle"))
    assert '<section id="PoliceForce">' in (out / "ontology.html").read_text(encoding="utf-8")
    trig = Dataset().parse(out / "oversight.trig", format="trig")
    assert URIRef(GRAPH_BASE + "001") in {g.identifier for g in trig.graphs()}
    merged = Graph().parse(out / "oversight.ttl", format="turtle")
    assert (ID.iopc, OG.oversees, ID.police_complaints_system) in merged
    jsonld = Dataset().parse(out / "oversight.jsonld", format="json-ld")
    built = build_dataset().dataset

    def named(graph):  # blank nodes get new labels in every file
        return {q[:4] for q in graph.quads((None, None, None, None)) if not any(isinstance(t, BNode) for t in q)}
    for written in (trig, jsonld):  # every quad of the build, in its graph, and nothing else
        assert len(written) == len(built) and named(written) == named(built)
    assert len(merged) == len({q[:3] for q in built.quads((None, None, None, None))})
    assert "conforms" in (out / "validation.txt").read_text()
    html = (out / "graph.html").read_text()
    assert "Alex Dearden" in html and "<script src=\"http" not in html
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folders left behind


def test_validate_command_reports_success():
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 0
    assert "SHACL conforms" in result.output


@pytest.mark.slow
def test_wheel_ships_ontology_data_and_queries_and_works_outside_the_repo(tmp_path):
    """A non-editable install finds its resources through importlib.resources, not the repo."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True)
    [wheel] = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("graph/_bundled/ontology/oversight.ttl", "graph/_bundled/ontology/shapes.ttl",
                     "graph/_bundled/data/reference.yaml",
                     "graph/_bundled/data/sources/000_dearden_leadsom_letter.yaml",
                     "graph/_bundled/ontology/data-file.schema.json", "graph/_bundled/ontology/authoring-hints.yaml",
                     "graph/_bundled/questions/q01_letter_to_pcc.rq", "graph/cli/__init__.py",
                     "graph/views/vendor/vis-network/vis-network.min.js", "graph/views/templates/view.html"):
        assert expected in names, expected
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                    str(target), str(wheel)], check=True)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    probe = ("import graph.model.resources as r, sys; print(r.ontology_file()); "
             "sys.argv=['oversight','validate']; from graph.cli import app; app()")
    run = subprocess.run([sys.executable, "-c", probe], cwd=workdir, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert str(target) in run.stdout.splitlines()[0]
    assert "SHACL conforms" in run.stdout


def test_a_build_reports_its_stages_on_a_terminal_and_nothing_when_piped(tmp_path):
    import io
    import re

    from rich.console import Console

    from graph.pipeline.build import build
    from graph.cli import progress_steps
    seen: list[str] = []

    def recording(name):
        seen.append(name)
        return progress_steps(terminal)(name)

    terminal = Console(file=io.StringIO(), force_terminal=True, width=200)
    build(out_dir=tmp_path / "out", step=recording)
    assert seen[:3] == ["reading and checking the data files", "SHACL validation", "OWL 2 RL inference"]
    assert "drawing graph.html" in seen
    store = tmp_path / "out" / "store"
    assert seen[-2:] == [f"loading the changed source graphs into {store} (beside the inference and the outputs)",
                         f"making the new graphs seen in {store}"]
    with progress_steps(terminal)("loading into out[/b]/[bold]store"):  # a path is shown as written, not as markup
        pass
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.file.getvalue())  # colours, spinner
    assert all(f"✓ {name} (" in shown for name in seen) and "✓ loading into out[/b]/[bold]store (" in shown
    piped = Console(file=io.StringIO(), force_terminal=False)
    with progress_steps(piped)("SHACL validation"):
        pass
    assert piped.file.getvalue() == ""
