"""Interactive HTML views of the graph: one self-contained file, offline, safe, and fast to build.

pyvis's `Network` is the engine (its node and edge lists, options and `generate_html`), with a
template of our own, because pyvis's template loads Bootstrap, tom-select and vis-network from
CDNs in every mode, renders the heading unescaped and sets `innerHTML` from titles containing
"href". Here vis-network's JS and CSS are copied into the page from vendor/vis-network (the
copy inside pyvis is a private detail of that package), everything from data is escaped (see
templates/view.html), and node and edge lists are built in one pass instead of through
`add_node`/`add_edge`, which scan every edge for duplicates (pyvis's `from_nx` took over two
minutes on 20,000 nodes).

Input is the graph contract of `graph.network.project`: a `networkx.MultiDiGraph` whose
nodes carry `label`, `cls`, `cls_label` (optionally `iri`, `order`, `date`) and whose edges
carry `relation`, `relation_label`, `status` and `sources` (dicts with `source`, `title`,
`paragraphs`), optionally `attributed_to` (node keys of who made the claim).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pyvis.network import Network

from graph.views import assets, layout as layouts

__all__ = ["render_html", "render_view", "LARGE_GRAPH", "CONTESTED"]

Layout = Literal["force", "route", "hierarchy"]

LARGE_GRAPH = 1500
"""Above this many nodes a force view gets fixed positions and no physics (vis-network took
minutes to settle 1,500 nodes with physics on, pyvis issue #204, and appears at once without),
and claim status is shown by colour alone: in headless Chromium, dashes made the first drawing
of 20,000 nodes and 30,000 edges take 19 s instead of 1 s."""

CONTESTED = frozenset({"alleged", "denied", "disputed"})
"""Claim statuses drawn dashed in a warm colour: said by someone, not established."""
_FACT = "#555555"
_STATUS_STYLES: list[tuple[tuple[str, ...], str, str, bool | list[int]]] = [
    # (statuses, colour, CSS line style, vis `dashes`)
    (("reported", "stated", "found", "upheld", "acquitted"), _FACT, "solid", False),
    (tuple(sorted(CONTESTED)), "#d9480f", "dashed", True),
    (("reference",), "#9e9e9e", "dotted", [2, 6]),
]

_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
_SHAPES = {"dot": "\u25cf", "square": "\u25a0", "diamond": "\u25c6", "triangle": "\u25b2",
           "triangleDown": "\u25bc", "star": "\u2605", "hexagon": "\u2b22"}
"""vis-network shapes that draw their label underneath, with the legend symbol for each."""
_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")


def render_view(g: nx.MultiDiGraph, path: Path | str, **options: Any) -> Path:
    """Write `render_html(g, **options)` to `path` (folders made as needed) and return the path."""
    html = render_html(g, **options)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def render_html(
    g: nx.MultiDiGraph,
    *,
    title: str,
    layout: Layout = "force",
    class_colours: Mapping[str, str] | None = None,
    class_shapes: Mapping[str, str] | None = None,
    group_by: str = "cls",
    back_link: tuple[str, str] | None = None,
) -> str:
    """`g` as one self-contained interactive HTML page, as a string (the server answers with it).

    `layout` is "force" (physics for small graphs, precomputed rings above LARGE_GRAPH nodes),
    "route" (left to right by the nodes' `order`, for case routes) or "hierarchy" (top
    down by topological rank). `class_colours` ("#rrggbb") and `class_shapes` (vis-network
    shape names) override the default style of a class, keyed by its `cls`. `group_by` names
    the node attribute the legend and colours follow (its label in `<group_by>_label`), such
    as the overview's `kind`. `back_link` is (relative href, text) of a page to link to.
    Nodes with a `fold` attribute are members of a folded group drawn as the node whose
    `folds` equals it, until that node is clicked.
    """
    classes = _class_styles(g, class_colours or {}, class_shapes or {}, group_by)
    relations = _counted(g.edges(data=True), "relation", "relation_label")
    sources = _sources(g)
    class_index = {c["key"]: i for i, c in enumerate(classes)}
    relation_index = {r["key"]: i for i, r in enumerate(relations)}
    source_index = {s["key"]: i for i, s in enumerate(sources)}

    index = {node: i for i, node in enumerate(g)}
    large = len(g) > LARGE_GRAPH
    physics = layout == "force" and not large
    positions = _positions(g, layout)
    nodes = []
    for node, data in g.nodes(data=True):
        x, y = positions[node]
        cls = str(data.get(group_by, ""))
        drawn = {"id": index[node], "label": str(data.get("label", node)),
                 "title": _node_tooltip(node, data), "c": class_index[cls],
                 "group": f"g{class_index[cls]}", "x": round(x, 1), "y": round(y, 1)}
        for key in ("fold", "folds", "value"):
            if data.get(key) is not None:
                drawn[key] = data[key]
        nodes.append(drawn)
    edges = []
    parallel: Counter[frozenset[Any]] = Counter()
    labelled: set[tuple[Any, Any, str]] = set()
    for i, (u, v, data) in enumerate(g.edges(data=True)):
        edge = {"id": i, "from": index[u], "to": index[v],
                "label": str(data.get("relation_label") or data.get("relation", "")),
                "title": _edge_tooltip(g, u, v, data),
                "r": relation_index[str(data.get("relation", ""))],
                "s": sorted({source_index[str(s["source"])] for s in data.get("sources", [])})}
        # Facts between the same two nodes are fanned out, or they would be drawn on top of each other.
        bend = parallel[frozenset((u, v))]
        parallel[frozenset((u, v))] += 1
        if bend and layout != "hierarchy":  # rows shift their edge labels apart instead
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * bend}
        if bend and (u, v, edge["label"]) in labelled:  # the same words twice, on top of each other
            edge["label"] = ""
        labelled.add((u, v, edge["label"]))
        colour, dashes = _edge_style(data.get("status"))
        if colour != _FACT:
            edge["color"] = {"color": colour, "highlight": colour, "hover": colour}
        if dashes and not large:
            edge["dashes"] = dashes
        edges.append(edge)

    net = Network(directed=True, heading=title)
    net.nodes, net.edges = nodes, edges
    net.options = _vis_options(classes, physics=physics, fixed=not physics)
    if any("value" in n for n in nodes):
        # Hubs drawn bigger with bigger labels; a label too small to read is not drawn at all.
        # The page opens fitted to the graph, so zoom falls about as the square root of its
        # size: the hubs and their labels grow with it to stay legible (26 px suits ~150 nodes).
        grow = min(2.5, max(1.0, math.sqrt(len(g) / 150)))
        net.options["nodes"]["scaling"] = {"min": 8, "max": round(40 * grow), "label": {
            "enabled": True, "min": 8, "max": round(26 * grow), "maxVisible": round(26 * grow),
            "drawThreshold": 10}}
        net.options["nodes"]["widthConstraint"] = {"maximum": round(300 * grow)}
        net.options["physics"]["forceAtlas2Based"]["centralGravity"] = 0.03  # no far-flung islands
        net.options["edges"]["scaling"] = {"label": {"enabled": True, "drawThreshold": 8}}
    if layout == "hierarchy":  # rows far apart: edge labels upright, large, outlined, apart
        net.options["edges"]["font"] = {"size": 13, "align": "horizontal", "strokeWidth": 4}
        keys = list(g)
        ends = [(keys[e["from"]], keys[e["to"]], e["label"]) for e in edges]
        for edge, shift in zip(edges, layouts.label_offsets(positions, ends)):
            if shift:
                edge["font"] = {"vadjust": shift}
    statuses = Counter(str(d.get("status")) for _, _, d in g.edges(data=True))
    net.templateEnv = _environment(view={
        "classes": classes, "relations": relations, "sources": sources,
        "statuses": _status_legend(statuses, dashed=not large),
        "link": {"href": back_link[0], "text": back_link[1]} if back_link else None})
    net.path = "view.html"
    return net.generate_html(name="view.html")


def _class_styles(g: nx.MultiDiGraph, colours: Mapping[str, str],
                  shapes: Mapping[str, str], group_by: str) -> list[dict[str, Any]]:
    """One legend entry per class, styled by its rank in label order so colours are stable."""
    classes = _counted(g.nodes(data=True), group_by, f"{group_by}_label")
    shape_names = list(_SHAPES)
    for i, cls in enumerate(classes):
        colour = colours.get(cls["key"], _PALETTE[i % len(_PALETTE)])
        shape = shapes.get(cls["key"], shape_names[i // len(_PALETTE) % len(shape_names)])
        if not _COLOUR.fullmatch(colour):
            raise ValueError(f"colour for class {cls['key']!r} must be #rgb or #rrggbb: {colour!r}")
        if shape not in _SHAPES:
            raise ValueError(f"shape for class {cls['key']!r} must be one of {shape_names}: {shape!r}")
        cls.update(colour=colour, shape=shape, symbol=_SHAPES[shape])
    return classes


def _counted(items: Any, key: str, label: str) -> list[dict[str, Any]]:
    """Distinct values of attribute `key` over node or edge data, with a label and a count."""
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for *_, data in items:
        value = str(data.get(key, ""))
        counts[value] += 1
        labels.setdefault(value, str(data.get(label) or value or "(none)"))
    order = sorted(counts, key=lambda k: (labels[k].casefold(), k))  # as the legend reads
    return [{"key": k, "label": labels[k], "count": counts[k]} for k in order]


def _sources(g: nx.MultiDiGraph) -> list[dict[str, str]]:
    titles: dict[str, str] = {}
    for _, _, data in g.edges(data=True):
        for s in data.get("sources", []):
            titles.setdefault(str(s["source"]), str(s.get("title", "")))
    return [{"key": k, "title": titles[k]} for k in sorted(titles)]


def _positions(g: nx.MultiDiGraph, layout: Layout) -> layouts.Positions:
    if layout == "route":
        return layouts.wrapped(layouts.layered(layouts.timeline_levels(g), horizontal=True), per_row=6)
    if layout == "hierarchy":
        ranks = {n: d["rank"] for n, d in g.nodes(data=True) if "rank" in d}
        return layouts.rows(g, ranks if len(ranks) == len(g) else _upward(layouts.hierarchy_levels(g)))
    if layout == "force":
        return layouts.radial(g)
    raise ValueError(f"layout must be force, route or hierarchy: {layout!r}")


def _upward(levels: Mapping[Any, int]) -> dict[Any, int]:
    """Topological generations counted from the bottom: sources of edges on top."""
    top = max(levels.values(), default=0)
    return {n: top - level for n, level in levels.items()}


def _node_tooltip(node: Any, data: Mapping[str, Any]) -> str:
    """Plain text: vis-network 9 puts string titles in with innerText, never as HTML."""
    lines = [str(data.get("label", node)), str(data.get("cls_label") or data.get("cls", ""))]
    if data.get("date"):
        lines.append(str(data["date"]))
    lines.append(str(data.get("iri", node)))
    lines += data.get("replies", [])
    return "\n".join(lines)


def _edge_tooltip(g: nx.MultiDiGraph, u: Any, v: Any, data: Mapping[str, Any]) -> str:
    source, target = (str(g.nodes[n].get("label", n)) for n in (u, v))
    relation = data.get("relation_label") or data.get("relation", "")
    lines = [f"{source} \u2014 {relation} \u2192 {target}", f"Status: {data.get('status', 'unknown')}"]
    if data.get("attributed_to"):  # who says so: what matters most for a stated or alleged claim
        said_by = (str(g.nodes[a].get("label", a)) if a in g else str(a) for a in data["attributed_to"])
        lines.append("According to: " + "; ".join(said_by))
    for s in data.get("sources", []):
        paragraphs = ", ".join(str(p) for p in s.get("paragraphs", []))
        lines.append(f"Source {s['source']}: {s.get('title', '')}" + (f", \u00b6 {paragraphs}" if paragraphs else ""))
    return "\n".join(lines)


def _edge_style(status: Any) -> tuple[str, bool | list[int]]:
    for statuses, colour, _, dashes in _STATUS_STYLES:
        if status in statuses:
            return colour, dashes
    return _FACT, False


def _status_legend(present: Counter[str], *, dashed: bool) -> list[dict[str, str]]:
    """Legend rows for the line styles in use, naming the statuses each one stands for."""
    rows = []
    for statuses, colour, line, _ in _STATUS_STYLES:
        used = [s for s in statuses if present[s]]
        if used:
            rows.append({"label": ", ".join(used), "colour": colour, "line": line if dashed else "solid"})
    known = {s for statuses, *_ in _STATUS_STYLES for s in statuses}
    other = sorted(s for s in present if s not in known)
    if other:
        rows.append({"label": ", ".join(other), "colour": _FACT, "line": "solid"})
    return rows


def _vis_options(classes: list[dict[str, Any]], *, physics: bool, fixed: bool) -> dict[str, Any]:
    """vis-network options. Fixed layouts draw straight edges and hide them while moving,
    which keeps panning smooth with tens of thousands of edges."""
    return {
        "groups": {f"g{i}": {"shape": c["shape"], "color": {"background": c["colour"], "border": c["colour"]}}
                   for i, c in enumerate(classes)},
        "nodes": {"size": 12, "font": {"size": 14}, "widthConstraint": {"maximum": 180}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": _FACT, "inherit": False},
                  "font": {"size": 10, "align": "middle"},
                  "smooth": False if fixed else {"type": "continuous"}},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -120, "springLength": 150,
                                         "avoidOverlap": 0.5},
                    "stabilization": {"iterations": 200}},
        "interaction": {"hover": True, "tooltipDelay": 150,
                        "hideEdgesOnDrag": fixed, "hideEdgesOnZoom": fixed},
        "layout": {"improvedLayout": False},
    }


def _environment(view: dict[str, Any]) -> Environment:
    """A Jinja environment with autoescape on, holding this page's legend data and assets."""
    env = Environment(loader=FileSystemLoader(assets.TEMPLATES), autoescape=True, undefined=StrictUndefined)
    vis_js = assets.inline(assets.VENDOR / "vis-network" / "vis-network.min.js")
    vis_css = assets.inline(assets.VENDOR / "vis-network" / "vis-network.min.css")
    app_js = assets.inline(assets.TEMPLATES / "view.js")
    env.globals["view"] = {**view, "vis_js": Markup(vis_js), "vis_css": Markup(vis_css),
                           "app_js": Markup(app_js),
                           "script_hashes": " ".join(assets.csp_hash(s) for s in (vis_js, app_js))}
    return env
