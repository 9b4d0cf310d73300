"""The output folder: a build writes beside it and swaps the new outputs in, never losing the user's files.

`--out` may name any folder, so a build replaces only a folder a build made: one holding the
marker file MARKER, which lists what that build wrote. Any other non-empty folder is refused,
only the files a marker lists are ever deleted, and what else a build's folder holds (the
store, a view or a query the user saved there) is carried into the new one.
"""
from __future__ import annotations

import ctypes
import errno
import os
import secrets
import stat
from contextlib import suppress
from pathlib import Path

from graph.pipeline.outputs import OUTPUTS


MARKER = ".oversight-build"
"""Written into every output folder: the names of the files the build wrote there."""
STORE = "store"
"""The default store's folder inside the output folder, carried from build to build."""
PUBLIC = "public"
"""The outputs of `build --public` inside the output folder: an output folder of its own."""
_MARKER_HEAD = ("# Written by `oversight build`, which replaces this folder at each build. It deletes\n"
                "# only the files named below: it wrote them. The store is carried over.\n")


class OutputFolderInUse(OSError):
    """The output folder holds files no build wrote: replacing it would delete them."""

    def __init__(self, folder: Path, foreign: list[str]):
        names = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        super().__init__(errno.ENOTEMPTY, f"the folder holds files that oversight build did not write ({names}); "
                                          "give a new or empty folder, or move them away", str(folder))


def refuse_foreign(folder: Path) -> None:
    """Raise OutputFolderInUse unless `folder` is missing, empty, a build's (it has the marker:
    what the user added is carried over by swap_in), or holds only what a build wrote."""
    if not folder.is_dir() or (folder / MARKER).is_file():
        return
    written = _written(folder)
    foreign = sorted({p.name for p in folder.iterdir()} - (written | {STORE, PUBLIC} if written else set()))
    if foreign:
        raise OutputFolderInUse(folder, foreign)


def _written(folder: Path) -> set[str]:
    """The names the folder's marker lists: names in the folder itself only. Without a marker,
    a folder holding exactly the outputs (and the store) is taken as one a build wrote before
    builds left markers; any other holds nothing of ours."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8")
    except FileNotFoundError:
        names = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        return set(OUTPUTS) if set(OUTPUTS) <= names <= set(OUTPUTS) | {STORE} else set()
    return {line for line in text.splitlines() if line and not line.startswith("#")
            and os.sep not in line and line not in (os.curdir, os.pardir)}


def staging_folder(out_dir: Path, name: str | None = None) -> Path:
    """A new folder beside `out_dir` (or `name` inside it), made as any new folder is (the umask
    decides its mode), with its marker: the build writes there, then swaps it in."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir / name if name else out_dir.with_name(f".{out_dir.name}-build-{secrets.token_hex(4)}")
    staging.mkdir()
    (staging / MARKER).write_text(_MARKER_HEAD + "".join(f"{name}\n" for name in OUTPUTS), encoding="utf-8")
    return staging


def swap_in(staging: Path, out_dir: Path) -> None:
    """Make `staging` the output folder, with the mode of the one it replaces and its store.

    The two folders are exchanged in one step where the system can (Linux): killed at any
    moment, `out_dir` holds the old outputs or the new ones, complete.
    """
    if not out_dir.is_dir():
        staging.rename(out_dir)
        return
    refuse_foreign(out_dir)  # again: files may have appeared while the data was checked
    staging.chmod(stat.S_IMODE(out_dir.stat().st_mode))
    _exchange(staging, out_dir)
    written = _written(staging)
    for kept in sorted(staging.iterdir()):  # the store, and what the user wrote (a view, a query)
        if kept.name not in written and kept.name != MARKER and not (out_dir / kept.name).exists():
            kept.rename(out_dir / kept.name)
    discard(staging)


def discard(folder: Path) -> None:
    """Delete the files the folder's marker lists, the marker, then the folder if nothing else is
    left (a file that appeared since stays, with its folder, rather than being deleted)."""
    if (folder / PUBLIC / MARKER).is_file():
        discard(folder / PUBLIC)
    for name in _written(folder):
        with suppress(OSError):  # gone already, or now a folder: left alone
            (folder / name).unlink()
    with suppress(FileNotFoundError):
        (folder / MARKER).unlink()
    with suppress(OSError):
        folder.rmdir()


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders: in one step with renameat2(RENAME_EXCHANGE), else with three renames."""
    rename2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename2 is not None and rename2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return
    failed = ctypes.get_errno() if rename2 is not None else errno.ENOSYS
    if failed not in (errno.ENOSYS, errno.EINVAL):  # EINVAL: the file system cannot exchange
        raise OSError(failed, os.strerror(failed), str(b))
    aside = a.with_name(a.name + "-old")
    b.rename(aside)
    a.rename(b)
    aside.rename(a)
