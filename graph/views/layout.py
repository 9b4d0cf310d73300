"""Node positions computed in Python, so the browser never has to run physics on a big graph.

Every function here is linear in nodes plus edges: networkx's spring layout took 225 s on
20,000 nodes (10 iterations) and its spectral layout 8 s, while these take well under a second.
Positions are in vis-network canvas units (pixels at zoom 1).
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Mapping

import networkx as nx

Positions = dict[Hashable, tuple[float, float]]

NODE_SPACING = 60.0
"""Distance between neighbouring nodes on a ring or in a column."""
LEVEL_SPACING = 220.0
"""Distance between two levels (rings, timeline steps, hierarchy ranks)."""


def radial(g: nx.Graph) -> Positions:
    """Concentric rings around each component's best-connected node, components in rows.

    A node's ring is its breadth-first distance from the hub, and nodes on a ring follow the
    angles of their neighbours on the ring inside, so branches stay together: for the
    hub-and-spoke shape of oversight (forces around the bodies that watch them) this reads
    like a radial tree. Largest components come first.
    """
    und = g.to_undirected(as_view=True) if g.is_directed() else g
    components = sorted(nx.connected_components(und), key=len, reverse=True)
    pos: Positions = {}
    row_width = max(2000.0, math.sqrt(len(g)) * NODE_SPACING * 2)
    x = y = row_height = 0.0
    for component in components:
        hub = max(component, key=lambda n: (und.degree(n), str(n)))
        local, radius = _rings(und, hub)
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (dx, dy) in local.items():
            pos[node] = (x + radius + dx, y + radius + dy)
        x += 2 * radius + NODE_SPACING
        row_height = max(row_height, 2 * radius + NODE_SPACING)
    return pos


def _rings(und: nx.Graph, hub: Hashable) -> tuple[Positions, float]:
    """Positions relative to the hub, and the radius of the outermost ring."""
    angle = {hub: 0.0}
    pos: Positions = {hub: (0.0, 0.0)}
    radius = 0.0
    for depth, layer in enumerate(nx.bfs_layers(und, [hub])):
        if depth == 0:
            continue
        # Enough room on the ring for every node, and at least one level further out.
        radius = max(radius + LEVEL_SPACING, len(layer) * NODE_SPACING / (2 * math.pi))
        inner = [min((angle[m] for m in und[n] if m in angle), default=0.0) for n in layer]
        order = sorted(range(len(layer)), key=lambda i: (inner[i], str(layer[i])))
        for rank, i in enumerate(order):
            angle[layer[i]] = a = 2 * math.pi * rank / len(layer)
            pos[layer[i]] = (radius * math.cos(a), radius * math.sin(a))
    return pos, radius


def layered(levels: Mapping[Hashable, int], *, horizontal: bool) -> Positions:
    """One column (horizontal) or row per level, nodes centred on the axis in the order given.

    The caller orders `levels`; within a level nodes keep that order.
    """
    columns: dict[int, list[Hashable]] = {}
    for node, level in levels.items():
        columns.setdefault(level, []).append(node)
    pos: Positions = {}
    for rank, level in enumerate(sorted(columns)):
        nodes = columns[level]
        for i, node in enumerate(nodes):
            along = rank * LEVEL_SPACING
            across = (i - (len(nodes) - 1) / 2) * NODE_SPACING * 1.5
            pos[node] = (along, across) if horizontal else (across, along)
    return pos


LABEL_WIDTH = 180.0
"""The widest a node label is drawn (vis-network's `widthConstraint.maximum`); longer ones wrap."""
CHAR_WIDTH = 8.0
"""A generous average width of one character of a 14 px label, in canvas units."""


def label_width(label: str) -> float:
    """How wide a label is drawn, at most: one line, or LABEL_WIDTH once it wraps."""
    return min(LABEL_WIDTH, len(label) * CHAR_WIDTH)


def rows(g: nx.Graph, ranks: Mapping[Hashable, int], gap: float = 50.0) -> Positions:
    """One row per rank, rank 0 at the bottom and higher ranks above, each row as wide as its
    labels need (no two labels overlap), ordered to follow the row below it.

    A node's place in its row is the mean x of its neighbours already placed (the
    barycentre heuristic of layered drawing), so edges between rows cross little; the first
    row keeps the order given.
    """
    und = g.to_undirected(as_view=True) if g.is_directed() else g
    by_rank: dict[int, list[Hashable]] = {}
    for node, rank in ranks.items():
        by_rank.setdefault(rank, []).append(node)
    pos: Positions = {}
    for rank in sorted(by_rank):
        nodes = by_rank[rank]
        if pos:
            def centre(n: Hashable) -> float:
                placed = [pos[m][0] for m in und[n] if m in pos]
                return sum(placed) / len(placed) if placed else 0.0
            nodes = sorted(nodes, key=centre)
        widths = [max(label_width(str(g.nodes[n].get("label", n))), 24.0) + gap for n in nodes]
        x = -sum(widths) / 2
        for node, width in zip(nodes, widths):
            pos[node] = (x + width / 2, -rank * LEVEL_SPACING * 1.3)
            x += width
    return pos


def label_offsets(pos: Positions, edges: list[tuple[Hashable, Hashable, str]], font: float = 13.0) -> list[float]:
    """Vertical shifts (vis-network's `font.vadjust`) that keep straight edges' labels, drawn
    at their midpoints, from overlapping one another: each label moves up or down, a line at a
    time, until its box is clear of those already placed."""
    placed: list[tuple[float, float, float, float]] = []
    shifts = []
    for u, v, text in edges:
        (x1, y1), (x2, y2) = pos[u], pos[v]
        w, h = len(text) * font * 0.6 + 12, font + 8
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
        for step in range(40):
            shift = (step + 1) // 2 * h * (1 if step % 2 else -1)
            box = (cx - w / 2, cy + shift - h / 2, cx + w / 2, cy + shift + h / 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        placed.append(box)
        shifts.append(shift)
    return shifts


def wrapped(pos: Positions, per_row: int) -> Positions:
    """Fold a long left-to-right layout into rows of `per_row` columns, read like text.

    A 16-step case route in one row is too wide to read once zoomed to fit; in rows it keeps
    its order (left to right, then the next row down) at a legible size.
    """
    if not pos:
        return pos
    spread = max(y for _, y in pos.values()) - min(y for _, y in pos.values())
    band = spread + LEVEL_SPACING
    out: Positions = {}
    for node, (x, y) in pos.items():
        column = round(x / LEVEL_SPACING)
        out[node] = ((column % per_row) * LEVEL_SPACING, y + (column // per_row) * band)
    return out


def timeline_levels(g: nx.Graph) -> dict[Hashable, int]:
    """Each node's step on a case route: its `order`, else the earliest step it touches.

    Actors and documents attached to a route carry no `order`; putting them in the column of
    the first step they take part in keeps the route readable left to right. Nodes touching
    no step go after the last one. Ordered nodes come first within their column.
    """
    und = g.to_undirected(as_view=True) if g.is_directed() else g
    steps = {n: d["order"] for n, d in g.nodes(data=True) if isinstance(d.get("order"), int)}
    last = max(steps.values(), default=0) + 1
    levels = {}
    for n in g:
        if n in steps:
            levels[n] = steps[n]
        else:
            levels[n] = min((steps[m] for m in und[n] if m in steps), default=last)
    key = {n: (n not in steps, str(g.nodes[n].get("label", n))) for n in g}
    return dict(sorted(levels.items(), key=lambda item: key[item[0]]))


def hierarchy_levels(g: nx.DiGraph) -> dict[Hashable, int]:
    """Rank by topological generation: nodes with no incoming edge on top, cycles share a rank.

    Cycles are collapsed with networkx's condensation first, so any directed graph has ranks.
    """
    dag = nx.condensation(g)
    levels = {}
    for rank, generation in enumerate(nx.topological_generations(dag)):
        for component in generation:
            for n in dag.nodes[component]["members"]:
                levels[n] = rank
    key = {n: str(g.nodes[n].get("label", n)) for n in g}
    return dict(sorted(levels.items(), key=lambda item: key[item[0]]))
