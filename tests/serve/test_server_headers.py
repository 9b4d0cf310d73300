"""Response headers that keep browsers safe, and a service description that trusts no Host."""
import httpx
import pytest
from rdflib import Graph, URIRef

from server_support import live_server, small_dataset

SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def url():
    with live_server(small_dataset()) as base:
        yield base


def test_every_response_says_nosniff(url):
    for response in [httpx.get(url + "/sparql", params={"query": "ASK {}"}),
                     httpx.get(url + "/sparql", params={"query": "ASK {"}),
                     httpx.get(url + "/id/leadsom", headers={"accept": "text/turtle"}),
                     httpx.get(url + "/id/nobody"),
                     httpx.get(url + "/static/style.css"),
                     httpx.get(url + "/")]:
        assert response.headers["x-content-type-options"] == "nosniff", response.url


def test_html_pages_have_a_policy_and_are_framed_only_by_ours(url):
    for path in ["/", "/sparql", "/id/leadsom"]:
        response = httpx.get(url + path, headers={"accept": "text/html"})
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'self'" in policy, path
        assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
        assert response.headers["x-frame-options"] == "SAMEORIGIN"
    view = httpx.get(url + "/graph", params={"iri": "https://w3id.org/oversight-graph/id/leadsom"})
    assert view.headers["content-security-policy"] == "frame-ancestors 'self'"
    assert 'http-equiv="Content-Security-Policy"' in view.text  # its scripts are allowed by hash


def test_service_description_ignores_a_forged_host(url):
    response = httpx.get(url + "/sparql", headers={"host": "evil.example"})
    assert "evil.example" not in response.text
    endpoint = URIRef(url + "/sparql")
    assert (endpoint, URIRef(SD + "endpoint"), endpoint) in Graph().parse(data=response.text)


def test_service_description_names_the_public_url():
    with live_server(small_dataset(), public_url="https://oversight.example/") as base:
        response = httpx.get(base + "/sparql", headers={"host": "evil.example"})
    endpoint = URIRef("https://oversight.example/sparql")
    assert (endpoint, URIRef(SD + "endpoint"), endpoint) in Graph().parse(data=response.text)
