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
