"""Bounded load test of `oversight serve`: concurrent clients on loopback for a fixed time.

Starts the server in a child process on 127.0.0.1 (a free port) over a synthetic dataset
shaped like the loader's output, runs N asyncio clients with httpx for D seconds, and
prints requests served, errors and latency percentiles. Exits 1 on any error. The clients
share one address, 127.0.0.1, so the server counts them as one client: at most its
per-client share of the workers runs at once (graph.serve.isolate), the rest wait.

    .venv/bin/python benchmarks/load_server.py --clients 8 --seconds 10 --actors 2000
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import statistics
import sys
import time

import httpx

ID = "https://w3id.org/oversight-graph/id/"
QUERIES = [
    "SELECT ?s ?o WHERE { ?s og:wroteTo ?o } LIMIT 50",
    "SELECT ?status (COUNT(*) AS ?n) WHERE { ?st og:claimStatus ?status } GROUP BY ?status",
    "ASK { id:actor-1 og:wroteTo ?x }",
    "CONSTRUCT { id:actor-7 ?p ?o } WHERE { id:actor-7 ?p ?o }",
]


def synthetic_dataset(actors: int):
    """`actors` actors in a chain of og:wroteTo facts, each with its reified statement."""
    from rdflib import Dataset, Literal, URIRef
    from graph.model.namespaces import ID as IDNS, OG, PROV, RDF, RDFS, SOURCE

    dataset = Dataset(default_union=True)
    source = dataset.graph(URIRef("https://w3id.org/oversight-graph/graph/000"))
    for i in range(actors):
        actor, other, st = IDNS[f"actor-{i}"], IDNS[f"actor-{(i + 1) % actors}"], IDNS[f"st-{i}"]
        source.add((actor, RDFS.label, Literal(f"Actor {i}")))
        source.add((actor, OG.wroteTo, other))
        for p, o in [(RDF.type, OG.Statement), (RDF.subject, actor), (RDF.predicate, OG.wroteTo),
                     (RDF.object, other), (OG.claimStatus, OG.Reported if i % 3 else OG.Alleged),
                     (OG.paragraph, Literal(i % 30)), (PROV.wasDerivedFrom, SOURCE["000"])]:
            source.add((st, p, o))
    return dataset


def _serve(port: int, actors: int) -> None:
    from graph.serve import run_server
    run_server(synthetic_dataset(actors), host="127.0.0.1", port=port, log_level="warning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _client(base: str, deadline: float, latencies: list[float], errors: list[str], n: int):
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        i = n
        while time.monotonic() < deadline:
            i += 1
            started = time.monotonic()
            if i % 5 == 4:
                response = await client.get(f"/id/actor-{i % 100}", headers={"accept": "text/turtle"})
            else:
                response = await client.get("/sparql", params={"query": QUERIES[i % len(QUERIES)]})
            latencies.append(time.monotonic() - started)
            if response.status_code != 200:
                errors.append(f"{response.status_code} {response.text[:120]}")


async def _load(base: str, clients: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(_client(base, deadline, latencies, errors, n) for n in range(clients)))
    return latencies, errors


def _wait_until_up(base: str, server: multiprocessing.Process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.is_alive():
        try:
            httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--actors", type=int, default=2000, help="size of the synthetic dataset")
    args = parser.parse_args()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = multiprocessing.get_context("spawn").Process(target=_serve, args=(port, args.actors))
    server.start()
    try:
        _wait_until_up(base, server)
        latencies, errors = asyncio.run(_load(base, args.clients, args.seconds))
    finally:
        server.terminate()
        server.join()
    cuts = statistics.quantiles(latencies, n=100)
    print(f"clients={args.clients} seconds={args.seconds:g} actors={args.actors} "
          f"(about {args.actors * 9} triples)")
    print(f"requests={len(latencies)} ({len(latencies) / args.seconds:.0f}/s) errors={len(errors)}")
    print(f"latency p50={cuts[49] * 1000:.1f} ms p90={cuts[89] * 1000:.1f} ms "
          f"p99={cuts[98] * 1000:.1f} ms")
    for line in errors[:5]:
        print("error:", line, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
