"""What a newcomer hit, each answered in one line with the right exit status (issue 15)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.cli import app


@pytest.mark.parametrize("args, status, says", [
    (["path", "TVP", "TVP"], 1, "are the same actor"),
    (["path", "TVP", "IOPC", "--limit", "0"], 2, "--limit"),
    (["central", "--measure", "foo"], 2, "choose one of degree, betweenness, pagerank"),
])
def test_a_mistake_is_one_message_with_the_right_exit_status(run, args, status, says):
    result = run(*args)
    assert result.exit_code == status, result.output
    assert says in result.output and "Traceback" not in result.output


def test_a_store_that_is_not_there_is_named(tmp_path):
    result = CliRunner().invoke(app, ["chain", "TVP", "--store", str(tmp_path / "nonexistent")])
    assert result.exit_code == 1 and result.output.startswith("error: no store at")


@pytest.mark.parametrize("command", [["chain", "TVP"], ["serve"]])
def test_the_empty_memory_store_is_not_asked_or_served(command):
    result = CliRunner().invoke(app, [*command, "--store", "memory"])
    assert result.exit_code == 1 and result.output.startswith("error: --store memory starts empty")


def test_version():
    from importlib.metadata import version
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"oversight {version('oversight-graph')}"


def test_a_unique_surname_names_its_person_and_a_shared_name_is_ambiguous(run):
    assert run("neighbours", "Leadsom").output.startswith("Within 1 step of Andrea Leadsom:")
    # "Dearden" also ends "Misconduct hearing against Alex Dearden": a surname names a person
    assert run("chain", "Dearden").output.startswith("Chain of oversight above Alex Dearden ")
    assert run("route", "Dearden").output.startswith("Route of Alex Dearden's case:")
    result = run("chain", "Thames")
    assert result.exit_code == 1 and result.output.startswith("error: 'Thames' is ambiguous: it names")


def test_a_public_url_that_could_break_out_of_a_base_iri_is_refused():
    result = CliRunner().invoke(app, ["serve", "--public-url", "http://x> SERVICE <http://127.0.0.1:1/"])
    assert result.exit_code == 1 and "--public-url must be a web address" in result.output


def test_sparql_text_with_a_property_path_is_a_query_not_a_file_name(run):
    result = run("query", "SELECT DISTINCT ?c WHERE { id:thames_valley_police a/rdfs:subClassOf* ?c }")
    assert result.exit_code == 0, result.output
    assert "og:PoliceForce" in result.output
