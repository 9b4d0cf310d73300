"""Every asking command fits the terminal (COLUMNS), prints CSV and JSON, and says usage
mistakes as `error:` with exit status 2 (issue 15)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from graph.cli import app

ASKING = [
    ["chain", "TVP"], ["route", "Alex Dearden"], ["path", "Andrea Leadsom", "Thames Valley PCC"],
    ["path", "Andrea Leadsom", "IOPC", "--through-anything"], ["neighbours", "Andrea Leadsom", "--radius", "2"],
    ["gaps"], ["central", "--top", "20"], ["contradictions"], ["queries"],
    ["query", "actor_facts", "--param", "actor=TVP"], ["query", "figures_disagree"],
]


@pytest.mark.parametrize("width", [100, 72])
@pytest.mark.parametrize("args", ASKING, ids=lambda a: " ".join(a))
def test_no_line_is_wider_than_the_terminal(run, monkeypatch, args, width):
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) > 2 and max(len(line) for line in lines) <= width, max(lines, key=len)


@pytest.mark.parametrize("args", [a for a in ASKING if a[0] != "query"], ids=lambda a: " ".join(a))
def test_every_asking_command_prints_csv_and_json(run, args):
    rows = list(csv.reader(io.StringIO(run(*args, "--format", "csv").output)))
    assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows if r and rows.index(r) < 3)
    assert json.loads(run(*args, "--format", "json").output)


def test_csv_repeats_what_a_table_shows_once(run):
    table = run("contradictions").output
    rows = list(csv.DictReader(io.StringIO(run("contradictions", "--format", "csv").output)))
    assert all(row["#"] and row["about"] for row in rows)
    assert table.count("\n1 ") == 1  # the group's number on its first row only


@pytest.mark.parametrize("args, says", [
    (["central", "--measure", "foo"], "choose one of degree, betweenness, pagerank"),
    (["view"], "choose exactly one of --all"),
    (["gaps", "--format", "xml"], "choose one of table, csv, json"),
    (["query", "actor_facts", "--format", "xml"], "choose one of table, csv, tsv, json"),
    (["path", "TVP", "IOPC", "--limit", "0"], "--limit"),
    (["chain"], "Missing argument"),
    (["nosuch"], "No such command"),
    (["chain", "TVP", "--data", ".", "--store", "memory"], "give --data or --store, not both"),
])
def test_wrong_usage_is_one_error_line_and_status_2(args, says):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith("error: ") and says in line


@pytest.mark.parametrize("args", [["chain", "Nobody Atall"], ["path", "TVP", "TVP"], ["query", "nosuchquery"]])
def test_every_other_error_says_error_and_exits_1(run, args):
    result = run(*args)
    assert result.exit_code == 1 and result.output.startswith("error: ") and "Traceback" not in result.output


def test_paths_run_between_actors_unless_asked(run):
    between_actors = json.loads(run("path", "Andrea Leadsom", "Thames Valley PCC", "--format", "json").output)
    through_anything = json.loads(run("path", "Andrea Leadsom", "Thames Valley PCC", "--through-anything",
                                      "--format", "json").output)
    classes = {hop["end"]["cls"] for path in between_actors for hop in path}
    assert "letter" not in classes and any(hop["end"]["label"] == "Anthony Stansfeld" for hop in between_actors[0])
    assert any(hop["end"]["cls"] == "letter" for path in through_anything for hop in path)


def test_actors_nothing_connects_are_said_so_in_words(run):
    """The NPCC and the MDP share no edge in the seed data: the error says so (networkx's own
    'Target ... cannot be reached from given sources' was printed before), and says how to widen."""
    between_actors, through_anything = run("path", "npcc", "mdp"), run("path", "npcc", "mdp", "--through-anything")
    assert between_actors.exit_code == through_anything.exit_code == 1
    assert between_actors.output == ("error: nothing connects npcc and mdp through other actors; "
                                     "--through-anything also follows events, documents and figures\n")
    assert through_anything.output == ("error: nothing connects npcc and mdp through actors, events, documents "
                                       "or figures\n")
