"""Files and folders the user cannot read: named in one message each, never skipped in silence.

Permissions do not bind root, and the tests run as root: the check runs in a child process
that validates a good folder first (so that every lazy import is done while it can read the
interpreter's files), then drops to the user 'nobody' (65534) and validates the broken one.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bad_data import BASE, HOSTILE, TIME_LIMIT, tiny

NOBODY = 65534
CHILD = textwrap.dedent(f"""
    import os, sys
    from typer.testing import CliRunner
    from graph.cli import app
    runner = CliRunner()
    warm = runner.invoke(app, ["validate", "--data", sys.argv[1]])
    assert warm.exit_code == 0, warm.output
    if os.geteuid() == 0:
        os.setgroups([]); os.setgid({NOBODY}); os.setuid({NOBODY})
    result = runner.invoke(app, ["validate", "--data", sys.argv[2]])
    print(result.exit_code, type(result.exception).__name__)
    print(result.output, end="")
""")


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder 'nobody' can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="oversight-unreadable-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def validate_as_nobody(good: Path, broken: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(good), str(broken)], capture_output=True, text=True,
                          timeout=TIME_LIMIT * 3, cwd=Path(__file__).resolve().parents[2])
    if done.returncode != 0 and "PermissionError" in done.stderr:
        pytest.skip("the child cannot run as 'nobody' here: " + done.stderr.strip().splitlines()[-1])
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


UNREADABLE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "file": (lambda data: data / HOSTILE, "data/sources/999_hostile.yaml: cannot be read (Permission denied)"),
    "folder": (lambda data: data / "sources", "data/sources: this folder cannot be read (Permission denied)"),
}


@pytest.mark.parametrize("what", UNREADABLE)
def test_an_unreadable_file_or_folder_is_named(what: str, shared: Path, tmp_path: Path) -> None:
    good = tiny(tmp_path)
    data = tiny(shared)
    (data / HOSTILE).write_text(BASE, encoding="utf-8")
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    locked, message = UNREADABLE[what]
    locked(data).chmod(0)
    status, *lines = validate_as_nobody(good, data)
    assert status == "1 SystemExit", lines
    assert lines == ["error: 1 problem in the data:", f"  {message}"]
