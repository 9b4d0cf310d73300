"""Bounded load test of `oversight serve`: concurrent clients on loopback for a fixed time.

Starts the server in a child process on 127.0.0.1 (a free port) over a synthetic dataset
shaped like the loader's output or, with --store, over an embedded Oxigraph store opened
read-only as `oversight serve --store DIR` opens it (e.g. the national data that
generate_national.py writes and `oversight build` stores), runs N asyncio clients with
httpx for D seconds, and prints the data served, requests served, errors and latency
percentiles. Exits 1 on any error (any status but 200, or no answer within 30 s). The
clients share one address, 127.0.0.1, so the server counts them as one client: at most its
per-client share of the workers runs at once (graph.serve.isolate), the rest wait.

    .venv/bin/python benchmarks/load_server.py --clients 8 --seconds 10 --actors 2000
    .venv/bin/python benchmarks/load_server.py --clients 8 --seconds 10 --store out/store
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import statistics
import sys
import time
from dataclasses import dataclass

import httpx

ID = "https://w3id.org/oversight-graph/id/"
QUERIES = [
    "SELECT ?s ?o WHERE { ?s og:wroteTo ?o } LIMIT 50",
    "SELECT ?status (COUNT(*) AS ?n) WHERE { ?st og:claimStatus ?status } GROUP BY ?status",
    "ASK { id:actor-1 og:wroteTo ?x }",
    "CONSTRUCT { id:actor-7 ?p ?o } WHERE { id:actor-7 ?p ?o }",
]
QUERY_KINDS = ["select", "group-by", "ask", "construct"]

# With --store: questions about one police force at a time (FORCE), in turn over every force
# of the store, as people ask them of the national data.
STORE_QUERIES = [
    ("select", "SELECT ?complaint ?date ?category WHERE { ?complaint a og:Complaint ; "
               "og:recipient FORCE ; og:date ?date ; og:category ?category } "
               "ORDER BY DESC(?date) ?complaint LIMIT 50"),
    ("ask", "ASK { FORCE og:refersCasesTo ?body ; og:accountableTo/og:scrutinisedBy ?panel }"),
    ("describe", "DESCRIBE FORCE"),
    ("canned", None),  # examples/queries/actor_facts.rq with ?actor bound to the force
    ("group-by", "SELECT ?category ?outcome (COUNT(DISTINCT ?finding) AS ?findings) WHERE { "
                 "?complaint a og:Complaint ; og:recipient FORCE ; og:category ?category ; "
                 "og:partOfCase ?case . "
                 "?onCase rdf:subject ?finding ; rdf:predicate og:partOfCase ; rdf:object ?case . "
                 "?found rdf:subject ?finding ; rdf:predicate og:outcome ; rdf:object ?outcome ; "
                 "og:claimStatus/skos:notation \"found\" } "
                 "GROUP BY ?category ?outcome ORDER BY ?category ?outcome"),
]


@dataclass(frozen=True)
class Request:
    kind: str
    path: str
    params: dict[str, str]
    accept: str | None = None


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


def _serve(port: int, actors: int, store: str | None) -> None:
    from graph.serve import run_server
    if store is None:
        dataset = synthetic_dataset(actors)
    else:  # as `oversight serve --store DIR` opens it: read-only
        from graph.cli.common import open_dataset
        dataset = open_dataset(None, store)
    run_server(dataset, host="127.0.0.1", port=port, log_level="warning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def synthetic_request(i: int) -> Request:
    if i % 5 == 4:
        return Request("turtle", f"/id/actor-{i % 100}", {}, "text/turtle")
    return Request(QUERY_KINDS[i % len(QUERIES)], "/sparql", {"query": QUERIES[i % len(QUERIES)]})


class StoreMix:
    """The requests of --store: the queries of STORE_QUERIES about one force after another and,
    every fifth request, a dereferenced entity (a complaint, every fourth time a force), as
    Turtle and as its HTML page in turn."""

    def __init__(self, forces: list[str], complaints: list[str]):
        from rdflib import URIRef
        from graph.sparql.canned import find_canned
        from graph.sparql.parameters import substitute
        canned = find_canned("actor_facts")
        self.forces, self.complaints = forces, complaints
        self.canned = {f: substitute(canned.text, {"actor": URIRef(f)}) for f in forces}

    def __call__(self, i: int) -> Request:
        if i % 5 == 4:
            n = i // 5
            entity = self.forces[n // 4 % len(self.forces)] if n % 4 == 3 else \
                self.complaints[n * 37 % len(self.complaints)]
            kind, accept = ("turtle", "text/turtle") if n % 2 == 0 else ("html", "text/html")
            return Request(kind, "/id/" + entity.removeprefix(ID), {}, accept)
        j = i - i // 5  # the how-manieth query
        kind, text = STORE_QUERIES[j % len(STORE_QUERIES)]
        force = self.forces[j // len(STORE_QUERIES) % len(self.forces)]
        query = self.canned[force] if text is None else text.replace("FORCE", f"<{force}>")
        return Request(kind, "/sparql", {"query": query})


async def _client(base: str, deadline: float, make, latencies: dict[str, list[float]],
                  errors: list[str], n: int):
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        i = n
        while time.monotonic() < deadline:
            i += 1
            request = make(i)
            headers = {"accept": request.accept} if request.accept else {}
            started = time.monotonic()
            try:
                response = await client.get(request.path, params=request.params, headers=headers)
                status, text = response.status_code, response.text
            except httpx.HTTPError as problem:
                status, text = type(problem).__name__, str(problem)
            latencies.setdefault(request.kind, []).append(time.monotonic() - started)
            if status != 200:
                errors.append(f"{status} {request.kind} {request.path} "
                              f"{request.params.get('query', '')[:80]!r}: {text[:200]}")


async def _load(base: str, make, clients: int, seconds: float) -> tuple[dict[str, list[float]], list[str]]:
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(_client(base, deadline, make, latencies, errors, n) for n in range(clients)))
    return latencies, errors


def _wait_until_up(base: str, server: multiprocessing.Process) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.is_alive():
        try:
            httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _select(base: str, query: str) -> list[str]:
    """The values of the first column of a SELECT, asked of the server before the load."""
    response = httpx.get(base + "/sparql", params={"query": query}, timeout=60,
                         headers={"accept": "application/sparql-results+json"})
    response.raise_for_status()
    body = response.json()
    column = body["head"]["vars"][0]
    return [row[column]["value"] for row in body["results"]["bindings"]]


def _triples(base: str) -> int:
    """The triples served, the store's manifest of graphs left out (it is not data)."""
    from graph.store import MANIFEST
    return int(_select(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                             f"FILTER(?g != <{MANIFEST}>) }}")[0])


