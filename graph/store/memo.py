"""Results computed from a store's whole content, kept until the content changes.

The networkx projection of a national store takes seconds to read out of Oxigraph, and what
`oversight chain` and `path` walk is made from it (the accountability index, the undirected
network of actors): every process would make them again. An embedded store keeps it in a file
of its own folder (`cache/`), named after the content it was computed from: the store's
generation and a fingerprint of its RocksDB files (the write-ahead log grows with every
write, the MANIFEST with every flush, compaction and bulk load; a read-only open changes
neither). A later process finds the file while the content is unchanged; any
write makes a new name, and the stale files are removed with the stale generations.

The files are pickles: they are read only from the store's own folder, which whoever can
write can also change every fact the store holds.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

CACHE = "cache"
"""The folder of a store holding what was computed from its content."""
_CONTENT_FILES = (".log", "CURRENT")


def fingerprint(generation: Path) -> str:
    """A name for the content of one Oxigraph (RocksDB) folder, cheap to make: the names and
    sizes of its write-ahead logs, CURRENT and MANIFEST, which every write changes (a write
    goes to the log; a flush, a compaction or a bulk load adds its files to the MANIFEST).
    The data (SST) files are left out: RocksDB deletes those a compaction made obsolete
    after it next opens the folder, a moment after the build named what it keeps (the
    store's bulk load in parts leaves some). So are the info LOG and OPTIONS files, which any
    open rewrites, and a file deleted while the folder is read."""
    files = []
    for entry in os.scandir(generation):
        if entry.name.endswith(_CONTENT_FILES) or entry.name.startswith("MANIFEST-"):
            with suppress(FileNotFoundError):
                files.append((entry.name, entry.stat().st_size))
    return hashlib.sha256(repr(sorted(files)).encode()).hexdigest()[:16]


class Memo:
    """`kept(name, version, make)`: make() once per content, in this process and, given a
    folder, in a file there that later processes read back."""

    def __init__(self, generation: Path | None = None) -> None:
        self.generation = generation
        self._made: dict[tuple[str, str], Any] = {}
        self._key: str | None = None

    def forget(self) -> None:
        """The content changed (a write through this process): nothing made before holds."""
        self._made.clear()
        self._key = None

    def kept(self, name: str, version: str, make: Callable[[], Any]) -> Any:
        if (name, version) in self._made:
            return self._made[name, version]
        path = self._file(name, version)
        value = _read(path) if path is not None else None
        if value is None:
            value = make()
            if path is not None:
                _write(path, value)
        self._made[name, version] = value
        return value

    def keep(self, name: str, version: str, value: Any) -> None:
        """`value` is what make() would give for this content: kept without making it (a
        build hands over the projection it drew its views from)."""
        self._made[name, version] = value
        path = self._file(name, version)
        if path is not None and not path.exists():
            _write(path, value)

    def _file(self, name: str, version: str) -> Path | None:
        if self.generation is None:
            return None
        if self._key is None:
            self._key = f"{self.generation.name}-{fingerprint(self.generation)}"
        return self.generation.parent / CACHE / f"{self._key}-{name}-{version}.pickle"


def kept(graph, name: str, version: str, make: Callable[[], Any]) -> Any:
    """make(), once for the content of the store holding the rdflib `graph` when that store
    keeps a Memo (Oxigraph's, embedded or in memory); made every time for any other graph."""
    memo = getattr(graph.store, "memo", None)
    return make() if not isinstance(memo, Memo) else memo.kept(name, version, make)


def keep(graph, name: str, version: str, value: Any) -> None:
    """Hand `value` to the store holding `graph` as what `kept(graph, name, version, ...)`
    would make; nothing for a store that keeps nothing."""
    memo = getattr(graph.store, "memo", None)
    if isinstance(memo, Memo):
        memo.keep(name, version, value)


def code_version(*parts: bytes) -> str:
    """A short name for what a kept result depends on besides the store (code, ontology)."""
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def remove_stale(root: Path, live_generation: str) -> None:
    """Delete what was computed from generations other than the live one."""
    with suppress(OSError):  # none, or not a folder we can read
        for entry in os.scandir(root / CACHE):
            if not entry.name.startswith(live_generation + "-"):
                with suppress(OSError):
                    os.unlink(entry.path)


def _read(path: Path) -> Any:
    """The kept value, read with the cyclic garbage collector paused: unpickling a national
    projection makes millions of containers, and the collector's passes over them took 15 s
    of 16 (1 s without)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None  # absent, cut short or from other code: made again
    finally:
        if collecting:
            gc.enable()


def _write(path: Path, value: Any) -> None:
    """Written beside, then renamed: a reader sees the whole file or none. A store folder the
    process may not write (a read-only server's) is simply not given one."""
    with suppress(OSError):
        path.parent.mkdir(exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
