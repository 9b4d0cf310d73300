"""The national landscape: every territorial force's chain of oversight, with the law of each step,
and bodies that change over time (the IPCC before 8 January 2018, the IOPC after)."""
from __future__ import annotations

from datetime import date

import pytest

from graph.model.namespaces import ID
from graph.network.chain import oversight_chain
from rdflib import Literal

from graph.model.namespaces import XSD
from graph.sparql.canned import query_source
from graph.sparql.parameters import substitute
from graph.sparql.evaluate import evaluate

# The forces of England and Wales are those with an ONS police force area code (E23..., W15...).
_FORCES = """
SELECT ?force ?code WHERE { ?force a og:PoliceForce ; og:onsCode ?code
  FILTER(STRSTARTS(?code, "E23") || STRSTARTS(?code, "W15")) }
"""
# What each force must reach, by relation, and the Act the reference edge must cite.
_EXPECTED = {"iopc": ("refersCasesTo", "Police Reform Act 2002"),
             "hmicfrs": ("inspects", "Police Act 1996 s.54"),
             "home_secretary": ("answersFor", "Police Act 1996 s.54")}
_GOVERNING_ACTS = ("PRSRA 2011 s.1", "PRSRA 2011 s.3", "order 2017 art. 3", "order 2021 art. 34")
# The City of London's police authority is its Common Council (the data set names it, no
# provision of ours does) and it has no police and crime panel; North Yorkshire's mayor took
# over by an order whose number the sources checked do not give.
_NO_PANEL = {"city_of_london_police"}
_BASIS_UNCITED = {"city_of_london_police", "nyp"}


def _forces(dataset) -> dict[str, str]:
    return {str(r.force).removeprefix(str(ID)): str(r.code) for r in evaluate(dataset, _FORCES)}


def _reference_links(steps, upper_id):
    return [lk for s in steps if s.upper.id == upper_id for lk in s.links if lk.status == "reference"]


def test_there_are_43_territorial_forces_with_distinct_area_codes(dataset):
    forces = _forces(dataset)
    assert len(forces) == 43
    assert len(set(forces.values())) == 43


def test_every_territorial_force_reaches_its_governors_the_iopc_hmicfrs_and_home_secretary_by_law(dataset, net):
    for force in _forces(dataset):
        steps = oversight_chain(dataset, ID[force], net)
        for upper, (relation, act) in _EXPECTED.items():
            links = _reference_links(steps, upper)
            assert any(lk.relation == relation and any(act in (src["legal_basis"] or "") for src in lk.sources)
                       for lk in links), (force, upper, links)
        governing = [lk for s in steps if s.level == 1 and s.lower.id == force for lk in s.links
                     if lk.relation == "overseenBy" and lk.status == "reference"]
        assert len({lk.object.id for lk in governing}) == 1, (force, governing)
        if force not in _BASIS_UNCITED:
            bases = [src["legal_basis"] or "" for lk in governing for src in lk.sources]
            assert any(act in b for b in bases for act in _GOVERNING_ACTS), (force, bases)
        body = governing[0].object.id
        panels = [lk for s in steps if s.lower.id == body for lk in s.links
                  if lk.relation == "scrutinisedBy" and lk.status == "reference"]
        if force in _NO_PANEL:
            assert not panels
        else:
            assert panels and all(any("PRSRA 2011 s.28" in (src["legal_basis"] or "") or "PRSRA 2011 s.33" in
                                      (src["legal_basis"] or "") for src in lk.sources) for lk in panels), (force, panels)


def test_every_territorial_force_has_a_professional_standards_department(dataset):
    rows = evaluate(dataset, """SELECT ?force (COUNT(?psd) AS ?n) WHERE {
        ?force a og:PoliceForce ; og:onsCode ?code .
        ?psd a og:ProfessionalStandardsDepartment ; og:investigatesComplaintsAbout ?force } GROUP BY ?force""")
    assert len(rows) == 43 and all(int(r.n) == 1 for r in rows)


