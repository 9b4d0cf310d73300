"""What the policy tests share: their data set (tests/policy/data: invented people, a corrected
figure, a retracted claim, replies) and running the command line on it."""
from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from graph.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


WIDE = {"COLUMNS": "250"}
"""Tables as wide as their rows, so a test can read one row as one line (wrapping to the
terminal is tested in tests/cli)."""


def run(*args: str) -> str:
    """`oversight ARGS`; the output, after checking the command succeeded."""
    result = runner.invoke(app, list(args), env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def has_row(text: str, *cells: str) -> bool:
    """Whether a line of a printed table holds `cells` side by side (cells are two or more
    spaces apart, so a test names cells rather than the exact padding)."""
    wanted = list(cells)
    for line in text.splitlines():
        row = re.split(r"\s{2,}", line.strip())
        if any(row[i:i + len(wanted)] == wanted for i in range(len(row) - len(wanted) + 1)):
            return True
    return False
