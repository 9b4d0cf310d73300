"""What the bad-data tests share: breaking a data folder, running the CLI, checking what it says.

A case breaks one thing in a copy of a data folder, and the checks are that
  (a) the command exits with status 1, through an ordinary exit, not an escaped exception;
  (b) one line of the message names the file, the line (or record) and what is wrong;
  (c) nothing in the output or the logs is a traceback;
  (d) `build` writes nothing: a previous out/ is unchanged byte for byte and no other file or
      folder appears beside it.
Expected line numbers are found in the broken file itself (the line holding a given text),
so the cases survive edits to the bundled data.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from typer.testing import CliRunner

from graph.cli import app
from graph.model.resources import resource_dir

DATA = resource_dir("data")
S000 = "sources/000_dearden_leadsom_letter.yaml"
S001 = "sources/001_tvp_sexual_misconduct_foi.yaml"
REF = "reference.yaml"
runner = CliRunner()


# --- helpers -------------------------------------------------------------------------------

def line_of(path: Path, text: str) -> int:
    """The 1-based line of the only line of `path` containing `text`."""
    text_of = path.read_text(encoding="utf-8", errors="replace")
    hits = [n for n, line in enumerate(text_of.splitlines(), 1) if text in line]
    assert len(hits) == 1, f"{text!r} is on lines {hits} of {path}, expected exactly one"
    return hits[0]


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """A break: replace the single occurrence of `old` in data file `rel`."""
    def apply(data: Path) -> None:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return apply


def append(rel: str, text: str) -> Callable[[Path], None]:
    """A break: add text (usually a record) at the end of data file `rel`."""
    def apply(data: Path) -> None:
        path = data / rel
        before = path.read_text(encoding="utf-8")
        path.write_text(before.rstrip("\n") + "\n" + text, encoding="utf-8")
    return apply


@dataclass
class Expect:
    """One line of the error output: where (file, line) and what (record, phrases)."""
    file: str | None                 # relative to the data folder; None: the folder itself
    at: str | None = None            # a text on the expected line of the broken file
    says: tuple[str, ...] = ()       # phrases the same message line must contain
    record: str | None = None        # "(record X)" expected on the message line
    offset: int = 0                  # the expected line is `offset` lines after `at`


@dataclass
class Case:
    id: str
    breaks: Callable[[Path], None]
    expect: list[Expect] = field(default_factory=list)


def run(*args: str):
    return runner.invoke(app, list(args))


def assert_failed_cleanly(result, data_problem: bool = True) -> str:
    """Exit status 1 through typer.Exit, and no traceback anywhere in the output."""
    out = result.output
    assert result.exit_code == 1, out
    # CliRunner turns an escaped exception into exit code 1 too: make sure it was a real exit.
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in out and 'File "' not in out, out
    if data_problem:
        assert "problem" in out
    return out


def assert_reports(out: str, data: Path, expect: Expect) -> None:
    """Some single line of `out` names the file:line, the record, and says every phrase."""
    folder = data.name
    if expect.file is None:
        where = str(data)
    else:
        where = f"{folder}/{expect.file}"
        if expect.at is not None:
            where += f":{line_of(data / expect.file, expect.at) + expect.offset}"
    wanted = [*expect.says] + ([f"(record {expect.record})"] if expect.record else [])
    # file:line must be followed by ' (record' or ':', so that line 7 does not match line 77.
    place = re.compile(re.escape(where) + r"[ :]")
    lines = [line for line in out.splitlines() if place.search(line) and all(w in line for w in wanted)]
    wanted.insert(0, where)
    assert lines, f"no line of the output contains all of {wanted}:\n{out}"


def tree_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


SMALL = "sources/900_small.yaml"
OTHER = "sources/901_other.yaml"
SMALL_SOURCE = """\
# A small article written for the tests.
source:
  id: "900"
  class: NewsArticle
  title: A small article written for the tests
  paragraph_count: 5
  publisher: test_outlet
