"""Bad data: `oversight validate` and `oversight build` explain every mistake in plain words.

Each case copies the bundled data/ folder (or writes a small one) into tmp_path and breaks one
thing; bad_data.py says what is checked. The hostile inputs are in test_hostile.py.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from graph.check import data_errors, shacl_errors, shapes
from graph.data.load import load
from reference_shacl import pyshacl_violations
from bad_data import (OTHER, REF, S000, S001, SMALL, SMALL_SOURCE, Case, Expect, append, assert_build_wrote_nothing,
                      assert_failed_cleanly, assert_reports, make_small, replace, run, tree_hashes)


# --- the cases -----------------------------------------------------------------------------

WRITER = "  - id: test_writer\n    class: Person\n    label: A writer\n    paragraphs: [1]\n"
TOWN = "  - id: test_town\n    class: Place\n    label: Testbury\n    paragraphs: [2]\n"
PLACE = "  - id: {id}\n    class: Place\n    label: {label}\n    paragraphs: [2]\n"

FILE_CASES = [
    # YAML itself
    Case("yaml-colon-in-text", replace(SMALL, "    label: Testbury\n", "    label: Testbury: a town\n"),
         [Expect(SMALL, "label: Testbury: a town", ("YAML syntax error", "column 20", "mapping values are not allowed"))]),
    Case("yaml-unclosed-bracket", replace(SMALL, "    label: Testbury\n", "    label: [Testbury\n"),
         [Expect(SMALL, "label: [Testbury", ("YAML syntax error", "did not find expected ',' or ']'"), offset=1)]),
    Case("yaml-tab-indent", replace(SMALL, "    label: Testbury\n", "\tlabel: Testbury\n"),
         [Expect(SMALL, "\tlabel: Testbury", ("YAML syntax error", "tab"))]),
    Case("duplicate-key", replace(SMALL, "    label: Testbury\n", "    label: Testbury\n    label: Testbury town\n"),
         [Expect(SMALL, "label: Testbury town", ("the key 'label' appears twice in one mapping",))]),
    Case("two-records-blocks", append(SMALL, "records:  # again\n  - about: test_town\n"),
         [Expect(SMALL, "records:  # again", ("the key 'records' appears twice",))]),
    Case("no-source-block", replace(SMALL, "source:\n", "sauce:\n"),
         [Expect(SMALL, "sauce:", ("the data file needs 'source'",)),
          Expect(SMALL, "sauce:", ("unknown key 'sauce' in the data file", "allowed: source, records",
                                    "did you mean source?"))]),
    Case("not-a-mapping", lambda d: (d / SMALL).write_text("- source: a list, not a mapping\n", encoding="utf-8"),
         [Expect(SMALL, "- source:", ("a data file is a mapping with a 'source:' block", "got [{"))]),
    Case("unknown-top-level-key", replace(SMALL, "records:\n", "notes: checked twice\nrecords:\n"),
         [Expect(SMALL, "notes: checked twice", ("unknown key 'notes' in the data file", "nearest: "))]),
    Case("validity-in-words", replace(REF, '    valid_from: "2018-01-08"\n    props: {oversees:', '    valid_from: 8 January 2018\n    props: {oversees:'),
         [Expect(REF, "valid_from: 8 January 2018", ("valid_from is a date (YYYY-MM-DD), got '8 January 2018'",), record="iopc")]),
    Case("unknown-source-key", replace(SMALL, "  publisher:", "  author: someone\n  publisher:"),
         [Expect(SMALL, "author: someone", ("unknown key 'author' in the source block", "nearest: "), record="source 900")]),
    # identifiers
    Case("unquoted-numeric-source-id", replace(SMALL, 'id: "900"', "id: 900"),
         [Expect(SMALL, "id: 900", ("an id must be text", 'quote numbers, e.g. id: "000"', "got 900"))]),
    Case("duplicate-source-id", replace(OTHER, 'id: "901"', 'id: "900"'),
         [Expect(OTHER, 'id: "900"', (f"source id '900' is already used by data/{SMALL}",))]),
    Case("duplicate-record-id-across-files", append(OTHER, PLACE.format(id="test_town", label="Testbury again")),
         [Expect(OTHER, "- id: test_town", ("duplicate id 'test_town'", f"already declared at data/{SMALL}:"),
                 record="test_town")]),
    Case("invalid-id-characters", append(SMALL, PLACE.format(id="Test-Town", label="Test town")),
         [Expect(SMALL, "id: Test-Town", ("an id must be text of lower-case letters, digits and '_'", "got 'Test-Town'"))]),
    Case("id-and-about", replace(SMALL, TOWN, TOWN.replace("\n    class", "\n    about: test_writer\n    class", 1)),
         [Expect(SMALL, "- id: test_town", ("exactly one of 'id' (to declare) or 'about'",), record="test_town")]),
    Case("neither-id-nor-about", append(SMALL, "  - class: Place\n    label: Nowhere\n    paragraphs: [2]\n"),
         [Expect(SMALL, "- class: Place", ("exactly one of 'id' (to declare) or 'about'",))]),
    Case("id-without-class", replace(SMALL, TOWN, TOWN.replace("    class: Place\n", "")),
         [Expect(SMALL, "- id: test_town", ("the record with an id needs 'class'",), record="test_town")]),
    Case("label-in-about-record", replace(OTHER, "  - about: test_writer\n", "  - about: test_writer\n    label: A columnist\n"),
         [Expect(OTHER, "label: A columnist", ("belong where the record is declared (id:), not in an 'about' record",),
                 record="test_writer")]),
    Case("aliases-not-a-list", replace(SMALL, TOWN, TOWN + "    aliases: Testbury town\n"),
         [Expect(SMALL, "aliases: Testbury town", ("'aliases' must be a list of names",), record="test_town")]),
    # vocabulary
    Case("unknown-class", replace(SMALL, TOWN, TOWN.replace("Place", "Plaice")),
         [Expect(SMALL, "class: Plaice", ("unknown class 'Plaice'", "not defined in the ontology",
                                              "did you mean Place (place: A town, county or area"), record="test_town")]),
    Case("unknown-property", replace(SMALL, "livesIn:", "livesAt:"),
         [Expect(SMALL, "livesAt:", ("unknown property 'livesAt'", "not defined in the ontology",
                                        "did you mean livesIn (lives in: Where a person lives"), record="test_writer")]),
    Case("unknown-record-key", replace(SMALL, TOWN, TOWN + "    note: a small town\n"),
         [Expect(SMALL, "note: a small town", ("unknown key 'note' in the record", "allowed: id, about, class, label",
                                                  "nearest: "),
                 record="test_town")]),
    Case("unknown-reference", replace(SMALL, "{ref: test_town", "{ref: test_twon"),
         [Expect(SMALL, "{ref: test_twon", ("unknown reference 'test_twon'", "no record has this id",
                                                  "did you mean test_town"),
                 record="test_writer")]),
    Case("unknown-about", replace(OTHER, "about: test_writer", "about: test_witer"),
         [Expect(OTHER, "about: test_witer", ("unknown reference 'test_witer'", "did you mean test_writer?"),
                 record="test_witer")]),
    # dates and datatypes
    Case("month-13", replace(SMALL, "{value: 2019-07,", "{value: 2019-13,"),
         [Expect(SMALL, "{value: 2019-13,", ("og:date expects", "got '2019-13'", "a date is YYYY, YYYY-MM or YYYY-MM-DD"),
                 record="test_letter")]),
    Case("date-in-words", replace(SMALL, "      date: 2016\n", "      date: July last year\n"),
         [Expect(SMALL, "date: July last year", ("got 'July last year'", "put other wording in dateNote"),
                 record="test_dismissal")]),
    Case("count-in-words", replace(SMALL, "count: 11\n", "count: eleven\n"),
         [Expect(SMALL, "count: eleven", ("og:count expects xsd:integer", "got 'eleven'"), record="test_figure")]),
    Case("relation-given-as-value", replace(SMALL, "livesIn: {ref: test_town", "livesIn: {value: test_town"),
         [Expect(SMALL, "livesIn: {value: test_town", ("livesIn is a relation: give its target as ref:",),
                 record="test_writer")]),
    Case("flow-mapping-unquoted-comma",
         replace(SMALL, "employedAs: {value: reporter,", "employedAs: {value: reporter, columnist,"),
         [Expect(SMALL, "{value: reporter, columnist", ("unknown key 'columnist' in the value", "allowed: value, ref", "nearest: "),
                 record="test_writer")]),
    # provenance
    Case("paragraph-out-of-range", replace(SMALL, "{ref: test_town, paragraphs: [2]}", "{ref: test_town, paragraphs: [6]}"),
         [Expect(SMALL, "paragraphs: [6]", ("paragraph 6 does not exist", "the source has 5 paragraphs"),
                 record="test_writer")]),
    Case("paragraph-not-a-number", replace(SMALL, "{ref: test_town, paragraphs: [2]}", "{ref: test_town, paragraphs: [two]}"),
         [Expect(SMALL, "paragraphs: [two]", ("paragraphs must be a list of paragraph numbers from 1", "['two']"),
                 record="test_writer")]),
    Case("paragraph-zero", replace(SMALL, TOWN, TOWN.replace("[2]", "[0]")),
         [Expect(SMALL, "paragraphs: [0]", ("paragraph numbers from 1", "got [0]"), record="test_town")]),
    Case("paragraphs-empty", replace(SMALL, TOWN, TOWN.replace("[2]", "[]")),
         [Expect(SMALL, "paragraphs: []", ("paragraph numbers from 1", "got []"), record="test_town")]),
    Case("unknown-status", replace(SMALL, "    status: denied\n", "    status: refuted\n"),
         [Expect(SMALL, "status: refuted", ("unknown claim status, got 'refuted'", "one of:", "denied", "did you mean reported?"),
                 record="test_dismissal")]),
    # files and folders
    Case("not-utf8", lambda d: (d / SMALL).write_bytes(SMALL_SOURCE.replace("Testbury", "Testb\u00fcry").encode("latin-1")),
         [Expect(SMALL, None, ("not UTF-8 text",))]),
    Case("empty-data-folder", lambda d: [p.unlink() for p in list(d.rglob("*.yaml"))],
         [Expect(None, None, ("no .yaml data files found here",))]),
]

# A few of the same mistakes in the real data files, which are longer and denser.
BUNDLED_CASES = [
    Case("bundled-duplicate-source-id", replace(S001, 'id: "001"', 'id: "000"'),
         [Expect(S001, 'id: "000"', (f"source id '000' is already used by data/{S000}",))]),
    Case("bundled-month-13", replace(S000, "{value: 2016-07,", "{value: 2016-13,"),
         [Expect(S000, "{value: 2016-13,", ("og:date expects", "got '2016-13'"), record="dearden_dismissal")]),
    Case("bundled-flow-comma", replace(S000, "employedAs: {value: police constable,", "employedAs: {value: police, constable,"),
         [Expect(S000, "{value: police, constable", ("unknown key 'constable' in the value", "did you mean value?"), record="alex_dearden")]),
]

# build is checked on one mistake of each stage: YAML, file shape, identifiers, conversion, folder.
BUILD_CASES = {"yaml-unclosed-bracket", "duplicate-key", "unknown-top-level-key", "duplicate-record-id-across-files",
               "unknown-reference", "month-13", "paragraph-out-of-range", "not-utf8", "empty-data-folder"}


@pytest.mark.parametrize("case", BUNDLED_CASES, ids=lambda c: c.id)
def test_validate_explains_in_bundled_data(case: Case, data: Path) -> None:
    case.breaks(data)
    out = assert_failed_cleanly(run("validate", "--data", str(data)))
    for expect in case.expect:
        assert_reports(out, data, expect)


@pytest.mark.parametrize("case", [c for c in FILE_CASES if c.id in BUILD_CASES], ids=lambda c: c.id)
def test_build_explains_and_writes_nothing(case: Case, small: Path, good_out: Path, tmp_path: Path) -> None:
    case.breaks(small)
    assert_build_wrote_nothing(good_out, tmp_path, small, case.expect)


def test_build_cases_exist() -> None:
    assert BUILD_CASES <= {c.id for c in FILE_CASES}


# --- SHACL: the files are well formed, the graph is not ---------------------------------------

SHACL_CASES = [
    # what every record, source and fact must carry: the shapes own these rules
    Case("record-without-label", replace(SMALL, TOWN, TOWN.replace("    label: Testbury\n", "")),
         [Expect(SMALL, "- id: test_town", ("rdfs:label", "a declared record needs a 'label'", "(SHACL)"),
                 record="test_town")]),
    Case("post-without-label", append(SMALL, "  - id: test_post\n    class: org:Post\n    paragraphs: [1]\n"),
         [Expect(SMALL, "- id: test_post", ("a declared record needs a 'label'",), record="test_post")]),
    Case("blank-label", replace(SMALL, "    label: Testbury\n", '    label: "  "\n'),
         [Expect(SMALL, "- id: test_town", ("a declared record needs a 'label'",), record="test_town")]),
    Case("source-without-title", replace(SMALL, "  title: A small article written for the tests\n", ""),
         [Expect(SMALL, 'id: "900"', ("dcterms:title", "the source block needs a 'title'", "(SHACL)"),
                 record="source 900")]),
    Case("no-paragraphs", replace(SMALL, TOWN, TOWN.replace("    paragraphs: [2]\n", "")),
         [Expect(SMALL, "- id: test_town", ("og:paragraph", "every fact needs the paragraph(s) it comes from",
                                             "add 'paragraphs: [N]'", "(SHACL)"), record="test_town")]),
    Case("value-without-paragraphs", replace(OTHER, "    paragraphs: [1]\n    props: {employedAs: columnist}",
                                             "    props: {employedAs: {value: columnist, status: reported}}"),
         [Expect(OTHER, "{value: columnist", ("every fact needs the paragraph(s)",), record="test_writer")]),
    Case("denied-without-by", replace(SMALL, "    by: test_writer\n", ""),
         [Expect(SMALL, "- about: test_dismissal", ("og:attributedTo", "needs 'by:' (who states, alleges, finds or denies it)",
                                                    "(SHACL)"), record="test_dismissal")]),
    Case("alleged-value-without-by",
         replace(SMALL, "{value: 2019-07, paragraphs: [3]}", "{value: 2019-07, paragraphs: [3], status: alleged}"),
         [Expect(SMALL, "status: alleged}", ("needs 'by:'",), record="test_letter")]),
    Case("reference-fact-without-cites",
         replace(REF, "    label: Home Office\n    cites: national_policing_bodies_reference\n", "    label: Home Office\n"),
         [Expect(REF, "- id: home_office", ("og:cites", "a reference fact needs 'cites:'", "(SHACL)"),
                 record="home_office")]),
    # a statutory relation's legal basis is legislation, and its period runs forwards
    Case("legal-basis-not-legislation",
         replace(REF, "  - about: ipcc\n    cites: police_reform_act_2002\n    legal_basis: pra_2002_s10\n",
                 "  - about: ipcc\n    cites: police_reform_act_2002\n    legal_basis: home_office\n"),
         [Expect(REF, "  - about: ipcc",
                 ("og:legalBasis", "a legal basis is the id of a LegislationSection", "(SHACL)"), record="ipcc")]),
    Case("validity-backwards",
         replace(REF, '    legal_basis: pra_2002_s10\n    valid_from: "2004-04-01"\n',
                 '    legal_basis: pra_2002_s10\n    valid_from: "2019-01-01"\n'),
         [Expect(REF, "  - about: ipcc",
                 ("og:validFrom", "valid_from is one date, before valid_until", "(SHACL)"), record="ipcc")]),
    # what records of a class must carry
    Case("letter-without-sender", replace(SMALL, "      sender: test_writer\n", ""),
         [Expect(SMALL, "- id: test_letter", ("og:sender", "a letter needs a sender", "SHACL"),
                 record="test_letter")]),
    Case("figure-without-counts", replace(SMALL, "      counts: complaints\n", ""),
         [Expect(SMALL, "- id: test_figure", ("og:counts", "a figure says what it counts"),
                 record="test_figure")]),
]


def test_small_data_is_valid(small: Path) -> None:
    """The cases break a dataset that is valid as written."""
    result = run("validate", "--data", str(small))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK:")


@pytest.mark.parametrize("case", SHACL_CASES, ids=lambda c: c.id)
def test_build_explains_shacl_and_writes_nothing(case: Case, small: Path, good_out: Path, tmp_path: Path) -> None:
    case.breaks(small)
    assert_build_wrote_nothing(good_out, tmp_path, small, case.expect)


@pytest.mark.parametrize("case", SHACL_CASES, ids=lambda c: c.id)
def test_shacl_finds_what_pyshacl_finds(case: Case, small: Path) -> None:
    """The shapes as the build runs them (SPARQL in Oxigraph) and pySHACL, the reference,
    report the same problems in the same words at the same places."""
    case.breaks(small)
    data = load(small)
    found = shacl_errors(data)
    assert found and found == data_errors(data, pyshacl_violations(data.dataset, shapes()))


def test_errors_are_all_listed_in_one_run(data: Path) -> None:
    """Two mistakes in two files: one run reports both, so the writer fixes them together."""
    replace(S000, "livesIn:", "livesAt:")(data)
    replace(S001, "class: NewsOutlet\n    label: JACK 2 Hits", "class: NewsOutlett\n    label: JACK 2 Hits")(data)
    out = assert_failed_cleanly(run("validate", "--data", str(data)))
    assert out.splitlines()[0] == "error: 2 problems in the data:"
    assert_reports(out, data, Expect(S000, "livesAt:", ("unknown property 'livesAt'", "did you mean livesIn (lives in:")))
    assert_reports(out, data, Expect(S001, "class: NewsOutlett", ("unknown class 'NewsOutlett'", "did you mean NewsOutlet (news outlet: A newspaper"),
                                  record="jack_2_hits"))


# --- Mistakes that used to escape as a traceback ---------------------------------------------

CRASH_CASES = [
    Case("impossible-calendar-date", replace(SMALL, "      date: 2016\n", "      date: 2016-02-30\n"),
         [Expect(SMALL, "date: 2016-02-30", ("og:date expects", "got '2016-02-30'", "no such day"),
                 record="test_dismissal")]),
    Case("impossible-quoted-date", replace(SMALL, "      date: 2016\n", '      date: "2016-02-30"\n'),
         [Expect(SMALL, 'date: "2016-02-30"', ("got '2016-02-30'", "no such day"), record="test_dismissal")]),
    Case("id-is-a-list", replace(SMALL, "  - id: test_town\n", "  - id: [test_town]\n"),
         [Expect(SMALL, "- id: [test_town]", ("an id must be text of lower-case letters", "got ['test_town']"))]),
    Case("status-is-a-list", replace(SMALL, "    status: denied\n", "    status: [denied]\n"),
         [Expect(SMALL, "status: [denied]", ("unknown claim status, got ['denied']", "did you mean denied?"),
                 record="test_dismissal")]),
    Case("key-is-a-list", replace(SMALL, "    label: Testbury\n", "    label: Testbury\n    [a, b]: c\n"),
         [Expect(SMALL, "[a, b]: c", ("YAML syntax error", "a key must be a single word or text"))]),
    Case("unreadable-file", lambda d: (d / "sources" / "902_moved.yaml").symlink_to(d / "nowhere.yaml"),
         [Expect("sources/902_moved.yaml", None, ("cannot be read", "No such file"))]),
]


def test_folder_named_like_a_data_file_is_not_one(small: Path) -> None:
    (small / "sources" / "drafts.yaml").mkdir()
    result = run("validate", "--data", str(small))
    assert result.exit_code == 0 and result.exception is None, result.output


def test_build_explains_impossible_date_and_writes_nothing(small: Path, good_out: Path, tmp_path: Path) -> None:
    CRASH_CASES[0].breaks(small)
    assert_build_wrote_nothing(good_out, tmp_path, small, CRASH_CASES[0].expect)


# --- Messages that named the wrong place, or no place -----------------------------------------

PLACE_CASES = [
    Case("record-not-a-mapping", replace(SMALL, TOWN, "  - test_town\n" + TOWN),
         [Expect(SMALL, "  - test_town", ("each record must be a mapping", "got 'test_town'"))]),
    Case("not-utf8-line", lambda d: (d / SMALL).write_bytes(SMALL_SOURCE.replace("Testbury", "Testb\u00fcry").encode("latin-1")),
         [Expect(SMALL, "label: Testb", ("not UTF-8 text", "save the file as UTF-8"))]),
    Case("yaml-error-says-where-it-started", replace(SMALL, "    label: Testbury\n", "    label: [Testbury\n"),
         [Expect(SMALL, "label: [Testbury", ("while parsing a flow sequence at line", "column 12"), offset=1)]),
]


def test_shacl_on_a_source_names_its_file(small: Path) -> None:
    """The source block's publisher must be an actor (any organisation may publish its own
    source; a place may not): the message names the file, not 'data'."""
    replace(SMALL, "  publisher: test_outlet\n", "  publisher: test_town\n")(small)
    out = assert_failed_cleanly(run("validate", "--data", str(small)))
    assert_reports(out, small, Expect(SMALL, 'id: "900"', ("dcterms:publisher", "the publisher is an actor", "(SHACL)"),
                                      record="source 900"))


def test_shacl_names_the_file_where_the_fact_was_added(small: Path) -> None:
    """A bad fact added by an 'about' record in another file is reported there, not at the declaration."""
    append(OTHER, "  - about: test_letter\n    paragraphs: [2]\n    props:\n      sender: test_town\n")(small)
    out = assert_failed_cleanly(run("validate", "--data", str(small)))
    assert_reports(out, small, Expect(OTHER, "sender: test_town", ("og:sender", "(SHACL)"), record="test_letter"))


def test_a_data_folder_with_another_name(tmp_path: Path) -> None:
    """Messages name files from the data folder, whatever it is called (not only 'data')."""
    folder = make_small(tmp_path).rename(tmp_path / "drafts")
    replace(SMALL, "    label: Testbury\n", "    label: Testbury\n    label: again\n")(folder)
    replace(OTHER, 'id: "901"', "id: 901")(folder)
    out = assert_failed_cleanly(run("validate", "--data", str(folder)))
    assert_reports(out, folder, Expect(SMALL, "label: again", ("appears twice",)))
    assert_reports(out, folder, Expect(OTHER, "id: 901", ("an id must be text",)))


# --- Messages in plain words -------------------------------------------------------------------

WORDING_CASES = [
    Case("attribute-given-as-ref", replace(SMALL, "employedAs: {value: reporter", "employedAs: {ref: reporter"),
         [Expect(SMALL, "employedAs: {ref: reporter", ("employedAs is an attribute: give it as value:",),
                 record="test_writer")]),
    Case("both-ref-and-value", replace(SMALL, "livesIn: {ref: test_town,", "livesIn: {ref: test_town, value: Testbury,"),
         [Expect(SMALL, "value: Testbury,", ("livesIn is a relation: give its target as ref:, not value:",),
                 record="test_writer")]),
    Case("url-not-a-web-address", replace(SMALL, "  publisher: test_outlet\n", "  publisher: test_outlet\n  url: the gazette site\n"),
         [Expect(SMALL, "url: the gazette site", ("url must be a web address", "'the gazette site'"), record="source 900")]),
]


def test_shacl_messages_name_records_not_iris(small: Path) -> None:
    """Every constraint says what is wrong in the project's words, at the record and line."""
    append(OTHER, "  - about: thames_valley_police\n    paragraphs: [2]\n    props: {overseenBy: test_town}\n")(small)
    out = assert_failed_cleanly(run("validate", "--data", str(small)))
    assert_reports(out, small, Expect(OTHER, "overseenBy: test_town", ("og:overseenBy", "a force is overseen by a Police and Crime Commissioner"),
                                      record="thames_valley_police"))
    assert "https://w3id.org/oversight-graph/id/" not in out


