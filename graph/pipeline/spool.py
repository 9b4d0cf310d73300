"""The build's serialised graphs in one file, read by a process of its own: the writers of the
whole merged graph (graph.pipeline.outputs.OF_THE_GRAPHS) run there beside the others.

That process is started afresh, not forked. A forked one shared the build's memory, and the
two copied it between them page by page as each allocated where the other had freed: at 3M
triples each held 0.9 GB of copies, and the whole tree's peak was 4.1 GB. Started afresh, it
shares nothing and reads each graph from the file as it writes.
"""
from __future__ import annotations

import io
import os
import pickle
import site
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import graph

Writer = Callable[["Spool", Path], None]

_READ_AT_ONCE = 32 << 20
"""Bytes of the file read ahead for the Turtle's merge, over all graphs (a block each, 4-64 kB)."""


class Spool:
    """Each graph's N-Triples as a range of one file, by name: `names`, `ntriples` and `lines`,
    what the writers of the serialised graphs read (graph.pipeline.outputs.BuiltData gives the
    same from the build's memory)."""

    def __init__(self, path: Path, ranges: dict[str, tuple[int, int]]) -> None:
        self.path, self.ranges = path, ranges
        self._file = os.open(path, os.O_RDONLY)
        self._block = min(max(_READ_AT_ONCE // max(len(ranges), 1), 4096), 1 << 16)

    def close(self) -> None:
        os.close(self._file)

    def names(self) -> list[str]:
        return sorted(self.ranges)

    def ntriples(self, name: str) -> bytes:
        start, end = self.ranges[name]
        return self._read(name, start, end - start)

    def lines(self, name: str) -> Iterator[bytes]:
        """The graph's lines, each with its "\\n", a block of the file at a time."""
        start, end = self.ranges[name]
        pending = b""
        while start < end:
            block = pending + self._read(name, start, min(self._block, end - start))
            start += len(block) - len(pending)
            cut = block.rfind(b"\n") + 1
            yield from io.BytesIO(block[:cut])
            pending = block[cut:]
        if pending:
            yield pending

    def _read(self, name: str, start: int, size: int) -> bytes:
        read = os.pread(self._file, size, start)
        if len(read) < size:
            raise EOFError(f"{self.path} ends within graph {name}")
        return read


@contextmanager
def written_beside(writers: dict[str, Writer], folder: Path, payloads: dict) -> Iterator[Callable[[], None]]:
    """Each file of `writers` written into `folder` by its writer (a module's function, given to
    the process by name) in a process of its own, from `payloads` (graph.store.base.Payload, by
    graph name) spooled to a hidden file there, while the caller goes on; what is given waits
    for it, raising its error as the build's. Leaving early stops it. No writers: nothing is
    started."""
    if not writers:
        yield lambda: None
        return
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".graphs-", suffix=".nt") as spool, \
            tempfile.TemporaryFile() as report:
        ranges = {}
        for name, payload in payloads.items():
            start = spool.tell()
            spool.write(payload.ntriples)
            ranges[str(name)] = (start, spool.tell())
        spool.flush()
        process = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=report,
                                   env=_finding_this_package())
        try:
            with process.stdin:  # type: ignore[union-attr]
                process.stdin.write(pickle.dumps((spool.name, ranges, str(folder), writers)))  # type: ignore[union-attr]

            def wait() -> None:
                if process.wait():
                    report.seek(0)
                    raise _failure(report.read(), process.returncode, list(writers))
            yield wait
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _finding_this_package() -> dict[str, str]:
    """This environment, where a new interpreter finds the package this process imported: its
    folder put first on PYTHONPATH, unless it is a site-packages folder (which a new interpreter
    finds, and which put first would come before the standard library)."""
    home = Path(graph.__file__).resolve().parent.parent
    if home in {Path(folder).resolve() for folder in site.getsitepackages()}:
        return dict(os.environ)
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(home), *filter(None, [os.environ.get("PYTHONPATH")])]))


def _failure(report: bytes, status: int, outputs: list[str]) -> BaseException:
    """The error the writing process sent back, or one saying how it ended without sending it."""
    try:
        return pickle.loads(report)
    except Exception:
        return RuntimeError(f"writing {', '.join(outputs)} stopped (exit status {status})")


def _write() -> None:
    """The writing process: the job from its input, an error it meets to its output."""
    path, ranges, folder, writers = pickle.load(sys.stdin.buffer)
    graphs = Spool(Path(path), ranges)
    try:
        for name, writer in writers.items():
            writer(graphs, Path(folder) / name)
    except Exception as error:
        try:
            sys.stdout.buffer.write(pickle.dumps(error))
        except Exception:
            sys.stdout.buffer.write(pickle.dumps(RuntimeError(str(error))))
        sys.exit(1)
    finally:
        graphs.close()


if __name__ == "__main__":
    _write()
