"""A tiny dataset shaped like the loader's output, and a live server on loopback for tests."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from rdflib import Dataset

from graph.serve import make_app

TRIG = """
@prefix og: <https://w3id.org/oversight-graph/ontology#> .
@prefix id: <https://w3id.org/oversight-graph/id/> .
@prefix src: <https://w3id.org/oversight-graph/source/> .
@prefix g: <https://w3id.org/oversight-graph/graph/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

g:reference {
  id:tvp a og:PoliceForce ; rdfs:label "Thames Valley Police" .
  id:stansfeld a og:PoliceAndCrimeCommissioner ; rdfs:label "Anthony Stansfeld" ;
      og:oversees id:tvp .
}
g:000 {
  id:leadsom a og:MemberOfParliament ; rdfs:label "Andrea Leadsom" .
  id:leadsom og:wroteTo id:stansfeld .
  id:st-000-7 a og:Statement ; rdf:subject id:leadsom ; rdf:predicate og:wroteTo ;
      rdf:object id:stansfeld ; og:claimStatus og:Reported ; og:paragraph 2, 9 ;
      prov:wasDerivedFrom src:000 .
  id:evil a og:Person ; rdfs:label "<script>alert('pwned')</script><img src=x onerror=alert(1)>" .
  id:evil og:wroteTo id:stansfeld .
  id:st-000-8 a og:Statement ; rdf:subject id:evil ; rdf:predicate og:wroteTo ;
      rdf:object id:stansfeld ; og:claimStatus og:Alleged ; og:paragraph 3 ;
      og:source src:000 ; og:attributedTo id:leadsom .
}
g:001 {
  id:iopc a og:OversightBody ; rdfs:label "Independent Office for Police Conduct" .
  id:iopc og:oversees id:tvp .
}
<https://w3id.org/oversight-graph/graph/ontology> {
  <https://w3id.org/oversight-graph/ontology> a <http://www.w3.org/2002/07/owl#Ontology> ;
      rdfs:label "Oversight Graph ontology" .
  og:wroteTo rdfs:isDefinedBy <https://w3id.org/oversight-graph/ontology> .
}
g:meta {
  src:000 dcterms:title "Source article 000" .
  og:Reported a skos:Concept ; skos:notation "reported" ; rdfs:label "reported" .
  og:Alleged a skos:Concept ; skos:notation "alleged" ; rdfs:label "alleged" .
  og:wroteTo rdfs:label "wrote to" .
}
"""


def small_dataset(filler: int = 0) -> Dataset:
    """The dataset above, plus `filler` extra triples (for deliberately slow queries)."""
    dataset = Dataset(default_union=True)
    dataset.parse(data=TRIG, format="trig")
    if filler:
        from rdflib import Literal, URIRef
        bulk = dataset.graph(URIRef("https://w3id.org/oversight-graph/graph/bulk"))
        for i in range(filler):
            bulk.add((URIRef(f"https://w3id.org/oversight-graph/id/n{i}"),
                      URIRef("https://w3id.org/oversight-graph/ontology#value"), Literal(i)))
    return dataset


@contextmanager
def live_server(dataset: Dataset, queries_dir: Path | None = None, **kw):
    """Yield the base URL of a server on 127.0.0.1 at a free port; stop it afterwards."""
    app = make_app(dataset, queries_dir=queries_dir, **kw)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def small_dataset_on(engine: str, folder: Path) -> Dataset:
    """The small dataset held by rdflib in memory, or loaded into an embedded Oxigraph store in
    `folder`: the two engines the endpoint runs on."""
    if engine == "rdflib":
        return small_dataset()
    from graph.pipeline.ingest import replace_graphs
    from graph.store import open_store
    store = open_store(str(folder))
    replace_graphs(store, {g.identifier: g for g in small_dataset().graphs() if len(g)})
    return store.dataset
