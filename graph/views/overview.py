"""The whole graph as a first screen: about a dozen kinds of node, and figures folded.

The kinds, their colours and shapes are data (kinds.yaml), each matched to a node's class
through the ontology's rdfs:subClassOf. Figures (og:Observation and below) are folded into
one node per data set they belong to (else per actor stating them, else per source), with
the facts they share with the rest of the graph summed on its edges; clicking it in the page
shows the figures themselves. The HUBS nodes in the most facts are drawn large, and labels
too small to read are not drawn, so the first screen names the hubs of oversight and zooming
in names the rest.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import yaml
from rdflib import URIRef

from graph.model.namespaces import OG
from graph.model.vocabulary import Vocabulary, bundled_vocabulary

KINDS_FILE = Path(__file__).parent / "kinds.yaml"
HUBS = 15
"""How many of the best-connected nodes are drawn large, with labels legible before zooming;
the others' labels appear as one zooms in (vis-network's label drawThreshold)."""


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    colour: str
    shape: str
    classes: tuple[URIRef, ...]
    fold: tuple[URIRef, ...]
    hubs: bool


@cache
def kinds(path: Path = KINDS_FILE) -> tuple[Kind, ...]:
    vocab = bundled_vocabulary()
    return tuple(Kind(k["key"], k["label"], k["colour"], k["shape"], tuple(vocab.expand(c) for c in k["classes"]),
                      tuple(vocab.expand(c) for c in k.get("fold", [])), k.get("hubs", True))
                 for k in yaml.safe_load(path.read_text(encoding="utf-8")))


def kind_of(vocab: Vocabulary, cls: str) -> Kind:
    """The first kind listing `cls` (a class's local name in og:) or one of its ancestors."""
    iri = OG[cls]
    for kind in kinds():
        if any(iri == c or vocab.is_subclass(iri, c) for c in kind.classes):
            return kind
    return kinds()[-1]


def styles() -> tuple[dict[str, str], dict[str, str]]:
    """(colours, shapes) by kind key, for `render_html(class_colours=..., class_shapes=...)`."""
    return {k.key: k.colour for k in kinds()}, {k.key: k.shape for k in kinds()}


def overview(net: nx.MultiDiGraph, vocab: Vocabulary) -> nx.MultiDiGraph:
    """A copy of the projection with `kind`, `kind_label` and `value` on every node and the
    figures folded (`fold` on each figure, one node with `folds` per group)."""
    g = net.copy()
    kind_of_class = cache(lambda cls: kind_of(vocab, cls))  # a few dozen classes, 25,000 nodes at 1M
    for node, data in g.nodes(data=True):
        kind = kind_of_class(str(data.get("cls", "")))
        data.update(kind=kind.key, kind_label=kind.label, value=1)
    folded = {c for k in kinds() for c in k.fold}
    groups = _figure_groups(g, vocab, folded)
    for number, (anchor, members) in enumerate(sorted(groups.items())):
        _fold(g, number, anchor, members, kind_of_class(g.nodes[members[0]]["cls"]))
    big = {k.key for k in kinds() if k.hubs}
    hubs = sorted((n for n, d in g.nodes(data=True) if "fold" not in d and d["kind"] in big),
                  key=lambda n: (-g.degree(n), str(n)))[:HUBS]
    for rank, node in enumerate(hubs):
        g.nodes[node]["value"] = 10 - 2 * rank // HUBS
    return g


def _figure_groups(g: nx.MultiDiGraph, vocab: Vocabulary, folded: set[URIRef]) -> dict[str, list[str]]:
    """Figures by the data set they are in, else the actor that states them, else the source."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node, data in g.nodes(data=True):
        cls = OG[str(data.get("cls", ""))]
        if not any(cls == f or vocab.is_subclass(cls, f) for f in folded):
            continue
        out = {d["relation"]: v for _, v, d in g.out_edges(node, data=True)}
        sources = sorted(s["source"] for _, _, d in g.edges(node, data=True) for s in d["sources"])
        anchor = out.get("dataSet") or out.get("statedBy") or (f"source {sources[0]}" if sources else "unsourced")
        groups[anchor].append(node)
    return groups


def _fold(g: nx.MultiDiGraph, number: int, anchor: str, members: list[str], kind: Kind) -> None:
    name = g.nodes[anchor]["label"] if anchor in g else anchor
    fold = f"fold:{anchor}"
    g.add_node(fold, label=f"{len(members)} figures: {name}", cls=g.nodes[members[0]]["cls"],
               cls_label="figures, folded: click to show each", kind=kind.key, kind_label=kind.label,
               iri=anchor, folds=number, value=1)
    inside = set(members)
    summed: dict[tuple[str, str, str], dict] = {}
    for member in members:
        g.nodes[member]["fold"] = number
        for u, v, data in list(g.in_edges(member, data=True)) + list(g.out_edges(member, data=True)):
            outward = u == member
            other = v if outward else u
            if other in inside:
                continue
            key = (data["relation"], other, "out" if outward else "in")
            edge = summed.setdefault(key, {"relation": data["relation"], "count": 0, "statuses": set(),
                                           "relation_label": data["relation_label"], "sources": {}})
            edge["count"] += 1
            edge["statuses"].add(data["status"])
            for s in data["sources"]:
                cited = edge["sources"].setdefault(s["source"], {"source": s["source"], "title": s["title"],
                                                                 "paragraphs": []})
                cited["paragraphs"] = sorted(set(cited["paragraphs"]) | set(s["paragraphs"]))
    for (relation, other, direction), edge in summed.items():
        u, v = (fold, other) if direction == "out" else (other, fold)
        status = next(iter(edge["statuses"])) if len(edge["statuses"]) == 1 else "mixed"
        g.add_edge(u, v, key=f"{relation}|folded", relation=relation, status=status,
                   relation_label=f"{edge['relation_label']} \u00d7{edge['count']}",
                   sources=sorted(edge["sources"].values(), key=lambda s: s["source"]), attributed_to=[])

