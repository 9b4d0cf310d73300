"""pySHACL, the reference the build's SHACL queries are held to, and a fault for every constraint.

`faults(shapes)` reads ontology/shapes.ttl (not the compiled queries) and writes, for each
constraint of each targeted shape, a fresh node that is one of the shape's targets and
breaks that constraint: too few or too many values, a value of no class, a literal of
the wrong datatype or pattern, a number too small, dates the wrong way round, members of
sh:or all failing, of sh:xone two passing. A SPARQL-based constraint cannot be broken
without knowing what its query asks: its tests break it by hand.
"""
from __future__ import annotations

import itertools

from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import XSD

from graph.check import Violation
from graph.model.namespaces import ID, OG, RDF, SH

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def pyshacl_violations(data: Graph, shapes: Graph) -> set[Violation]:
    """(focus, path, message, value) of each result of one pySHACL run; a result with
    sh:detail only summarises its nested results (sh:node), which say what is wrong; a
    path that is not a predicate is not shown (as graph.check.shape_queries does)."""
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if (result, SH.detail, None) in report:
            continue
        focus, path, message, value = (report.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.resultMessage, SH.value))
        found.add((focus, path if isinstance(path, URIRef) else None, str(message), value))
    return found


def faults(shapes: Graph) -> Graph:
    """A graph breaking every constraint of every targeted shape, each on a fresh node."""
    planted = Graph()
    count = itertools.count()

    def fresh() -> URIRef:
        return ID[f"fault_{next(count)}"]

    def add_value(focus: URIRef, path, value) -> None:
        inverse = shapes.value(path, SH.inversePath) if not isinstance(path, URIRef) else None
        planted.add((value, inverse, focus) if inverse is not None else (focus, path, value))

    def break_(shape, component, bound, focus) -> None:
        path = shapes.value(shape, SH.path)
        if component == SH.maxCount:
            for _ in range(int(bound) + 1):
                add_value(focus, path, fresh())
        elif component in (SH["class"], SH.nodeKind) or (component == SH["or"] and path is not None):
            add_value(focus, path, fresh() if component != SH.nodeKind else Literal("fault"))
        elif component == SH.datatype:
            add_value(focus, path, Literal("fault", datatype=XSD.token))
        elif component == SH.pattern:
            add_value(focus, path, Literal(" "))
        elif component == SH.minInclusive:
            add_value(focus, path, Literal(-1))
        elif component == SH.lessThan:
            add_value(focus, path, Literal("2020-01-01"))
            planted.add((focus, bound, Literal("2019-01-01")))
        elif component == SH.node:
            value = fresh()
            add_value(focus, path, value)
            for nested in shapes.objects(bound, SH.property):
                for c, b in constraints(nested):
                    break_(nested, c, b, value)
        elif component in (SH["or"], SH.xone):  # every member fails, or two pass
            for member in Collection(shapes, bound):
                member_path = shapes.value(member, SH.path)
                if component == SH.xone and shapes.value(member, SH.minCount) is not None:
                    planted.add((focus, member_path, fresh()))
                elif component == SH["or"] and shapes.value(member, SH.maxCount) is not None:
                    planted.add((focus, member_path, fresh()))
        # sh:minCount, sh:hasValue: a fresh node has no value

    def constraints(shape) -> list:
        return [(p, o) for p, o in shapes.predicate_objects(shape)
                if p in (SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.pattern, SH.minInclusive,
                         SH.nodeKind, SH.hasValue, SH.lessThan, SH.node, SH["or"], SH.xone)]

    def target(shape) -> URIRef:
        """A fresh node among the shape's targets (or, for a shape of given nodes, the first)."""
        for p, o in ((p, o) for p in _TARGETS for o in shapes.objects(shape, p)):
            if p == SH.targetNode:
                return o
            node = fresh()
            planted.add({SH.targetClass: (node, RDF.type, o), SH.targetSubjectsOf: (node, o, fresh()),
                         SH.targetObjectsOf: (fresh(), o, node)}[p])
            return node
        raise ValueError(f"{shape} has no target")

    for shape in sorted({s for p in _TARGETS for s in shapes.subjects(p, None)}, key=str):
        for part in [shape, *shapes.objects(shape, SH.property)]:
            for component, bound in constraints(part):
                break_(part, component, bound, target(shape))
    planted.add((OG.fault, RDF.type, OG.Fault))  # never empty
    return planted
