"""The web interface: query page, entity pages and graph views, escaped against injection."""
import json
import re

import httpx
import pytest

from server_support import live_server, small_dataset

ID = "https://w3id.org/oversight-graph/id/"

PAYLOAD = "<script>alert('pwned')</script>"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    queries = tmp_path_factory.mktemp("queries")
    (queries / "who-wrote.rq").write_text(
        "# Who wrote to whom </script><b>\n# second line\nSELECT ?s ?o WHERE { ?s og:wroteTo ?o }\n")
    (queries / "bare.rq").write_text("ASK {}\n")
    with live_server(small_dataset(), queries_dir=queries) as base:
        yield base


def test_query_page_lists_the_canned_queries_safely(url):
    html = httpx.get(url + "/").text
    assert "</script><b>" not in html
    data = re.search(r'<script type="application/json" id="examples-data">(.*?)</script>', html, re.S)
    examples = json.loads(data.group(1))
    assert [e["name"] for e in examples] == ["bare", "who-wrote"]
    assert examples[1]["title"] == "Who wrote to whom </script><b>"
    assert examples[0]["title"] == "bare"
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing loaded from elsewhere


def test_entity_page_escapes_labels(url):
    for path in ("/id/evil", "/id/stansfeld"):
        html = httpx.get(url + path, headers={"accept": "text/html"}).text
        assert PAYLOAD not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in html


def test_entity_page_groups_claims_by_source(url):
    html = httpx.get(url + "/id/stansfeld", headers={"accept": "text/html"}).text
    assert "<h2>What the sources say</h2>" in html and "Source article 000" in html
    assert "alleged" in html and "¶3" in html
    assert 'href="/id/leadsom"' in html  # attributed to, linked


def test_graph_view_pages_are_escaped(url):
    page = httpx.get(url + "/graph", params={"query": "SELECT ?s ?o WHERE { ?s og:wroteTo ?o }"})
    assert page.status_code == 200 and "Andrea Leadsom" in page.text
    assert PAYLOAD not in page.text and "<img src=x" not in page.text
    assert not re.search(r'(src|href)="(https?:)?//', page.text)
    around = httpx.get(url + "/graph", params={"iri": ID + "stansfeld"})
    assert around.status_code == 200 and "Thames Valley Police" in around.text
    assert httpx.get(url + "/graph", params={"query": "ASK {}"}).status_code == 400


def test_static_files_are_local(url):
    assert httpx.get(url + "/static/yasgui/yasgui.min.js").status_code == 200


def test_entity_page_shows_the_oversight_chain_with_sources(dataset):
    with live_server(dataset) as base:
        html = httpx.get(base + "/id/thames_valley_police", headers={"accept": "text/html"}, timeout=30).text
    assert "<h2>Who holds it to account</h2>" in html
    chain = html.split("<h2>Who holds it to account</h2>", 1)[1]
    assert '<a href="/id/thames_valley_pcc">Police and Crime Commissioner for Thames Valley</a>' in chain
    assert "000 ¶1,17" in chain and "Thames Valley Police and Crime Panel" in chain
