"""The HTML views: self-contained, escaped, encoded as the legend says, and quick to build."""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from graph.views import layout
from graph.views.render import LARGE_GRAPH, render_html, render_view
from view_graphs import PAYLOADS, hostile_graph, random_graph, route_graph, small_graph


class Page(HTMLParser):
    """Every element with its attributes, and the text of each <script>, as the browser parses them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data):
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def data(self, element_id: str):
        return next(json.loads(text) for attrs, text in self.scripts if attrs.get("id") == element_id)

    def attribute(self, element_id: str, name: str) -> str:
        return next(attrs[name] for _, attrs in self.tags if attrs.get("id") == element_id)


def render(tmp_path: Path, g, **kwargs) -> tuple[str, Page]:
    out = render_view(g, tmp_path / "view.html", title=kwargs.pop("title", "Test view"), **kwargs)
    html = out.read_text(encoding="utf-8")
    return html, Page(html)


def test_writes_one_page_with_every_node_and_fact(tmp_path):
    _, page = render(tmp_path, small_graph())
    nodes, edges = page.data("og-nodes"), page.data("og-edges")
    assert sorted(n["label"] for n in nodes) == sorted(d["label"] for _, d in small_graph().nodes(data=True))
    assert len(edges) == 5
    assert len(page.scripts) == 4  # nodes, edges, vis-network, our script: nothing else
    assert list(tmp_path.iterdir()) == [tmp_path / "view.html"]  # no lib/ folder beside it


def test_render_view_writes_the_page_render_html_returns(tmp_path):
    g, options = route_graph(), {"title": "Route", "layout": "route", "class_shapes": {"Event": "star"}}
    written = render_view(g, tmp_path / "nested" / "view.html", **options)
    assert written.read_text(encoding="utf-8") == render_html(g, **options)


def test_makes_no_external_requests(tmp_path):
    html, page = render(tmp_path, small_graph())
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            assert name not in attrs, f"<{tag} {name}=...> would load something"
    assert not re.search(r"@import|url\(\s*(?!['\"]?data:)", html), "CSS must not load anything"
    assert "sourceMappingURL" not in html
    csp = next(a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    # URLs left once data, vis-network's own code and its licence comments are set aside.
    executable = [text for attrs, text in page.scripts if "type" not in attrs]
    rest = html
    for text in executable + [text for attrs, text in page.scripts if "type" in attrs]:
        rest = rest.replace(text, "")
    assert not re.search(r"https?://", rest)


def test_csp_allows_exactly_the_inline_scripts(tmp_path):
    """Scripts are allowed by hash, so injected handlers and scripts would be refused."""
    _, page = render(tmp_path, small_graph())
    csp = next(a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy")
    allowed = set(re.findall(r"'sha256-[^']+'", csp))
    executable = [text for attrs, text in page.scripts if "type" not in attrs]
    hashes = {"'sha256-%s'" % base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in executable}
    assert len(executable) == 2 and allowed == hashes
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_injection_corpus_stays_text(tmp_path):
    html, page = render(tmp_path, hostile_graph(), title=PAYLOADS[0] + PAYLOADS[3])
    for payload in PAYLOADS:
        assert payload not in html or not re.search("[<>\"']", payload)
    # Only the elements the template writes, and no event handlers or javascript: URLs on them.
    assert {tag for tag, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "aside", "h1", "h2", "p", "label", "input",
        "div", "select", "option", "span", "script", "details", "summary"}
    for tag, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not any("javascript:" in value for value in attrs.values()), (tag, attrs)
    # The data still reads back exactly: escaped for the page, not mangled.
    labels = {n["label"] for n in page.data("og-nodes")}
    assert set(PAYLOADS) <= labels
    options = json.loads(page.attribute("og-network", "data-options"))
    assert len(options["groups"]) == len(PAYLOADS) + 1
    assert any(PAYLOADS[0] in e["title"] for e in page.data("og-edges"))


def test_heading_legend_and_filters_are_escaped(tmp_path):
    html, _ = render(tmp_path, hostile_graph(), title="<b>Title</b>")
    assert "<h1>&lt;b&gt;Title&lt;/b&gt;</h1>" in html
    assert "<title>&lt;b&gt;Title&lt;/b&gt;</title>" in html
    escaped = "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;"
    assert html.count(escaped) >= 4  # class legend, relation filter, source select, status legend


def test_tooltips_give_label_class_relation_sources_and_status(tmp_path):
    _, page = render(tmp_path, small_graph())
    met = next(n for n in page.data("og-nodes") if n["label"] == "Metropolitan Police Service")
    assert met["title"].split("\n")[:2] == ["Metropolitan Police Service", "Police force"]
    edge = next(e for e in page.data("og-edges") if "investigated" in e["title"])
    assert edge["title"] == ("Independent Office for Police Conduct \u2014 investigated \u2192 "
                             "Metropolitan Police Service\nStatus: found\nSource 000: Report 000, \u00b6 4, 5")
    assert edge["label"] == "investigated"


def test_edge_tooltip_names_who_made_the_claim(tmp_path):
    g = small_graph()
    u, v, k = next((u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d["status"] == "alleged")
    g.edges[u, v, k]["attributed_to"] = [u, "https://example.org/unknown"]
    _, page = render(tmp_path, g)
    edge = next(e for e in page.data("og-edges") if "Status: alleged" in e["title"])
    assert "\nAccording to: A. Smith; https://example.org/unknown\n" in edge["title"]


def test_contested_claims_are_dashed_and_coloured(tmp_path):
    html, page = render(tmp_path, small_graph())
    by_status = {e["title"].split("\n")[1].removeprefix("Status: "): e for e in page.data("og-edges")}
    assert by_status["alleged"]["dashes"] is True and by_status["denied"]["dashes"] is True
    assert "dashes" not in by_status["found"] and "dashes" not in by_status["reported"]
    assert "color" not in by_status["found"]
    assert by_status["alleged"]["color"]["color"] != json.loads(
        page.attribute("og-network", "data-options"))["edges"]["color"]["color"]
    assert "border-top-style: dashed" in html and "alleged, denied" in html


def test_parallel_facts_are_fanned_out(tmp_path):
    _, page = render(tmp_path, small_graph())
    pair = [e for e in page.data("og-edges") if "complained about" in e["label"]]
    assert "smooth" not in pair[0] and pair[1]["smooth"]["type"] == "curvedCW"


def test_classes_get_distinct_styles_and_can_be_overridden(tmp_path):
    _, page = render(tmp_path, small_graph(), class_colours={"Person": "#000000"},
                     class_shapes={"Person": "star"})
    groups = json.loads(page.attribute("og-network", "data-options"))["groups"]
    assert len({g["color"]["background"] for g in groups.values()}) == 3
    assert {"shape": "star", "color": {"background": "#000000", "border": "#000000"}} in groups.values()
    with pytest.raises(ValueError, match="colour"):
        render_view(small_graph(), tmp_path / "x.html", title="x", class_colours={"Person": "red;}"})
    with pytest.raises(ValueError, match="shape"):
        render_view(small_graph(), tmp_path / "x.html", title="x", class_shapes={"Person": "image"})


def test_filters_list_classes_relations_and_sources(tmp_path):
    html, _ = render(tmp_path, small_graph())
    assert re.findall(r'data-class="\d+">.*?</span>([^<]+)<', html) == ["Oversight body", "Person", "Police force"]
    assert len(re.findall(r'data-relation="\d+"', html)) == 4
    assert re.findall(r'<option value="(\d+)">(\d+):', html) == [("0", "000"), ("1", "001"), ("2", "002")]


def test_small_force_view_uses_physics_and_large_one_does_not(tmp_path):
    _, page = render(tmp_path, small_graph())
    assert json.loads(page.attribute("og-network", "data-options"))["physics"]["enabled"] is True
    _, page = render(tmp_path, random_graph(LARGE_GRAPH + 1))
    options = json.loads(page.attribute("og-network", "data-options"))
    assert options["physics"]["enabled"] is False and options["edges"]["smooth"] is False
    nodes = page.data("og-nodes")
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)  # every node placed, none stacked
    assert not any("dashes" in e for e in page.data("og-edges"))  # dashes are slow to draw


def test_timeline_runs_left_to_right_in_order(tmp_path):
    _, page = render(tmp_path, route_graph(), layout="route")
    x = {n["label"]: n["x"] for n in page.data("og-nodes")}
    assert x["Step 1"] < x["Step 2"] < x["Step 3"] < x["Step 4"]
    assert x["Actor"] == x["Step 2"]  # an unordered actor stands at the first step it touches
    assert json.loads(page.attribute("og-network", "data-options"))["physics"]["enabled"] is False


def test_hierarchy_puts_sources_above_targets(tmp_path):
    _, page = render(tmp_path, route_graph(), layout="hierarchy")
    y = {n["label"]: n["y"] for n in page.data("og-nodes")}
    assert y["Step 1"] < y["Step 2"] < y["Step 3"] < y["Step 4"]
    with pytest.raises(ValueError, match="layout"):
        render_view(route_graph(), tmp_path / "x.html", title="x", layout="circle")


def test_radial_layout_keeps_nodes_apart():
    pos = layout.radial(random_graph(300))
    points = list(pos.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:])
    assert len(pos) == 300 and closest >= layout.NODE_SPACING * 0.99


def test_hierarchy_gives_a_cycle_one_rank():
    g = route_graph()
    g.add_edge(next(n for n in g if n.endswith("step4")), next(n for n in g if n.endswith("step2")))
    levels = {g.nodes[n]["label"]: rank for n, rank in layout.hierarchy_levels(g).items()}
    assert levels["Step 1"] == 0 and levels["Step 2"] == levels["Step 3"] == levels["Step 4"]


def test_timeline_puts_unconnected_nodes_after_the_last_step():
    g = route_graph()
    g.add_node("loose", label="Loose", cls="Person")
    levels = layout.timeline_levels(g)
    assert levels["loose"] == 5 and list(levels)[-1] == "loose"  # ordered steps come first


def test_hierarchy_rows_leave_each_label_its_width_and_put_the_actor_at_the_bottom():
    g = nx.MultiDiGraph()
    g.add_node("actor", label="Thames Valley Police", rank=0)
    for i in range(12):
        g.add_node(i, label=f"Overseer number {i} with a long name that wraps " * (i % 3 + 1), rank=1 + i % 2)
        g.add_edge("actor", i, relation="overseenBy", relation_label="overseen by", status="reported", sources=[])
    pos = layout.rows(g, nx.get_node_attributes(g, "rank"))
    assert pos["actor"][1] > max(y for n, (_, y) in pos.items() if n != "actor")  # canvas y grows down
    for rank in (1, 2):
        row = sorted((pos[n][0], layout.label_width(g.nodes[n]["label"])) for n in g if g.nodes[n]["rank"] == rank)
        for (x1, w1), (x2, w2) in zip(row, row[1:]):
            assert x2 - x1 >= (w1 + w2) / 2


def test_edge_labels_are_shifted_apart():
    pos = {"a": (0.0, 0.0), "b": (0.0, 200.0), "c": (10.0, 0.0)}
    shifts = layout.label_offsets(pos, [("a", "b", "overseen by"), ("c", "b", "investigates complaints about")])
    assert shifts[0] == 0 and abs(shifts[1]) >= 13