records:
  - id: test_outlet
    class: NewsOutlet
    label: The Test Gazette
    paragraphs: [1]
  - id: test_writer
    class: Person
    label: A writer
    paragraphs: [1]
    props:
      livesIn: {ref: test_town, paragraphs: [2]}
      employedAs: {value: reporter, paragraphs: [2]}
  - id: test_town
    class: Place
    label: Testbury
    paragraphs: [2]
  - id: test_letter
    class: Letter
    label: A letter to the Thames Valley PCC
    paragraphs: [2]
    props:
      sender: test_writer
      recipient: thames_valley_pcc
      date: {value: 2019-07, paragraphs: [3]}
  - id: test_dismissal
    class: Dismissal
    label: An officer dismissed
    paragraphs: [3]
    props:
      decidedBy: thames_valley_police
      date: 2016
  - about: test_dismissal
    paragraphs: [4]
    status: denied
    by: test_writer
    props: {description: the writer says that no one was dismissed}
  - id: test_figure
    class: FigureObservation
    label: A figure
    paragraphs: [5]
    props:
      count: 11
      counts: complaints
      category: all
      refArea: thames_valley_police
"""
OTHER_SOURCE = """\
source:
  id: "901"
  class: NewsArticle
  title: A second small article
  paragraph_count: 2
records:
  - about: test_writer
    paragraphs: [1]
    props: {employedAs: columnist}
"""


def make_small(parent: Path) -> Path:
    """The bundled reference data plus two small source files: fast to load and to check."""
    target = parent / "data"
    (target / "sources").mkdir(parents=True)
    shutil.copy(DATA / REF, target / REF)
    (target / SMALL).write_text(SMALL_SOURCE, encoding="utf-8")
    (target / OTHER).write_text(OTHER_SOURCE, encoding="utf-8")
    return target


def assert_build_wrote_nothing(good_out: Path, tmp_path: Path, data: Path, expect: list[Expect]) -> None:
    site = tmp_path / "site"
    out = site / "out"
    shutil.copytree(good_out, out)
    before = tree_hashes(out)
    assert before, "the good build wrote nothing"
    result = run("build", "--data", str(data), "--out", str(out))
    text = assert_failed_cleanly(result)
    for e in expect:
        assert_reports(text, data, e)
    assert tree_hashes(out) == before, "a failed build changed out/"
    assert sorted(p.name for p in site.iterdir()) == ["out"], "a failed build left files beside out/"


# --- a tiny folder, for the many hostile files of test_hostile.py ------------------------------

TIME_LIMIT = 10
"""Seconds any run on bad data may take: a hang fails the test instead of stopping the suite."""
HOSTILE = "sources/999_hostile.yaml"
TINY = "sources/900_tiny.yaml"
TINY_SOURCE = """\
source:
  id: "900"
  class: NewsArticle
  title: A tiny article written for the tests
  paragraph_count: 3
records:
  - id: tiny_outlet
    class: NewsOutlet
    label: The Tiny Gazette
    paragraphs: [1]
  - id: tiny_event
    class: Complaint
    label: A complaint
    paragraphs: [2]
"""
BASE = """\
source:
  id: "999"
  class: NewsArticle
  title: A file written to break the loader
  paragraph_count: 3
records:
  - id: h_place
    class: Place
    label: Somewhere
    paragraphs: [1]
"""


def tiny(parent: Path) -> Path:
    """A data folder of one tiny source: each run on it takes a fraction of a second."""
    (parent / "data" / "sources").mkdir(parents=True)
    (parent / "data" / TINY).write_text(TINY_SOURCE, encoding="utf-8")
    return parent / "data"


@contextmanager
def within(seconds: int):
    """Fail, not hang, past `seconds` (a FIFO read or an expansion would never end)."""
    def expired(*_):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    start = time.monotonic()
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - start < seconds
