"""`oversight same`: audited identity judgements, merged by the build, kept as provenance."""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal

from graph.data.graphs import JUDGEMENTS_GRAPH
from graph.model.namespaces import DCTERMS, ID, OG, OWL, RDF
from graph.pipeline.build import INFERRED_GRAPH, build_dataset

EXTRA = """source:
  id: "950"
  class: NewsArticle
  title: A test note naming the MP by surname
  paragraph_count: 2
records:
  - id: mrs_leadsom
    class: Person
    label: Mrs Leadsom
    paragraphs: [1]
"""


def test_a_same_judgement_is_recorded_with_who_when_and_why_and_merges_in_the_build(data: Path, oversight):
    (data / "sources" / "950_note.yaml").write_text(EXTRA, encoding="utf-8")
    result = oversight("same", "andrea_leadsom", "mrs_leadsom", "--because", "the note names the MP for South "
                       "Northamptonshire by surname", "--by", "A Tester", "--data", data)
    assert result.exit_code == 0, result.output
    assert "andrea_leadsom is the same as mrs_leadsom (by A Tester" in result.output
    text = (data / "judgements.yaml").read_text(encoding="utf-8")
    assert "- same: [andrea_leadsom, mrs_leadsom]" in text and 'by: "A Tester"' in text
    ds = build_dataset(data).dataset
    judged = ds.graph(JUDGEMENTS_GRAPH)
    assert (ID.andrea_leadsom, OWL.sameAs, ID.mrs_leadsom) in judged
    [node] = judged.subjects(RDF.type, OG.IdentityJudgement)
    assert judged.value(node, DCTERMS.creator) == Literal("A Tester")
    assert judged.value(node, OG.judgedSame) == Literal(True) and judged.value(node, DCTERMS.date) is not None
    assert "surname" in judged.value(node, OG.grounds)
    inferred = ds.graph(INFERRED_GRAPH)
    assert (ID.mrs_leadsom, RDF.type, OG.MemberOfParliament) in inferred  # merged: what is said of one holds of the other


def test_a_judgement_is_appended_without_touching_what_is_there(data: Path, oversight):
    (data / "judgements.yaml").write_text("# my notes\njudgements:\n  - not_same: [iopc, home_office]\n"
                                          "    because: different bodies  # checked\n", encoding="utf-8")
    before = (data / "judgements.yaml").read_text(encoding="utf-8")
    assert oversight("same", "tvp_psd", "thames_valley_police", "--not", "--because", "a unit of the force",
                     "--by", "B", "--data", data).exit_code == 0
    after = (data / "judgements.yaml").read_text(encoding="utf-8")
    assert after.startswith(before) and "- not_same: [tvp_psd, thames_valley_police]" in after
    assert (ID.tvp_psd, OWL.sameAs, ID.thames_valley_police) not in build_dataset(data).dataset.graph(JUDGEMENTS_GRAPH)


def test_unknown_ids_and_missing_reasons_are_refused(data: Path, oversight):
    unknown = oversight("same", "andrea_ledsom", "iopc", "--because", "x", "--by", "C", "--data", data)
    assert unknown.exit_code == 1 and "unknown id 'andrea_ledsom'" in unknown.output
    assert "did you mean andrea_leadsom" in unknown.output
    assert oversight("same", "iopc", "home_office", "--because", " ", "--by", "C", "--data", data).exit_code == 1
    assert not (data / "judgements.yaml").exists()


def test_a_not_same_judgement_stops_new_suggesting_the_match(data: Path, tmp_path: Path, oversight):
    article = tmp_path / "a.txt"
    article.write_text("A letter\nMs Andrea Leadsome wrote to the PCC.\n", encoding="utf-8")
    assert oversight("new", article, "--data", data).exit_code == 0
    [first] = (data / "sources").glob("014_*.yaml")
    assert "may be the known andrea_leadsom" in first.read_text(encoding="utf-8")
    assert oversight("same", "andrea_leadsome", "andrea_leadsom", "--not", "--because", "a different person",
                     "--by", "D", "--data", data).exit_code == 0
    assert oversight("new", article, "--data", data).exit_code == 0
    [second] = (data / "sources").glob("015_*.yaml")
    assert "may be the known" not in second.read_text(encoding="utf-8")


def test_a_broken_judgements_file_is_reported_by_file_and_line(data: Path, oversight):
    (data / "judgements.yaml").write_text("judgements:\n  - same: [iopc]\n    because: one id only\n"
                                          "  - same: [iopc, home_ofice]\n    because: a typo\n", encoding="utf-8")
    result = oversight("validate", "--data", data)
    assert result.exit_code == 1
    assert "data/judgements.yaml:2: a judgement is 'same: [id, id]'" in result.output
    assert "data/judgements.yaml:4: unknown reference 'home_ofice': no record has this id; did you mean home_office" \
        in result.output
    (data / "judgements.yaml").write_text("judgements: 5\n", encoding="utf-8")
    assert "holds 'judgements:' and a list" in oversight("validate", "--data", data).output


def test_who_judges_is_git_s_user_name_unless_by_says(tmp_path: Path):
    import subprocess

    from graph.authoring.identity import who_judges
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", "Git Person"], check=True)
    assert who_judges(None, tmp_path) == "Git Person"
    assert who_judges("  Named Here ", tmp_path) == "Named Here"
