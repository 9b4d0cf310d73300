"""`oversight new`: the scaffold of a new source resolves what the data knows, proposes what it
does not, and writes nothing that `validate` would take as a fact."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.authoring.hints import HintsError, load_hints
from graph.data.paragraphs import paragraphs
from graph.model.vocabulary import Vocabulary

TEXT = """Force faces questions over complaints
March 2022
Thames Valley Police said on 3 March 2022 that its Professional Standards Department had referred two cases to the IOPC.
The force said 12 officers were suspended while PC Jane Example was investigated.
A Thames Valley Police spokeswoman said the force denied the claims.
Andrea Leadsom wrote to the force again.

"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "followup.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def scaffold_of(data: Path) -> tuple[str, dict]:
    [path] = sorted((data / "sources").glob("014_*.yaml"))
    text = path.read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def test_the_source_block_is_filled_from_the_text(data, article, oversight):
    result = oversight("new", article, "--data", data, "--url", "https://example.org/a")
    assert result.exit_code == 0, result.output
    assert "wrote " in result.output and "014_force_faces_questions_over_complaints.yaml" in result.output
    text, doc = scaffold_of(data)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../ontology/data-file.schema.json" or \
        text.splitlines()[0].endswith("/ontology/data-file.schema.json")
    assert doc["source"] == {"id": "014", "class": "NewsArticle", "title": "Force faces questions over complaints",
                             "seed_file": "followup.txt", "paragraph_count": 6, "published": "2022-03",
                             "url": "https://example.org/a"}
    assert "referred two cases" not in text  # the article is not copied


def test_known_records_are_resolved_by_name_alias_context_and_surname(data, article, oversight):
    oversight("new", article, "--data", data)
    text, _ = scaffold_of(data)
    assert "known: 'Thames Valley Police' = thames_valley_police" in text
    assert "known: 'IOPC' = iopc" in text
    assert "known: 'Professional Standards Department' " not in text or "tvp_psd" in text
    assert "known: 'The force' = thames_valley_police (Thames Valley Police, police force; in context)" in text
    assert "known: 'Andrea Leadsom' = andrea_leadsom" in text


def test_unknown_names_and_roles_are_proposed_for_review_with_a_class(data, article, oversight):
    oversight("new", article, "--data", data)
    _, doc = scaffold_of(data)
    proposed = {r["id"]: r for r in doc["records"]}
    assert proposed["jane_example"]["class"] == "PoliceOfficer" and proposed["jane_example"]["paragraphs"] == [4]
    spokeswoman = proposed["thames_valley_police_spokeswoman"]
    assert spokeswoman["class"] == "Spokesperson" and spokeswoman["props"] == {"spokespersonFor": "thames_valley_police"}
    assert all(r["review"] == "pending" for r in doc["records"])


def test_dates_figures_and_relation_words_are_suggested_as_comments(data, article, oversight):
    oversight("new", article, "--data", data)
    text, _ = scaffold_of(data)
    assert "dates: 2022-03-03 ('3 March 2022')" in text
    assert "figures: 12 officers" in text
    assert "'referred' -> Referral, referredTo" in text and "'suspended' -> Decision" in text
    assert "'denied' -> status denied" in text and "'wrote to' -> Letter, wroteTo" in text


def test_validate_refuses_each_pending_record_by_file_line_and_record(data, article, oversight):
    oversight("new", article, "--data", data)
    result = oversight("validate", "--data", data)
    assert result.exit_code == 1
    [line] = [x for x in result.output.splitlines() if "jane_example" in x]
    text, _ = scaffold_of(data)
    number = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith("    review: pending")
                  and "PC" in x)
    assert f"014_force_faces_questions_over_complaints.yaml:{number} (record jane_example): a suggestion of " \
           "`oversight new` awaiting review" in line


def test_an_existing_file_is_never_overwritten_and_a_taken_id_refused(data, article, oversight):
    assert oversight("new", article, "--data", data).exit_code == 0
    text, _ = scaffold_of(data)
    again = oversight("new", article, "--data", data, "--id", "014")
    assert again.exit_code == 1 and "already used" in again.output
    assert scaffold_of(data)[0] == text
    second = oversight("new", article, "--data", data)  # a pending scaffold does not stop the next
    assert second.exit_code == 0 and "015_force_faces" in second.output


