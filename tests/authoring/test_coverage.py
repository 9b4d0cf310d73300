"""`oversight coverage`: each paragraph with its facts, and the paragraphs still unread."""
from __future__ import annotations

import json
from pathlib import Path

SOURCE = """source:
  id: "951"
  class: NewsArticle
  title: A four-paragraph note
  paragraph_count: 4
records:
  - id: note_town
    class: Place
    label: Notebury
    paragraphs: [1]
  - about: iopc
    paragraphs: [3]
    props:
      description: named in the note
"""


def test_paragraphs_with_facts_and_those_without(data: Path, tmp_path: Path, oversight):
    (data / "sources" / "951_note.yaml").write_text(SOURCE, encoding="utf-8")
    text = tmp_path / "note.txt"
    text.write_text("Notebury is a town.\n\nNothing here.\nThe IOPC was named.\nThe end.\n", encoding="utf-8")
    result = oversight("coverage", "951", "--text", text, "--data", data)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2 of 4 paragraphs have facts" in out
    assert "¶1  'Notebury is a town.'\n    Notebury — label — 'Notebury' (reported)" in out
    assert "Independent Office for Police Conduct — description — 'named in the note' (reported)" in out
    assert "¶2  'Nothing here.'\n    (no facts)" in out
    assert out.rstrip().endswith("Paragraphs with no facts: 2, 4")
    data_json = json.loads(oversight("coverage", "951", "--format", "json", "--data", data).output)
    assert [p["number"] for p in data_json["paragraphs"] if not p["facts"]] == [2, 4]


def test_an_unknown_source_names_the_nearest(data: Path, oversight):
    result = oversight("coverage", "01", "--data", data)
    assert result.exit_code == 1 and "no source '01'; did you mean 001" in result.output


JUDGMENT = """source:
  id: "952"
  class: CourtJudgment
  title: A judgment numbering its own paragraphs
  paragraph_count: 12
  paragraph_numbering: own
  neutral_citation: "[2000] EWHC 1 (Admin)"   # a test fixture's, not a real case's
records:
  - id: judgment_court
    class: Court
    label: A court
    paragraphs: [12]
"""


def test_a_judgment_is_pointed_into_by_its_own_paragraph_numbers(data: Path, tmp_path: Path, oversight):
    (data / "sources" / "952_judgment.yaml").write_text(JUDGMENT, encoding="utf-8")
    text = tmp_path / "judgment.txt"
    text.write_text("A v B\nJUDGE:\n1. First.\n[12] The court's order.\nA quoted line.\n", encoding="utf-8")
    assert oversight("validate", "--data", data).exit_code == 0
    out = oversight("coverage", "952", "--text", text, "--data", data).output
    assert "¶12  \"The court's order.\"\n    A court — label — 'A court' (reported)" in out
    assert "¶1  'First.'\n    (no facts)" in out
    beyond = JUDGMENT.replace("paragraphs: [12]", "paragraphs: [13]")
    (data / "sources" / "952_judgment.yaml").write_text(beyond, encoding="utf-8")
    refused = oversight("validate", "--data", data)
    assert refused.exit_code == 1 and "paragraph 13 does not exist: the source has 12 paragraphs" in refused.output
