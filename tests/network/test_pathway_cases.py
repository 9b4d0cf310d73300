"""The real cases of data/sources/004-013 answer route, chain and contradictions as their
sources say: a suspension quashed on judicial review, a tribunal's substitution quashed, an
independent investigation through to an accelerated hearing, a per-year FOI table."""
from __future__ import annotations

import dataclasses

import pytest

from graph.model.namespaces import ID, OG
from graph.network.chain import oversight_chain
from graph.network.contradictions import contradictions
from graph.network.route import case_route


def _ids(route):
    return [s.id.rsplit("/", 1)[-1] for s in route.steps]


def _step(route, name):
    return next(s for s in route.steps if s.id.endswith("/" + name))


def _chain(dataset, net, actor):
    from graph.cli.text import cite
    return {(s.level, s.lower.id, s.upper.id, lk.relation_label, cite(lk.sources))
            for s in oversight_chain(dataset, ID[actor], net) for lk in s.links}


def test_rhodes_route_suspension_then_continuation_then_judicial_review_then_quashing(dataset):
    route = case_route(dataset, ID.rhodes_case)
    order = _ids(route)
    assert order.index("rhodes_call_to_sampson") < order.index("sampson_letter_to_hardwick") < order.index("rhodes_suspension") \
        < order.index("rhodes_suspension_continued") < order.index("rhodes_judicial_review") < order.index("rhodes_jr_decision")
    assert [_step(route, n).date for n in ("rhodes_suspension", "rhodes_suspension_continued", "rhodes_judicial_review")] \
        == ["2013-02-25", "2013-03-05", "2013-03-19"]
    review = _step(route, "rhodes_judicial_review")
    assert [(r.role, r.id) for r in review.actors] == [("claimant", "neil_rhodes"), ("heard by", "administrative_court")]
    assert [(r.role, r.id) for r in review.acted_on] == [("defendant", "lincolnshire_pcc")]
    assert [s.id for s in route.unplaced] == [str(ID.rhodes_denial)]


def test_rhodes_quashing_and_the_post_he_held(dataset):
    assert dataset.value(ID.rhodes_jr_decision, OG.result) == OG.ResultQuashed
    assert dataset.value(ID.rhodes_jr_decision, OG.quashes) == ID.rhodes_suspension
    assert dataset.value(ID.rhodes_temporary_chief_constable, OG.capacity) == OG.TemporaryCapacity
    assert str(dataset.value(ID.hardwick_as_pcc, OG.startDate)) == "2012-11"


def test_rhodes_chain_goes_from_the_force_to_its_pcc_to_the_high_court(dataset, net):
    chain = _chain(dataset, net, "lincolnshire_police")
    # what the case's sources add to the chain, beside the statutory chain of the landscape
    assert {step for step in chain if step[4] != "reference"} == {
        (1, "lincolnshire_police", "lincolnshire_pcc", "oversees", "005 ¶2"),
        (2, "lincolnshire_pcc", "administrative_court", "reviewed the actions of", "004 ¶1")}
    assert (1, "lincolnshire_police", "lincolnshire_pcc", "overseen by", "reference") in chain


def test_rhodes_allegation_and_denial_stay_apart(dataset):
    found = [c for c in contradictions(dataset) if c.about.startswith("The PCC's allegation that Rhodes")]
    assert len(found) == 1 and found[0].property == "substantiated"
    assert {(c.value, c.source, c.status, c.by) for c in found[0].claims} == {
        ("true", "005", "alleged", "Alan Hardwick"), ("false", "005", "denied", "Neil Rhodes"),
        ("false", "006", "denied", "Neil Rhodes")}


def test_barratt_route_dismissal_appeal_substitution_review_and_reinstatement(dataset):
    route = case_route(dataset, ID.barratt_case)
    order = _ids(route)
    assert order == ["barratt_conduct_report", "barratt_gross_misconduct_finding", "barratt_panel_dismissal",
                     "barratt_tribunal_appeal", "barratt_tribunal_decision", "barratt_final_written_warning",
                     "barratt_judicial_review", "barratt_jr_permission", "barratt_jr_decision",
                     "barratt_tribunal_recommendation", "northumbria_statement_008"]
    # the recommendation has no date and nothing after it: it goes after the dated events
    assert _step(route, "barratt_tribunal_decision").date == "2019-03-25"  # 2019-03 (008) refined by 007
    assert not _step(route, "barratt_tribunal_decision").date_disputed
    review = _step(route, "barratt_judicial_review")
    assert [(r.role, r.id) for r in review.actors] == [("claimant", "northumbria_police"), ("heard by", "administrative_court")]
    assert [(r.role, r.id) for r in review.acted_on] == [("defendant", "barratt_appeals_tribunal"), ("interested party", "katie_barratt")]


def test_barratt_what_replaced_what(dataset):
    results = set(dataset.objects(ID.barratt_tribunal_decision, OG.result))
    assert results == {OG.ResultUpheld, OG.ResultAllowed, OG.ResultSubstituted, OG.ResultReinstated}
    assert dataset.value(ID.barratt_final_written_warning, OG.substitutes) == ID.barratt_panel_dismissal
    assert dataset.value(ID.barratt_final_written_warning, OG.sanction) == OG.FinalWrittenWarning
    assert set(dataset.objects(ID.barratt_jr_decision, OG.quashes)) == {ID.barratt_tribunal_decision, ID.barratt_final_written_warning}
    assert dataset.value(ID.barratt_jr_decision, OG.reinstates) == ID.barratt_panel_dismissal
    assert dataset.value(ID.barratt_panel_dismissal, OG.sanction) == OG.DismissalNoticeNotStated


