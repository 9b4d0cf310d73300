"""What the web app's home, search and source pages show, read with fixed SPARQL queries.

No text a visitor sends ever reaches a query: completion filters, in Python, the names one
fixed query listed; a source page binds the document's IRI as a term (`evaluate` bindings),
built from an identifier checked against SOURCE_ID.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Dataset, URIRef
from rdflib.term import Node

from graph.model.namespaces import DCTERMS, RDF, SOURCE
from graph.sparql.evaluate import evaluate

SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
"""A source document's identifier, as its IRI src:<id> ends."""
MAX_QUERY = 200
"""Longest search text accepted (a name, not a document)."""

_NAMES = """
SELECT ?x ?label ?alias WHERE {
  ?x rdfs:label ?label .
  FILTER(STRSTARTS(STR(?x), STR(id:)))
  OPTIONAL { ?x og:alias ?alias }
}
"""
_SOURCES = """
SELECT ?src ?title ?date WHERE {
  ?src dcterms:title ?title FILTER(STRSTARTS(STR(?src), STR(src:)))
  OPTIONAL { ?src dcterms:date|dcterms:issued|schema:datePublished ?date }
}
"""
_ABOUT_SOURCE = "SELECT ?p ?o WHERE { ?src ?p ?o FILTER(?p != og:mentions) }"
_FACTS = """
SELECT ?st ?s ?p ?o ?status ?para WHERE {
  ?st og:source|prov:wasDerivedFrom ?src ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?st og:claimStatus/skos:notation ?status }
  OPTIONAL { ?st og:paragraph ?para }
}
"""


@dataclass
class Name:
    iri: str
    label: str
    aliases: list[str] = field(default_factory=list)


def names(dataset: Dataset) -> list[Name]:
    """Every labelled resource of the data with its aliases, by label."""
    found: dict[str, Name] = {}
    for row in evaluate(dataset, _NAMES):
        name = found.setdefault(str(row.x), Name(str(row.x), str(row.label)))
        if row.alias is not None and str(row.alias) not in name.aliases:
            name.aliases.append(str(row.alias))
    return sorted(found.values(), key=lambda n: n.label.lower())


def complete(index: list[Name], text: str, limit: int = 10) -> list[tuple[Name, str]]:
    """Names whose label or an alias holds `text` (any case), with the name matched: those
    that start with it first."""
    wanted = text.strip().lower()
    if not wanted:
        return []
    hits = []
    for name in index:
        for said in [name.label, *name.aliases]:
            position = said.lower().find(wanted)
            if position >= 0:
                hits.append(((position != 0, position, said.lower()), name, said))
                break
    return [(name, said) for _, name, said in sorted(hits, key=lambda h: h[0])[:limit]]


@dataclass
class Source:
    iri: str
    ident: str
    """The end of its IRI, src:<ident>: where its page is."""
    title: str
    date: str


def sources(dataset: Dataset) -> list[Source]:
    """The source documents, newest first where dated, then by number, newest first (the
    numbered documents before the project's reference compilations)."""
    found = {}
    for r in evaluate(dataset, _SOURCES):
        ident = str(r.src)[len(str(SOURCE)):]
        found.setdefault(str(r.src), Source(str(r.src), ident, str(r.title), str(r.date or "")))
    return sorted(found.values(), key=lambda s: (s.date, s.ident.isdigit(), s.ident), reverse=True)


@dataclass
class Fact:
    subject: Node
    predicate: Node
    object: Node
    status: str


@dataclass
class SourcePage:
    iri: URIRef
    metadata: list[tuple[Node, Node]]
    by_paragraph: dict[int | None, list[Fact]]


def source_iri(ident: str) -> URIRef | None:
    return URIRef(SOURCE[ident]) if SOURCE_ID.fullmatch(ident) else None


def source_page(dataset: Dataset, iri: URIRef) -> SourcePage | None:
    """A source's metadata and every fact drawn from it, by paragraph (None: no paragraph
    recorded); None if the dataset has no such source."""
    first = (DCTERMS.title, RDF.type, DCTERMS.publisher)
    metadata = sorted(((r.p, r.o) for r in evaluate(dataset, _ABOUT_SOURCE, {"src": iri})),
                      key=lambda po: (first.index(po[0]) if po[0] in first else len(first), str(po)))
    if not metadata:
        return None
    statements: dict[str, tuple[Fact, set[int]]] = {}
    for r in evaluate(dataset, _FACTS, {"src": iri}):
        fact, paragraphs = statements.setdefault(str(r.st), (Fact(r.s, r.p, r.o, str(r.status or "")), set()))
        if r.para is not None:
            paragraphs.add(int(r.para))
    by_paragraph: dict[int | None, list[Fact]] = defaultdict(list)
    for fact, paragraphs in statements.values():
        for paragraph in sorted(paragraphs) or [None]:
            by_paragraph[paragraph].append(fact)
    ordered = dict(sorted(by_paragraph.items(), key=lambda item: (item[0] is None, item[0] or 0)))
    return SourcePage(iri, metadata, ordered)


def is_source(iri: str) -> bool:
    return iri.startswith(str(SOURCE))

