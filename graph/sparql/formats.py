"""Result formats of the SPARQL endpoint and the content negotiation that picks one.

rdflib writes SPARQL JSON and CSV; its TSV writer does not exist and its XML writer drops
every literal whose value is false, 0 or empty (RDFLib issue 3138, fixed upstream but not
released in any rdflib up to 7.6: `og:substantiated false` came out as an empty element).
So `tsv_results` and `xml_results` follow the SPARQL 1.1 specs themselves;
tests/sparql/test_formats.py fails once rdflib's XML writer is right, and `xml_results` can
then go. Formats are keyed by the media type they are served as.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.query import Result

from graph.store.terms import nt_term

# media type: rdflib serializer name (None: our own writer)
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": None,
    "text/csv": "csv",
    "text/tab-separated-values": None,
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
    "application/rdf+xml": "xml",
}
"""Formats for one graph (CONSTRUCT, DESCRIBE); the first is the default."""
DATASET_TYPES = {**GRAPH_TYPES, "application/n-quads": "nquads"}
"""Formats for dereferenced IRIs, whose quads keep their graph names in TriG and N-Quads."""
HTML = "text/html"

# Other names clients use for the same formats, and the `format=` shortcuts.
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/x-json+ld": "application/ld+json",
}
_SHORT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",), "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",), "ttl": ("text/turtle",),
    "nt": ("application/n-triples",), "ntriples": ("application/n-triples",),
    "json-ld": ("application/ld+json",), "jsonld": ("application/ld+json",),
    "trig": ("application/trig",), "nquads": ("application/n-quads",),
    "rdfxml": ("application/rdf+xml",), "rdf+xml": ("application/rdf+xml",),
    "html": (HTML,),
}


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """-1 if this range does not match `media_type`, else how precisely it does."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def _parse_accept(header: str) -> list[_Range]:
    ranges = []
    for item in header.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if not media:
            continue
        media = _ALIASES.get(media.lower(), media.lower())
        main, _, sub = media.partition("/")
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(_Range(main, sub or "*", q))
    return ranges


def negotiate(accept: str | None, offered: list[str], shortcuts: list[str] = ()) -> str | None:
    """The offered media type the client prefers, or None (406) when none is acceptable.

    `shortcuts` are `format=` values (SPARQLWrapper sends `json`, `tsv` or a media type);
    the first one that names an offered type wins over Accept. With no Accept header, or
    with equal q-values, the order of `offered` decides.
    """
    for value in shortcuts:
        value = value.strip().lower()
        for media in _SHORT_NAMES.get(value, (_ALIASES.get(value, value),)):
            if media in offered:
                return media
    if not accept:
        return offered[0]
    ranges = _parse_accept(accept)
    best, best_q = None, 0.0
    for media in offered:
        matching = [(r.specificity(media), r.q) for r in ranges if r.specificity(media) >= 0]
        q = max(matching)[1] if matching else 0.0
        if q > best_q:
            best, best_q = media, q
    return best


def tsv_results(result: Result) -> bytes:
    """SELECT results as SPARQL 1.1 TSV: a `?var` header, then one row per solution."""
    lines = ["\t".join(f"?{var}" for var in result.vars)]
    for row in result:
        lines.append("\t".join("" if value is None else nt_term(value) for value in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def xml_results(result: Result) -> bytes:
    """SELECT or ASK results as SPARQL Query Results XML, every term written."""
    head = "".join(f"<variable name={quoteattr(str(var))}/>" for var in result.vars or ())
    if result.type == "ASK":
        body = f"<boolean>{str(bool(result.askAnswer)).lower()}</boolean>"
    else:
        rows = ("<result>" + "".join(f"<binding name={quoteattr(str(var))}>{_xml_term(value)}</binding>"
                                     for var, value in zip(result.vars, row) if value is not None) + "</result>"
                for row in result)
        body = "<results>" + "".join(rows) + "</results>"
    return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head>{body}</sparql>\n").encode("utf-8")


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(term)}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(term)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
        if term.datatype and term.datatype != XSD.string:
            return f"<literal datatype={quoteattr(term.datatype)}>{escape(str(term))}</literal>"
        return f"<literal>{escape(str(term))}</literal>"
    raise TypeError(f"not an RDF term: {term!r}")


def json_results(result: Result) -> bytes:
    """SELECT or ASK results as SPARQL 1.1 JSON. A plain literal is written as one: Oxigraph
    types every simple literal xsd:string (RDF 1.1), which rdflib's writer spelt out, so that
    the query page showed "Thames Valley Police"^^xsd:string."""
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}).encode("utf-8")

    def term(value) -> dict:
        if isinstance(value, URIRef):
            return {"type": "uri", "value": str(value)}
        if isinstance(value, BNode):
            return {"type": "bnode", "value": str(value)}
        out = {"type": "literal", "value": str(value)}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype and value.datatype != XSD.string:
            out["datatype"] = str(value.datatype)
        return out
    variables = [str(v) for v in result.vars or ()]
    bindings = [{var: term(value) for var, value in zip(variables, row) if value is not None} for row in result]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


_OWN_WRITERS = {"application/sparql-results+xml": xml_results, "text/tab-separated-values": tsv_results,
                "application/sparql-results+json": json_results}


def serialize_result(result: Result, media_type: str) -> bytes:
    """SELECT or ASK results in the negotiated media type."""
    if media_type in _OWN_WRITERS:
        return _OWN_WRITERS[media_type](result)
    return result.serialize(format=RESULT_TYPES[media_type], encoding="utf-8")