def test_barratt_chain_and_no_contradiction(dataset, net):
    assert _chain(dataset, net, "katie_barratt") == {(1, "katie_barratt", "barratt_misconduct_panel", "dismissed", "007 ¶1")}
    assert _chain(dataset, net, "barratt_appeals_tribunal") == {
        (1, "barratt_appeals_tribunal", "administrative_court", "reviewed the actions of", "007 ¶1")}
    assert not [c for c in contradictions(dataset) if "Barratt" in c.about or "barratt" in c.about]


def test_atkinson_route_shows_both_sentencing_dates_with_their_sources(dataset):
    route = case_route(dataset, ID.atkinson_case)
    assert _ids(route) == ["atkinson_death", "atkinson_iopc_investigation", "atkinson_evidence_to_cps", "monk_prosecution",
                           "monk_conviction", "monk_sentencing", "monk_special_case_hearing",
                           "monk_gross_misconduct_finding", "monk_dismissal", "monk_barred_listing"]
    sentencing = _step(route, "monk_sentencing")
    assert sentencing.date_disputed
    assert [(d.date, d.source, d.paragraphs) for d in sentencing.dates] == [("2021-06-23", "012", [2]), ("2021-06-29", "009", [1])]
    conviction = _step(route, "monk_conviction")
    assert not conviction.date_disputed and conviction.date == "2021-06-23"
    assert dataset.value(ID.atkinson_iopc_investigation, OG.investigationMode) == OG.IndependentInvestigation
    assert dataset.value(ID.monk_dismissal, OG.sanction) == OG.DismissalWithoutNotice
    assert dataset.value(ID.monk_barred_listing, OG.register) == ID.police_barred_list


def test_atkinson_cli_route_prints_both_dates(run):
    out = run("route", "atkinson_case", "--format", "csv").output  # unwrapped cells
    assert "2021-06-23 (012 ¶2) or 2021-06-29 (009 ¶1)" in out


def test_atkinson_chain_and_contradictions(dataset, net):
    chain = _chain(dataset, net, "benjamin_monk")
    assert {(lvl, upper) for lvl, lower, upper, *_ in chain if lvl == 1} == {
        (1, "birmingham_crown_court"), (1, "iopc"), (1, "west_mercia_police")}
    found = {(c.about, c.property): sorted((cl.value, cl.source) for cl in c.claims) for c in contradictions(dataset)}
    assert found["the trial of PC Monk at Birmingham Crown Court: weeks of trial (all)", "count"] == [("7", "009"), ("9", "011")]
    assert found["PC Monk is sentenced to eight years' imprisonment", "date"] == [("2021-06-23", "012"), ("2021-06-29", "009")]
    assert ("A jury finds PC Monk guilty of the manslaughter of Dalian Atkinson", "date") not in found


def test_per_year_foi_table_gives_no_false_disagreements(dataset):
    years = [c for c in contradictions(dataset) if "dismissed for misconduct" in c.about]
    assert years == []
    counts = {str(dataset.value(ID[f"f013_dismissed_for_misconduct_{y}"], OG["count"])) for y in range(2010, 2020)}
    assert counts == {"0", "1", "2", "3", "4", "5", "7"}


@pytest.mark.parametrize("case", ["rhodes_case", "barratt_case", "atkinson_case", "dearden_case"])
def test_route_is_the_same_from_memory_and_from_the_store(dataset, answering, case):
    assert dataclasses.asdict(case_route(dataset, ID[case])) == dataclasses.asdict(case_route(answering, ID[case]))


def test_what_forces_say_they_do_is_typed_and_attributed(dataset):
    from graph.sparql.evaluate import evaluate
    rows = evaluate(dataset, """
        SELECT ?practice ?org ?kind ?src ?status ?by WHERE {
          ?practice a og:StatedPractice ; og:practiceOf ?o ; og:practice/skos:notation ?kind . ?o og:identifier ?org .
          ?st rdf:subject ?practice ; rdf:predicate og:practice ; og:source/og:identifier ?src ;
              og:claimStatus/skos:notation ?status ; og:attributedTo/og:identifier ?by .
        }""")
    found = {(str(r.practice).rsplit("/", 1)[-1], str(r.kind), str(r.src), str(r.status), str(r.by)) for r in rows}
    assert ("tvp_practice_barred_list", "dismissed people go on the barred list", "001", "stated", "thames_valley_police") in found
    assert ("tvp_practice_barred_list", "dismissed people go on the barred list", "003", "stated", "thames_valley_police") in found
    assert ("herts_practice_independent_force", "another force investigates", "003", "stated", "hertfordshire_constabulary") in found
    assert dataset.value(ID.bedfordshire_request_for_comment_003, OG.recipient) == ID.bedfordshire_police
    assert dataset.value(ID.bedfordshire_request_for_comment_003, OG.answered) is None  # the source does not say
