"""`oversight view`: each kind of view writes one offline page showing the right part of the graph."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.model.namespaces import ID


def page_nodes(path: Path) -> list[dict]:
    html = path.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="og-nodes">(.*?)</script>', html, re.S).group(1)
    return json.loads(data)


def labels(path: Path) -> set[str]:
    return {n["label"] for n in page_nodes(path)}


def test_case_view_numbers_the_route_left_to_right(run, tmp_path):
    out = tmp_path / "case.html"
    result = run("view", "--case", "Alex Dearden", "--out", str(out))
    assert result.exit_code == 0, result.output
    nodes = {n["label"]: n for n in page_nodes(out)}
    for needed in ("Alex Dearden acquitted of common assault", "Alex Dearden dismissed from Thames Valley Police",
                   "Dearden's appeal against his dismissal", "Basingstoke Magistrates' Court", "Andrea Leadsom"):
        assert needed in nodes
    acquittal, dismissal = nodes["Alex Dearden acquitted of common assault"], nodes["Alex Dearden dismissed from Thames Valley Police"]
    # read like text: a later step is to the right on the same row, or on a lower row
    assert (acquittal["y"], acquittal["x"]) < (dismissal["y"], dismissal["x"]) or acquittal["y"] < dismissal["y"]
    assert "Route of Alex Dearden" in out.read_text(encoding="utf-8")


def test_chain_view_shows_only_the_overseers(run, tmp_path):
    out = tmp_path / "chain.html"
    assert run("view", "--chain", "TVP", "--out", str(out)).exit_code == 0
    shown = labels(out)
    assert {"Thames Valley Police", "Police and Crime Commissioner for Thames Valley",
            "Thames Valley Police and Crime Panel", "Independent Office for Police Conduct"} <= shown
    assert "Alex Dearden" not in shown


def test_focus_view_is_the_ego_network(run, tmp_path, net):
    out = tmp_path / "focus.html"
    assert run("view", "--focus", "Andrea Leadsom", "--radius", "1", "--out", str(out)).exit_code == 0
    expected = {net.nodes[n]["label"] for n in net.to_undirected(as_view=True)[str(ID.andrea_leadsom)]} | {"Andrea Leadsom"}
    assert labels(out) == expected


def test_all_view_and_construct_query_view(run, tmp_path, net):
    out = tmp_path / "all.html"
    assert run("view", "--all", "--out", str(out)).exit_code == 0
    drawn = page_nodes(out)
    folds = [n for n in drawn if "folds" in n]
    assert len(drawn) == net.number_of_nodes() + len(folds)  # every node, and a folded node per data set
    assert 1 <= len(folds) < sum("fold" in n for n in drawn)
    query = tmp_path / "overseers.rq"
    query.write_text("CONSTRUCT { ?a og:overseenBy ?b } WHERE { ?a og:overseenBy ?b }", encoding="utf-8")
    out = tmp_path / "query.html"
    assert run("view", "--query", str(query), "--out", str(out)).exit_code == 0
    assert {"Thames Valley Police", "Police and Crime Commissioner for Thames Valley"} <= labels(out)


@pytest.mark.parametrize("args, code, says", [
    ((), 2, "choose exactly one"),  # a usage error, as click's own
    (("--all", "--chain", "TVP"), 2, "choose exactly one"),
    (("--focus", "Nobody At All"), 1, "nearest matches"),  # a name the graph does not know
])
def test_view_usage_errors(run, tmp_path, args, code, says):
    result = run("view", *args, "--out", str(tmp_path / "x.html"))
    assert result.exit_code == code and says in result.output
    assert not (tmp_path / "x.html").exists()


EXAMPLES = Path(__file__).parents[2] / "examples"


def test_query_view_draws_the_actors_a_select_names_by_label(run, tmp_path):
    out = tmp_path / "q15.html"
    result = run("view", "--query", str(EXAMPLES / "questions" / "q15_accountable_to.rq"), "--out", str(out))
    assert result.exit_code == 0, result.output
    # the overseers come back as labels; the query text names Thames Valley Police
    assert {"Thames Valley Police", "Independent Office for Police Conduct",
            "Police and Crime Commissioner for Thames Valley"} <= labels(out)


def test_query_view_with_nothing_to_draw_is_one_error_line(run, tmp_path):
    out = tmp_path / "q14.html"
    result = run("view", "--query", str(EXAMPLES / "questions" / "q14_forces.rq"), "--out", str(out))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the answer to q14_forces.rq names 7 resource(s)")
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.parametrize("query", sorted((EXAMPLES / "queries").glob("*.rq")) + sorted((EXAMPLES / "questions").glob("*.rq")),
                         ids=lambda p: p.stem)
def test_every_canned_query_draws_facts_or_says_why_not(run, tmp_path, query):
    out = tmp_path / "q.html"
    result = run("view", "--query", str(query), "--out", str(out))
    if result.exit_code == 0:
        edges = re.search(r'<script type="application/json" id="og-edges">(.*?)</script>',
                          out.read_text(encoding="utf-8"), re.S).group(1)
        assert json.loads(edges), f"{query.name} wrote a view with no fact"
    else:
        assert result.exit_code == 1 and result.output.startswith("error: ") and not out.exists()


def test_timeline_view_writes_the_timeline_and_the_case_network(run, tmp_path):
    out = tmp_path / "tl.html"
    result = run("view", "--timeline", "Alex Dearden", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Timeline of Alex Dearden" in out.read_text(encoding="utf-8")
    assert "Alex Dearden acquitted of common assault" in labels(tmp_path / "tl-network.html")
