"""Graphs in the shape `graph.network.project` produces, built by hand for the view tests."""
from __future__ import annotations

import networkx as nx

ID = "https://w3id.org/oversight-graph/id/"

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    '"><svg onload="window.__pwned=3">',
    "</script><script>window.__pwned=4</script>",
    "javascript:window.__pwned=5",
    '<a href="javascript:window.__pwned=6">href</a>',
    "'><iframe srcdoc='<script>parent.__pwned=7</script>'>",
    "</style><img src=x onerror=window.__pwned=8>",
    "<!--<script>window.__pwned=9//-->",
    "\u2028</ScRiPt ><script>window.__pwned=10</script>",
]
"""Markup that would set `window.__pwned` if any of it reached the page as HTML."""


def small_graph() -> nx.MultiDiGraph:
    """A force, a watchdog and a person, with one fact of each kind of claim status."""
    g = nx.MultiDiGraph()
    nodes = [
        ("met", "Metropolitan Police Service", "PoliceForce", "Police force"),
        ("iopc", "Independent Office for Police Conduct", "OversightBody", "Oversight body"),
        ("hmicfrs", "HMICFRS", "OversightBody", "Oversight body"),
        ("smith", "A. Smith", "Person", "Person"),
    ]
    for key, label, cls, cls_label in nodes:
        g.add_node(ID + key, label=label, cls=cls, cls_label=cls_label, iri=ID + key, id=key)
    edges = [
        ("iopc", "met", "investigated", "investigated", "found", "000", [4, 5]),
        ("smith", "met", "complainedAbout", "complained about", "alleged", "001", [2]),
        ("met", "smith", "complainedAbout", "complained about", "denied", "001", [9]),
        ("hmicfrs", "met", "inspected", "inspected", "reported", "002", []),
        ("hmicfrs", "iopc", "cites", "cites", "reference", "002", [12]),
    ]
    for u, v, rel, rel_label, status, source, paragraphs in edges:
        g.add_edge(ID + u, ID + v, relation=rel, relation_label=rel_label, status=status,
                   sources=[{"source": source, "title": f"Report {source}", "paragraphs": paragraphs}])
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Every payload in every text field the views show: labels, classes, relations, sources."""
    g = nx.MultiDiGraph()
    for i, p in enumerate(PAYLOADS):
        g.add_node(p, label=p, cls=p, cls_label=p, iri=p, date=p, id=p)
        g.add_node(f"plain{i}", label=f"Plain {i}", cls="PoliceForce", cls_label="Police force")
        g.add_edge(p, f"plain{i}", relation=p, relation_label=p, status=p,
                   sources=[{"source": p, "title": p, "paragraphs": [p]}])
        g.add_edge(f"plain{i}", p, relation="wroteTo", relation_label="wrote to", status="alleged",
                   sources=[{"source": "000", "title": p, "paragraphs": [1]}])
    return g


def route_graph() -> nx.MultiDiGraph:
    """A case route: four ordered steps, given out of order, and one actor without `order`."""
    g = nx.MultiDiGraph()
    for step in (3, 1, 4, 2):
        g.add_node(ID + f"step{step}", label=f"Step {step}", cls="Event", cls_label="Event", order=step)
    g.add_node(ID + "actor", label="Actor", cls="Person", cls_label="Person")
    for step in (1, 2, 3):
        g.add_edge(ID + f"step{step}", ID + f"step{step + 1}", relation="ledTo", relation_label="led to",
                   status="found", sources=[{"source": "000", "title": "Judgment", "paragraphs": [step]}])
    g.add_edge(ID + "actor", ID + "step2", relation="tookPart", relation_label="took part in",
               status="reported", sources=[])
    return g


def random_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """n nodes and 1.5 n edges in the contract's shape, with a few classes and statuses."""
    base = nx.gnm_random_graph(n, n * 3 // 2, seed=seed, directed=True)
    g = nx.MultiDiGraph()
    classes = ["PoliceForce", "Person", "OversightBody", "Event"]
    statuses = ["reported", "alleged", "found", "disputed"]
    for i in base:
        g.add_node(i, label=f"Node {i}", cls=classes[i % 4], cls_label=classes[i % 4])
    for k, (u, v) in enumerate(base.edges):
        g.add_edge(u, v, relation="wroteTo", relation_label="wrote to", status=statuses[k % 4],
                   sources=[{"source": f"{k % 7:03}", "title": f"Source {k % 7}", "paragraphs": [k]}])
    return g
