"""The competency questions (../shared/competency-questions.md), each answered by a query
file in examples/questions/ and checked against what the sources support."""
from __future__ import annotations



from graph.model.namespaces import PREFIXES
from graph.model.resources import resource_dir

QUESTIONS = resource_dir("questions")


def ask(dataset, name: str) -> list[dict[str, str]]:
    files = sorted(QUESTIONS.glob(f"{name}*.rq"))
    assert len(files) == 1, f"expected one query file for {name}, found {files}"
    result = dataset.query(files[0].read_text(encoding="utf-8"), initNs=PREFIXES)
    return [{str(var): ("" if row[var] is None else str(row[var])) for var in result.vars} for row in result]


def paragraphs(text: str) -> set[int]:
    return {int(p) for p in text.split(",") if p}


def test_every_question_file_says_which_question_it_answers():
    files = sorted(QUESTIONS.glob("*.rq"))
    numbers = {f.name[1:3] for f in files}
    assert numbers == {f"{n:02d}" for n in range(1, 17)}
    for f in files:
        assert f.read_text(encoding="utf-8").startswith(f"# Q{int(f.name[1:3])}"), f.name


def test_q01_leadsom_wrote_to_stansfeld_asking_for_an_investigation(dataset):
    [row] = ask(dataset, "q01")
    assert row["sender"] == "Andrea Leadsom"
    assert row["senderOffice"] == "Leader of the House of Commons"
    assert row["constituency"] == "South Northamptonshire"
    assert row["recipient"] == "Anthony Stansfeld"
    assert row["recipientPost"] == "Police and Crime Commissioner for Thames Valley"
    assert "urgent investigation" in row["request"]
    assert row["source"] == "000" and paragraphs(row["paragraphs"]) == {14, 16}


def test_q02_pcc_declined_on_operational_grounds_and_reviewed(dataset):
    rows = ask(dataset, "q02")
    decision = [r for r in rows if r["event"].endswith("pcc_declines_to_intervene")]
    grounds = " ".join(r["ground"] for r in decision)
    assert "declined" in decision[0]["outcome"]
    assert "operational" in grounds and "no power" in grounds and "operational independence" in grounds
    assert {r["kind"] for r in rows} == {"decision", "review", "letter"}
    review = next(r for r in rows if r["kind"] == "review")
    assert "due process" in review["outcome"]


def test_q03_tribunal_upheld_panel_overseen_by_surrey(dataset):
    [row] = ask(dataset, "q03")
    assert "Police Appeals Tribunal" in row["tribunal"]
    assert "independent chair" in row["chair"].lower()
    assert "upheld" in row["outcome"]
    assert row["upheldDecisionOf"] == "Misconduct panel in Alex Dearden's case"
    assert row["overseenBy"] == "Office of the Police and Crime Commissioner for Surrey"


def test_q04_acquitted_of_common_assault_at_basingstoke_in_2015(dataset):
    [row] = ask(dataset, "q04")
    assert (row["court"], row["charge"], row["date"]) == ("Basingstoke Magistrates' Court", "common assault", "2015")
    assert (row["source"], row["paragraph"]) == ("000", "4")


def test_q05_case_steps_in_time_order(dataset):
    steps = [r["event"].rsplit("/", 1)[-1] for r in ask(dataset, "q05")]
    order = ["dearden_abuse_allegation", "tvp_investigation_of_dearden", "dearden_prosecution",
             "dearden_acquittal", "dearden_dismissal", "dearden_appeal", "leadsom_letter",
             "pcc_declines_to_intervene"]
    positions = [steps.index(s) for s in order]
    assert positions == sorted(positions), steps
    assert steps.index("dearden_misconduct_hearing") < steps.index("dearden_dismissal")
    assert steps.index("dearden_complaint_to_mp") < steps.index("leadsom_letter")
    rows = {r["event"].rsplit("/", 1)[-1]: r for r in ask(dataset, "q05")}
    assert rows["dearden_dismissal"]["date"] == "2016-07"
    assert rows["dearden_acquittal"]["date"] == "2015"
    # The letter's year is unknown: a note, never an invented date.
    assert rows["leadsom_letter"]["date"] == "" and "year is not given" in rows["leadsom_letter"]["dateNote"]


def test_q06_force_statement_figures_from_each_outlet(dataset):
    rows = ask(dataset, "q06")
    by_source = {}
    for r in rows:
        by_source.setdefault(r["source"], {})[(r["counts"], r["category"])] = int(r["count"])
    expected = {("sexual misconduct complaints", "all"): 91,
                ("officers and staff complained about", "all"): 99,
                ("sexual misconduct complaints", "disciplinary action"): 19,
                ("sexual misconduct complaints", "investigated without disciplinary action"): 59,
                ("sexual misconduct complaints", "ongoing"): 8}
    assert by_source == {"001": expected, "002": expected, "003": expected}
    assert {r["period"] for r in rows} == {"2016-17 to 2020-21"}


def test_q07_foi_breakdown_sums_to_91(dataset):
    rows = ask(dataset, "q07")
    counts = {r["category"]: int(r["count"]) for r in rows}
    assert counts == {"dismissal": 11, "management action": 9, "written warning": 5,
                      "would have been dismissed": 4, "upheld": 1, "resolved internally": 3,
                      "reflective practice": 1, "ongoing": 13, "no further action": 23,
                      "no case to answer": 5, "not upheld": 9, "not proven": 2,
                      "acceptable service": 1, "withdrawn or de-recorded": 2, "disapplication": 2}
    assert sum(counts.values()) == 91
    assert {r["source"] for r in rows} == {"002"}


