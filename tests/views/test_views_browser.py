"""The views in a real headless Chromium: they draw, make no requests, filter, and run no payload.

Debian's Chromium is driven by Playwright with `executable_path`; no browser is downloaded.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.views.render import render_view
from view_graphs import PAYLOADS, hostile_graph, random_graph, route_graph, small_graph

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian Chromium is not installed at /usr/bin/chromium "
                    "(bash .ci/system-deps installs it as root: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class View:
    """One page open on a view, recording every request that is not for a file and every error."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.ogView && window.ogView.ready", timeout=30_000)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def point(self, node_id: int) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(self.js("""id => {
            const net = ogView.network, at = net.canvasToDOM(net.getPosition(id));
            const box = net.body.container.getBoundingClientRect();
            return [box.left + at.x, box.top + at.y];
        }""", node_id))

    def hover(self, x: float, y: float) -> str:
        """Move the mouse to (x, y) and return the text of the tooltip vis-network shows."""
        self.page.mouse.move(x - 30, y - 30)
        self.page.mouse.move(x, y, steps=5)
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        # innerText turns line breaks into <br>; any other element would mean data became markup.
        assert tooltip.locator(":not(br)").count() == 0, tooltip.inner_html()
        return tooltip.inner_text()

    def node_id(self, label: str) -> int:
        return self.js("label => ogView.nodes.get({filter: n => n.label === label})[0].id", label)

    def check_clean(self) -> None:
        assert self.requests == []
        assert self.errors == []
        assert self.js("window.__pwned") is None
        assert self.js("document.querySelectorAll('img, svg, iframe, a').length") == 0


def test_view_draws_offline_without_errors(browser, tmp_path):
    view = View(browser, render_view(small_graph(), tmp_path / "v.html", title="Small"))
    assert view.js("document.querySelectorAll('#og-network canvas').length") == 1
    drawn = view.js("""() => {
        const c = document.querySelector('#og-network canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i]) n++; return n; }""")
    assert drawn > 1000, "the canvas is blank"
    assert view.js("[ogView.nodes.length, ogView.edges.length]") == [4, 5]
    assert view.js("ogView.network.physics.physicsEnabled") is False  # settled, then frozen
    assert view.page.locator("#og-busy").is_hidden()
    view.check_clean()


def test_injected_markup_stays_text_in_page_and_tooltips(browser, tmp_path):
    view = View(browser, render_view(hostile_graph(), tmp_path / "v.html", title=PAYLOADS[0]))
    assert view.js("document.querySelector('h1').textContent") == PAYLOADS[0]
    assert view.js("ogView.nodes.length") == 2 * len(PAYLOADS)
    for payload in PAYLOADS[:3]:
        text = view.hover(*view.point(view.node_id(payload)))
        assert text.startswith(payload.strip())
    # Drive every control with payload text too.
    view.page.fill("#og-search", PAYLOADS[3])
    view.page.select_option("#og-source", label=f"{PAYLOADS[0]}: {PAYLOADS[0]}")
    view.page.locator("input[data-class]").first.uncheck()
    view.page.wait_for_timeout(300)
    view.check_clean()


def test_edge_tooltip_lists_relation_status_and_sources_as_text(browser, tmp_path):
    g = route_graph()
    u, v, data = next(iter(g.edges(data=True)))
    data.update(relation_label=PAYLOADS[1], status="alleged",
                sources=[{"source": "000", "title": PAYLOADS[0], "paragraphs": [3, 7]}])
    view = View(browser, render_view(g, tmp_path / "v.html", title="Route", layout="route"))
    (x1, y1), (x2, y2) = view.point(view.node_id(g.nodes[u]["label"])), view.point(view.node_id(g.nodes[v]["label"]))
    text = view.hover((x1 + x2) / 2, (y1 + y2) / 2)
    assert PAYLOADS[1] in text and "Status: alleged" in text
    assert f"Source 000: {PAYLOADS[0]}, \u00b6 3, 7" in text
    view.check_clean()


def test_filters_sources_and_search(browser, tmp_path):
    view = View(browser, render_view(small_graph(), tmp_path / "v.html", title="Small"))
    shown = "[ogView.nodesView.length, ogView.edgesView.length]"
    view.page.locator("label", has_text="Person").locator("input").uncheck()
    assert view.js(shown) == [3, 5]  # vis leaves out the edges of hidden nodes when drawing
    view.page.locator("label", has_text="Person").locator("input").check()
    view.page.locator("label", has_text="complained about").locator("input").uncheck()
    assert view.js(shown) == [4, 3]
    view.page.locator("label", has_text="complained about").locator("input").check()
    view.page.select_option("#og-source", label="001: Report 001")
    assert view.js(shown) == [2, 2]  # only the two facts from source 001, and the nodes they link
    view.page.select_option("#og-source", value="-1")
    assert view.js(shown) == [4, 5]
    view.page.fill("#og-search", "police")
    labels = view.js("ogView.network.getSelectedNodes().map(id => ogView.nodes.get(id).label)")
    assert sorted(labels) == ["Independent Office for Police Conduct", "Metropolitan Police Service"]
    assert view.page.inner_text("#og-matches") == "2 matches"
    view.check_clean()


def test_large_view_opens_with_fixed_positions(browser, tmp_path):
    view = View(browser, render_view(random_graph(3000), tmp_path / "v.html", title="Large"))
    assert view.js("[ogView.nodes.length, ogView.edges.length]") == [3000, 4500]
    assert view.js("ogView.network.physics.physicsEnabled") is False
    view.check_clean()


def test_csp_refuses_markup_that_slips_in(browser, tmp_path):
    """Defence in depth: even markup written into the page by a future bug would not run."""
    view = View(browser, render_view(small_graph(), tmp_path / "v.html", title="Small"))
    view.js("""() => { document.body.insertAdjacentHTML('beforeend',
        '<img src=x onerror="window.__pwned=1"><a id=j href="javascript:window.__pwned=2">j</a>');
        const s = document.createElement('script'); s.textContent = 'window.__pwned = 3';
        document.body.appendChild(s); document.getElementById('j').click(); }""")
    view.page.wait_for_timeout(300)
    assert view.js("window.__pwned") is None
    assert any("Content Security Policy" in e for e in view.errors)


def test_empty_and_non_ascii_views_open(browser, tmp_path):
    empty = View(browser, render_view(nx.MultiDiGraph(), tmp_path / "empty.html", title="Empty"))
    assert empty.js("ogView.nodes.length") == 0
    empty.check_clean()
    g = small_graph()
    welsh = "Heddlu Gogledd Cymru \u2013 Ynys M\u00f4n \U0001f6a8"
    g.nodes[next(iter(g))]["label"] = welsh
    view = View(browser, render_view(g, tmp_path / "v.html", title=f"Caf\u00e9: {welsh}"))
    assert view.js("document.querySelector('h1').textContent") == f"Caf\u00e9: {welsh}"
    view.page.fill("#og-search", "M\u00d4N")
    assert view.js("ogView.network.getSelectedNodes().map(id => ogView.nodes.get(id).label)") == [welsh]
    view.check_clean()
