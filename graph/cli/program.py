"""The `oversight` program as the shell runs it: the commands, then an exit that frees nothing.

A national build leaves millions of rdflib terms behind; freeing them one by one when the
interpreter shuts down took 5 s at 300k triples, after everything was written. The program
therefore flushes its output and leaves with `os._exit` (the one place that does): every
command closes its store and its files itself, and in-process callers (tests, notebooks)
use `graph.cli.app`, which exits normally.
"""
from __future__ import annotations

import logging
import os
import sys

from graph.cli import app


def run() -> None:
    """`oversight ...`: the exit status of the command, its output flushed, nothing freed."""
    try:
        app(prog_name="oversight")
        status = 0
    except SystemExit as exc:  # click ends every command this way
        status = exit_status(exc.code)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def exit_status(code: object) -> int:
    """What `sys.exit(code)` would make the status: None 0, a number itself, text 1 (printed)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
