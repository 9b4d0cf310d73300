"""Turn what a person types (an IRI, `id:x`, `x`, a label or an alias such as "TVP") into an IRI.

Commands take names the way people say them; an unknown or ambiguous name is an error that
lists the nearest matches (graph.model.nearest, the one "did you mean" of the project), so nobody gets an empty answer because of a typo.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from graph.sparql.evaluate import evaluate
from graph.store.memo import code_version, kept
from graph.model.namespaces import ID, OG, PREFIXES, RDFS
from graph.model.nearest import nearest

_NAMES = """
SELECT ?x ?kind ?name WHERE {
  { ?x og:identifier ?name BIND("id" AS ?kind) } UNION { ?x rdfs:label ?name BIND("label" AS ?kind) }
  UNION { ?x og:alias ?name BIND("alias" AS ?kind) }
  FILTER(STRSTARTS(STR(?x), STR(id:)))
  FILTER(!BOUND(?cls) || EXISTS { ?x a ?cls })
}
"""


_SPELLED = """
SELECT DISTINCT ?x WHERE {
  { ?x og:identifier ?name } UNION { ?x rdfs:label ?name } UNION { ?x og:alias ?name }
  FILTER(STRSTARTS(STR(?x), STR(id:)))
  FILTER(!BOUND(?cls) || EXISTS { ?x a ?cls })
}
"""
_NAMED = """
ASK { ?x og:identifier|rdfs:label|og:alias ?name FILTER(!BOUND(?cls) || EXISTS { ?x a ?cls }) }
"""


class UnknownName(LookupError):
    """No resource, or more than one, answers to the name; `suggestions` are (label, IRI) pairs."""

    def __init__(self, message: str, suggestions: list[tuple[str, str]]):
        self.suggestions = suggestions
        lines = [message] + [f"  {label}  ({iri})" for label, iri in suggestions]
        super().__init__("\n".join(lines))


@dataclass
class NameIndex:
    """Lower-cased identifiers, labels and aliases of the data's resources, and their labels."""
    by_name: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[URIRef, str] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: Graph, of_class: URIRef | None = None) -> NameIndex:
        """Made once for the content of a store (a national one names 100,000s of resources)."""
        version = code_version(Path(__file__).read_bytes(), str(of_class).encode())
        return kept(graph, "names", version, lambda: cls.read(graph, of_class))

    @classmethod
    def read(cls, graph: Graph, of_class: URIRef | None = None) -> NameIndex:
        index = cls()
        bindings = {"cls": of_class} if of_class is not None else {}
        for row in evaluate(graph, _NAMES, bindings):
            index.by_name[str(row.name).lower()].add(row.x)
            if str(row.kind) == "label":
                index.labels[row.x] = str(row.name)
        return index

    def listing(self, iris) -> list[tuple[str, str]]:
        return [(self.labels.get(i, str(i)), "id:" + i[len(str(ID)):]) for i in iris]

    def containing_words(self, name: str) -> set[URIRef]:
        """Resources one of whose names holds `name` as whole words: a surname ("Leadsom")
        names the one person it belongs to, and is ambiguous when several share it."""
        words = re.compile(rf"(?<!\w){re.escape(name.strip().lower())}(?!\w)")
        return {iri for known, iris in self.by_name.items() if name.strip() and words.search(known) for iri in iris}

    def ending_with(self, name: str) -> set[URIRef]:
        """Resources one of whose names ends with `name` as a whole word: "Dearden" ends
        "Alex Dearden", not "Dearden's appeal"."""
        words = re.compile(rf"(?<!\w){re.escape(name.strip().lower())}$")
        return {iri for known, iris in self.by_name.items() if name.strip() and words.search(known) for iri in iris}

    def nearest(self, name: str, limit: int = 8) -> list[tuple[str, str]]:
        """Names containing `name` first (shortest first), then the closest spellings."""
        wanted = name.strip().lower()
        close = sorted((n for n in self.by_name if wanted and wanted in n), key=len)
        close += nearest(wanted, self.by_name, limit)
        found = dict.fromkeys(iri for n in close for iri in sorted(self.by_name[n]))
        return self.listing(list(found)[:limit])


def expand(text: str) -> URIRef | None:
    """A full IRI (bare or in <>) or a prefixed name with a known prefix; otherwise None."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and local and " " not in local:
        return URIRef(PREFIXES[prefix] + local)
    return None


def resolve(graph: Graph, name: str, cls: URIRef | None = None, what: str = "resource") -> URIRef:
    """The one resource (of class `cls`, if given) that `name` designates, or UnknownName.

    An IRI with a name, or a name spelled exactly as one resource's identifier, label or
    alias, is looked up in the store's own indexes; only other names (another case, a
    surname, a typo) read the whole name index, which a national store takes seconds to make."""
    kind = {"cls": cls} if cls is not None else {}
    iri = expand(name)
    if iri is not None and evaluate(graph, _NAMED, {"x": iri, **kind}).askAnswer:
        return iri
    spelled = {row.x for row in evaluate(graph, _SPELLED, {"name": Literal(name.strip()), **kind})} if iri is None else set()
    if len(spelled) == 1:
        return spelled.pop()
    index = NameIndex.of(graph, cls)
    if iri is not None:
        raise UnknownName(f"no {what} {iri} in the graph; nearest matches:",
                          index.nearest(iri.split("/")[-1].split("#")[-1]))
    matches = index.by_name.get(name.strip().lower(), set())
    if not matches:
        surname = {iri for iri in index.ending_with(name)  # a surname names a person
                   if evaluate(graph, "ASK { ?x a og:Person }", {"x": iri}).askAnswer}
        matches = surname if len(surname) == 1 else index.containing_words(name)
    if len(matches) == 1:
        return next(iter(matches))
    if matches:
        raise UnknownName(f"{name!r} is ambiguous: it names {len(matches)} resources",
                          index.listing(sorted(matches)))
    raise UnknownName(f"no {what} called {name!r}; nearest matches:", index.nearest(name))


def label_of(graph: Graph, iri: URIRef) -> str:
    """What a resource (or a property) is called: its label, else its IRI."""
    return str(graph.value(iri, RDFS.label) or iri)


def resolve_actor(graph: Graph, name: str) -> URIRef:
    """An actor (person, organisation, post) by IRI, prefixed name, identifier, label or alias."""
    return resolve(graph, name, OG.Actor, "actor")
