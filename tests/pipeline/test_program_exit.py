"""The `oversight` program leaves with os._exit: its output flushed, its exit status kept."""
from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from graph.cli import app
from graph.cli.program import exit_status


def program(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, timeout=120)


def test_output_is_flushed_whole_through_a_pipe():
    done = program("queries")
    assert done.returncode == 0
    assert done.stdout == CliRunner().invoke(app, ["queries"]).stdout
    assert done.stdout.count("\n") > 10  # buffered for a pipe: without the flush nothing would arrive


def test_a_failing_command_keeps_its_status_and_message(tmp_path):
    done = program("chain", "TVP", "--store", str(tmp_path / "none"))
    assert (done.returncode, done.stdout) == (1, "")
    assert "no store at" in done.stderr
    assert program().returncode == 2  # usage


def test_exit_codes_as_sys_exit_makes_them():
    assert (exit_status(None), exit_status(0), exit_status(3)) == (0, 0, 3)
    assert exit_status("went wrong") == 1
