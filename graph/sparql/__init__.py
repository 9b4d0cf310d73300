"""SPARQL over the dataset: the one way in for the CLI, the API and the endpoint.

prepare (parse once, policy), parameters and values (bound terms, never pasted text),
evaluate (the store's own engine), formats (result formats, content negotiation), canned
(the queries of examples/), names (what people type, resolved to IRIs), rdflib_fix (the one
workaround of an rdflib bug).
"""
