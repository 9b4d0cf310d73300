"""Corrections as data: a Correction or Retraction record names, by its `target:`, the facts
it supersedes; those facts are moved, never edited or deleted, into the superseded graph.

The target is resolved once every file is converted (a correction may come before the facts
it corrects): each matching og:Statement gets `og:supersedes` from the correction (a sourced
fact of the correcting source) and moves with its plain triple into SUPERSEDED_GRAPH, marked
`og:supersededBy`. What no current statement of its source still uses goes with it: the
record's identifier and the source's `og:mentions` of it.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from graph.data.errors import shown
from graph.data.facts import Facts
from graph.data.literals import typed_literal
from graph.data.statements import Provenance, Statements
from graph.data.yaml_lines import LineMapping
from graph.model.namespaces import ID, OG, RDF, SOURCE
from graph.model.superseded import SUPERSEDED_GRAPH
from graph.model.vocabulary import Vocabulary


@dataclass
class PendingCorrection:
    """A correction record whose target is resolved after every file is converted."""
    graph: Facts
    prov: Provenance
    subject: URIRef
    target: LineMapping


class Corrections:
    def __init__(self, vocab: Vocabulary, statements: Statements, graphs: dict[URIRef, Facts | Graph]):
        self.vocab = vocab
        self.statements = statements
        self.graphs = graphs
        self.pending: list[PendingCorrection] = []

    def add(self, g: Facts, prov: Provenance, subject: URIRef, cls: URIRef, target: LineMapping) -> None:
        if not self.vocab.is_subclass(cls, OG.Correction):
            self.statements.errors.append(prov.error(
                target.line, "target: belongs to a Correction or Retraction record, "
                             f"not a {self.vocab.shorten(cls)}"))
            return
        self.pending.append(PendingCorrection(g, prov, subject, target))

    def apply(self, known_ids: set[str], known_sources: set[str]) -> None:
        """Resolve every target, write og:supersedes and move what is superseded."""
        if not self.pending:
            return  # the index walks every statement: a national build without corrections skips it
        index = _statement_index(self.graphs)
        superseded = self.graphs.setdefault(SUPERSEDED_GRAPH, Facts(SUPERSEDED_GRAPH))
        moved: dict[URIRef, set[URIRef]] = {}  # source graph -> statements leaving it
        for pending in self.pending:
            matched = self._matches(pending, index, known_ids, known_sources)
            for st in matched:
                self.statements.write(pending.graph, pending.prov, pending.subject, OG.supersedes, st,
                                      pending.target.line)
                moved.setdefault(index[st].graph, set()).add(st)
                superseded.add((st, OG.supersededBy, pending.subject))
        for graph_name, statements in moved.items():
            _move(self.graphs[graph_name], superseded, statements)

    def _matches(self, pending: PendingCorrection, index: dict, ids: set[str], sources: set[str]) -> list[URIRef]:
        t, prov = pending.target, pending.prov
        errors = self.statements.errors
        for key, known in (("record", ids), ("source", sources)):
            if key in t and t[key] not in known:
                errors.append(prov.error(t.value_lines[key], f"target {key} {shown(t[key])} does not exist"))
                return []
        record = ID[t["record"]] if "record" in t else None
        source = SOURCE[t["source"]] if "source" in t else None
        pred = None
        if "property" in t:
            try:
                pred = self.vocab.expand(t["property"])
            except KeyError:  # an unknown prefix
                pred = None
            if pred not in self.vocab.properties:
                errors.append(prov.error(t.value_lines["property"], f"unknown property {shown(t['property'])}"))
                return []
        value = self._value(pred, t["value"]) if "value" in t and pred is not None else None
        found = sorted(st for st, fact in index.items() if st != pending.subject and
                       fact.matches(record, source, pred, value) and fact.subject != pending.subject)
        if not found:
            wanted = ", ".join(f"{k} {shown(t[k])}" for k in ("source", "record", "property", "value") if k in t)
            errors.append(prov.error(t.line, f"the correction's target ({wanted}) matches no recorded fact"))
        return found

    def _value(self, pred: URIRef, value) -> URIRef | Literal | str:
        if self.vocab.properties[pred].is_object:
            return ID[str(value)]
        try:
            return typed_literal(self.vocab, pred, value)
        except ValueError:
            return str(value)


@dataclass(frozen=True)
class _Fact:
    graph: URIRef
    subject: URIRef
    predicate: URIRef
    object: object
    source: URIRef

    def matches(self, record, source, pred, value) -> bool:
        if source is not None and self.source != source:
            return False
        if record is not None and self.subject != record:
            return False
        if pred is not None and self.predicate != pred:
            return False
        return value is None or self.object == value or (isinstance(value, str) and str(self.object) == value)


def _statement_index(graphs: dict[URIRef, Facts | Graph]) -> dict[URIRef, _Fact]:
    index = {}
    for name, graph in graphs.items():
        for s in graph.subjects(RDF.type, OG.Statement):
            index[s] = _Fact(name, graph.value(s, RDF.subject), graph.value(s, RDF.predicate),
                             graph.value(s, RDF.object), graph.value(s, OG.source))
    return index


def _move(source: Facts, superseded: Facts, statements: set[URIRef]) -> None:
    """Move the statements, their plain triples (unless a current statement of the same
    source still asserts them) and what the source no longer uses, into `superseded`: a node
    no current statement names takes along what was derived about it (its identifier, its
    mentions, a figure's Data Cube links)."""
    facts = {st: (source.value(st, RDF.subject), source.value(st, RDF.predicate), source.value(st, RDF.object))
             for st in statements}
    for st in statements:
        for triple in list(source.triples((st, None, None))):
            source.remove(triple)
            superseded.add(triple)
    current = {(source.value(st, RDF.subject), source.value(st, RDF.predicate), source.value(st, RDF.object))
               for st in source.subjects(RDF.type, OG.Statement)}
    for fact in set(facts.values()) - current:
        if fact in source:
            source.remove(fact)
            superseded.add(fact)
    used = {node for s, p, o in current for node in (s, o)}
    for node in {n for fact in facts.values() for n in (fact[0], fact[2])} - used:
        for triple in [*source.triples((node, None, None)), *source.triples((None, OG.mentions, node))]:
            source.remove(triple)
            superseded.add(triple)