def test_a_case_in_2013_is_overseen_by_the_ipcc_and_one_in_2019_by_the_iopc(dataset, net):
    in_2013 = oversight_chain(dataset, ID.thames_valley_police, net, on=date(2013, 6, 1))
    assert _reference_links(in_2013, "ipcc") and not _reference_links(in_2013, "iopc")
    assert [s.upper.id for s in in_2013 if s.upper.id == "thames_valley_police_authority"] == []
    in_2019 = oversight_chain(dataset, ID.thames_valley_police, net, on=date(2019, 1, 1))
    assert _reference_links(in_2019, "iopc") and not _reference_links(in_2019, "ipcc")
    in_2011 = oversight_chain(dataset, ID.thames_valley_police, net, on=date(2011, 1, 1))
    assert _reference_links(in_2011, "thames_valley_police_authority")
    assert not _reference_links(in_2011, "thames_valley_pcc")


def test_greater_manchester_passed_from_its_pcc_to_the_mayor_on_8_may_2017(dataset, net):
    def governors(day):
        return {lk.object.id for s in oversight_chain(dataset, ID.gmp, net, on=day) for lk in s.links
                if lk.relation == "overseenBy" and lk.status == "reference"}
    assert governors(date(2017, 5, 7)) == {"greater_manchester_pcc"}
    assert governors(date(2017, 5, 8)) == {"mayor_of_greater_manchester"}


@pytest.mark.parametrize("force, day, expected", [
    ("thames_valley_police", "2013-06-01", {"Independent Police Complaints Commission", "Police and Crime Commissioner for Thames Valley"}),
    ("thames_valley_police", "2018-01-08", {"Independent Office for Police Conduct", "Police and Crime Commissioner for Thames Valley"}),
    ("west_yorkshire_police", "2021-05-09", {"Independent Office for Police Conduct", "West Yorkshire Police and Crime Commissioner"}),
    ("west_yorkshire_police", "2021-05-10", {"Independent Office for Police Conduct", "Mayor of West Yorkshire"}),
])
def test_the_query_who_oversaw_a_force_on_a_day(dataset, force, day, expected):
    text, _ = query_source("overseers_on_date")
    query = substitute(text, {"force": ID[force], "on": Literal(day, datatype=XSD.date)})
    assert {str(r.body) for r in evaluate(dataset, query)} == expected


def test_succession_records_link_predecessor_and_successor_with_dates(dataset):
    rows = evaluate(dataset, """SELECT ?date WHERE { ?e a og:Succession ; og:predecessor id:ipcc ;
        og:successor id:iopc ; og:date ?date }""")
    assert [str(r.date) for r in rows] == ["2018-01-08"]


def test_identifiers_are_links_too(dataset):
    ask = lambda q: bool(evaluate(dataset, q).askAnswer)  # noqa: E731
    assert ask("ASK { id:thames_valley_police schema:sameAs <http://www.wikidata.org/entity/Q8578453> }")
    assert ask("ASK { id:thames_valley_police rdfs:seeAlso <https://data.police.uk/api/forces/thames-valley> }")
    assert ask("ASK { id:thames_valley_police rdfs:seeAlso <http://statistics.data.gov.uk/id/statistical-geography/E23000029> }")
    # the link is a sourced statement like any fact
    assert ask("""ASK { ?st rdf:subject id:thames_valley_police ; rdf:predicate schema:sameAs ;
                  og:cites id:forces_governance_reference }""")


def test_cli_chain_on_a_day_and_a_bad_day(run):
    result = run("chain", "TVP", "--on", "2013-06-01", "--format", "csv")  # unwrapped cells
    assert result.exit_code == 0, result.output
    assert "Independent Police Complaints Commission" in result.output
    assert "PRSRA 2011 s.1 (police and crime commissioners) from 2012-11-22" in result.output
    assert "on 2013-06-01" in run("chain", "TVP", "--on", "2013-06-01").output
    bad = run("chain", "TVP", "--on", "June 2013")
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output
