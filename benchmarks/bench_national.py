"""The national-scale benchmark: the project's pipeline beside plain rdflib and raw pyoxigraph.

    python benchmarks/bench_national.py --triples 100000 300000 [--repeat 3] [--no-rdflib] [--readme]

For each size, in fresh subprocesses (peak memory is each one's ru_maxrss):
  project  YAML load + SHACL validation + ingest into the embedded store (graph.store) of
           the source graphs, the ontology and the metadata; then, in a new process that
           opens the store as `oversight query --store` does, the queries through
           graph.sparql.evaluate.evaluate, each in turn with raw pyoxigraph's query of the
           same text on the same open store (the 1.3x target's baseline: one store, one
           process, one moment), the networkx projection, `oversight_chain` and an
           oversight route (shortest path force -> IOPC) on it
  rdflib   the same N-Quads parsed into rdflib's in-memory Dataset, the same queries
  oxigraph the same N-Quads loaded into a raw pyoxigraph Store, in memory and on disk (the
           project's store is on disk), the same queries on both, every answer read out
  whole    what a user runs, as whole processes (benchmarks/whole_process.py): `oversight
           build` beside a raw pyoxigraph bulk_load on disk of the same N-Quads, alternated;
           the edit loop (one label changed, `oversight build` again); `oversight chain`,
           `route`, `path` on the built store and `oversight --version`; wall seconds and
           peak memory (wait4's ru_maxrss: the largest process of each command's tree)
rdflib is skipped with --no-rdflib (minutes at a million triples, and no target of the
project's). The queries: triples per graph, the national queries of benchmarks/queries/*.rq,
and the project's canned queries (examples/queries/*.rq) with their parameters bound to the
synthetic data as `oversight query NAME --param ...` would bind them. Query times are
medians of at least --repeat runs (more, up to half a second, for fast ones); a query over
--cap seconds is cut off.
"""
from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]
QUERY_CAP = 20
"""Seconds after which a query is cut off (--cap); rdflib can take minutes."""
FAST = 0.5
"""A query is run until its runs add up to this many seconds (at most 100 runs): one
millisecond query timed three times says little on a shared machine."""
FORCE = "n_avon_and_somerset_constabulary"
CANNED_PARAMS = {
    "actor_facts": {"actor": f"id:{FORCE}"},
    "actors_of_class": {"class": "og:PoliceForce"},
    "case_timeline": {"case": f"id:{FORCE}_2019_c0_case"},
    "contested_claims": {"about": f"id:{FORCE}_2019_c0_allegation"},
    "source_edges": {"source": f"src:{FORCE}_2019"},
    "who_said_what": {"who": f"id:{FORCE}_psd"},
}
"""How the canned queries are asked of the synthetic data (the seed defaults are not in it);
one not listed here runs unbound (figures_disagree: the generator writes no figures)."""


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def capped(*fns, repeat: int) -> list[float | None]:
    """Median seconds of each of `fns`, run in turn (which goes first alternates, so that a
    shared machine's load falls on all alike) at least `repeat` times and for FAST seconds in
    all; None for all when one run passes QUERY_CAP."""
    def alarm(*_):
        raise TimeoutError
    signal.signal(signal.SIGALRM, alarm)
    times: list[list[float]] = [[] for _ in fns]
    try:
        while len(times[0]) < repeat or (sum(times[0]) < FAST and len(times[0]) < 100):
            turn = range(len(fns)) if len(times[0]) % 2 == 0 else reversed(range(len(fns)))
            for i in turn:
                signal.alarm(QUERY_CAP)
                times[i].append(timed(fns[i])[0])
                signal.alarm(0)
    except TimeoutError:
        return [None for _ in fns]
    finally:
        signal.alarm(0)
    return [statistics.median(t) for t in times]


def set_cap(seconds: int) -> None:
    global QUERY_CAP
    QUERY_CAP = seconds


def queries() -> dict[str, tuple[str, dict]]:
    """name -> (query text, bindings) for every query the benchmark asks."""
    from graph.sparql.canned import read_header
    from graph.sparql.names import expand
    from graph.model.resources import resource_dir
    from store_answers import PER_GRAPH
    asked = {"per_graph": (PER_GRAPH, {}), **{p.stem: (p.read_text(), {}) for p in sorted((HERE / "queries").glob("*.rq"))}}
    for path in sorted(resource_dir("queries").glob("*.rq")):
        params = CANNED_PARAMS.get(path.stem, {})
        asked[f"canned {path.stem}"] = (read_header(path).text, {k: expand(v) for k, v in params.items()})
    return asked


def substituted() -> dict[str, str]:
    """The queries as text that any SPARQL engine takes, parameters in place (graph.parameters)."""
    from graph.sparql.parameters import substitute
    return {name: substitute(text, bound) for name, (text, bound) in queries().items()}


