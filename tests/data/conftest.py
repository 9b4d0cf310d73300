"""Fixtures of the bad-data tests: copies of data folders to break, and a good out/ to keep."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bad_data import DATA, make_small, run
from graph.data import format


@pytest.fixture(autouse=True)
def no_logged_tracebacks(caplog):
    """Libraries log some failures (rdflib: ill-typed literals) with a traceback: none allowed."""
    caplog.set_level(logging.WARNING)
    yield
    bad = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not bad, [r.getMessage() for r in bad]


@pytest.fixture(autouse=True)
def fast_format_check_agrees(monkeypatch):
    """On every bad-data and hostile case: jsonschema-rs, which the format check asks first,
    never passes a file in which jsonschema finds an error (graph.data.format)."""
    passed_wrongly = []
    fits = format.fits

    def checked(doc) -> bool:
        if fits(doc) and next(format._validator().iter_errors(doc), None) is not None:
            passed_wrongly.append(doc)
        return fits(doc)
    monkeypatch.setattr(format, "fits", checked)
    yield
    assert not passed_wrongly


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the bundled data, to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return make_small(tmp_path)


@pytest.fixture(scope="module")
def good_out(tmp_path_factory) -> Path:
    """One good build (of the small data, for speed) whose out/ every failing build must leave alone."""
    site = tmp_path_factory.mktemp("good") / "site"
    data = make_small(tmp_path_factory.mktemp("good-data"))
    result = run("build", "--data", str(data), "--out", str(site / "out"))
    assert result.exit_code == 0, result.output
    return site / "out"