def test_keep_text_copies_the_text_beside_the_data_and_names_it(data, article, oversight):
    result = oversight("new", article, "--data", data, "--keep-text")
    assert result.exit_code == 0
    _, doc = scaffold_of(data)
    assert doc["source"]["seed_file"] == "texts/014_force_faces_questions_over_complaints.txt"
    assert (data / doc["source"]["seed_file"]).read_text(encoding="utf-8") == TEXT


def test_a_source_class_that_is_no_document_is_refused_with_the_nearest(data, article, oversight):
    result = oversight("new", article, "--data", data, "--class", "NewsArticel")
    assert result.exit_code == 1 and "did you mean NewsArticle" in result.output
    assert not list((data / "sources").glob("014_*"))


def test_a_court_judgment_takes_its_own_paragraph_numbers(data, tmp_path, oversight):
    judgment = tmp_path / "judgment.txt"
    judgment.write_text("Rhodes v Example\n28 March 2013\nMR JUSTICE EXAMPLE:\n1. The claim.\n2. The PCC suspended "
                        "him.\nA quoted passage.\n[3] The suspension is quashed.\n", encoding="utf-8")
    assert paragraphs(judgment.read_text(), numbered=True) == {
        1: "The claim.", 2: "The PCC suspended him.\nA quoted passage.", 3: "The suspension is quashed."}
    result = oversight("new", judgment, "--data", data, "--class", "CourtJudgment")
    assert result.exit_code == 0, result.output
    _, doc = scaffold_of(data)
    assert doc["source"]["paragraph_count"] == 3 and doc["source"]["paragraph_numbering"] == "own"
    assert str(doc["source"]["published"]) == "2013-03-28"


def test_every_term_of_the_hints_is_checked_against_the_ontology(tmp_path):
    vocab = Vocabulary()
    hints = load_hints(vocab)
    assert all(c in vocab.classes for c in hints.titles.values())
    bad = tmp_path / "hints.yaml"
    bad.write_text("titles: {PC: PoliceOficer}\ntitle_objects: {}\nname_endings: {}\nrelations: {refer: [refferedTo]}\n"
                   "claims: {alleg: alledged}\n", encoding="utf-8")
    with pytest.raises(HintsError) as raised:
        load_hints(vocab, bad)
    message = str(raised.value)
    assert "did you mean PoliceOfficer (police officer:" in message
    assert "'refferedTo' is not a term" in message and "did you mean referredTo" in message
    assert "'alledged' is not a claim status; did you mean alleged" in message


def test_a_file_that_is_not_utf8_or_a_name_taken_by_a_file_is_refused_with_nothing_written(data, article, tmp_path,
                                                                                          oversight):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 report\nA line.\n".encode("latin-1"))
    result = oversight("new", latin, "--data", data)
    assert result.exit_code == 1 and "latin.txt: not UTF-8 text" in result.output and "Traceback" not in result.output
    (data / "texts").mkdir()
    (data / "texts" / "014_force_faces_questions_over_complaints.txt").write_text("mine", encoding="utf-8")
    taken = oversight("new", article, "--data", data, "--keep-text")
    assert taken.exit_code == 1 and "already exists: nothing was written" in taken.output
    assert not list((data / "sources").glob("014_*"))
    assert (data / "texts" / "014_force_faces_questions_over_complaints.txt").read_text(encoding="utf-8") == "mine"


def test_the_force_before_any_force_is_named_is_asked_about_not_guessed(data, tmp_path, oversight):
    text = tmp_path / "early.txt"
    text.write_text("A short note\nThe force said nothing.\nThe court sat in Testbury.\n", encoding="utf-8")
    assert oversight("new", text, "--data", data).exit_code == 0
    [path] = (data / "sources").glob("014_*.yaml")
    written = path.read_text(encoding="utf-8")
    assert "which? 'The force' = thames_valley_police" in written  # TVP's alias, but not named here: a question
    assert "which? 'The court': nothing of the kind named before it" in written
    assert "known: 'The force'" not in written
