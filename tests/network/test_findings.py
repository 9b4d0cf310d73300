"""`oversight gaps` and `oversight contradictions` find what the seeds show."""
from __future__ import annotations

import json

from graph.network.contradictions import contradictions
from graph.network.gaps import accountability_gaps


def test_unwatched_overseers(dataset, net):
    unwatched = {u.node.id: u for u in accountability_gaps(dataset, net).unwatched}
    assert {"home_secretary", "thames_valley_police_and_crime_panel", "hertfordshire_pcp"} <= set(unwatched)
    assert "thames_valley_pcc" not in unwatched  # scrutinised by its panel (reference data)
    assert "hertfordshire_pcc" not in unwatched
    assert "thames_valley_police" not in unwatched
    assert unwatched["tvp_psd"].part_of == ["Thames Valley Police"]


def test_self_investigation_by_the_force_and_its_psd(dataset, net):
    found = {(s.investigator.id, s.investigated.id) for s in accountability_gaps(dataset, net).self_investigations}
    assert ("thames_valley_police", "alex_dearden") in found
    assert ("tvp_psd", "thames_valley_police") in found
    assert ("herts_psd", "hertfordshire_constabulary") in found


def test_dearden_appeal_was_not_overseen_by_the_force_that_dismissed_him(dataset, net):
    appeals = accountability_gaps(dataset, net).appeals
    assert {(a.role, a.body.id) for a in appeals} == {("heard by", "dearden_appeals_tribunal"), ("overseen by", "surrey_opcc")}
    assert all(a.decided_by.id == "thames_valley_police" and not a.same_organisation for a in appeals)


def _values(found, about, prop):
    return {(c.value, c.source, c.status, c.by) for x in found if x.about == about and x.property == prop for c in x.claims}


def test_contradictions_between_and_within_sources(dataset):
    found = contradictions(dataset)
    ongoing = _values(found, "Thames Valley Police: sexual misconduct complaints (ongoing)", "count")
    assert ("8", "001", "stated", "Thames Valley Police") in ongoing and ("13", "002", "reported", None) in ongoing
    forces = _values(found, "police forces that answered: police forces that answered (all)", "count")
    assert {(v, s) for v, s, _, _ in forces} == {("31", "001"), ("33", "002")}
    allegation = "Allegation that Alex Dearden abused his then wife"
    assert {(v, st) for v, _, st, _ in _values(found, allegation, "period start")} == {("2011", "reported"), ("2009", "stated")}
    assert ("false", "000", "denied", "Alex Dearden") in _values(found, allegation, "substantiated")
    assert ("true", "000", "found", "Thames Valley Police") in _values(found, allegation, "substantiated")
    foi = "Police forces' FOI answers on sexual-misconduct allegations against officers and staff"
    assert {v for v, *_ in _values(found, foi, "period as stated")} == {
        "2016-17 to 2020-21", "between 2016 and 2020", "between 2016 and 2021 (the last five years)"}


def test_a_more_precise_date_is_not_a_contradiction(dataset):
    """The dismissal is dated 2016 (000 ¶3) and July 2016 (¶23): one refines the other."""
    assert not any(x.about == "Alex Dearden dismissed from Thames Valley Police" for x in contradictions(dataset))


def test_cli_gaps_and_contradictions(run):
    gaps = run("gaps")
    assert gaps.exit_code == 0 and "Home Secretary" in gaps.output and "Self-investigation" in gaps.output
    data = json.loads(run("contradictions", "--format", "json").output)
    assert any(c["property"] == "count" and {"8", "13"} <= {x["value"] for x in c["claims"]} for c in data)
    assert "31" in run("contradictions").output
