"""Corrections as data: the old facts stay in the graph, marked, out of the default answers
of queries, views and network commands, and answered again with --history."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset

from policy_data import DATA, has_row, run
from graph.model.namespaces import ID, OG, RDF
from graph.model.superseded import SUPERSEDED_GRAPH

COUNTS = "SELECT ?figure ?count WHERE { ?figure og:count ?count } ORDER BY ?count"


def counts(*where: str) -> list[tuple[str, str]]:
    rows = json.loads(run("query", COUNTS, "--format", "json", *where))["results"]["bindings"]
    return [(r["figure"]["value"].rsplit("/", 1)[-1], r["count"]["value"]) for r in rows]


@pytest.fixture(params=["data", "store"])
def where(request, built) -> tuple[str, ...]:
    """Ask the data (built in memory) or the store a build filled: both answer alike."""
    return ("--data", str(DATA)) if request.param == "data" else ("--store", str(built / "store"))


def test_a_corrected_figure_is_replaced_by_default_and_both_are_in_the_history(where):
    assert counts(*where) == [("f101_complaints", "14")]
    assert counts(*where, "--history") == [("f100_complaints", "12"), ("f101_complaints", "14")]


def test_a_retracted_relation_leaves_the_chain_and_comes_back_with_history(where):
    assert "refers cases to" not in run("chain", "Wessex Police", *where)
    assert has_row(run("chain", "Wessex Police", *where, "--history"),
                   "refers cases to →", "Independent Office for Police Conduct", "reported", "100 ¶10")


def test_contradictions_path_and_views_leave_out_the_superseded_figure(where, tmp_path):
    assert "assault complaints" not in run("contradictions", *where)
    assert has_row(run("contradictions", *where, "--history"),
                   "Wessex Constabulary: assault complaints (all)", "count", "12", "100 ¶9")
    view = tmp_path / "v.html"
    run("view", "--all", "--out", str(view), *where)
    assert "f100_complaints" not in view.read_text(encoding="utf-8")
    run("view", "--all", "--out", str(view), *where, "--history")
    assert "f100_complaints" in view.read_text(encoding="utf-8")
    with pytest.raises(AssertionError, match="nothing connects wessex_police and iopc through other actors"):
        run("path", "Wessex Police", "IOPC", *where)
    assert "refers cases to" in run("path", "Wessex Police", "IOPC", *where, "--history")


def test_the_old_statements_stay_in_the_record_marked_with_their_correction(built):
    ds = Dataset()
    ds.parse(built / "oversight.trig", format="trig")
    rows = {(str(r.correction), str(r.p), str(r.o), str(r.source)) for r in ds.query(
        "SELECT ?correction ?p ?o ?source WHERE { GRAPH ?g { ?st og:supersededBy ?correction ; "
        "rdf:predicate ?p ; rdf:object ?o ; og:source ?source } "
        "GRAPH ?c { ?correction og:supersedes ?st } FILTER(?g = <%s>) }" % SUPERSEDED_GRAPH,
        initNs={"og": OG, "rdf": RDF})}
    assert (str(ID.c101_figure), str(OG["count"]), "12", "https://w3id.org/oversight-graph/source/100") in rows
    assert (str(ID.r101_referral), str(OG.refersCasesTo), str(ID.iopc),
            "https://w3id.org/oversight-graph/source/100") in rows
    assert {c for c, *_ in rows} == {str(ID.c101_figure), str(ID.r101_referral)}
    assert "f100_complaints" not in (built / "oversight.ttl").read_text(encoding="utf-8")


def test_a_target_that_matches_nothing_is_an_error_naming_the_line(tmp_path):
    import shutil
    from policy_data import runner
    from graph.cli import app
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "sources" / "101_correction.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: iopc}", "value: wessex_gazette}"), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "target:" in text
                and "wessex_gazette" in text)
    assert f"sources/101_correction.yaml:{line} (record r101_referral): the correction's target " \
           "(source '100', record 'wessex_police', property 'refersCasesTo', value 'wessex_gazette') " \
           "matches no recorded fact" in result.output


def test_the_endpoint_answers_the_history_when_asked(built):
    from starlette.testclient import TestClient
    from graph.serve import make_app
    from graph.store import trig_dataset
    with TestClient(make_app(trig_dataset(built / "oversight.trig"), max_workers=1)) as client:
        def answer(**params):
            found = client.get("/sparql", params={"query": "PREFIX og: <%s> %s" % (OG, COUNTS), **params},
                               headers={"Accept": "application/sparql-results+json"})
            assert found.status_code == 200, found.text
            return [r["count"]["value"] for r in found.json()["results"]["bindings"]]
        assert answer() == ["14"]
        assert answer(history="true") == ["12", "14"]


def test_gaps_and_neighbours_leave_out_the_retracted_referral(where):
    assert not has_row(run("gaps", *where), "Independent Office for Police Conduct", "Wessex Constabulary")
    assert has_row(run("gaps", *where, "--history"), "Independent Office for Police Conduct", "Wessex Constabulary")
    assert run("neighbours", "IOPC", *where).startswith("Within 1 step of Independent Office for Police Conduct: 1 nodes, 0 edges")
    assert has_row(run("neighbours", "IOPC", *where, "--history"),
                   "refers cases to", "Independent Office for Police Conduct", "reported", "100 ¶10")


def test_a_remote_endpoint_cannot_be_asked_for_the_history():
    from policy_data import runner
    from graph.cli import app
    result = runner.invoke(app, ["chain", "TVP", "--store", "sparql+http://127.0.0.1:9/sparql", "--history"])
    assert result.exit_code == 1 and "--history is answered by Oxigraph" in result.output
