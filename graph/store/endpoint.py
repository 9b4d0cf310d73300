"""Any SPARQL 1.1 Query/Update endpoint as a store (Virtuoso, Fuseki, GraphDB, Oxigraph server…)."""
from __future__ import annotations

from rdflib import URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from graph.store.base import Replacement, Store, manifest_update, union_dataset

CHUNK = 2000
"""Triples per INSERT DATA operation: Virtuoso 7.2's SPARQL parser runs out of stack near 5000
in one operation, but takes many such operations in one (still atomic) request."""


class EndpointStore(Store):
    """Each source is replaced by one update request (DROP SILENT GRAPH, INSERT DATA in chunks,
    and its manifest entry), which Virtuoso and Fuseki apply atomically. A build killed between
    two sources leaves each source either old or new, never half-written, and its hash
    says which, so re-running converges. Atomicity across sources is not offered.
    The endpoint must use the union of named graphs as default graph (Virtuoso does;
    Fuseki needs `tdb2:unionDefaultGraph true`) for plain queries to see the data.
    """

    def __init__(self, query_url: str, update_url: str, auth: tuple[str, str] | None) -> None:
        self._sparql = SPARQLUpdateStore(
            query_endpoint=query_url, update_endpoint=update_url, auth=auth,
            # Form-encoded POST: every endpoint takes it, and Virtuoso 7.2 hangs on a POST
            # of application/sparql-query; GET would cap the length of a query.
            # JSON results: asked for XML, Virtuoso may answer with an RDF/XML result graph.
            context_aware=True, method="POST_FORM", returnFormat="json",
        )
        self.dataset = union_dataset(self._sparql)

    def apply(self, replace: Replacement, drop: set[URIRef]) -> None:
        ready = list(replace)  # every graph serialised (and checked) before the first request
        for name in drop:
            self._update(manifest_update({}, {name}, drop_graphs=True))
        for name, payload in ready:
            lines = payload.ntriples.decode().splitlines()
            plain = [line for line in lines if "_:" not in line]
            # Virtuoso rejects blank nodes in INSERT DATA; a template keeps them, and one
            # operation keeps each blank node one node (labels are scoped per operation).
            blank = [line for line in lines if "_:" in line]
            ops = [f"DROP SILENT GRAPH <{name}>"]
            ops += [f"INSERT DATA {{ GRAPH <{name}> {{\n" + "\n".join(plain[i:i + CHUNK]) + "\n} }"
                    for i in range(0, len(plain), CHUNK)]
            if blank:
                ops.append(f"INSERT {{ GRAPH <{name}> {{\n" + "\n".join(blank) + "\n} } WHERE {}")
            ops.append(manifest_update({name: payload}, set()))
            self._update(" ;\n".join(ops))

    def _update(self, request: str) -> None:
        """Send one update request; rdflib would otherwise resend a failed one with the next."""
        try:
            self._sparql.update(request)
        except Exception:
            self._sparql.rollback()
            raise
