"""Every canned competency question runs through the endpoint on the real build, with the
same answers as a direct rdflib query."""
import httpx
import pytest

from graph.pipeline.build import build_dataset
from graph.model.namespaces import PREFIXES
from graph.model.resources import resource_dir
from server_support import live_server

QUESTIONS = sorted(resource_dir("questions").glob("*.rq"))
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served():
    dataset = build_dataset().dataset
    with live_server(dataset, timeout_s=30) as url:
        yield dataset, url


@pytest.mark.parametrize("path", QUESTIONS, ids=[p.stem for p in QUESTIONS])
def test_question_answers_match_rdflib(served, path):
    dataset, url = served
    query = path.read_text(encoding="utf-8")
    response = httpx.post(url + "/sparql", data={"query": query}, timeout=60)
    assert response.status_code == 200, response.text
    expected = dataset.query(query, initNs=PREFIXES)
    if expected.type == "ASK":
        assert response.json()["boolean"] == expected.askAnswer
    else:
        assert len(response.json()["results"]["bindings"]) == len(expected)
