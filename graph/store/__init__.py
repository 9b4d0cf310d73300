"""Where the graph lives: in memory, in an embedded Oxigraph folder, or at a SPARQL endpoint.

`open_store(spec)` returns a `Store` whose `dataset` is an ordinary rdflib `Dataset`, so code
reads the graph through one API whatever the backend, while SPARQL runs natively in Oxigraph
or at the endpoint. Opening a store for asking imports nothing of the loader or the build;
filling one is the build's work (graph.pipeline.ingest).
"""
from __future__ import annotations

import urllib.parse
from pathlib import Path

from graph.store.base import MANIFEST, STORE, Payload, Store, union_dataset
from graph.store.embedded import EmbeddedStore, in_oxigraph, oxigraph_dataset, trig_dataset, with_history
from graph.store.endpoint import EndpointStore
from graph.store.memory import MemoryStore

__all__ = ["open_store", "store_folder", "Store", "MemoryStore", "EmbeddedStore", "EndpointStore", "Payload",
           "MANIFEST", "STORE", "in_oxigraph", "oxigraph_dataset", "union_dataset", "with_history", "trig_dataset"]


def open_store(spec: str, read_only: bool = False) -> Store:
    """Open `"memory"`, a directory path, or `sparql+http(s)://[user:pw@]host/path[?update=URL]`."""
    folder = store_folder(spec)
    if folder is not None:
        return EmbeddedStore(folder, read_only=read_only)
    if spec == "memory":
        return MemoryStore()
    url = urllib.parse.urlsplit(spec.removeprefix("sparql+"))
    params = urllib.parse.parse_qs(url.query)
    update = params.pop("update", [None])[0]
    auth = (urllib.parse.unquote(url.username), urllib.parse.unquote(url.password or "")) \
        if url.username else None
    netloc = url.hostname + (f":{url.port}" if url.port else "")  # type: ignore[operator]
    query = urllib.parse.urlunsplit(
        (url.scheme, netloc, url.path, urllib.parse.urlencode(params, doseq=True), ""))
    return EndpointStore(query, update or query, auth)


def store_folder(spec: str) -> Path | None:
    """The folder `spec` names for an embedded store, or None (memory, an endpoint)."""
    return None if spec == "memory" or spec.startswith(("sparql+http://", "sparql+https://")) else Path(spec)
