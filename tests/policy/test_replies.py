"""Right of reply: a reply is shown beside the claim it answers wherever the claim is shown."""
from __future__ import annotations

from urllib.parse import quote

from starlette.testclient import TestClient

from policy_data import DATA, has_row, run
from graph.model.namespaces import ID
from graph.serve import make_app
from graph.store import trig_dataset

DENIAL = "Reply of Gideon Harrowfield, denial: he denies using any force beyond what the arrest needed (100 ¶7)"
DECLINED = "Reply of Wessex Constabulary, declined to comment (100 ¶9)"


def test_route_shows_the_replies_beside_the_allegation():
    text = run("route", "Gideon Harrowfield", "--data", str(DATA))
    assert has_row(text.splitlines()[4], "1", "2023-11", "allegation")
    assert has_row(text, "1", DENIAL) and has_row(text, "1", DECLINED)
    steps = __import__("json").loads(run("route", "Gideon Harrowfield", "--data", str(DATA), "--format", "json"))
    assert [r["kind"] for r in steps["replies"][str(ID.quennell_allegation)]] == ["denial", "declined to comment"]


def test_contradictions_show_the_replies_to_the_claims_that_disagree():
    text = run("contradictions", "--data", str(DATA))
    assert "substantiated" in text and has_row(text, "1", DENIAL)


def test_view_tooltips_carry_the_reply(tmp_path):
    out = tmp_path / "case.html"
    run("view", "--case", "Gideon Harrowfield", "--out", str(out), "--data", str(DATA))
    assert "he denies using any force beyond what the arrest needed" in out.read_text(encoding="utf-8")


def test_the_entity_page_shows_the_replies_and_the_edit_history(built):
    app = make_app(trig_dataset(built / "oversight.trig"), max_workers=1, data_dir=DATA)
    with TestClient(app) as client:
        page = client.get("/id/quennell_allegation", headers={"Accept": "text/html"}).text
        assert "<h2>Replies</h2>" in page and DENIAL.replace("¶", "¶") in page
        person = client.get("/id/gideon_harrowfield", headers={"Accept": "text/html"}).text
        assert "<h2>Edit history</h2>" in person and "sources/100_complaint.yaml" in person
    with TestClient(make_app(trig_dataset(built / "oversight.trig"), max_workers=1)) as client:
        assert "Edit history" not in client.get(f"/resource?iri={quote(str(ID.gideon_harrowfield))}",
                                                headers={"Accept": "text/html"}).text
