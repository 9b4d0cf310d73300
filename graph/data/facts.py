"""The loader's named graphs: triples in the order written, indexed by subject and predicate when asked.

The loader writes every fact of a national dataset here, a million triples, and asks only for
what this offers. rdflib's in-memory store indexed each triple three ways, with its graphs,
for questions the loader never asks: a third of the time it took to read 1M triples, and most
of the memory of a build. `LoadedData.dataset` makes an rdflib dataset of these graphs for
whoever asks for one (the authoring commands, the tests); the build reads them as they are.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
_Index = dict[Node, dict[tuple[Node, Node], None]]


class Facts:
    """Kept in dicts, not sets: every answer comes in the order the triples were written, the
    same in every process (as rdflib's store gave them), so that nothing downstream varies.

    The indexes by subject and by predicate are made when a pattern is first asked of the graph
    (`triples`, `subjects`, `objects`, `value`): a build asks that of a source giving figures,
    and of every graph only when a source corrects another (graph.data.corrections). Made for
    every graph as it was written, they were 220 MB of a 1M-triple build's peak memory and half
    a second of its reading."""

    def __init__(self, identifier: URIRef, triples: Iterable[Triple] = ()) -> None:
        self.identifier = identifier
        self._triples: dict[Triple, None] = {}
        self._indexes: tuple[_Index, _Index] | None = None
        self.update(triples)

    def add(self, triple: Triple) -> None:
        if triple not in self._triples:
            self._triples[triple] = None
            if self._indexes is not None:
                s, p, o = triple
                by_subject, by_predicate = self._indexes
                by_subject[s][p, o] = None
                by_predicate[p][s, o] = None

    def update(self, triples: Iterable[Triple]) -> None:
        for triple in triples:
            self.add(triple)

    def remove(self, triple: Triple) -> None:
        if triple in self._triples:
            del self._triples[triple]
            if self._indexes is not None:
                s, p, o = triple
                by_subject, by_predicate = self._indexes
                del by_subject[s][p, o]
                del by_predicate[p][s, o]

    def __contains__(self, triple: Triple) -> bool:
        return triple in self._triples

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def _indexed(self) -> tuple[_Index, _Index]:
        """The indexes by subject and by predicate, made now if they were not."""
        if self._indexes is None:
            by_subject: _Index = defaultdict(dict)
            by_predicate: _Index = defaultdict(dict)
            for s, p, o in self._triples:
                by_subject[s][p, o] = None
                by_predicate[p][s, o] = None
            self._indexes = by_subject, by_predicate
        return self._indexes

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[Triple]:
        """The triples matching `pattern` (None matches anything), as rdflib's `Graph.triples`."""
        s, p, o = pattern
        by_subject, by_predicate = self._indexed()
        if s is not None:
            found = ((s, p2, o2) for p2, o2 in by_subject.get(s, ()))
        elif p is not None:
            found = ((s2, p, o2) for s2, o2 in by_predicate.get(p, ()))
        else:
            found = iter(self._triples)
        return (t for t in list(found) if (p is None or t[1] == p) and (o is None or t[2] == o))

    def subjects(self, predicate: Node, object: Node) -> Iterator[Node]:
        return (s for s, o in list(self._indexed()[1].get(predicate, ())) if o == object)

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return (o for p, o in list(self._indexed()[0].get(subject, ())) if p == predicate)

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """The object of `subject`'s `predicate`, or None: asked of predicates with one value
        (a statement's subject, a figure's period), as of rdflib's `Graph.value`."""
        return next(self.objects(subject, predicate), None)
