"""Network commands answer from the seeds: chain, route, path, neighbours, central."""
from __future__ import annotations

import json

import pytest

from graph.network.chain import oversight_chain
from graph.network.paths import centrality, neighbourhood, shortest_paths
from graph.model.namespaces import ID
from graph.network.route import case_route, find_case

TVP = ID.thames_valley_police


def test_chain_above_tvp_includes_the_pcc_with_source_000_and_reference(dataset, net):
    steps = oversight_chain(dataset, TVP, net)
    to_pcc = [s for s in steps if s.upper.id == "thames_valley_pcc"]
    assert to_pcc and to_pcc[0].level == 1
    cited = {(lk.relation, lk.status, src["source"], tuple(src["paragraphs"]))
             for lk in to_pcc[0].links for src in lk.sources}
    assert ("overseenBy", "reported", "000", (1, 17)) in cited
    assert ("overseenBy", "reference", "reference", ()) in cited
    # the PCC reviewed the force's actions: a holdsToAccount sub-property, read in reverse
    assert ("reviewedActionsOf", "stated", "000", (18,)) in cited


def test_chain_reaches_national_bodies_and_the_panel_transitively(dataset, net):
    above = {(s.level, s.lower.id, s.upper.id) for s in oversight_chain(dataset, TVP, net)}
    assert {(1, "thames_valley_police", "iopc"), (1, "thames_valley_police", "hmicfrs"),
            (1, "thames_valley_police", "home_secretary"),
            (2, "thames_valley_pcc", "thames_valley_police_and_crime_panel"),
            (2, "iopc", "home_secretary")} <= above


def test_a_projection_indexes_accountability_once_and_answers_chains_the_same(dataset, net):
    from graph.network.projection import project
    fresh = project(dataset)
    first = oversight_chain(dataset, TVP, fresh)
    assert "accountable_to" in fresh.graph  # the next chain only walks the index
    assert oversight_chain(dataset, TVP, fresh) == first
    assert oversight_chain(dataset, ID.alex_dearden, fresh) == oversight_chain(dataset, ID.alex_dearden)


def test_chain_of_an_officer_starts_with_his_force_and_the_court(dataset, net):
    first = {s.upper.id for s in oversight_chain(dataset, ID.alex_dearden, net) if s.level == 1}
    assert first == {"thames_valley_police", "basingstoke_magistrates_court"}


def test_route_of_dearden_puts_acquittal_before_dismissal_and_appeal_after(dataset):
    route = case_route(dataset, find_case(dataset, "Alex Dearden"))
    order = [s.id.rsplit("/", 1)[-1] for s in route.steps]
    assert order.index("dearden_acquittal") < order.index("dearden_dismissal") < order.index("dearden_appeal")
    assert order.index("dearden_prosecution") < order.index("dearden_acquittal")
    assert order.index("leadsom_letter") < order.index("pcc_declines_to_intervene")
    dismissal = route.steps[order.index("dearden_dismissal")]
    assert dismissal.date == "2016-07"  # the most precise date the sources give
    assert [(r.role, r.id) for r in dismissal.actors] == [("decided by", "thames_valley_police")]


def test_route_accepts_the_case_itself(dataset):
    assert find_case(dataset, "dearden_case") == ID.dearden_case
    assert find_case(dataset, "Andrea Leadsom") == ID.dearden_case


def test_path_from_leadsom_to_tvp_goes_through_dearden(dataset, net):
    paths = shortest_paths(dataset, ID.andrea_leadsom, TVP, net=net)
    assert [[h.end.id for h in p] for p in paths] == [["alex_dearden", "thames_valley_police"]]
    relations = {(lk.subject.id, lk.relation, lk.object.id) for lk in paths[0][1].links}
    assert ("thames_valley_police", "dismissed", "alex_dearden") in relations  # direction kept


def test_neighbours_of_the_iopc(dataset, net):
    n = neighbourhood(dataset, ID.iopc, 1, net)
    ids = {node.id for d, node in n.nodes if d == 1}
    assert {"thames_valley_police", "home_secretary", "police_complaints_system", "herts_psd"} <= ids
    assert all(lk.subject.id == "iopc" or lk.object.id == "iopc" or
               {lk.subject.id, lk.object.id} <= ids for lk in n.links)


def test_tvp_is_the_most_central_actor_by_every_measure(dataset, net):
    for measure in ("degree", "betweenness", "pagerank"):
        assert centrality(dataset, measure, 3, net)[0].node.id == "thames_valley_police"