# --- Problems outside the data ------------------------------------------------------------------

def test_build_refuses_an_out_path_that_is_a_file(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me", encoding="utf-8")
    text = assert_failed_cleanly(run("build", "--data", str(small), "--out", str(target)), data_problem=False)
    assert "is a file; give a folder" in text
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.txt", small.name])


def test_build_reports_a_write_failure_and_keeps_the_previous_out(small: Path, good_out: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site" / "out"
    shutil.copytree(good_out, out)
    before = tree_hashes(out)

    def disk_full(*args, **kwargs):
        folder = next(a for a in args if isinstance(a, Path))
        (folder / "oversight.trig").write_text("partial", encoding="utf-8")
        raise OSError(28, "No space left on device", str(folder / "oversight.ttl"))

    monkeypatch.setattr("graph.pipeline.build.write_outputs", disk_full)
    text = assert_failed_cleanly(run("build", "--data", str(small), "--out", str(out)), data_problem=False)
    assert "could not write the outputs" in text and "No space left on device" in text
    assert tree_hashes(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["out"]


def test_paragraph_count_must_be_a_number_not_true(small: Path) -> None:
    path = small / SMALL
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"paragraph_count: \d+", "paragraph_count: true", text, count=1), encoding="utf-8")
    out = assert_failed_cleanly(run("validate", "--data", str(small)))
    assert "paragraph_count must be a positive whole number, got True" in out


# --- Every case above, through `oversight validate` -----------------------------------------------

@pytest.mark.parametrize("case", FILE_CASES + SHACL_CASES + CRASH_CASES + PLACE_CASES + WORDING_CASES,
                         ids=lambda c: c.id)
def test_validate_explains(case: Case, small: Path) -> None:
    """Each mistake is reported once: one line per expected message in the broken file."""
    case.breaks(small)
    out = assert_failed_cleanly(run("validate", "--data", str(small)))
    for expect in case.expect:
        assert_reports(out, small, expect)
    files = {f"{small.name}/{e.file}" if e.file else str(small) for e in case.expect}
    about_them = [line for line in out.splitlines() if line.strip().startswith(tuple(files))]
    assert len(about_them) == len(case.expect), out
