"""A real case, from article to route: a plain-text article written for the test (about the
2013 suspension of Lincolnshire's temporary chief constable and the High Court's quashing of
it, fixtures/rhodes_suspension.txt, with its public sources in its header) goes through
`oversight new`; the test checks what the scaffold resolves and proposes, accepts the
proposals, adds the case's events as a person would, and `validate` and `route` then work.

What the data knows changes as reference data grows (all 47 forces, their commissioners): a
name the data knows must be resolved to its id, one it does not must be proposed with the
expected class, so the test holds before and after.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from graph.data.load import load
from graph.sparql.names import NameIndex

FIXTURE = Path(__file__).parent / "fixtures" / "rhodes_suspension.txt"
NAMED = {  # the actors and records the article names, as it names them first -> the class to propose
    "Home Office": "GovernmentDepartment",
    "Independent Office for Police Conduct": "ComplaintsOversightBody",
    "Police Reform and Social Responsibility Act 2011": "Legislation",
    "High Court": "Court",
    "Alan Hardwick": "Person",
    "Police and Crime Commissioner for Lincolnshire": "PoliceAndCrimeCommissioner",
    "Lincolnshire Police": "PoliceForce",
    "Neil Rhodes": "PoliceOfficer",
    "Fraser Sampson": "Person",
    "Police and Crime Commissioner for West Yorkshire": "PoliceAndCrimeCommissioner",
    "Afzal Hussain": "Person",
    "West Yorkshire Police": "PoliceForce",
    "Independent Police Complaints Commission": "Organisation",
    "Alec Wood": "PoliceOfficer",
    "Manchester Civil Justice Centre": "Place",
    "John Beggs": "Person",
    "Derek Sweeting": "Person",
    "Stuart-Smith": "Person",
    "Peter Fahy": "Person",
    "Home Office spokesman": "Spokesperson",
    "Karl McCartney": "MemberOfParliament",
    "Lincoln": "Constituency",
}
EVENTS = """\
  - id: article_rhodes_case
    class: Case
    label: Suspension of Neil Rhodes and its judicial review
    paragraphs: [3]
    props: {{caseAbout: {neil}}}
  - id: article_rhodes_suspended
    class: Decision
    label: Alan Hardwick suspends Neil Rhodes
    paragraphs: [5]
    props: {{partOfCase: article_rhodes_case, date: 2013-02-25, decidedBy: {hardwick}, subjectOf: {neil}}}
  - id: article_rhodes_suspension_continued
    class: Decision
    label: Alan Hardwick decides the suspension should continue
    paragraphs: [5]
    props: {{partOfCase: article_rhodes_case, date: 2013-03-05, decidedBy: {hardwick}, subjectOf: {neil}}}
  - id: article_rhodes_allegation
    class: Allegation
    label: Allegation that Neil Rhodes helped a discrimination claim he knew to be contrived
    paragraphs: [8]
    props: {{partOfCase: article_rhodes_case, complainant: {hardwick}, subjectOf: {neil}}}
  - id: article_rhodes_denial
    class: Denial
    label: Neil Rhodes denies wrongdoing
    paragraphs: [9]
    props: {{partOfCase: article_rhodes_case, speaker: {neil}, concerns: article_rhodes_allegation, after: article_rhodes_allegation}}
  - id: article_rhodes_referral
    class: Referral
    label: Alan Hardwick refers the matter to the Independent Police Complaints Commission
    paragraphs: [10]
    props: {{partOfCase: article_rhodes_case, actor: {hardwick}, recipient: {ipcc}, after: article_rhodes_suspended}}
  - id: article_rhodes_judicial_review
    class: Review
    label: Neil Rhodes's claim for judicial review of the suspension
    paragraphs: [12]
    props: {{partOfCase: article_rhodes_case, date: 2013-03-19, complainant: {neil}, reviewer: {court}}}
  - id: article_rhodes_suspension_quashed
    class: Decision
    label: The High Court quashes the suspension
    paragraphs: [15]
    props: {{partOfCase: article_rhodes_case, date: 2013-03-28, decidedBy: {court}, concerns: article_rhodes_suspended,
             outcome: the suspension quashed as irrational and perverse}}
"""


@pytest.mark.slow
def test_an_article_becomes_a_case_that_route_tells(data: Path, tmp_path: Path, oversight):
    article = tmp_path / "rhodes.txt"
    article.write_text(FIXTURE.read_text(encoding="utf-8").split("\n----\n", 1)[1], encoding="utf-8")
    known_names = NameIndex.of(load(data).dataset).by_name
    made = oversight("new", article, "--data", data)
    assert made.exit_code == 0, made.output
    [path] = (data / "sources").glob("014_*.yaml")
    text = path.read_text(encoding="utf-8")
    resolved = dict(re.findall(r"known: '(.+?)' = (\w+)", text))
    proposed = {r["label"]: r for r in yaml.safe_load(text)["records"]}
    ids = {}
    known_here = [name for name in NAMED if known_names.get(name.lower())]
    known_longer: list[str] = []
    for name, cls in NAMED.items():
        if name in known_here:  # the data knows it: resolved to its id, never proposed again
            [iri] = known_names[name.lower()]
            assert resolved.get(name) == iri.split("/")[-1], name
            assert name not in proposed
            ids[name] = resolved[name]
        elif name not in proposed and (longer := [k for k in resolved if name in k]):
            ids[name] = resolved[longer[0]]  # known under a longer name ('Mr Justice Stuart-Smith')
            known_longer.append(name)
        else:  # proposed for review, with a sensible class
            assert proposed[name]["class"] == cls, name
            assert proposed[name]["review"] == "pending"
            ids[name] = proposed[name]["id"]
    assert len(set(resolved.values())) == len(known_here) + len(known_longer) >= 3  # today: the Home Office, the IOPC, the 2011 Act
    assert f"'the force' = {ids['West Yorkshire Police']}" in text or f"'the force' -> {ids['West Yorkshire Police']}" in text
    assert re.search(rf"'Mr Rhodes' (=|->) {ids['Neil Rhodes']}", text)
    assert "published: 2013-03-28" in text and "paragraph_count: 22" in text

    refused = oversight("validate", "--data", data)
    assert refused.exit_code == 1
    assert refused.output.count("awaiting review") == len(proposed)

    accepted = re.sub(r"\n    review: pending[^\n]*", "", text)  # the person checked each proposal and accepts it
    accepted += EVENTS.format(neil=ids["Neil Rhodes"], hardwick=ids["Alan Hardwick"], court=ids["High Court"],
                              ipcc=ids["Independent Police Complaints Commission"])
    path.write_text(accepted, encoding="utf-8")
    valid = oversight("validate", "--data", data)
    assert valid.exit_code == 0, valid.output

    route = oversight("route", "article_rhodes_case", "--data", data, "--format", "csv")  # the real case (004-006) names him too
    assert route.exit_code == 0, route.output
    order = ["Alan Hardwick suspends Neil Rhodes", "Alan Hardwick decides the suspension should continue",
             "Neil Rhodes's claim for judicial review", "The High Court quashes the suspension"]
    positions = [route.output.index(label) for label in order]
    assert positions == sorted(positions)
    assert "2013-02-25" in route.output and "2013-03-28" in route.output
    assert "Neil Rhodes denies wrongdoing" in route.output
