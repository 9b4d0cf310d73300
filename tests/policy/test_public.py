"""The public build withholds every person the policy names private: no file of out/public,
no page and no SPARQL answer of `serve --public` holds any of their names or aliases."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from policy_data import DATA
from graph.pipeline.build import build_dataset
from graph.publish.policy import read_policy, withheld
from graph.publish.transform import names_of
from graph.serve import make_app
from graph.store import trig_dataset

WRITTEN = {"Marigold Quennell", "Mrs Quennell", "Quennell", "Marigold", "Tobias Wexcombe", "Mr Wexcombe",
           "Wexcombe", "Perpetua Vandeleur", "PC Vandeleur", "Vandeleur", "marigold_quennell"}
"""The withheld names as the test data writes them: the names the policy finds must include these."""


@pytest.fixture(scope="module")
def names() -> set[str]:
    built = build_dataset(DATA)
    people = withheld(built.dataset, read_policy(DATA, built.data.vocabulary))
    found = {name for person in people for name in names_of(built.dataset, person)}
    assert WRITTEN <= found
    return found


def leaks(text: bytes, names: set[str]) -> set[str]:
    lowered = text.lower()
    return {n for n in names if n.lower().encode() in lowered}


def test_no_file_of_the_public_build_holds_a_withheld_name(built, names):
    files = [p for p in (built / "public").rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"oversight.trig", "oversight.ttl", "oversight.jsonld", "graph.html"}
    assert {p.name: leaks(p.read_bytes(), names) for p in files} == {p.name: set() for p in files}
    # the check can fail: the full build names them, and the public one keeps everyone else
    assert leaks((built / "oversight.ttl").read_bytes(), names) >= {"Marigold Quennell", "Vandeleur"}
    public = (built / "public" / "oversight.ttl").read_text(encoding="utf-8")
    assert "Gideon Harrowfield" in public and "Ambrose Kettleby" in public  # named by a hearing; senior
    assert '"the complainant"' in public and '"a witness"' in public
    assert "Allegation by the complainant that Gideon Harrowfield assaulted her" in public


@pytest.fixture(scope="module")
def client(built):
    app = make_app(trig_dataset(built / "public" / "oversight.trig"), max_workers=1)
    with TestClient(app) as c:
        yield c


def select(client, query: str, **params) -> list[dict]:
    answer = client.get("/sparql", params={"query": query, **params},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]["bindings"]


def test_no_sparql_answer_of_serve_public_holds_a_withheld_name(client, names):
    for query in ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT * WHERE { ?s ?p ?o }"):
        for params in ({}, {"history": "true"}):
            rows = select(client, query, **params)
            assert len(rows) > 1000
            assert leaks(json.dumps(rows).encode(), names) == set()


def test_no_page_of_serve_public_holds_a_withheld_name(client, names):
    iris = {r["s"]["value"] for r in select(client, "SELECT DISTINCT ?s WHERE { ?s ?p ?o "
                                                   "FILTER(STRSTARTS(STR(?s), STR(id:))) }")}
    assert any("/person-" in iri for iri in iris)
    for iri in sorted(iris):
        for accept in ("text/html", "text/turtle"):
            page = client.get(f"/resource?iri={quote(iri, safe='')}", headers={"Accept": accept})
            assert page.status_code == 200, (iri, page.text[:200])
            assert leaks(page.content, names) == set(), iri
    for path in ("/", "/sparql"):
        assert leaks(client.get(path, headers={"Accept": "text/html"}).content, names) == set()


def test_serve_public_needs_a_public_build(tmp_path):
    from policy_data import runner
    from graph.cli import app
    result = runner.invoke(app, ["serve", "--public", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "run `oversight build --public` first" in result.output
