"""The ontology's documentation as one HTML page, an anchor per term.

A term's hash IRI (`…/ontology#PoliceForce`) is the page's address plus the anchor, so a
browser sent to the term lands on its entry. pyLODE was the first choice; its releases for
Python 3.11 fail on import (3.4.1 reads a pyproject.toml it does not ship), so the page is
made here from the ontology's own labels, definitions and axioms. Everything from the
ontology is escaped.
"""
from __future__ import annotations

from html import escape

from rdflib import Graph, URIRef

from graph.model.namespaces import DCTERMS, OG, OWL, QB, RDF, RDFS, SKOS

_SECTIONS = [("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
             ("Datatype properties", OWL.DatatypeProperty), ("Annotation properties", OWL.AnnotationProperty),
             ("Datatypes", RDFS.Datatype)]
_DOCUMENTED_KINDS = {kind for _, kind in _SECTIONS} | {OWL.Class}
_AXIOMS = [("subclass of", RDFS.subClassOf), ("sub-property of", RDFS.subPropertyOf),
           ("inverse of", OWL.inverseOf), ("domain", RDFS.domain), ("range", RDFS.range),
           ("in scheme", SKOS.inScheme), ("notation", SKOS.notation), ("asserts the fact", OG.assertsFact),
           ("needs attribution", OG.needsAttribution), ("default claim status", OG.defaultClaimStatus)]


def _own(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(OG))


def _name(g: Graph, term) -> str:
    """A term as a link: to its anchor if it is ours, else its prefixed name."""
    if not isinstance(term, URIRef):
        return escape(str(term))
    if _own(term):
        local = str(term)[len(str(OG)):]
        return f'<a href="#{escape(local)}"><code>og:{escape(local)}</code></a>'
    return f'<a href="{escape(str(term))}"><code>{escape(g.namespace_manager.normalizeUri(term))}</code></a>'


def _entry(g: Graph, term: URIRef) -> str:
    local = str(term)[len(str(OG)):]
    rows = [f"<dt>IRI</dt><dd><code>{escape(str(term))}</code></dd>"]
    for caption, prop in _AXIOMS:
        values = sorted(g.objects(term, prop), key=str)
        if values:
            rows.append(f"<dt>{caption}</dt><dd>{', '.join(_name(g, v) for v in values)}</dd>")
    kinds = sorted(k for k in g.objects(term, RDF.type) if k not in _DOCUMENTED_KINDS)
    if kinds:
        rows.append(f"<dt>also a</dt><dd>{', '.join(_name(g, k) for k in kinds)}</dd>")
    components = [(role, c) for spec in g.objects(term, QB.component)
                  for role in (QB.dimension, QB.measure, QB.attribute) for c in g.objects(spec, role)]
    for caption, role in (("dimensions", QB.dimension), ("measure", QB.measure), ("attributes", QB.attribute)):
        chosen = sorted(c for r, c in components if r == role)
        if chosen:
            rows.append(f"<dt>{caption}</dt><dd>{', '.join(_name(g, c) for c in chosen)}</dd>")
    return (f'<section id="{escape(local)}"><h3>{escape(str(g.value(term, RDFS.label) or local))}</h3>'
            f"<p>{escape(str(g.value(term, RDFS.comment) or ''))}</p><dl>{''.join(rows)}</dl></section>")


def ontology_page(g: Graph) -> str:
    """The HTML documentation of ontology `g`: its header, then each of its own terms by kind,
    then the SKOS concepts of its schemes (the claim statuses)."""
    ontology = next(iter(g.subjects(RDF.type, OWL.Ontology)))
    title = str(g.value(ontology, DCTERMS.title) or ontology)
    parts = [f"<h1>{escape(title)}</h1><p>{escape(str(g.value(ontology, DCTERMS.description) or ''))}</p><dl>",
             f"<dt>IRI</dt><dd><code>{escape(str(ontology))}</code></dd>"]
    for caption, prop in (("version IRI", OWL.versionIRI), ("version", OWL.versionInfo),
                          ("licence", DCTERMS.license), ("namespace", URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"))):
        for value in g.objects(ontology, prop):
            parts.append(f"<dt>{caption}</dt><dd><code>{escape(str(value))}</code></dd>")
    parts.append("</dl>")
    contents = []
    sections = list(_SECTIONS) + [(str(g.value(s, RDFS.label) or s).capitalize(), s)
                                  for s in sorted(g.subjects(RDF.type, SKOS.ConceptScheme)) if _own(s)]
    for caption, kind in sections:
        scheme = (kind, RDF.type, SKOS.ConceptScheme) in g
        terms = sorted(t for t in (g.subjects(SKOS.inScheme, kind) if scheme else g.subjects(RDF.type, kind)) if _own(t))
        if scheme:
            terms = [kind] + terms
        if not terms:
            continue
        anchor = escape(caption.lower().replace(" ", "-"))
        contents.append(f'<li><a href="#{anchor}">{escape(caption)}</a> ({len(terms)})</li>')
        parts.append(f'<h2 id="{anchor}">{escape(caption)}</h2>' + "".join(_entry(g, t) for t in terms))
    documented = {t for _, kind in sections for t in g.subjects(RDF.type, kind)} | set(g.subjects(SKOS.inScheme, None))
    others = sorted({s for s in g.subjects(RDF.type, None) if _own(s) and s not in documented}, key=str)
    if others:
        contents.append(f'<li><a href="#other-resources">Other resources</a> ({len(others)})</li>')
        parts.append('<h2 id="other-resources">Other resources</h2>' + "".join(_entry(g, t) for t in others))
    reused = sorted({t for _, kind in _SECTIONS for t in g.subjects(RDF.type, kind)
                     if isinstance(t, URIRef) and not _own(t)}, key=str)
    parts.append('<h2 id="reused-terms">Reused terms</h2><p>' + ", ".join(_name(g, t) for t in reused) + "</p>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
            + "</title><style>body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em}"
            "section{border-top:1px solid #ccc;padding:.3em 0}dt{font-weight:bold}</style></head><body>"
            + "<nav><ul>" + "".join(contents) + "</ul></nav>" + "".join(parts) + "</body></html>")


def version_iri(g: Graph) -> URIRef | None:
    ontology = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
    return g.value(ontology, OWL.versionIRI) if ontology is not None else None


__all__ = ["ontology_page", "version_iri"]