def test_q08_disagreements_between_sources(dataset):
    pairs = {(r["category"], r["countA"], r["sourceA"], r["countB"], r["sourceB"]) for r in ask(dataset, "q08_")}
    assert ("ongoing", "8", "001", "13", "002") in pairs
    assert ("all", "31", "001", "33", "002") in pairs
    periods = {(r["period"], r["source"]) for r in ask(dataset, "q08b")}
    assert ("2016-17 to 2020-21", "002") in periods
    assert any(p.startswith("between 2016 and 2021") and s == "001" for p, s in periods)
    assert ("between 2016 and 2020", "003") in periods


def test_q09_iopc_oversees_complaints_and_forces_work_with_it(dataset):
    rows = ask(dataset, "q09")
    assert {r["overseer"] for r in rows} == {"Independent Office for Police Conduct"}
    said = {(r["force"], r["relation"], r["source"]) for r in rows}
    assert ("Thames Valley Police", "refers cases to", "001") in said
    assert ("Hertfordshire Constabulary", "works with", "003") in said
    assert {r["status"] for r in rows} == {"stated"}


def test_q10_tvp_psd_investigates(dataset):
    rows = ask(dataset, "q10")
    assert {r["investigator"] for r in rows} == {"Thames Valley Police Professional Standards Department"}
    assert {(r["source"], r["paragraph"]) for r in rows} == {("001", "16"), ("002", "26"), ("003", "12")}
    assert {r["statedBy"] for r in rows} == {"Thames Valley Police"}


def test_q11_evaw_members(dataset):
    rows = ask(dataset, "q11")
    assert {r["member"] for r in rows} == {"Rape Crisis", "Refuge", "Women's Aid"}
    assert {(r["source"], r["paragraph"]) for r in rows} == {("001", "22")}


def test_q12_contested_claims_kept_apart(dataset):
    rows = ask(dataset, "q12")
    claims = {(r["about"].split()[0], r["claim"], r["value"], r["status"], r["by"]) for r in rows}
    assert ("Allegation", "substantiated", "false", "denied", "Alex Dearden") in claims
    assert ("Allegation", "substantiated", "true", "found", "Thames Valley Police") in claims
    assert ("Dearden's", "substantiated", "true", "alleged", "Alex Dearden") in claims
    periods = {(r["value"], r["status"]) for r in rows if r["claim"] == "period start"}
    assert periods == {("2011", "reported"), ("2009", "stated")}
    # An allegation is never read as a finding: the plain graph does not assert it.
    assert not dataset.query("ASK { id:dearden_abuse_allegation og:substantiated ?any }", initNs=PREFIXES).askAnswer


def test_q13_spokespeople_and_roles(dataset):
    rows = {(r["person"], r["organisation"], r["role"]) for r in ask(dataset, "q13")}
    assert ("Hannah Jones", "Thames Valley Police", "spokeswoman") in rows
    assert ("Denzi Ugur", "End Violence Against Women Coalition", "deputy director") in rows
    assert ("Romy Briant", "Reducing the Risk", "chair") in rows
    unnamed = {org for person, org, _ in rows if "not named" in person}
    assert unnamed == {"Independent Office for Police Conduct", "Home Office", "Thames Valley Police",
                       "Hertfordshire Constabulary"}


def test_q14_forces_in_the_sources(dataset):
    forces = {r["force"] for r in ask(dataset, "q14")}
    assert forces == {"Thames Valley Police", "Hertfordshire Constabulary", "Bedfordshire Police",
                      "Metropolitan Police Service",
                      "Lincolnshire Police", "Northumbria Police", "West Mercia Police"}  # the cases of 004-013
    surrey = dataset.query("SELECT ?c WHERE { id:surrey_opcc a ?c }", initNs=PREFIXES)
    assert PREFIXES["og"].PoliceAndCrimeCommissionerOffice in {r.c for r in surrey}


def test_q15_who_holds_tvp_to_account(dataset):
    rows = ask(dataset, "q15")
    overseers = {r["overseer"] for r in rows}
    assert {"Police and Crime Commissioner for Thames Valley", "Independent Office for Police Conduct",
            "Home Secretary", "HM Inspectorate of Constabulary and Fire & Rescue Services",
            "Thames Valley Police and Crime Panel"} <= overseers
    pcc_sources = {r["source"] for r in rows if r["overseer"].startswith("Police and Crime Commissioner")}
    assert {"000", "reference"} <= pcc_sources
    # the panel holds TVP to account only through the PCC: no direct statement
    assert {r["relation"] for r in rows if r["overseer"] == "Thames Valley Police and Crime Panel"} == {""}


def test_q16_mps_and_constituencies_not_invented(dataset):
    rows = {r["mp"]: r for r in ask(dataset, "q16")}
    assert set(rows) == {"Andrea Leadsom", "Ms Moran"}
    assert rows["Andrea Leadsom"]["constituency"] == "South Northamptonshire"
    assert rows["Ms Moran"]["constituency"] == ""
    assert "Oxford" in rows["Ms Moran"]["note"]
