"""What the policy tests share: their data set (tests/policy/data: invented people, a corrected
figure, a retracted claim, replies) and running the command line on it."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from graph.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def run(*args: str) -> str:
    """`oversight ARGS`; the output, after checking the command succeeded."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output
