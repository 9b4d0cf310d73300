"""The views in a real headless Chromium: they draw, make no requests, filter, and run no payload.

Debian's Chromium is driven by Playwright with `executable_path`; no browser is downloaded.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.views.choose import choose
from graph.views.render import render_view
from graph.views.timeline_page import render_timeline
from test_timeline import hostile_timeline
from view_graphs import PAYLOADS, hostile_graph, random_graph, route_graph, small_graph

pytestmark = pytest.mark.browser
OPTIONS = "JSON.parse(document.getElementById('og-network').dataset.options)"
"""The vis-network options a page was drawn with, as an expression in the page."""

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
        # innerText turns line breaks into <br>, and the timeline writes its text into one
        # element of its own (.og-text); any other element would mean data became markup.
        assert tooltip.locator(":not(br):not(.og-text)").count() == 0, tooltip.inner_html()
        assert tooltip.locator(".og-text *").count() == 0, tooltip.inner_html()
        return tooltip.inner_text()

    def node_id(self, label: str) -> int:
        return self.js("label => ogView.nodes.get({filter: n => n.label === label})[0].id", label)

    def centre(self, selector: str) -> tuple[float, float]:
        element = self.page.locator(selector).first
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def check_clean(self, links: int = 0) -> None:
        """No request, no error, no payload run, and no element the template does not write
        (`links`: the one link between a timeline and its network view)."""
        assert self.requests == []
        assert self.errors == []
        assert self.js("window.__pwned") is None
        assert self.js("document.querySelectorAll('img, svg, iframe').length") == 0
        assert self.js("document.querySelectorAll('a').length") == links


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


# -- the views of the bundled data, measured where Chromium draws them ----------------------------

def test_chain_labels_do_not_overlap(browser, dataset, tmp_path):
    """Every node's box (vis-network's getBoundingBox: the shape and its label, in canvas
    units) is clear of every other, and the actor is the bottom row."""
    view = View(browser, choose(dataset, chain="Thames Valley Police").write(tmp_path / "chain.html"))
    boxes = view.js("""() => ogView.nodes.getIds().map(id => {
        const b = ogView.network.getBoundingBox(id); return [ogView.nodes.get(id).label, b.left, b.top, b.right, b.bottom]; })""")
    assert len(boxes) >= 6
    for i, (a, *p) in enumerate(boxes):
        for b, *q in boxes[i + 1:]:
            assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), f"{a!r} overlaps {b!r}"
    bottom = max(boxes, key=lambda box: box[2])
    assert bottom[0] == "Thames Valley Police"
    # edge labels drawn at 13 px at least on screen, at the zoom the page opens with
    assert view.js("ogView.network.getScale() * OPTIONS().edges.font.size".replace("OPTIONS()", OPTIONS)) >= 10
    view.check_clean()


def test_timeline_items_sit_in_date_order(browser, dataset, tmp_path):
    """Along the route, each item's time on the axis (a range's left edge, a box's dot) is
    no left of the one before, and a year spans about twelve times a month's width."""
    view = View(browser, choose(dataset, timeline="Alex Dearden").write(tmp_path / "tl.html"))
    placed = view.js("""() => ogView.items.get({filter: i => i.type !== 'background'}).map(i => {
        const part = i.type === 'range' ? '.vis-range' : '.vis-dot';  // a box's dot marks its time
        const r = document.querySelector('#og-timeline ' + part + '.og-n' + i.id).getBoundingClientRect();
        return [i.order, i.type === 'range' ? r.left : r.left + r.width / 2, r.width, i.text]; })""")
    assert len(placed) == 16
    xs = [x for _, x, _, _ in sorted(placed)]
    assert all(b >= a - 1 for a, b in zip(xs, xs[1:])), sorted(placed)
    year = next(w for _, _, w, t in placed if t.startswith("2015 \u00b7"))
    band = view.js("document.querySelector('#og-timeline .og-band').getBoundingClientRect().width")
    assert 10 < year / band < 13
    text = view.hover(*view.centre("#og-timeline .vis-box.og-month"))
    assert "2016-07 (stated, according to Thames Valley Police) \u2014 source 000 \u00b6 23" in text
    view.check_clean(links=1)


def test_timeline_payloads_stay_text(browser, tmp_path):
    view = View(browser, render_timeline(hostile_timeline(), tmp_path / "tl.html"))
    assert view.js("document.querySelector('h1').textContent") == PAYLOADS[3]
    assert view.js("document.querySelectorAll('#og-timeline .vis-item.vis-box').length") == len(PAYLOADS)
    text = view.hover(*view.centre("#og-timeline .vis-box.og-n0"))
    assert text.startswith(PAYLOADS[0])
    view.check_clean()


def test_overview_legend_fits_and_a_folded_node_opens(browser, dataset, tmp_path):
    view = View(browser, choose(dataset).write(tmp_path / "overview.html"))
    legend = view.js("""() => Array.from(document.querySelectorAll('input[data-class]')).map(
        box => box.closest('label').getBoundingClientRect().bottom)""")
    assert 8 <= len(legend) <= 15
    assert max(legend) <= view.js("window.innerHeight")
    folded = view.js("ogView.nodes.get({filter: n => n.folds !== undefined}).map(n => n.id)")
    shown = view.js("ogView.nodesView.length")
    view.page.mouse.click(*view.point(folded[0]))
    opened = view.js("ogView.nodesView.length")
    assert opened > shown - 1 and view.js(f"ogView.nodesView.get({folded[0]})") is None
    # the hubs' labels are drawn at a readable size at the zoom the page opens with
    size = view.js("ogView.network.getScale() * OPTIONS().nodes.scaling.label.max".replace("OPTIONS()", OPTIONS))
    assert size >= 12
    view.check_clean()
