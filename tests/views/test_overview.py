"""The overview: a dozen kinds read from kinds.yaml through the ontology, figures folded,
hubs drawn large, and still so with the reference data of every force added."""
from __future__ import annotations

import networkx as nx

from graph.model.namespaces import OG
from graph.views import overview
from graph.model.vocabulary import bundled_vocabulary
from view_graphs import ID


def test_every_class_of_the_ontology_falls_in_one_of_about_a_dozen_kinds():
    vocab = bundled_vocabulary()
    found = {overview.kind_of(vocab, str(c)[len(str(OG)):]).key for c in vocab.classes if str(c).startswith(str(OG))}
    assert 10 <= len(overview.kinds()) <= 15
    assert {k.key for k in overview.kinds()} - found <= {"other"}  # every kind has a class
    assert len({k.colour for k in overview.kinds()}) == len(overview.kinds())  # distinct colours
    assert overview.kind_of(vocab, "PoliceForce").key == "police"
    assert overview.kind_of(vocab, "MemberOfParliament").key == "government"  # before "other people"
    assert overview.kind_of(vocab, "Spokesperson").key == "people"  # a Person, through rdfs:subClassOf
    assert overview.kind_of(vocab, "FigureObservation").key == "figures"  # qb:Observation
    assert overview.kind_of(vocab, "NoSuchClass").key == "other"


def test_figures_fold_into_one_node_per_data_set_with_their_facts_summed(net):
    g = overview.overview(net, bundled_vocabulary())
    folds = {d["folds"]: n for n, d in g.nodes(data=True) if "folds" in d}
    members = [n for n, d in g.nodes(data=True) if "fold" in d]
    figures = [n for n, d in net.nodes(data=True) if d["cls"] == "FigureObservation"]
    assert sorted(members) == sorted(figures) and 1 <= len(folds) < len(figures)
    foi = folds[min(folds)]
    assert g.nodes[foi]["label"].startswith(f"{sum(g.nodes[m]['fold'] == min(folds) for m in members)} figures: ")
    # a folded node's edges stand for its members' edges to the rest of the graph, counted
    summed = [d for _, _, d in g.edges(foi, data=True)] + [d for _, _, d in g.in_edges(foi, data=True)]
    assert summed and all("\u00d7" in d["relation_label"] and d["sources"] for d in summed)
    assert len({d["kind"] for _, d in g.nodes(data=True)}) <= len(overview.kinds())


def national(net: nx.MultiDiGraph, forces: int = 47) -> nx.MultiDiGraph:
    """The seed projection with `forces` forces more, each with a PCC, its office, a panel and
    a standards department: the shape of the reference data of every force in England and Wales."""
    g = net.copy()
    iopc, hmic = ID + "independent_office_for_police_conduct", ID + "hmicfrs"
    for hub in (iopc, hmic):
        g.add_node(hub, label=hub, cls="ComplaintsOversightBody", cls_label="x", iri=hub) if hub not in g else None
    for i in range(forces):
        force = ID + f"force{i}"
        g.add_node(force, label=f"Force {i} Constabulary", cls="PoliceForce", cls_label="police force")
        for suffix, cls, relation in (("pcc", "PoliceAndCrimeCommissioner", "overseenBy"),
                                      ("opcc", "PoliceAndCrimeCommissionerOffice", "supportedBy"),
                                      ("panel", "PoliceAndCrimePanel", "scrutinisedBy"),
                                      ("psd", "ProfessionalStandardsDepartment", "hasUnit")):
            node = f"{force}_{suffix}"
            g.add_node(node, label=f"Force {i} {suffix}", cls=cls, cls_label=cls)
            g.add_edge(force, node, relation=relation, relation_label=relation, status="reference", sources=[])
        g.add_edge(force, iopc, relation="refersCasesTo", relation_label="refers cases to", status="reference", sources=[])
        g.add_edge(hmic, force, relation="inspects", relation_label="inspects", status="reference", sources=[])
    return g


def test_with_every_force_added_the_hubs_stay_few_and_the_kinds_a_dozen(net):
    g = overview.overview(national(net), bundled_vocabulary())
    assert len(g) > len(net) + 47 * 5
    large = [n for n, d in g.nodes(data=True) if d["value"] > 1]
    assert len(large) == overview.HUBS
    assert len({d["kind"] for _, d in g.nodes(data=True)}) <= len(overview.kinds())
