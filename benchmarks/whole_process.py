"""Whole-process timings for bench_national.py: what a user runs, beside a raw pyoxigraph load.

Each command runs as a fresh subprocess; its wall seconds run from the spawn to its reaping.
Its peak memory is read two ways: the whole tree's proportional set size, read every SAMPLED
seconds (each page shared by forked processes counted once: `oversight build` parses its
files and serialises its graphs in forked processes, and writes two of its outputs in a
process of its own while it writes the others), which the ratios use; and in
parentheses the ru_maxrss that os.wait4 reports, the largest resident set of the process
and of every descendant it reaped, not their sum.

  whole build  `oversight build --data COPY --out OUT` into a fresh OUT, alternated with the
               baseline, a fresh `python -c` doing pyoxigraph.Store(path).bulk_load(...) of
               the same N-Quads on disk (A B A B ...); medians and the median per-pair ratio
  edit loop    after the last full build, one record's label changed in one source file of
               the copy, then `oversight build` again into the same OUT (a new label each run)
  ask          `oversight chain|route|path ... --store OUT/store` and `oversight --version`
               (the floor: interpreter and CLI start-up): the first call, then the median of
               the next `repeat` calls
The data folder is copied first: the caller's data is never edited.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

FORCE = "n_avon_and_somerset_constabulary"
EDITED = Path("sources") / f"{FORCE}_2016.yaml"
"""The source file the edit loop changes (every generated size has it, with an officer 0)."""
LABEL = "label: Officer 0 of "
ASKS = {
    "chain": ["chain", FORCE],
    "route": ["route", f"{FORCE}_2016_c0_case"],
    "path": ["path", FORCE, "n_iopc"],
}
"""The asking commands timed on the built store (ids every generated size has)."""
RAW_LOAD = ("import sys, pyoxigraph as ox\n"
            "store = ox.Store(sys.argv[2])\n"
            "store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)\n"
            "store.flush()\n")
COUNT = ("import sys\nfrom graph.store import open_store\n"
         "with open_store(sys.argv[1], read_only=True) as store:\n    print(len(store.dataset.store.oxigraph))\n")
"""How many quads a built store holds (its manifest included), read as `oversight` opens it."""
HOLDS = ("import sys\nfrom graph.store import open_store\n"
         "with open_store(sys.argv[1], read_only=True) as store:\n"
         "    print(any(store.dataset.store.oxigraph.quads_for_pattern(None, None, "
         "__import__('pyoxigraph').Literal(sys.argv[2]))))\n")
"""Whether a built store holds a literal (the edit loop's last label: the rebuild took it)."""


def oversight() -> str:
    """The CLI installed beside this interpreter (the project's venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "oversight"
    return str(beside) if beside.exists() else (shutil.which("oversight") or "oversight")


SAMPLED = 0.25
"""Seconds between two readings of a process tree's memory (each reads the kernel's page
tables: every 50 ms took a tenth of a CPU at 1.6 GB)."""


def tree_pss_kb(pid: int) -> int:
    """The proportional set size of a process and its descendants, in kB: each page shared
    by a fork counted once in all (Linux's /proc; 0 when it is gone or unreadable)."""
    total, todo = 0, [pid]
    while todo:
        proc = Path("/proc") / str(todo.pop())
        try:
            rollup = (proc / "smaps_rollup").read_text()
            total += int(next(line for line in rollup.splitlines() if line.startswith("Pss:")).split()[1])
            todo += [int(c) for task in (proc / "task").iterdir() for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_process(argv: list[str], cwd: Path) -> tuple[float, float, str, float]:
    """Wall seconds, peak MB (wait4's ru_maxrss), standard output, and the peak MB of the
    whole tree (tree_pss_kb, read every SAMPLED seconds) of one whole process; SystemExit with
    its standard error when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=cwd)
        done, tree_peak = threading.Event(), [0]

        def sample() -> None:
            while not done.wait(SAMPLED):
                tree_peak[0] = max(tree_peak[0], tree_pss_kb(proc.pid))
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} exited with {proc.returncode}:\n{err.read().decode()[-3000:]}")
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read().decode(), tree_peak[0] / 1024


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def measure_whole(data: Path, nquads: Path, work: Path, repeat: int) -> dict:
    """The whole-process rows of one size (see the module's docstring)."""
    cli, r = oversight(), {}
    copy, out, raw = work / "whole-data", work / "whole-out", work / "whole-raw-store"
    shutil.copytree(data, fresh(copy))
    build = [cli, "build", "--data", str(copy), "--out", str(out)]
    builds, raws = [], []
    for _ in range(max(1, repeat)):
        fresh(out)
        builds.append(run_process(build, work))
        fresh(raw)
        raws.append(run_process([sys.executable, "-c", RAW_LOAD, str(nquads), str(raw)], work))
    fresh(raw)
    r["build"] = statistics.median(b[0] for b in builds)
    r["build_peak"] = statistics.median(b[1] for b in builds)
    r["raw"] = statistics.median(a[0] for a in raws)
    r["raw_peak"] = statistics.median(a[1] for a in raws)
    r["build_ratio"] = statistics.median(b[0] / a[0] for b, a in zip(builds, raws))
    r["build_tree"] = statistics.median(b[3] for b in builds)
    r["raw_tree"] = statistics.median(a[3] for a in raws)
    r["peak_ratio"] = statistics.median(b[3] / a[3] for b, a in zip(builds, raws))
    r["runs"] = len(builds)
    r["nquads"] = sum(1 for line in nquads.open("rb") if line.strip())
    r["store_quads"] = int(run_process([sys.executable, "-c", COUNT, str(out / "store")], work)[2])

    source = copy / EDITED
    text = source.read_text()
    if text.count(LABEL) != 1:
        raise SystemExit(f"the edit loop expects one '{LABEL}' in {EDITED}, found {text.count(LABEL)}")
    edits, label = [], ""
    for i in range(max(1, repeat)):
        source.write_text(text.replace(LABEL, f"label: Officer 0 (edit {i + 1}) of "))
        edits.append(run_process(build, work))
        label = next(line for line in source.read_text().splitlines() if "(edit " in line).split("label: ", 1)[1]
    if run_process([sys.executable, "-c", HOLDS, str(out / "store"), label], work)[2].strip() != "True":
        raise SystemExit(f"the edit loop's rebuild did not bring the label {label!r} into the store")
    r["edit"] = statistics.median(e[0] for e in edits)
    r["edit_peak"] = statistics.median(e[1] for e in edits)
    r["edit_tree"] = statistics.median(e[3] for e in edits)

    store = ["--store", str(out / "store")]
    for name, argv in {**{k: [*v, *store] for k, v in ASKS.items()}, "version": ["--version"]}.items():
        first = run_process([cli, *argv], work)
        rest = [run_process([cli, *argv], work) for _ in range(max(1, repeat))]
        r[name] = {"first": first[0], "next": statistics.median(x[0] for x in rest),
                   "peak": max(x[1] for x in [first, *rest]), "lines": len(first[2].splitlines())}
    fresh(out)
    fresh(copy)
    return r


def whole_table(w: dict) -> str:
    """The whole-process rows, in the style of bench_national's tables."""
    lines = ["| whole process | oversight (s) | raw pyoxigraph bulk_load on disk, whole process (s) "
             "| oversight / raw | peak MB oversight: whole tree (largest process) "
             "| peak MB raw: whole tree (largest process) | peak oversight / raw (whole trees) |",
             "|---|---|---|---|---|---|---|",
             f"| `oversight build` into a fresh out/ (store: {w['store_quads']:,} quads; raw: the "
             f"{w['nquads']:,} N-Quads; medians of {w['runs']} alternated runs, ratio: median per pair) "
             f"| {w['build']:.2f} | {w['raw']:.2f} | {w['build_ratio']:.2f}x | {w['build_tree']:.0f} ({w['build_peak']:.0f}) "
             f"| {w['raw_tree']:.0f} ({w['raw_peak']:.0f}) | {w['peak_ratio']:.2f}x |",
             f"| edit loop: one label changed in one source, `oversight build` again "
             f"({w['edit'] / w['build']:.1%} of the full build; median of {w['runs']}) "
             f"| {w['edit']:.2f} | {w['raw']:.2f} | {w['edit'] / w['raw']:.2f}x | {w['edit_tree']:.0f} ({w['edit_peak']:.0f}) "
             f"| {w['raw_tree']:.0f} ({w['raw_peak']:.0f}) | {w['edit_tree'] / w['raw_tree']:.2f}x |"]
    for name, argv in {**ASKS, "version": ["--version"]}.items():
        a = w[name]
        what = " ".join(argv) + (" --store out/store" if name in ASKS else "")
        lines.append(f"| `oversight {what}` ({a['lines']} line{'s' if a['lines'] != 1 else ''} of output): first, then next (median of {w['runs']}) "
                     f"| {a['first']:.2f}, {a['next']:.2f} | | | {a['peak']:.0f} | | |")
    return "\n".join(lines) + "\n"
