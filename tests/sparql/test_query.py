"""`oversight query` and the canned queries: real answers from the seeds, formats, errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from rdflib import Graph

from graph.sparql.canned import canned_queries, find_canned
from graph.model.namespaces import ID, PREFIXES, XSD
from graph.model.resources import resource_dir
from graph.sparql.ask import ask
from graph.sparql.prepare import QueryError

CANNED = canned_queries()


def rows(dataset, name, **params):
    query = find_canned(name)
    result = ask(dataset, query.text, params, query.params)
    return [{str(var): (None if r[var] is None else str(r[var])) for var in result.vars} for r in result]


@pytest.mark.parametrize("query", CANNED, ids=[q.name for q in CANNED])
def test_every_canned_query_has_a_title_and_answers(dataset, query):
    assert query.title
    assert len(list(ask(dataset, query.text, {}, query.params))) > 0


def test_actors_of_class_lists_the_forces_and_accepts_super_classes(dataset):
    forces = {r["label"]: r["sources"].split(",") for r in rows(dataset, "actors_of_class")}
    reference = yaml.safe_load((resource_dir("data") / "reference.yaml").read_text(encoding="utf-8"))["records"]
    assert set(forces) == {r["label"] for r in reference if r.get("class") == "PoliceForce"}  # the 48 of the landscape
    for force in ("Thames Valley Police", "Lincolnshire Police", "Northumbria Police", "West Mercia Police"):
        assert "reference" in forces[force] and len(forces[force]) > 1  # and the articles and cases name them
    assert "Independent Office for Police Conduct" in {r["label"] for r in rows(dataset, "actors_of_class", **{"class": "og:Organisation"})}


def test_actor_facts_gives_sources_and_accepts_an_alias(dataset):
    facts = rows(dataset, "actor_facts", actor="IOPC")
    assert {"direction": "←", "relation": "refers cases to", "value": "Thames Valley Police", "status": "stated",
            "by": "Thames Valley Police", "source": "001", "paragraphs": "16"} in facts


def test_source_edges_of_000(dataset):
    edges = {(r["subject"], r["relation"], r["object"], r["status"]) for r in rows(dataset, "source_edges")}
    assert ("Andrea Leadsom", "wrote to", "Anthony Stansfeld", "reported") in edges
    assert all(r["status"] != "reference" for r in rows(dataset, "source_edges"))


def test_contested_claims_show_both_sides_of_the_abuse_allegation(dataset):
    claims = {(r["value"], r["status"], r["by"]) for r in rows(dataset, "contested_claims", about="dearden_abuse_allegation")}
    assert ("true", "found", "Thames Valley Police") in claims
    assert ("false", "denied", "Alex Dearden") in claims


def test_figures_disagree_8_vs_13_ongoing_and_31_vs_33_forces(dataset):
    pairs = {(r["category"], r["countA"], r["sourceA"], r["countB"], r["sourceB"]) for r in rows(dataset, "figures_disagree")}
    assert ("ongoing", "8", "001", "13", "002") in pairs
    assert ("all", "31", "001", "33", "002") in pairs
    assert {r["counts"] for r in rows(dataset, "figures_disagree", counts="police forces that answered")} == {"police forces that answered"}


def test_case_timeline_counts_steps_before_each_event(dataset):
    timeline = {r["event"]: (int(r["stepsBefore"]), r["date"]) for r in rows(dataset, "case_timeline")}
    acquittal, dismissal = timeline["Alex Dearden acquitted of common assault"], timeline["Alex Dearden dismissed from Thames Valley Police"]
    prosecution = timeline["Prosecution of Alex Dearden for common assault"]
    assert acquittal == (prosecution[0] + 1, "2015") and dismissal[1] == "2016-07"
    assert timeline["Dearden's appeal against his dismissal"][0] > dismissal[0]


def test_who_said_what(dataset):
    said = rows(dataset, "who_said_what", who="Hannah Jones")
    assert said and all(r["speaker"] == "Hannah Jones" and r["forWhom"] == "Thames Valley Police" for r in said)


def test_inference_answers_without_property_paths(dataset):
    """The build-time OWL 2 RL closure (graph/inferred) holds inverses and transitive accountableTo."""
    holders = {str(r.x) for r in dataset.query("SELECT ?x WHERE { ?x og:holdsToAccount id:thames_valley_police }", initNs=PREFIXES)}
    assert {str(ID.thames_valley_pcc), str(ID.iopc), str(ID.home_secretary), str(ID.thames_valley_police_and_crime_panel)} <= holders
    # inverse of the recorded og:overseenBy
    assert dataset.query("ASK { id:thames_valley_pcc og:oversees id:thames_valley_police }", initNs=PREFIXES).askAnswer
    # transitive: TVP -> PCC -> panel
    assert dataset.query("ASK { id:thames_valley_police og:accountableTo id:thames_valley_police_and_crime_panel }",
                    initNs=PREFIXES).askAnswer


def test_projection_matches_the_rdf_statements(dataset, net):
    edges = dataset.query("""SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o ?status WHERE {
        ?st a og:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; og:claimStatus/skos:notation ?status .
        FILTER(isIRI(?o) && ?p != rdf:type && STRSTARTS(STR(?o), STR(id:))) } }""", initNs=PREFIXES)
    nodes = dataset.query("""SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
        { ?n rdfs:label ?l ; og:identifier ?i FILTER(STRSTARTS(STR(?n), STR(id:))) }
        UNION { ?st a og:Statement ; rdf:predicate ?p ; rdf:object ?o FILTER(isIRI(?o) && ?p != rdf:type && STRSTARTS(STR(?o), STR(id:)))
                { ?st rdf:subject ?n } UNION { ?st rdf:object ?n } } }""", initNs=PREFIXES)
    assert net.number_of_edges() == int(next(iter(edges))[0])
    assert net.number_of_nodes() == int(next(iter(nodes))[0])


def test_cli_query_table_with_param(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # cells unwrapped: the label stays on one line
    result = run("query", "actor_facts", "--param", "actor=TVP")
    assert result.exit_code == 0, result.output
    assert "Police and Crime Commissioner for Thames Valley" in result.output


def test_cli_query_csv_json_tsv(run):
    text = "SELECT ?label ?date WHERE { id:dearden_acquittal rdfs:label ?label ; og:date ?date }"
    table = list(csv.DictReader(io.StringIO(run("query", text, "--format", "csv").output)))
    assert table == [{"label": "Alex Dearden acquitted of common assault", "date": "2015"}]
    data = json.loads(run("query", text, "--format", "json").output)
    assert data["head"]["vars"] == ["label", "date"]
    date = data["results"]["bindings"][0]["date"]  # og:CalendarValue is text
    assert date["value"] == "2015" and date.get("datatype", str(XSD.string)) == str(XSD.string)
    tsv = run("query", text, "--format", "tsv").output.splitlines()
    assert tsv == ["?label\t?date", '"Alex Dearden acquitted of common assault"\t"2015"']


def test_cli_query_construct_and_ask(run, tmp_path):
    rq = tmp_path / "overseers.rq"
    rq.write_text("CONSTRUCT { ?x og:holdsToAccount id:thames_valley_police } WHERE { ?x og:holdsToAccount id:thames_valley_police }")
    turtle = run("query", str(rq), "--format", "turtle").output
    graph = Graph().parse(data=turtle, format="turtle")
    assert (ID.iopc, PREFIXES["og"].holdsToAccount, ID.thames_valley_police) in graph
    assert json.loads(run("query", str(rq), "--format", "json-ld").output)
    assert run("query", "ASK { id:iopc og:oversees id:police_complaints_system }").output.strip() == "true"
    assert run("query", str(rq), "--format", "csv").exit_code == 1


def test_cli_query_reports_syntax_errors_with_line_and_column(run):
    result = run("query", "SELECT ?x WHERE {\n  ?x a og:PoliceForce ;\n}}")
    assert result.exit_code == 1
    assert "line 3, column" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <https://example.org/data.ttl> WHERE { ?s ?p ?o }",
])
def test_network_access_is_refused(dataset, text):
    with pytest.raises(QueryError):
        ask(dataset, text)


def test_bad_params_are_explained(run):
    assert "takes: actor" in run("query", "actor_facts", "--param", "nobody=1").output
    result = run("query", "actor_facts", "--param", "actor=Thames Valy Police")
    assert result.exit_code == 1 and "id:thames_valley_police" in result.output


def test_cli_queries_lists_titles_and_params(run):
    output = run("queries").output
    assert "actor_facts" in output and "?actor=id:thames_valley_police" in output
    assert {q["name"] for q in json.loads(run("queries", "--format", "json").output)} >= {
        "actors_of_class", "actor_facts", "source_edges", "contested_claims", "figures_disagree",
        "case_timeline", "who_said_what"}


def test_challenges_gives_each_appeal_and_review_its_most_specific_kind(dataset):
    kinds = {(r["challenge"], r["kind"]) for r in rows(dataset, "challenges")}
    assert kinds == {("Rhodes's claim for judicial review of his suspension", "judicial review"),
                     ("PC Barratt's appeal to the Police Appeals Tribunal against her dismissal",
                      "appeal to a Police Appeals Tribunal"),
                     ("The chief constable's claim for judicial review of the tribunal's decision", "judicial review")}
    rhodes = [r for r in rows(dataset, "challenges") if r["challenge"].startswith("Rhodes")]
    assert {(r["claimNumber"], r["results"]) for r in rhodes} == {("CO/3281/2013", "quashed")}
