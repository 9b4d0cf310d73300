"""The query page in a real headless Chromium (Debian's, never a downloaded one)."""
import re
import shutil
from pathlib import Path

import pytest

from server_support import live_server, small_dataset

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Debian Chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    queries = tmp_path_factory.mktemp("queries")
    (queries / "wrote-to.rq").write_text(
        "# Who wrote to whom\nSELECT ?writer ?recipient WHERE { ?writer og:wroteTo ?recipient }\n")
    with live_server(small_dataset(), queries_dir=queries) as base:
        yield base


def watched_page(browser):
    """A new page, and the script errors and Content-Security-Policy violations it reports."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    return page, errors


def test_canned_query_runs_and_shows_table_and_graph(browser, url):
    page, errors = watched_page(browser)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
    page.goto(url + "/query")
    page.get_by_role("button", name="Who wrote to whom").click()
    editor = page.locator(".CodeMirror").inner_text()
    assert "og:wroteTo" in editor and "PREFIX og: <https://w3id.org/oversight-graph/ontology#>" in editor
    assert "PREFIX foaf:" not in editor  # only the prefixes the query uses
    page.locator(".yasqe_queryButton").click()
    table = page.locator(".yasr table.dataTable")
    table.wait_for(timeout=10_000)
    assert "Andrea Leadsom" not in table.inner_text()  # the table shows IRIs
    assert "id/leadsom" in table.inner_text()
    frame = page.frame_locator("#graph-frame")
    frame.locator("canvas").first.wait_for(timeout=10_000)
    assert not errors, errors
    assert not [u for u in outside if not u.startswith(("data:", "blob:", "about:"))], outside


def test_entity_page_escapes_and_draws_neighbourhood(browser, url):
    page, errors = watched_page(browser)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url + "/id/evil")
    assert page.locator("h1").inner_text() == "<script>alert('pwned')</script><img src=x onerror=alert(1)>"
    page.frame_locator("iframe.graph-frame").locator("canvas").first.wait_for(timeout=10_000)
    assert dialogs == [] and errors == [], errors


def test_search_completes_names_and_aliases_and_leads_to_the_entity(browser, url):
    from playwright.sync_api import expect
    page, errors = watched_page(browser)
    page.goto(url + "/")
    page.locator("#q").fill("leads")
    option = page.locator("#completions li a").first
    option.wait_for(timeout=5_000)
    assert page.locator("#completions li a").all_inner_texts() == ["Andrea Leadsom"]
    page.locator("#q").fill("script")  # the last completions stay until the new ones come: wait for those
    shown_as_text = re.compile(r"^<script>")
    expect(page.locator("#completions li a").first).to_have_text(shown_as_text, timeout=5_000)
    page.locator("#q").fill("Anthony")
    expect(page.locator("#completions li a").first).to_have_text("Anthony Stansfeld")  # no eval: the CSP forbids it
    page.locator("#completions li a").first.click()
    page.wait_for_url(url + "/id/stansfeld")
    assert page.locator("h1").inner_text() == "Anthony Stansfeld" and errors == [], errors


def test_entity_page_leads_with_its_summary_and_links_its_sources(browser, url):
    page, errors = watched_page(browser)
    page.goto(url + "/id/stansfeld")
    summary = page.locator("dl.summary")
    assert summary.locator("dt").all_inner_texts()[:2] == ["What it is", "Held to account by"]
    box, sources = summary.bounding_box(), page.get_by_role("heading", name="What the sources say").bounding_box()
    assert box["y"] < sources["y"]  # the summary comes first
    summary.get_by_role("link", name="Source article 000").click()
    page.wait_for_url(url + "/source/000")
    assert page.locator("h1").inner_text() == "Source article 000"
    assert "¶3" in page.locator("h3").all_inner_texts() and errors == [], errors