def test_cli_chain_table_and_json(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # cells unwrapped: the label stays on one line
    result = run("chain", "TVP")
    assert result.exit_code == 0, result.output
    assert "Police and Crime Commissioner for Thames Valley" in result.output and "000 ¶1,17" in result.output
    steps = json.loads(run("chain", "id:thames_valley_police", "--format", "json").output)
    assert any(s["upper"]["id"] == "thames_valley_pcc" for s in steps)


def test_cli_route_path_neighbours_central(run):
    route = run("route", "dearden_case")
    assert route.exit_code == 0 and route.output.index("2015") < route.output.index("2016-07")
    assert "Alex Dearden" in run("path", "Andrea Leadsom", "TVP").output
    assert "Home Secretary" in run("neighbours", "IOPC", "--radius", "1").output
    central = run("central", "--measure", "pagerank", "--top", "3")
    assert central.exit_code == 0 and "Thames Valley Police" in central.output


def test_unknown_or_ambiguous_names_list_the_nearest_matches(run):
    result = run("chain", "Thames Valy Police")
    assert result.exit_code == 1
    assert "nearest matches" in result.output and "id:thames_valley_police" in result.output
    assert "Traceback" not in result.output
    result = run("chain", "Thames")  # a word of several names ("Dearden" is a surname: it resolves)
    assert result.exit_code == 1 and "is ambiguous" in result.output and "id:thames_valley_police" in result.output


def test_commands_read_a_store_filled_by_build(dataset, tmp_path):
    """The projection is made from the store's triples, so a store answers like the data."""
    from graph.pipeline.ingest import replace_graphs
    from graph.store.base import source_graphs
    from graph.store import open_store
    with open_store(str(tmp_path / "store")) as store:
        replace_graphs(store, source_graphs(dataset))
    stored = open_store(str(tmp_path / "store"), read_only=True).dataset
    steps = oversight_chain(stored, TVP)
    assert any(s.upper.id == "thames_valley_pcc" and any(src["source"] == "000" for lk in s.links for src in lk.sources)
               for s in steps)


def test_a_route_whose_events_go_round_in_a_circle_is_an_error_not_a_traceback(dataset):
    """Validation refuses og:after cycles; a store filled some other way may still hold one."""
    from rdflib import Dataset
    from graph.model.namespaces import ID, OG, RDF
    from graph.network.route import case_route
    cyclic = Dataset(default_union=True)
    for quad in dataset.quads((None, None, None, None)):
        cyclic.add(quad)
    g = cyclic.graph(ID["test-cycle"])
    steps = sorted({s for s in dataset.subjects(OG.partOfCase, ID.dearden_case)})[:2]
    for later, earlier in ((steps[0], steps[1]), (steps[1], steps[0])):
        st = ID[f"st-cycle-{later.rsplit('/', 1)[-1]}"]
        g.add((st, RDF.subject, later)); g.add((st, RDF.predicate, OG.after)); g.add((st, RDF.object, earlier))
    with pytest.raises(ValueError, match="circle"):
        case_route(cyclic, ID.dearden_case)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_an_edge_cites_its_source_once_for_each_title_it_has_and_by_its_iri_without_one(engine):
    """The projection asks each source's identifier and title apart from its edges (a source
    with two titles is cited once for each, as when they were asked with the edges)."""
    from rdflib import Dataset, Graph, Literal, URIRef
    from graph.model.namespaces import DCTERMS, OG, RDF, RDFS, SKOS, bind_prefixes
    from graph.network.projection import project
    from graph.store.base import Payload
    from graph.store.embedded import answering, payload_store
    twice, untitled, stated = URIRef("http://example.org/src/twice"), URIRef("http://example.org/src/none"), OG.stated
    g = Graph()
    for node in ("a", "b"):
        g += [(ID[node], RDFS.label, Literal(node.upper())), (ID[node], OG.identifier, Literal(node))]
    g += [(stated, SKOS.notation, Literal("stated")),
          (twice, OG.identifier, Literal("s1")), (twice, DCTERMS.title, Literal("One")), (twice, DCTERMS.title, Literal("Two"))]
    for n, src in enumerate((twice, untitled)):
        st = ID[f"st-{n}"]
        g += [(st, RDF.type, OG.Statement), (st, RDF.subject, ID.a), (st, RDF.predicate, OG.overseenBy),
              (st, RDF.object, ID.b), (st, OG.claimStatus, stated), (st, OG.source, src), (st, OG.paragraph, Literal(n + 3))]
    name = URIRef("http://example.org/graph/g")
    if engine == "rdflib":
        data = bind_prefixes(Dataset(default_union=True))
        data.graph(name).addN((*triple, data.graph(name)) for triple in g)
    else:
        data = answering(payload_store([(name, Payload.of(g))]))
    sources = project(data).edges[str(ID.a), str(ID.b), "overseenBy|stated"]["sources"]
    assert sorted((s["source"], s["title"], s["paragraphs"]) for s in sources) == [
        ("http://example.org/src/none", "", [4]), ("s1", "One", [3]), ("s1", "Two", [3])]
