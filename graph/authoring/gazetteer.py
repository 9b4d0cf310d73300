"""Every name the data knows (labels and aliases of every record), found in a text in one pass.

An Aho-Corasick automaton (pyahocorasick) holds the lower-cased names; a match counts only
on word boundaries, and where matches overlap the longest wins ("Police and Crime Commissioner
for Thames Valley" over "Thames Valley"). A name several records share ("the force") is
resolved by the text around it (graph.authoring.mentions).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import ahocorasick
from rdflib import Graph, Literal, URIRef

from graph.model.namespaces import ID, OG, RDF, RDFS, STATEMENT_IDS
from graph.model.vocabulary import Vocabulary

@dataclass(frozen=True)
class Known:
    iri: URIRef
    id: str
    label: str
    cls: URIRef | None


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    candidates: tuple[Known, ...]


class Gazetteer:
    def __init__(self, graph: Graph, vocab: Vocabulary):
        self.vocab = vocab
        self.by_name: dict[str, set[URIRef]] = defaultdict(set)
        self.records: dict[URIRef, Known] = {}
        for prop in (RDFS.label, OG.alias):
            for s, name in graph.subject_objects(prop):
                if isinstance(s, URIRef) and isinstance(name, Literal) and s.startswith(str(ID)) \
                        and not s.startswith(STATEMENT_IDS) and str(name).strip():
                    self.by_name[str(name).strip().lower()].add(s)
                    if s not in self.records or prop == RDFS.label:
                        self.records[s] = self._known(graph, s, str(name))
        self.automaton = ahocorasick.Automaton()
        for name in self.by_name:
            self.automaton.add_word(name, name)
        if self.by_name:
            self.automaton.make_automaton()

    def _known(self, graph: Graph, iri: URIRef, fallback: str) -> Known:
        label = graph.value(iri, RDFS.label)
        classes = [c for c in graph.objects(iri, RDF.type) if c in self.vocab.classes]
        return Known(iri, iri[len(str(ID)):], str(label) if label is not None else fallback,
                     classes[0] if classes else None)

    def find(self, text: str) -> list[Match]:
        """The known names in `text`, longest first where they overlap, in text order."""
        if not self.by_name:
            return []
        lower = text.lower()
        hits = []
        for end, name in self.automaton.iter(lower):
            start = end - len(name) + 1
            if (start == 0 or not lower[start - 1].isalnum()) and (end + 1 == len(lower) or not lower[end + 1].isalnum()):
                hits.append((start, end + 1, name))
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken: list[tuple[int, int]] = []
        found = []
        for start, end, name in hits:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append(Match(start, end, text[start:end], tuple(self.records[i] for i in sorted(self.by_name[name]))))
        return sorted(found, key=lambda m: m.start)

    def person_by_surname(self, surname: str) -> list[Known]:
        """Known people whose label ends with `surname` ("Mr Dearden" is Alex Dearden)."""
        return [k for k in self.records.values()
                if k.cls is not None and self.vocab.is_subclass(k.cls, OG.Person)
                and k.label.split()[-1:] == [surname]]
