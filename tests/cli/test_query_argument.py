"""What `oversight query QUERY` takes QUERY to be: a canned query's name, a .rq file, or SPARQL
text — decided without a traceback, each mistake explained in one `error:` line (issue 18)."""
from __future__ import annotations

import pytest

from graph.sparql.prepare import MAX_QUERY_LENGTH


def optional_clauses(count: int) -> str:
    """A query like the one a new user pasted: many OPTIONAL clauses on one line."""
    body = " ".join(f"OPTIONAL {{ ?s rdfs:label ?l{i} }}" for i in range(count))
    return f"SELECT ?s WHERE {{ ?s a og:PoliceForce . {body} }} ORDER BY ?s LIMIT 1"


def many_values(count: int) -> str:
    """A long VALUES list, the other way real queries grow long."""
    values = " ".join(f"id:force_{i}" for i in range(count)) + " id:thames_valley_police"
    return f"SELECT ?s ?label WHERE {{ VALUES ?s {{ {values} }} ?s rdfs:label ?label }}"


@pytest.mark.parametrize("text", [optional_clauses(30), many_values(780)], ids=["1k", "10k"])
def test_a_long_query_string_is_run_as_a_query(run, text):
    assert len(text) > 900
    result = run("query", text)
    assert result.exit_code == 0, result.output
    assert "id:" in result.output and "Traceback" not in result.output


def test_a_query_of_a_million_characters_is_refused_with_the_limit(run):
    text = optional_clauses(30) + " " * 1_000_000
    result = run("query", text)
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error:") and f"{MAX_QUERY_LENGTH:,}" in line


def test_a_missing_query_file_is_named(run):
    result = run("query", "examples/queries/no_such_query.rq")
    assert result.exit_code == 1
    assert result.output.strip() == "error: no such query file: examples/queries/no_such_query.rq"


def test_an_unknown_canned_name_lists_the_nearest(run):
    result = run("query", "actor_fact")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: no canned query called 'actor_fact'") and "actor_facts" in line


def test_a_query_file_and_a_canned_name_are_read(run, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?f WHERE { ?f a og:PoliceForce } ORDER BY ?f LIMIT 1", encoding="utf-8")
    assert "id:" in run("query", str(path)).output
    assert "refers cases to,Independent Office for Police Conduct" in run("query", "actor_facts", "--format", "csv").output


def test_a_syntax_error_names_line_and_column(run):
    result = run("query", "SELECT ?x WHERE {\n  ?x a og:PoliceForce ;\n}}")
    assert result.exit_code == 1
    assert result.output.startswith("error: SPARQL syntax error at line 3, column")


def test_the_endpoint_refuses_the_same_query_with_413(tmp_path):
    from rdflib import Dataset
    from graph.serve.protocol import QueryRequest, run_query
    answer = run_query(Dataset(), QueryRequest(optional_clauses(30) + " " * 1_000_000))
    assert answer.status == 413 and f"{MAX_QUERY_LENGTH:,}".encode() in answer.body
    assert run_query(Dataset(), QueryRequest(many_values(780))).status == 200