def run_project(data: Path, work: Path, repeat: int) -> dict:
    from graph.data.load import collector_spared, load
    from graph.pipeline.ingest import replace_serialised
    from graph.store import open_store
    from graph.check import shacl_errors

    r: dict = {}
    with collector_spared() as made:  # as `oversight validate` and `oversight build` load and check
        r["load"], loaded = timed(lambda: load(data))
        made()
        r["validate"], errors = timed(lambda: shacl_errors(loaded))
    if errors:  # timings of invalid data would measure something else
        raise SystemExit(f"the generated data has {len(errors)} SHACL errors, the first: {errors[0]}")
    store = open_store(str(work / "store"))  # the graphs as validated, serialised once (as a build does)
    r["store_ingest"], _ = timed(lambda: replace_serialised(store, loaded.payloads.items()))
    r["ingest"] = r["load"] + r["validate"] + r["store_ingest"]
    r["triples"] = len(store.dataset)
    with open(work / "national.nq", "wb") as out:
        store.dataset.store.oxigraph.dump(out, format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    store.close()
    return r


def run_project_queries(work: Path, repeat: int) -> dict:
    import networkx as nx
    from rdflib import URIRef
    from graph.network.chain import oversight_chain
    from graph.sparql.evaluate import evaluate
    from graph.network.projection import project
    from graph.model.namespaces import PREFIXES
    from graph.store import open_store

    r: dict = {"queries": {}, "same_store": {}}
    prefixes, texts = {k: str(v) for k, v in PREFIXES.items()}, substituted()
    with open_store(str(work / "store"), read_only=True) as store:
        ask = {n: (lambda q=q, b=b: list(evaluate(store.dataset, q, b))) for n, (q, b) in queries().items()}
        for name, fn in ask.items():  # raw Oxigraph on the same RocksDB, in turn with the project's call
            raw = lambda q=texts[name]: [tuple(row) for row in store.dataset.store.oxigraph.query(  # noqa: E731
                q, use_default_graph_as_union=True, prefixes=prefixes)]
            r["queries"][name], r["same_store"][name] = capped(fn, raw, repeat=repeat)
        r["rows"] = {n: len(fn()) for n, fn in ask.items()}
        r["projection"], g = timed(lambda: project(store.dataset))
        force = next(n for n in g if str(n).endswith("n_avon_and_somerset_constabulary"))
        iopc = next(n for n in g if str(n).endswith("n_iopc"))
        r["route"], _ = timed(lambda: nx.shortest_path(g.to_undirected(as_view=True), force, iopc), repeat)
        r["chain_first"], steps = timed(lambda: oversight_chain(store.dataset, URIRef(force), g))
        r["chain"], _ = timed(lambda: oversight_chain(store.dataset, URIRef(force), g), repeat)
        r["chain_steps"] = len(steps)
    return r


def run_rdflib(work: Path, repeat: int) -> dict:
    from rdflib import Dataset
    from graph.model.namespaces import PREFIXES
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    r: dict = {}
    r["ingest"], _ = timed(lambda: ds.parse(work / "national.nq", format="nquads"))
    r["queries"] = {n: capped(lambda q=q: list(ds.query(q)), repeat=repeat)[0] for n, q in substituted().items()}
    return r


def run_oxigraph(work: Path, repeat: int) -> dict:
    import pyoxigraph as ox
    from graph.model.namespaces import PREFIXES
    nq, prefixes = str(work / "national.nq"), {k: str(v) for k, v in PREFIXES.items()}
    memory, disk = ox.Store(), ox.Store(str(work / "raw-store"))
    r: dict = {}
    r["ingest"], _ = timed(lambda: memory.load(path=nq, format=ox.RdfFormat.N_QUADS))
    r["disk_ingest"], _ = timed(lambda: (disk.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS), disk.flush()))
    for key, store in (("queries", memory), ("disk_queries", disk)):
        r[key] = {n: capped(lambda q=q: [tuple(row) for row in store.query(q, use_default_graph_as_union=True,
                                                                            prefixes=prefixes)], repeat=repeat)[0]
                  for n, q in substituted().items()}
    return r


