"""Named stages of long work, so that a caller can show them: a national build takes minutes.

The library only names its stages; the CLI decides how to show them (graph.cli.progress_steps).
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

Step = Callable[[str], AbstractContextManager]
"""Wraps each stage of the work, named for people ("SHACL validation")."""


def unreported(name: str) -> AbstractContextManager:
    """The default Step: stages pass unseen."""
    return nullcontext()
