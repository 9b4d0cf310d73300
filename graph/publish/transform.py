"""The public dataset: the built dataset with every person the policy withholds made unnamable.

One transformation, applied before any writer runs (graph.pipeline.build), so that every
output made from it (RDF files, JSON-LD, views, pages, search, exports, SPARQL answers) is
covered without code of its own. For each withheld person:
- their IRI becomes an opaque one (a random token per build: nothing to reverse or guess);
- their label becomes the policy's role description, and their other names (aliases,
  identifiers, surname) go, as plain facts and as og:Statements alike;
- every literal of the whole dataset that contains one of their names (whole words, any
  case), or its surname or first name, has it replaced by the role description;
- any other IRI made from one of their names (a record id such as id:jane_doe_complaint)
  becomes opaque too, and a web address holding one is dropped.
Statement IRIs are hashes of what they state (names included): all are minted afresh.
"""
from __future__ import annotations

import re
import secrets

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from graph.model.namespaces import ID, OG, RDF, RDFS, STATEMENT_IDS, bind_prefixes
from graph.publish.policy import Policy, withheld

_NAME_PROPERTIES = frozenset({OG.alias, OG.identifier, OG.surnameOnly, RDFS.label})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "pc", "ps", "dc", "ds", "sir", "dame", "the", "rt", "hon",
                     "former", "mp", "of", "and"})


def _full_names(dataset: Dataset, person: Node) -> set[str]:
    full = {str(o) for p in _NAME_PROPERTIES for o in dataset.objects(person, p) if isinstance(o, Literal)}
    for st in dataset.subjects(RDF.subject, person):
        if dataset.value(st, RDF.predicate) in _NAME_PROPERTIES:
            full.update(str(o) for o in dataset.objects(st, RDF.object) if isinstance(o, Literal))
    return full | {str(person).rsplit("/", 1)[-1]}


def _words(names: set[str]) -> set[str]:
    return {w for name in names for w in re.split(r"[\W_]+", name) if len(w) > 2 and w.lower() not in _TITLES}


def names_of(dataset: Dataset, person: URIRef, public_words: frozenset[str] = frozenset()) -> set[str]:
    """Every name the dataset gives a person: label, aliases, identifier, and each word of
    them that is not a title (a surname or first name alone identifies too), unless the word
    is also the name of someone published (a withheld Alex must not unname a public Alex)."""
    full = _full_names(dataset, person)
    return {n for n in full | {w for w in _words(full) if w.lower() not in public_words} if n.strip()}


def public_words(dataset: Dataset, people: dict[URIRef, str]) -> frozenset[str]:
    """The words of the names of the people who are published."""
    named = {s for s in dataset.subjects(RDF.type, OG.Person) if s not in people}
    return frozenset(w.lower() for s in named for w in _words(_full_names(dataset, s)))


class _Redactor:
    """Replaces names in text, and decides what each IRI becomes."""

    def __init__(self, dataset: Dataset, people: dict[URIRef, str]):
        self.people = people
        shared = public_words(dataset, people)
        pairs = sorted(((name, role) for person, role in people.items() for name in names_of(dataset, person, shared)),
                       key=lambda pair: -len(pair[0]))
        self.role_of = {name.lower(): role for name, role in reversed(pairs)}
        self.names = sorted(self.role_of, key=len, reverse=True)
        alternatives = "|".join(re.escape(n).replace(r"\ ", r"[\s_-]+") for n in self.names)
        self.pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE) if self.names else None
        self.iris: dict[Node, URIRef] = {}

    def text(self, value: str) -> str:
        if self.pattern is None:
            return value
        return self.pattern.sub(lambda m: self.role_of.get(re.sub(r"[\s_-]+", " ", m.group().lower()),
                                                          self.role_of.get(m.group().lower(), "[withheld]")), value)

    def names_in(self, value: str) -> bool:
        return self.pattern is not None and self.pattern.search(value) is not None

    def iri(self, node: Node) -> Node | None:
        """The public IRI of `node`, or None if the node cannot be published at all."""
        if not isinstance(node, URIRef):
            return node
        if node in self.iris:
            return self.iris[node]
        local = str(node)[len(str(ID)):] if str(node).startswith(str(ID)) else None
        if node in self.people:
            new = ID[f"person-{secrets.token_hex(8)}"]
        elif local is not None and (node.startswith(STATEMENT_IDS) or self.names_in(local)):
            minted = STATEMENT_IDS if node.startswith(STATEMENT_IDS) else ID["record-"]
            new = URIRef(f"{minted}{secrets.token_hex(8)}")
        elif local is None and self.names_in(str(node)):
            new = None
        else:
            new = node
        self.iris[node] = new
        return new


def public_dataset(dataset: Dataset, policy: Policy) -> Dataset:
    """A new dataset: `dataset` as the publication policy lets it be published."""
    people = withheld(dataset, policy)
    redact = _Redactor(dataset, people)
    naming = {st for st in dataset.subjects(RDF.type, OG.Statement)
              if dataset.value(st, RDF.subject) in people and dataset.value(st, RDF.predicate) in _NAME_PROPERTIES}
    out = bind_prefixes(Dataset(default_union=True))
    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if s in naming and p == RDF.object:
            o = Literal(people[dataset.value(s, RDF.subject)])
        elif s in people and p in _NAME_PROPERTIES:
            if p != RDFS.label:
                continue
            o = Literal(people[s])
        elif s in naming and p == RDF.predicate and o != RDFS.label:
            continue  # an alias or identifier statement: nothing of it is published
        terms = [redact.iri(s), p, redact.iri(o) if not isinstance(o, Literal) else _literal(redact, s, p, o),
                 redact.iri(g.identifier if hasattr(g, "identifier") else g)]
        if any(t is None for t in terms):
            continue
        quads.append((*terms[:3], out.graph(terms[3])))
    out.addN(quads)
    _drop_empty_statements(out)
    return out


def _literal(redact: _Redactor, s: Node, p: Node, o: Literal) -> Literal:
    if p == OG.identifier and isinstance(s, URIRef):
        new = redact.iri(s)
        if new is not None and new != s:
            return Literal(str(new).rsplit("/", 1)[-1])
    text = redact.text(str(o))
    if text == str(o):
        return o
    return Literal(text, lang=o.language) if o.language else Literal(text)


def _drop_empty_statements(out: Dataset) -> None:
    """A statement of an alias or identifier lost its predicate: drop what is left of it."""
    for st in {s for s in out.subjects(RDF.type, OG.Statement) if out.value(s, RDF.predicate) is None}:
        for _, p, o, g in list(out.quads((st, None, None, None))):
            out.remove((st, p, o, g))