def child(kind: str, data: Path, work: Path, repeat: int) -> None:
    r = {"project": lambda: run_project(data, work, repeat),
         "project-queries": lambda: run_project_queries(work, repeat), "rdflib": lambda: run_rdflib(work, repeat),
         "oxigraph": lambda: run_oxigraph(work, repeat)}[kind]()
    r["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(r))


def measure(kind: str, data: Path, work: Path, repeat: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(data), str(work), str(repeat), str(QUERY_CAP)],
                         check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fmt(seconds: float | None) -> str:
    return f">{QUERY_CAP}" if seconds is None else f"{seconds:.3f}"


def table(size: int, res: dict) -> str:
    from whole_process import whole_table
    p, rd, ox = {**res["project"], **res["project-queries"]}, res.get("rdflib"), res["oxigraph"]
    skipped = rd is None
    rd = rd or {"ingest": None, "queries": dict.fromkeys(p["queries"]), "peak_mb": None}
    shown = lambda seconds, digits=1: "not run" if skipped else f"{seconds:.{digits}f}"  # noqa: E731
    ratio = lambda a, b, digits=1: "–" if a is None or b is None or not b else f"{a / b:.{digits}f}x"  # noqa: E731
    lines = [f"#### {p['triples']:,} triples (generated with --triples {size})", "",
             "| step | project (s) | rdflib memory (s) | raw pyoxigraph memory (s) | raw pyoxigraph disk (s) "
             "| raw pyoxigraph, the project's store, in turn (s) "
             "| rdflib / project | project / oxigraph memory | project / oxigraph disk | project / same store |",
             "|---|---|---|---|---|---|---|---|---|---|",
             f"| ingest (project: load {p['load']:.1f} + validate {p['validate']:.1f} + store {p['store_ingest']:.1f}) "
             f"| {p['ingest']:.1f} | {shown(rd['ingest'])} | {ox['ingest']:.1f} | {ox['disk_ingest']:.1f} | "
             f"| {ratio(rd['ingest'], p['ingest'])} | {ratio(p['ingest'], ox['ingest'])} | {ratio(p['ingest'], ox['disk_ingest'])} | |",
             f"| store ingest only | {p['store_ingest']:.2f} | | {ox['ingest']:.2f} | {ox['disk_ingest']:.2f} | | "
             f"| {ratio(p['store_ingest'], ox['ingest'])} | {ratio(p['store_ingest'], ox['disk_ingest'])} | |"]
    for name in p["queries"]:
        a, b, c, d = p["queries"][name], rd["queries"][name], ox["queries"][name], ox["disk_queries"][name]
        e = p["same_store"][name]
        lines.append(f"| query {name} ({p['rows'][name]:,} rows) | {fmt(a)} | {'not run' if skipped else fmt(b)} "
                     f"| {fmt(c)} | {fmt(d)} | {fmt(e)} "
                     f"| {ratio(b, a)} | {ratio(a, c)} | {ratio(a, d)} | {ratio(a, e, 2)} |")
    lines += [f"| networkx projection | {p['projection']:.2f} | | | | |",
              f"| `oversight chain` of a force ({p['chain_steps']} steps, after projection): first, then next | "
              f"{p['chain_first'] * 1000:.1f} ms, {p['chain'] * 1000:.2f} ms | | | | |",
              f"| shortest route force → IOPC (after projection) | {p['route'] * 1000:.2f} ms | | | | |",
              f"| peak memory (MB) | {res['project']['peak_mb']:.0f} (ingest), {res['project-queries']['peak_mb']:.0f} (queries) | {shown(rd['peak_mb'], 0)} | {ox['peak_mb']:.0f} (both stores) | | | | |", ""]
    if "whole" in res:
        lines += [whole_table(res["whole"])]
    return "\n".join(lines)


def main() -> None:
    from rich.console import Console
    from rich.progress import Progress
    from generate_national import generate
    from whole_process import measure_whole

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cap", type=int, default=QUERY_CAP, help="seconds after which a query is cut off")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline (minutes at 1M triples)")
    parser.add_argument("--readme", action="store_true", help="write the tables into benchmarks/README.md")
    args = parser.parse_args()
    set_cap(args.cap)
    console = Console(stderr=True)
    tables = []
    with Progress(console=console, disable=not console.is_interactive) as progress:
        kinds = ("project", "project-queries", *(() if args.no_rdflib else ("rdflib",)), "oxigraph")
        task = progress.add_task("benchmark", total=len(args.triples) * (len(kinds) + 2))
        for size in args.triples:
            with tempfile.TemporaryDirectory() as tmp:
                data, work = Path(tmp) / "data", Path(tmp)
                generate(data, size)
                progress.advance(task)
                res = {}
                for kind in kinds:
                    progress.update(task, description=f"{size:,}: {kind}")
                    res[kind] = measure(kind, data, work, args.repeat)
                    progress.advance(task)
                progress.update(task, description=f"{size:,}: whole processes")
                res["whole"] = measure_whole(data, work / "national.nq", work, args.repeat)
                progress.advance(task)
            tables.append(table(size, res))
            print(tables[-1], flush=True)
    if args.readme:
        write_readme(args, tables)


BEGIN, END = "<!-- national tables: written by bench_national.py --readme -->", "<!-- end of national tables -->"


def write_readme(args: argparse.Namespace, tables: list[str]) -> None:
    """Replace the tables in benchmarks/README.md, keeping the text written around them."""
    command = (f"python benchmarks/bench_national.py --readme --repeat {args.repeat} --cap {args.cap} "
               + ("--no-rdflib " if args.no_rdflib else "") + "--triples "
               + " ".join(map(str, args.triples)))
    block = f"{BEGIN}\n\nMeasured with `{command}`.\n\n" + "\n".join(tables) + f"\n{END}"
    readme = HERE / "README.md"
    text = readme.read_text()
    if BEGIN in text and END in text:
        text = text.split(BEGIN)[0] + block + text.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n## National scale\n\n" + block + "\n"
    readme.write_text(text)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        set_cap(int(sys.argv[6]))
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]))
    else:
        main()
