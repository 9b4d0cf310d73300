"""The web interface: home, search, query page, entity and source pages and graph views,
escaped against injection, client mistakes answered 4xx."""
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
    (queries / "by-writer.rq").write_text(
        "# title: What one person wrote\n# params: ?writer — who wrote (default id:leadsom)\n"
        "SELECT ?o WHERE { ?writer og:wroteTo ?o }\n")
    with live_server(small_dataset(), queries_dir=queries) as base:
        yield base


def test_query_page_lists_the_canned_queries_safely(url):
    html = httpx.get(url + "/query").text
    assert "</script><b>" not in html
    data = re.search(r'<script type="application/json" id="examples-data">(.*?)</script>', html, re.S)
    examples = {e["name"]: e for e in json.loads(data.group(1))}
    assert list(examples) == ["bare", "by-writer", "who-wrote"]
    assert examples["who-wrote"]["title"] == "Who wrote to whom </script><b> second line"  # as `oversight queries`
    assert examples["bare"]["title"] == "bare"
    assert examples["by-writer"]["title"] == "What one person wrote"  # the header's title, not "title: ..."
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing loaded from elsewhere


def test_entity_page_escapes_labels(url):
    for path in ("/id/evil", "/id/stansfeld"):
        html = httpx.get(url + path, headers={"accept": "text/html"}).text
        assert PAYLOAD not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in html


def test_entity_page_groups_claims_by_source(url):
    html = httpx.get(url + "/id/stansfeld", headers={"accept": "text/html"}).text
    assert "<h2>What the sources say</h2>" in html and '<a href="/source/000">Source article 000</a>' in html
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


def test_entity_page_leads_with_a_summary_and_the_chain_in_each_direction(dataset):
    with live_server(dataset) as base:
        html = httpx.get(base + "/id/thames_valley_police", headers={"accept": "text/html"}, timeout=30).text
        home = httpx.get(base + "/", timeout=30).text
        forces = httpx.get(base + "/search", params={"class": "PoliceForce"}, timeout=30).text
    assert '<a href="/search?class=PoliceForce">police force</a>' in home  # browse by kind
    assert '<a href="/id/thames_valley_police">Thames Valley Police</a>' in forces
    summary = html.split('<dl class="summary">', 1)[1].split("</dl>", 1)[0]
    assert "<dt>What it is</dt><dd>police force</dd>" in summary  # the most specific class only
    assert '<a href="/id/dearden_case">' in summary and '<a href="/source/000">' in summary
    chain = html.split('<h2 id="chain">Who holds it to account</h2>', 1)[1].split("</table>", 1)[0]
    assert '<a href="/id/thames_valley_pcc">Police and Crime Commissioner for Thames Valley</a>' in chain
    assert '<a href="/source/000">000</a> ¶1,17' in chain and "Thames Valley Police and Crime Panel" in chain
    # each relation in its own direction: HMICFRS inspects the force, not the other way round
    assert "HM Inspectorate of Constabulary and Fire &amp; Rescue Services —inspects→ Thames Valley Police" in chain
    assert "Thames Valley Police —inspects→" not in chain


def test_a_canned_query_applies_its_documented_defaults(url):
    html = httpx.get(url + "/query").text
    data = re.search(r'<script type="application/json" id="examples-data">(.*?)</script>', html, re.S)
    query = next(e["query"] for e in json.loads(data.group(1)) if e["name"] == "by-writer")
    assert query.rstrip().endswith(f"VALUES (?writer) {{ (<{ID}leadsom>) }}")
    answer = httpx.post(url + "/sparql", data={"query": query}, headers={"accept": "application/sparql-results+json"})
    assert [b["o"]["value"] for b in answer.json()["results"]["bindings"]] == [ID + "stansfeld"]


def test_plain_literals_are_not_typed_xsd_string_in_json_results(url):
    answer = httpx.post(url + "/sparql", data={"query": f"SELECT ?l WHERE {{ <{ID}tvp> rdfs:label ?l }}"},
                        headers={"accept": "application/sparql-results+json"}).json()
    assert answer["results"]["bindings"] == [{"l": {"type": "literal", "value": "Thames Valley Police"}}]


def test_home_page_searches_browses_kinds_and_lists_sources(url):
    html = httpx.get(url + "/").text
    assert '<input id="q" name="q" type="search"' in html and 'href="/query"' in html
    assert '<a href="/source/000">Source article 000</a>' in html and PAYLOAD not in html


def test_completion_matches_labels_and_aliases_and_is_data_not_query_text(url):
    found = httpx.get(url + "/api/complete", params={"q": "thames"}).json()
    assert found == [{"label": "Thames Valley Police", "matched": "Thames Valley Police", "url": "/id/tvp"}]
    hostile = httpx.get(url + "/api/complete", params={"q": "\" } UNION { ?x ?p ?o"})
    assert hostile.status_code == 200 and hostile.json() == []
    evil = httpx.get(url + "/api/complete", params={"q": "script"}).json()
    assert evil[0]["label"] == "<script>alert('pwned')</script><img src=x onerror=alert(1)>"  # JSON, not HTML
    assert httpx.get(url + "/api/complete", params={"q": "x" * 201}).status_code == 400


def test_search_goes_to_the_one_match_and_lists_several(url):
    one = httpx.get(url + "/search", params={"q": "Leadsom"})
    assert one.status_code == 303 and one.headers["location"] == "/id/leadsom"
    several = httpx.get(url + "/search", params={"q": "a"}).text
    assert 'href="/id/leadsom"' in several and PAYLOAD not in several
    assert httpx.get(url + "/search", params={"class": "NoSuchKind"}).status_code == 404


def test_source_page_lists_its_facts_by_paragraph(url):
    html = httpx.get(url + "/source/000").text
    assert "<h1>Source article 000</h1>" in html
    assert html.index("¶2</h3>") < html.index("¶3</h3>") < html.index("¶9</h3>")
    paragraph3 = html.split("¶3</h3>", 1)[1].split("</table>", 1)[0]
    assert "alleged" in paragraph3 and PAYLOAD not in html and "&lt;script&gt;" in paragraph3
    for missing in ("/source/999", "/source/a%20b", "/source/%3Cscript%3E"):
        assert httpx.get(url + missing).status_code == 404


def test_the_json_ld_context_is_published(url):
    answer = httpx.get(url + "/context.jsonld")
    assert answer.headers["content-type"].startswith("application/ld+json")
    assert answer.json()["@context"]["og"] == "https://w3id.org/oversight-graph/ontology#"
