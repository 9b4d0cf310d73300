"""The ontology as the loader and the analyses need it: classes, properties, claim statuses.

Nothing here lists terms: everything is read from `ontology/oversight.ttl`, so adding a class
or a relation there makes it usable in the data files at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection

from graph.model.namespaces import OG, OWL, PREFIXES, RDF, RDFS, SKOS, XSD
from graph.model.resources import ontology_file


@dataclass(frozen=True)
class Property:
    iri: URIRef
    is_object: bool
    range: URIRef | None


@dataclass(frozen=True)
class ClaimStatus:
    iri: URIRef
    notation: str
    asserts_fact: bool
    needs_attribution: bool


class Vocabulary:
    """Read-only view of the ontology, with look-ups by the names used in data files."""

    def __init__(self, path: Path | None = None):
        self.path = path or ontology_file()
        self.graph = Graph().parse(self.path, format="turtle")
        self._ancestors: dict[URIRef, frozenset[URIRef]] = {}
        self._literal_forms: dict[URIRef | None, tuple[tuple[URIRef, ...], str | None]] = {}

    def expand(self, name: str) -> URIRef:
        """`PoliceForce` or `og:PoliceForce` or `org:Post` -> full IRI."""
        prefix, sep, local = name.partition(":")
        if not sep:
            return OG[name]
        if prefix not in PREFIXES:
            raise KeyError(name)
        return URIRef(PREFIXES[prefix] + local)

    def shorten(self, iri: URIRef) -> str:
        for prefix, ns in PREFIXES.items():
            if str(iri).startswith(str(ns)) and prefix not in ("id", "src"):
                return f"{prefix}:{str(iri)[len(str(ns)):]}"
        return str(iri)

    @cached_property
    def classes(self) -> frozenset[URIRef]:
        return frozenset(s for s in self.graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef))

    @cached_property
    def properties(self) -> dict[URIRef, Property]:
        found = {}
        for kind, is_object in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
            for p in self.graph.subjects(RDF.type, kind):
                found[p] = Property(p, is_object, self.graph.value(p, RDFS.range))
        return found

    @cached_property
    def statuses(self) -> dict[str, ClaimStatus]:
        out = {}
        for s in self.graph.subjects(RDF.type, OG.ClaimStatus):
            notation = str(self.graph.value(s, SKOS.notation))
            out[notation] = ClaimStatus(
                s, notation,
                bool(self.graph.value(s, OG.assertsFact).toPython()),
                bool(self.graph.value(s, OG.needsAttribution).toPython()),
            )
        return out

    def concepts(self, cls: URIRef | None) -> dict[str, URIRef]:
        """The SKOS concepts of an enumeration class (og:Sanction...), by skos:notation; {} if none."""
        if cls is None or not self.is_subclass(cls, SKOS.Concept):
            return {}
        return {str(self.graph.value(c, SKOS.notation)): c for c in self.graph.subjects(RDF.type, cls)
                if self.graph.value(c, SKOS.notation) is not None}
    @cached_property
    def links(self) -> dict[URIRef, tuple[URIRef, str]]:
        """Identifier properties that stand for an IRI: property -> (og:linkProperty, og:linkTemplate)."""
        return {p: (URIRef(self.graph.value(p, OG.linkProperty)), str(template))
                for p, template in self.graph.subject_objects(OG.linkTemplate)}

    def link_of(self, prop: URIRef, value: Literal) -> tuple[URIRef, URIRef] | None:
        """(link property, IRI) that an identifier `value` of `prop` stands for, if its property has a template."""
        if prop not in self.links:
            return None
        link_property, template = self.links[prop]
        return link_property, URIRef(template.replace("{}", quote(str(value), safe="")))

    def literal_forms(self, range_: URIRef | None) -> tuple[tuple[URIRef, ...], str | None]:
        """The XSD datatypes a literal of this range may take (a union datatype lists several;
        a restricted datatype, such as og:CalendarValue, the one it restricts) and the
        xsd:pattern a restriction puts on its values, if any. Read from the ontology once per
        range: the loader asks for every literal it makes, and the walks took 0.4 s at 1M triples."""
        found = self._literal_forms.get(range_)
        if found is None:
            found = self._literal_forms[range_] = (tuple(self._datatypes_of(range_)), self._pattern_of(range_))
        return found

    def _datatypes_of(self, range_: URIRef | None) -> list[URIRef]:
        if range_ is None:
            return [XSD.string]
        for eq in self.graph.objects(range_, OWL.equivalentClass):
            union = self.graph.value(eq, OWL.unionOf)
            if union is not None:
                return list(Collection(self.graph, union))
            base = self.graph.value(eq, OWL.onDatatype)
            if base is not None:
                return [base]
        return [range_]

    def _pattern_of(self, range_: URIRef | None) -> str | None:
        for eq in self.graph.objects(range_, OWL.equivalentClass) if range_ is not None else ():
            facets = self.graph.value(eq, OWL.withRestrictions)
            for facet in Collection(self.graph, facets) if facets is not None else ():
                pattern = self.graph.value(facet, XSD.pattern)
                if pattern is not None:
                    return str(pattern)
        return None

    def is_subclass(self, cls: URIRef, ancestor: URIRef) -> bool:
        return ancestor in self.ancestors(cls)

    def ancestors(self, cls: URIRef) -> frozenset[URIRef]:
        """`cls` and every class it specialises, walked once per class: a national overview
        asks for every node's kind (rdflib's walk, each time, was 8 s of a 1M build)."""
        found = self._ancestors.get(cls)
        if found is None:
            found = self._ancestors[cls] = frozenset(self.graph.transitive_objects(cls, RDFS.subClassOf))
        return found

    def data_name(self, iri: URIRef) -> str:
        """How a data file writes the term: PoliceForce for og:PoliceForce, org:Post otherwise."""
        short = self.shorten(iri)
        return short[3:] if short.startswith("og:") else short

    def definition(self, iri: URIRef) -> str:
        """The term's label and definition (rdfs:comment), for a message that suggests it."""
        comment = self.graph.value(iri, RDFS.comment)
        return f"{self.label(iri)}: {comment}" if comment is not None else self.label(iri)

    @cached_property
    def class_names(self) -> dict[str, str]:
        """Every class as data files write it, with its label and definition."""
        return {self.data_name(c): self.definition(c) for c in sorted(self.classes)}

    @cached_property
    def property_names(self) -> dict[str, str]:
        """Every property as data files write it, with its label and definition."""
        return {self.data_name(p): self.definition(p) for p in sorted(self.properties)}

    def label(self, iri: URIRef) -> str:
        value = self.graph.value(iri, RDFS.label)
        return str(value) if isinstance(value, Literal) else self.shorten(iri).split(":")[-1]


@cache
def bundled_vocabulary() -> Vocabulary:
    """The bundled ontology, read once per process by what only reads it (the projection, the
    views, the server, which reads it before forking its workers): each `Vocabulary()` parses
    the Turtle again (0.2 s; a build read it four times). The loader reads its own."""
    return Vocabulary()
