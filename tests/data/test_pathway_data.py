"""The pathway in data files: enumerations by their notation, court judgments, FOI responses,
figures without a count, each accepted or refused with a message naming file and line."""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal

from bad_data import SMALL, append, assert_failed_cleanly, line_of, make_small, run
from graph.model.namespaces import ID, OG, SOURCE
from graph.model.vocabulary import Vocabulary
from graph.pipeline.build import build_dataset

JUDGMENT = "sources/902_judgment.yaml"
JUDGMENT_SOURCE = """\
source:
  id: "902"
  class: CourtJudgment
  title: A judgment written for the tests
  neutral_citation: "[2020] EWHC 1 (Admin)"
  claim_number: CO/1/2020
  paragraph_numbering: own
  publisher: test_court
  published: 2020-01-02
records:
  - id: test_court
    class: Court
    label: The Test Court
    paragraphs: [1]
  - id: test_officer
    class: PoliceOfficer
    label: A test officer
    paragraphs: [1]
  - id: test_case
    class: Case
    label: The test case
    paragraphs: [1]
    props: {caseAbout: test_officer}
  - id: test_outcome
    class: DisciplinaryOutcome
    label: The test officer is given a final written warning
    paragraphs: [2]
    props:
      partOfCase: test_case
      decidedBy: test_court
      subjectOf: test_officer
      sanction: final written warning
      warningMonths: 18
"""
FIGURES = """\
  - id: test_withheld
    class: FigureObservation
    label: A count the source withholds
    paragraphs: [3]
    props: {refAreaLabel: Testbury, counts: complaints, category: dismissal, countUnavailable: small number suppressed, countBelow: 5}
  - id: test_counted
    class: FigureObservation
    label: The same figure, counted elsewhere
    paragraphs: [4]
    props: {refAreaLabel: Testbury, counts: complaints, category: dismissal, count: 7}
"""


def _with_judgment(tmp_path: Path, text: str = JUDGMENT_SOURCE) -> Path:
    data = make_small(tmp_path)
    (data / JUDGMENT).write_text(text, encoding="utf-8")
    return data


def test_a_judgment_and_its_pathway_terms_are_loaded(tmp_path):
    ds = build_dataset(_with_judgment(tmp_path)).dataset
    source = SOURCE["902"]
    assert ds.value(source, OG.neutralCitation) == Literal("[2020] EWHC 1 (Admin)")
    assert ds.value(source, OG.claimNumber) == Literal("CO/1/2020")
    assert ds.value(source, OG.paragraphNumbering) == OG.OwnNumbering
    assert ds.value(ID.test_outcome, OG.sanction) == OG.FinalWrittenWarning
    assert ds.value(ID.test_outcome, OG.warningMonths).toPython() == 18


def test_an_unknown_sanction_names_the_allowed_ones_and_the_line(tmp_path):
    data = _with_judgment(tmp_path, JUDGMENT_SOURCE.replace("sanction: final written warning", "sanction: a telling off"))
    out = assert_failed_cleanly(run("validate", "--data", str(data)))
    line = line_of(data / JUDGMENT, "sanction: a telling off")
    message = next(m for m in out.splitlines() if f"902_judgment.yaml:{line}" in m)
    assert "'final written warning'" in message and "'dismissal without notice'" in message and "'a telling off'" in message


def test_a_judgment_must_say_its_paragraphs_are_its_own(tmp_path):
    data = _with_judgment(tmp_path, JUDGMENT_SOURCE.replace("  paragraph_numbering: own\n", ""))
    out = assert_failed_cleanly(run("validate", "--data", str(data)))
    assert "paragraph_numbering: own" in out


def test_an_unknown_paragraph_numbering_is_refused(tmp_path):
    data = _with_judgment(tmp_path, JUDGMENT_SOURCE.replace("paragraph_numbering: own", "paragraph_numbering: roman"))
    out = assert_failed_cleanly(run("validate", "--data", str(data)))
    assert "paragraph_numbering takes one of" in out and "'roman'" in out


def test_a_figure_without_a_count_is_a_figure_and_a_count_over_its_bound_disagrees(tmp_path):
    from graph.network.contradictions import contradictions
    data = make_small(tmp_path)
    append(SMALL, FIGURES)(data)
    ds = build_dataset(data).dataset
    assert ds.value(ID.test_withheld, OG.countUnavailable) == OG.SmallNumberSuppressed
    found = [c for c in contradictions(ds) if c.about == "Testbury: complaints (dismissal)"]
    assert [sorted(cl.value for cl in c.claims) for c in found] == [["7", "fewer than 5", "small number suppressed"]]


def test_a_count_under_its_bound_agrees(tmp_path):
    from graph.network.contradictions import contradictions
    data = make_small(tmp_path)
    append(SMALL, FIGURES.replace("count: 7", "count: 3"))(data)
    assert not [c for c in contradictions(build_dataset(data).dataset) if c.about.startswith("Testbury")]


def test_a_figure_with_neither_count_nor_reason_is_refused(tmp_path):
    data = make_small(tmp_path)
    append(SMALL, FIGURES.replace("countUnavailable: small number suppressed, ", ""))(data)
    out = assert_failed_cleanly(run("validate", "--data", str(data)))
    assert "says why it has none" in out


def test_per_year_figures_do_not_disagree_but_two_counts_for_one_year_do(tmp_path):
    from graph.network.contradictions import contradictions
    data = make_small(tmp_path)
    rows = "".join(f"""  - id: test_year_{y}
    class: FigureObservation
    label: Dismissals in {y}
    paragraphs: [3]
    props: {{refAreaLabel: Testbury, counts: dismissals, category: all, count: {n}, periodStart: {y}, periodEnd: {y}, periodLabel: "{y}"}}
""" for y, n in ((2017, 7), (2018, 5), (2019, 2)))
    again = """  - id: test_year_2018_again
    class: FigureObservation
    label: Dismissals in 2018, another count
    paragraphs: [4]
    props: {refAreaLabel: Testbury, counts: dismissals, category: all, count: 6, periodStart: 2018, periodEnd: 2018, periodLabel: "2018"}
"""
    append(SMALL, rows)(data)
    assert not [c for c in contradictions(build_dataset(data).dataset) if c.about.startswith("Testbury")]
    append(SMALL, again)(data)
    found = [c for c in contradictions(build_dataset(data).dataset) if c.about.startswith("Testbury")]
    assert [(c.period, sorted(cl.value for cl in c.claims)) for c in found] == [("2018", ["5", "6"])]


def test_every_enumeration_is_a_concept_scheme_with_notations():
    vocab = Vocabulary()
    for cls, notations in ((OG.Sanction, {"no further action", "management action", "reflective practice", "written warning",
                                          "final written warning", "reduction in rank", "dismissal with notice",
                                          "dismissal without notice", "would have been dismissed"}),
                           (OG.InvestigationMode, {"local", "directed", "independent"}),
                           (OG.ChallengeResult, {"upheld", "allowed", "dismissed", "quashed", "remitted", "substituted", "reinstated"}),
                           (OG.Severity, {"misconduct", "gross misconduct"}),
                           (OG.CaseToAnswerDecision, {"case to answer", "no case to answer"})):
        concepts = vocab.concepts(cls)
        assert notations <= set(concepts), cls
        for concept in concepts.values():
            assert vocab.graph.value(concept, OG.legislation) is not None or cls == OG.ChallengeResult, concept