def _store_mix(base: str) -> StoreMix:
    forces = _select(base, "SELECT ?f WHERE { ?f a og:PoliceForce } ORDER BY ?f")
    complaints = _select(base, "SELECT ?c WHERE { ?c a og:Complaint } ORDER BY ?c")
    if not forces or not complaints:
        raise SystemExit("--store: the store holds no og:PoliceForce or og:Complaint to ask about "
                         "(expected the national data of benchmarks/generate_national.py)")
    return StoreMix(forces, complaints)


def _warm_up(base: str, mix: StoreMix) -> float:
    """The first HTML page makes the server's network projection (once); not timed in the load."""
    started = time.monotonic()
    response = httpx.get(base + "/id/" + mix.forces[0].removeprefix(ID),
                         headers={"accept": "text/html"}, timeout=300)
    response.raise_for_status()
    return time.monotonic() - started


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--actors", type=int, default=2000, help="size of the synthetic dataset")
    parser.add_argument("--store", metavar="DIR",
                        help="serve this embedded Oxigraph store (read-only) instead of synthetic data")
    args = parser.parse_args()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = multiprocessing.get_context("spawn").Process(target=_serve, args=(port, args.actors, args.store))
    started = time.monotonic()
    server.start()
    try:
        _wait_until_up(base, server)
        up = time.monotonic() - started
        triples = _triples(base)
        if args.store:
            mix = _store_mix(base)
            print(f"data: store {args.store}, {triples} triples, {len(mix.forces)} forces, "
                  f"{len(mix.complaints)} complaints; server up in {up:.1f} s; first entity page "
                  f"(makes the network projection) {_warm_up(base, mix):.1f} s")
            make = mix
        else:
            print(f"data: synthetic, {args.actors} actors, {triples} triples; server up in {up:.1f} s")
            make = synthetic_request
        latencies, errors = asyncio.run(_load(base, make, args.clients, args.seconds))
    finally:
        server.terminate()
        server.join(10)
        if server.is_alive():
            server.kill()
            server.join()
    every = [t for times in latencies.values() for t in times]
    cuts = statistics.quantiles(every, n=100)
    print(f"clients={args.clients} seconds={args.seconds:g}")
    print(f"requests={len(every)} ({len(every) / args.seconds:.0f}/s) errors={len(errors)}")
    print(f"latency p50={cuts[49] * 1000:.1f} ms p90={cuts[89] * 1000:.1f} ms "
          f"p99={cuts[98] * 1000:.1f} ms")
    print("median by kind: " + ", ".join(f"{kind} {_ms(statistics.median(times))} ({len(times)})"
                                         for kind, times in sorted(latencies.items())))
    for line in errors[:5]:
        print("error:", line, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
