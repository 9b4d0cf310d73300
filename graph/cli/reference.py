"""The README's command-line reference, made from the commands' own `--help`, so it cannot drift.

    python -m graph.cli.reference README.md    # rewrite the section between the markers

tests/test_docs.py fails when the README's section differs from what this makes.
"""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from graph.cli import app

START = "<!-- cli-reference: made by `python -m graph.cli.reference README.md`; do not edit by hand -->"
END = "<!-- end of cli-reference -->"
WIDTH = 100


def help_text(*names: str) -> str:
    """What `oversight NAMES... --help` prints, at a fixed width."""
    command = typer.main.get_command(app)
    parent = command.context_class(command, info_name="oversight", terminal_width=WIDTH, max_content_width=WIDTH)
    ctx = parent
    for name in names:
        command = command.commands[name]  # type: ignore[attr-defined]
        ctx = command.context_class(command, info_name=name, parent=ctx, terminal_width=WIDTH,
                                    max_content_width=WIDTH)
    return command.get_help(ctx)


def reference() -> str:
    """Every command's help, in the order `oversight --help` lists them."""
    group = typer.main.get_command(app)
    blocks = [f"```text\n$ oversight --help\n{help_text()}\n```"]
    blocks += [f"```text\n$ oversight {name} --help\n{help_text(name)}\n```" for name in group.commands]  # type: ignore[attr-defined]
    return "\n\n".join(blocks)


def updated(readme: str) -> str:
    """The README with the section between START and END made anew."""
    before, start, rest = readme.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the README has no section between {START!r} and {END!r}")
    return f"{before}{START}\n{reference()}\n{END}{after}"


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(updated(path.read_text(encoding="utf-8")), encoding="utf-8")
