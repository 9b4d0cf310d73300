"""Time graph.views.render_view against pyvis's own Network().from_nx(g) + write_html.

Synthetic graphs in the shape graph.network.project produces: 1k, 5k and 20k nodes, 1.5 edges
per node, seeded. Both run in this process, one after the other, on the same graph. pyvis
gets a time limit (a worker process is killed when it runs out), since its add_edge scans all
edges and from_nx grows quadratically. With --browser, also the time until our page has
drawn in Debian's headless Chromium (/usr/bin/chromium, driven by Playwright). Prints a
Markdown table.

    .venv/bin/python benchmarks/bench_views.py [--sizes 1000 5000 20000] [--pyvis-limit 180] [--browser]
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from graph.views.render import render_view

CLASSES = ["PoliceForce", "Person", "OversightBody", "PoliceAndCrimeCommissioner", "Event",
           "Letter", "Court", "Finding"]
RELATIONS = ["wroteTo", "investigated", "oversees", "accountableTo", "complainedAbout"]
STATUSES = ["reported", "stated", "alleged", "found", "denied", "disputed", "reference"]


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        cls = rng.choice(CLASSES)
        iri = f"https://w3id.org/oversight-graph/id/n{i}"
        g.add_node(iri, iri=iri, id=f"n{i}", label=f"{cls} {i}", cls=cls, cls_label=cls)
    nodes = list(g)
    for _ in range(n * 3 // 2):
        relation, source = rng.choice(RELATIONS), rng.randrange(50)
        g.add_edge(rng.choice(nodes), rng.choice(nodes), relation=relation, relation_label=relation,
                   status=rng.choice(STATUSES),
                   sources=[{"source": f"{source:03}", "title": f"Source {source}",
                             "paragraphs": [rng.randrange(1, 60)]}])
    return g


def time_ours(g: nx.MultiDiGraph, out: Path) -> float:
    start = time.perf_counter()
    render_view(g, out, title="benchmark")
    return time.perf_counter() - start


def _pyvis(n: int, out: str, result) -> None:
    from pyvis.network import Network

    g = synthetic(n)
    start = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(g)
    net.write_html(out)
    result.put(time.perf_counter() - start)


def time_pyvis(n: int, out: Path, limit: float) -> float | None:
    """pyvis's time in a worker process, or None if it ran past `limit` seconds and was killed."""
    result: multiprocessing.Queue = multiprocessing.Queue()
    worker = multiprocessing.Process(target=_pyvis, args=(n, str(out), result))
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        worker.kill()
        worker.join()
        return None
    return result.get()


def time_browser(page: Path) -> float:
    """Seconds from opening the file to vis-network's first drawing (or settling, with physics)."""
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        start = time.perf_counter()
        tab.goto(page.as_uri())
        tab.wait_for_function("() => window.ogView && window.ogView.ready", timeout=600_000)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--pyvis-limit", type=float, default=180.0, help="seconds (default 180)")
    parser.add_argument("--browser", action="store_true", help="also time our page in Chromium")
    args = parser.parse_args()
    browser = " Chromium first drawing (s) |" if args.browser else ""
    print(f"| nodes | edges | render_view (s) | size (MB) | pyvis from_nx + write_html (s) | pyvis / ours |{browser}")
    print("|---:|---:|---:|---:|---:|---:|" + ("---:|" if args.browser else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            g = synthetic(n)
            ours = time_ours(g, Path(tmp) / "ours.html")
            size = (Path(tmp) / "ours.html").stat().st_size / 1e6
            theirs = time_pyvis(n, Path(tmp) / "pyvis.html", args.pyvis_limit)
            shown = f"{theirs:.2f}" if theirs is not None else f"> {args.pyvis_limit:.0f} (stopped)"
            ratio = f"{theirs / ours:.0f}x" if theirs is not None else f"> {args.pyvis_limit / ours:.0f}x"
            drawn = f" {time_browser(Path(tmp) / 'ours.html'):.1f} |" if args.browser else ""
            print(f"| {n:,} | {g.number_of_edges():,} | {ours:.2f} | {size:.1f} | {shown} | {ratio} |{drawn}",
                  flush=True)


if __name__ == "__main__":
    main()
