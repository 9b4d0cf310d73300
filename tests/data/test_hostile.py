"""Hostile and malformed data files: each refused with one clear message, quickly, writing nothing.

Each case is one file, sources/999_hostile.yaml, beside one tiny valid source (so that each
run takes a fraction of a second), or something done to the folder (a FIFO, a symlink loop).
Through `oversight validate` and `oversight build`, each must end with status 1 and the
single problem named by file and line, with no traceback, within TIME_LIMIT seconds, and
leave a previous out/ and its store byte for byte as they were (bad_data.py has the checks).
"""
from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bad_data import (BASE, HOSTILE, TIME_LIMIT, TINY, Case, Expect, assert_failed_cleanly, assert_reports, run, tiny,
                      tree_hashes, within)
from graph.data.yaml_lines import MAX_DEPTH, MAX_TEXT

RECORD = "  - id: {id}\n    class: {cls}\n    label: {label}\n    paragraphs: [1]\n"


def edit(old: str, new: str) -> str:
    """BASE with one text replaced."""
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def event(id: str, props: str) -> str:
    return RECORD.format(id=id, cls="Complaint", label=id) + f"    props: {props}\n"


def bomb(leaf: str = "l") -> str:
    """The alias bomb of the issue: ten anchors, each a list of nine aliases of the one before."""
    levels = [f"&a0 [{', '.join([leaf] * 9)}]"] + [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return f"[{', '.join(levels)}]"


def fifo(data: Path) -> None:
    os.mkfifo(data / HOSTILE)


def symlink(target: str) -> Callable[[Path], None]:
    return lambda data: (data / HOSTILE).symlink_to(target)


Content = str | bytes | Callable[[Path], None]


def case(id: str, content: Content, at: str | None, *says: str, record: str | None = None, offset: int = 0) -> Case:
    """A hostile file (text, bytes, or a change to the folder) and the one message it must get."""
    def breaks(data: Path) -> None:
        target = data / HOSTILE
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            content(data)
    return Case(id, breaks, [Expect(HOSTILE, at, says, record, offset)])


ALIASES = "aliases (*name) repeat more than 10,000 values"
CONTROL = "a data file holds text only"
SYNTAX = "YAML syntax error"
NAME = "is letters, digits"

CASES = [
    # values that stand for billions through aliases, in every place a value goes
    case("alias-bomb-as-records", "source: {id: '999', class: NewsArticle}\nrecords: " + bomb() + "\n",
         "records: [&a0", ALIASES),
    case("alias-bomb-in-paragraphs", edit("paragraphs: [1]", "paragraphs: " + bomb("1")), "paragraphs: [&a0", ALIASES),
    case("alias-bomb-in-status", edit("paragraphs: [1]\n", "paragraphs: [1]\n    status: " + bomb("x") + "\n"),
         "status: [&a0", ALIASES),
    case("alias-bomb-as-a-relation", edit("paragraphs: [1]\n", "paragraphs: [1]\n    props: {livesIn: " + bomb("h_place") + "}\n"),
         "livesIn: [&a0", ALIASES),
    case("alias-bomb-as-a-label", edit("label: Somewhere", "label: " + bomb()), "label: [&a0", ALIASES),
    case("alias-bomb-as-a-key-value", edit("paragraphs: [1]\n", "paragraphs: [1]\n    props: {description: " + bomb() + "}\n"),
         "description: [&a0", ALIASES),
    case("alias-bomb-of-mappings", "source: {id: '999', class: NewsArticle}\nx: [&m0 {a: 1, b: 2, c: 3, d: 4}, "
         + ", ".join(f"&m{i} {{a: *m{i - 1}, b: *m{i - 1}, c: *m{i - 1}, d: *m{i - 1}, e: *m{i - 1}, f: *m{i - 1},"
                     f" g: *m{i - 1}, h: *m{i - 1}, i: *m{i - 1}}}" for i in range(1, 10)) + "]\n", "x: [&m0", ALIASES),
    case("alias-recursive", "source: &s {id: '999', class: NewsArticle, again: *s}\n", "source: &s",
         SYNTAX, "recursive"),
    case("alias-undefined", edit("label: Somewhere", "label: *nowhere"), "label: *nowhere", SYNTAX, "undefined alias"),
    # characters a text file does not hold
    case("nul-byte", edit("label: Somewhere", "label: Some\0where"), "label: Some", CONTROL, "#x0000", "UTF-16"),
    case("bell", edit("label: Somewhere", "label: Some\awhere"), "label: Some", CONTROL, "#x0007", "column 16"),
    case("escape", edit("title: A file", "title: A \x1b[31mfile"), "title: A", CONTROL, "#x001b"),
    case("delete-character", edit("label: Somewhere", "label: Some\x7fwhere"), "label: Some", CONTROL, "#x007f"),
    case("form-feed-in-a-key", edit("    label: Somewhere", "    lab\x0cel: Somewhere"), "lab", CONTROL, "#x000c"),
    case("utf16-with-bom", BASE.encode("utf-16"), None, "not UTF-8 text", "save the file as UTF-8"),
    case("utf16-without-bom", BASE.encode("utf-16-le"), None, CONTROL, "#x0000", "UTF-16"),
    case("utf32", BASE.encode("utf-32"), None, "not UTF-8 text"),
    case("latin-1", edit("Somewhere", "S\u00f6mewhere").encode("latin-1"), "label: S", "not UTF-8 text"),
    case("bom-then-an-error", "\ufeff" + edit("paragraphs: [1]", "paragraphs: [one]"), "paragraphs: [one]",
         "paragraphs must be a list of paragraph numbers"),
    case("crlf-then-an-error", edit("paragraphs: [1]", "paragraphs: [one]").replace("\n", "\r\n").encode(),
         "paragraphs: [one]", "paragraphs must be a list of paragraph numbers"),
    case("cr-only-then-an-error", edit("class: Place", "class: Plaice").replace("\n", "\r").encode(),
         "class: Plaice", "unknown class 'Plaice'", "did you mean Place (place: A town"),
    case("mixed-line-ends", edit("class: Place\n", "class: Place\r\n").replace("label: Somewhere", "label: [x"),
         "label: [x", SYNTAX, offset=1),
    # names that would be IRIs
    case("class-with-a-space", edit("class: Place", "class: Police Force"), "class: Police Force", "a class is",
         "got 'Police Force'"),
    case("class-with-angle-brackets", edit("class: Place", "class: og:<Place>"), "class: og:<Place>", "a class is"),
    case("class-with-a-quote", edit("class: Place", "class: 'og:Pl\"ace'"), "class: 'og:Pl", "a class is"),
    case("class-a-full-iri", edit("class: Place", "class: https://example.org/a b"), "class: https://example.org",
         "a class is"),
    case("class-unknown-prefix", edit("class: Place", "class: nope:Place"), "class: nope:Place", "unknown class 'nope:Place'",
         "did you mean Place (place:"),
    case("source-class-with-a-space", edit("class: NewsArticle", "class: News Article"), "class: News Article",
         "a class is"),
    case("property-with-a-space", BASE + "    props: {lives in: h_place}\n", "lives in", "a property is", "got 'lives in'"),
    case("property-with-angle-brackets", BASE + "    props: {'og:<x>': h_place}\n", "og:<x>", "a property is"),
    case("property-with-a-quote", BASE + "    props: {'a\"b': h_place}\n", "props: {'a", "a property is"),
    case("property-with-braces", BASE + "    props:\n      \"og:a{b}\": h_place\n", "og:a{b}", "a property is"),
    case("url-with-a-space", edit("  paragraph_count", "  url: http://example.org/a b\n  paragraph_count"),
         "url: http", "url must be a web address"),
    case("url-with-angle-brackets", edit("  paragraph_count", "  url: http://example.org/<a>\n  paragraph_count"),
         "url: http", "url must be a web address"),
    case("url-with-a-quote", edit("  paragraph_count", "  url: 'http://example.org/\"a'\n  paragraph_count"),
         "url: 'http", "url must be a web address"),
    case("url-not-http", edit("  paragraph_count", "  url: javascript:alert(1)\n  paragraph_count"),
         "url: javascript", "url must be a web address"),
    # ... and those the schema's pattern lets through, which Oxigraph would refuse
    case("url-bad-percent-encoding", edit("  paragraph_count", "  url: http://example.org/?a=%zz\n  paragraph_count"),
         "url: http", "url must be a valid web address", "percent encoding '%zz'"),
    case("url-two-fragments", edit("  paragraph_count", "  url: http://example.org/a#b#c\n  paragraph_count"),
         "url: http", "url must be a valid web address", "'#'"),
    case("url-port-not-a-number", edit("  paragraph_count", "  url: http://example.org:ab/\n  paragraph_count"),
         "url: http", "url must be a valid web address", "got 'http://example.org:ab/'"),
    case("url-bracket-in-host", edit("  paragraph_count", "  url: http://exa[mple.org/\n  paragraph_count"),
         "url: http", "url must be a valid web address", "'['"),
    # YAML syntax
    case("unclosed-bracket", edit("paragraphs: [1]", "paragraphs: [1"), "paragraphs: [1", SYNTAX, offset=1),
    case("unclosed-quote", edit("label: Somewhere", "label: 'Somewhere"), "label: 'Somewhere", SYNTAX, "end of stream", offset=2),
    case("tab-indent", edit("    label: Somewhere", "\tlabel: Somewhere"), "\tlabel", SYNTAX, "tab"),
    case("bad-indentation", edit("    label: Somewhere", "      label: Somewhere"), "label: Somewhere", SYNTAX),
    case("colon-in-text", edit("label: Somewhere", "label: Somewhere: a town"), "Somewhere: a town", SYNTAX),
    case("duplicate-key", edit("    label: Somewhere\n", "    label: Somewhere\n    label: Elsewhere\n"),
         "label: Elsewhere", "the key 'label' appears twice"),
    case("key-is-a-list", edit("    label: Somewhere\n", "    label: Somewhere\n    [a, b]: c\n"), "[a, b]: c",
         "a key must be a single word"),
    case("two-documents", BASE + "---\n" + BASE, "---", SYNTAX, "single document"),
    case("python-object-tag", edit("label: Somewhere", "label: !!python/object:os.system echo"), "label: !!python",
         SYNTAX, "constructor"),
    case("unknown-tag", edit("label: Somewhere", "label: !shout Somewhere"), "label: !shout", SYNTAX, "!shout"),
    case("binary-tag", edit("label: Somewhere", "label: !!binary aGVsbG8="), "label: !!binary", "this is text"),
    case("set-tag", edit("label: Somewhere", "label: !!set {a, b}"), "label: !!set", "this is text"),
    case("empty-file", "", None, "a data file is a mapping"),
    case("only-comments", "# nothing here\n", None, "a data file is a mapping"),
    case("a-scalar", "hello\n", None, "a data file is a mapping", "got 'hello'"),
    case("a-list", "- source: x\n", None, "a data file is a mapping"),
    # limits: depth and length
    case("nested-900-deep", edit("label: Somewhere", "label: " + "[" * 900 + "]" * 900), "label: [[[",
         f"nested more than {MAX_DEPTH} levels"),
    case("nested-5000-deep", edit("label: Somewhere", "label: " + "[" * 5000 + "]" * 5000), "label: [[[",
         SYNTAX, "nesting depth"),
    case("mappings-nested-deep", edit("label: Somewhere", "label: " + "{a: " * 30 + "1" + "}" * 30), "label: {a:",
         f"nested more than {MAX_DEPTH} levels"),
    case("block-nested-deep", BASE + "    props:\n" + "".join("      " + "  " * i + f"k{i}:\n" for i in range(40)),
         "k16:", f"nested more than {MAX_DEPTH} levels"),
    case("huge-label", edit("label: Somewhere", "label: " + "x" * (MAX_TEXT + 1)), "label: xxx", "at most 10,000"),
    case("huge-key", edit("label: Somewhere", "? " + "x" * 50_000 + "\n    : Somewhere"), "? xxx", "at most 10,000"),
    case("huge-id", edit("id: h_place", "id: " + "h" * 20_000), "id: hhh", "at most 10,000"),
    case("huge-number", edit("paragraphs: [1]", "paragraphs: [" + "9" * 5000 + "]"), "paragraphs: [999", "5,000 digits, too long"),
    case("huge-list", edit("paragraphs: [1]", "paragraphs: [" + ", ".join(["x"] * 20_000) + "]"), "paragraphs: [x",
         "paragraphs must be a list", "..."),
    # the wrong kind of value
    case("records-a-mapping", "source: {id: '999', class: NewsArticle}\nrecords: {a: 1}\n", "records: {a: 1}", "'records' must be a list"),
    case("records-a-text", "source: {id: '999', class: NewsArticle}\nrecords: everything\n", "records: everything",
         "'records' must be a list"),
    case("source-a-list", "source: [a, b]\n", "source: [a, b]", "the source block is a mapping"),
    case("source-id-a-number", edit('id: "999"', "id: 999"), "id: 999", "an id must be text"),
    case("record-id-a-list", edit("id: h_place", "id: [h_place]"), "id: [h_place]", "an id must be text"),
    case("record-id-with-spaces", edit("id: h_place", "id: h place"), "id: h place", "an id must be text",
         "got 'h place'"),
    case("label-a-list", edit("label: Somewhere", "label: [Somewhere]"), "label: [Somewhere]", "this is text"),
    case("label-a-number", edit("label: Somewhere", "label: 1234"), "label: 1234", "this is text"),
    case("aliases-a-text", edit("label: Somewhere\n", "label: Somewhere\n    aliases: Elsewhere\n"),
         "aliases: Elsewhere", "'aliases' must be a list"),
    case("props-a-list", BASE + "    props: [livesIn]\n", "props: [livesIn]", "'props' must be a mapping"),
    case("value-and-ref", BASE + "    props: {livesIn: {ref: h_place, value: Somewhere}}\n", "props: {livesIn",
         "livesIn is a relation: give its target as ref:, not value:"),
    case("paragraphs-a-word", edit("paragraphs: [1]", "paragraphs: three"), "paragraphs: three",
         "paragraphs must be a list"),
    case("paragraphs-empty", edit("paragraphs: [1]", "paragraphs: []"), "paragraphs: []", "paragraphs must be a list"),
    case("paragraph-zero", edit("paragraphs: [1]", "paragraphs: [0]"), "paragraphs: [0]", "paragraphs must be a list"),
    case("paragraph-negative", edit("paragraphs: [1]", "paragraphs: [-2]"), "paragraphs: [-2]", "paragraphs must be"),
    case("paragraph-a-fraction", edit("paragraphs: [1]", "paragraphs: [1.5]"), "paragraphs: [1.5]", "paragraphs must be"),
    case("paragraph-out-of-range", edit("paragraphs: [1]", "paragraphs: [99]"), "paragraphs: [99]",
         "paragraph 99 does not exist", "the source has 3 paragraphs"),
    case("paragraph-count-zero", edit("paragraph_count: 3", "paragraph_count: 0"), "paragraph_count: 0",
         "paragraph_count must be a positive whole number"),
    case("paragraph-count-true", edit("paragraph_count: 3", "paragraph_count: yes"), "paragraph_count: yes",
         "paragraph_count must be a positive whole number"),
    case("status-unknown", edit("paragraphs: [1]\n", "paragraphs: [1]\n    status: rumoured\n"), "status: rumoured",
         "unknown claim status", "did you mean reported?"),
    case("review-pending", edit("paragraphs: [1]\n", "paragraphs: [1]\n    review: pending\n"), "review: pending",
         "a suggestion of `oversight new` awaiting review", "delete 'review: pending' to accept it"),
    case("review-unknown", edit("paragraphs: [1]\n", "paragraphs: [1]\n    review: pendng\n"), "review: pendng",
         "review: pending is the only value", "did you mean pending?"),
    case("status-a-list", edit("paragraphs: [1]\n", "paragraphs: [1]\n    status: [reported]\n"), "status: [reported]",
         "unknown claim status", "did you mean reported?"),
    case("count-infinite", BASE + RECORD.format(id="h_figure", cls="FigureObservation", label="A figure")
         + "    props: {count: .inf, counts: things}\n", "count: .inf", "og:count expects"),
    case("count-not-a-number", BASE + RECORD.format(id="h_figure", cls="FigureObservation", label="A figure")
         + "    props: {count: .nan, counts: things}\n", "count: .nan", "og:count expects"),
    # identifiers
    case("duplicate-id-in-the-file", BASE + "  - {id: h_place, class: Place, label: Again, paragraphs: [1]}\n",
         "label: Again", "duplicate id 'h_place'", record="h_place"),
    case("duplicate-id-across-files", BASE + RECORD.format(id="tiny_event", cls="Complaint", label="Again"),
         "- id: tiny_event", "duplicate id 'tiny_event'", f"already declared at data/{TINY}:"),
    case("duplicate-source-id", edit('id: "999"', 'id: "900"'), 'id: "900"', "source id '900' is already used"),
    case("unknown-reference", BASE + "    props: {livesIn: h_nowhere}\n", "livesIn: h_nowhere",
         "unknown reference 'h_nowhere'", "nearest: h_place"),
    case("unknown-about", BASE + "  - about: h_nobody\n    paragraphs: [1]\n    props: {description: x}\n",
         "about: h_nobody", "unknown reference 'h_nobody'", "nearest: tiny_event"),
    case("unknown-class", edit("class: Place", "class: Plaice"), "class: Plaice", "unknown class 'Plaice'",
         "did you mean Place (place: A town, county or area mentioned in a source.)?"),
    case("unknown-property", BASE + "    props: {livesAt: h_place}\n", "livesAt", "unknown property 'livesAt'",
         "did you mean livesIn (lives in: Where a person lives, as the source says.)"),
    case("unknown-key", edit("label: Somewhere\n", "label: Somewhere\n    colour: red\n"), "colour: red",
         "unknown key 'colour'", "nearest: about"),
    # dates
    case("month-13", BASE + event("h_event", "{date: 2019-13}"), "date: 2019-13", "og:date expects", "got '2019-13'"),
    case("february-30", BASE + event("h_event", "{date: 2019-02-30}"), "date: 2019-02-30", "no such day"),
    case("date-in-words", BASE + event("h_event", "{date: last summer}"), "date: last summer", "put other wording"),
    case("date-with-a-time", BASE + event("h_event", "{date: 2019-07-01T10:00:00}"), "date: 2019", "og:date expects"),
    case("date-five-digit-year", BASE + event("h_event", "{date: 20190}"), "date: 20190", "og:date expects"),
    case("published-in-words", edit("  paragraph_count", "  published: last year\n  paragraph_count"),
         "published: last year", "expects"),
    # relations that go round in a circle
    case("after-cycle", BASE + event("h_first", "{after: h_second}") + event("h_second", "{after: h_first}"),
         "after: h_second", "og:after goes round in a circle", "h_first → h_second", "h_second → h_first"),
    case("after-self", BASE + event("h_first", "{after: h_first}"), "after: h_first", "og:after goes round in a circle"),
    case("after-cycle-across-files", BASE + event("h_first", "{after: tiny_event}")
         + "  - about: tiny_event\n    paragraphs: [2]\n    props: {after: h_first}\n",
         "after: tiny_event", "og:after goes round in a circle", "h_first → tiny_event"),
    case("after-cycle-of-three", BASE + event("h_a", "{after: h_b}") + event("h_b", "{after: h_c}")
         + event("h_c", "{after: h_a}"), "after: h_b", "goes round in a circle", "h_c → h_a"),
    case("after-cycle-alleged", BASE + event("h_first", "{after: h_second}")
         + event("h_second", "{after: {ref: h_first, status: alleged, by: tiny_outlet}}"),
         "after: h_second", "og:after goes round in a circle"),
    case("sub-organisation-cycle", BASE + RECORD.format(id="h_unit", cls="org:Organization", label="A unit")
         + "    props: {org:subOrganizationOf: h_body}\n" + RECORD.format(id="h_body", cls="org:Organization", label="A body")
         + "    props: {org:subOrganizationOf: h_unit}\n", "subOrganizationOf: h_body",
         "org:subOrganizationOf goes round in a circle"),
    # what SHACL checks
    case("no-label", edit("    label: Somewhere\n", ""), "- id: h_place", "a declared record needs a 'label'"),
    case("blank-label", edit("label: Somewhere", "label: '   '"), "- id: h_place", "a declared record needs a 'label'"),
    case("denied-without-by", BASE + "  - about: h_place\n    paragraphs: [1]\n    status: denied\n    props: {description: x}\n",
         "- about: h_place",
         "needs 'by:'"),
    # not files at all
    case("fifo", fifo, None, "cannot be read", "not an ordinary file"),
    case("a-device", symlink("/dev/zero"), None, "cannot be read", "not an ordinary file"),
    case("symlink-loop", symlink("999_hostile.yaml"), None, "cannot be read", "symbolic links"),
    case("symlink-to-nowhere", symlink("nowhere.yaml"), None, "cannot be read", "No such file"),
]


@pytest.fixture(scope="module")
def tiny_out(tmp_path_factory) -> Path:
    """One good build of the tiny folder: each failing build must leave it, and its store, alone."""
    out = tmp_path_factory.mktemp("tiny") / "out"
    data = tiny(tmp_path_factory.mktemp("tiny-data"))
    result = run("build", "--data", str(data), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_the_corpus_is_large_and_each_case_named_once() -> None:
    assert len(CASES) >= 80 and len({c.id for c in CASES}) == len(CASES)


def test_the_tiny_folder_and_the_base_file_are_valid(tmp_path: Path) -> None:
    data = tiny(tmp_path)
    (data / HOSTILE).write_text(BASE, encoding="utf-8")
    result = run("validate", "--data", str(data))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_hostile_input_is_refused_in_one_message(case: Case, tmp_path: Path, tiny_out: Path, caplog) -> None:
    data = tiny(tmp_path)
    case.breaks(data)
    out = tmp_path / "site" / "out"
    shutil.copytree(tiny_out, out, symlinks=True)
    before = tree_hashes(out)
    for command in (["validate"], ["build", "--out", str(out)]):
        with within(TIME_LIMIT):
            result = run(*command, "--data", str(data))
        text = assert_failed_cleanly(result)
        assert text.splitlines()[0] == "error: 1 problem in the data:", text
        assert_reports(text, data, case.expect[0])
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING], "a library warned"
    assert tree_hashes(out) == before, "a refused build changed out/ or its store"
    assert [p.name for p in out.parent.iterdir()] == ["out"], "a refused build left files beside out/"


def test_a_folder_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    """Links to folders are not followed (as before), so a loop of them ends nothing and hangs nothing."""
    data = tiny(tmp_path)
    (data / "sources" / "loop").symlink_to("..")
    with within(TIME_LIMIT):
        result = run("validate", "--data", str(data))
    assert result.exit_code == 0, result.output
