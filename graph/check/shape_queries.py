"""The SHACL shapes of ontology/shapes.ttl as SPARQL queries that Oxigraph answers.

pySHACL walks every focus node in Python: at national scale it was a fifth of a build. Here
each constraint of each shape becomes one SELECT over the whole data, answered by Oxigraph's
engine in Rust (a query per CPU at a time: pyoxigraph releases the GIL). The results are those of
pySHACL, which stays in the tests as the reference on every bad-data case
(tests/check/test_validate.py, tests/data/test_bad_data.py): the same focus node, path, value and message.

Only the parts of SHACL Core the shapes use are compiled; a shape using any other part is
refused when the queries are made (`compile_shapes`), so a new kind of constraint in
shapes.ttl cannot be skipped silently. Every constraint carries its own sh:message (a test
keeps it so): there is no engine's default wording to copy.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from graph.model.namespaces import RDF, RDFS, SH

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_KNOWN = {  # what a shape may say besides its constraints
    RDF.type, RDFS.comment, SH.path, SH.message, SH.property, *_TARGETS,
}
_CONSTRAINTS = {SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.pattern, SH.minInclusive,
                SH.nodeKind, SH.hasValue, SH.lessThan, SH.node, SH["or"], SH.xone, SH.sparql}


class UnsupportedShape(ValueError):
    """A shape uses a part of SHACL these queries do not compile."""


@dataclass(frozen=True)
class ShapeQuery:
    """One constraint of one shape (its counts together): a SELECT of (?this ?value), ?value
    unbound where SHACL reports none (counts; a node-level constraint reports the focus node)."""

    path: URIRef | None
    message: str
    text: str


def compile_shapes(shapes: Graph) -> list[ShapeQuery]:
    """A query per constraint of every targeted shape (nested shapes are compiled with the
    targets they are reached from)."""
    queries: list[ShapeQuery] = []
    for shape in sorted(set(s for p in _TARGETS for s in shapes.subjects(p, None)), key=str):
        queries += _shape(shapes, shape, _targets(shapes, shape))
    return queries


# -- targets: a graph pattern binding ?this ---------------------------------------------------

def _targets(shapes: Graph, shape: Node) -> str:
    parts = []
    for cls in shapes.objects(shape, SH.targetClass):
        parts.append(_instance("?this", cls))
    nodes = list(shapes.objects(shape, SH.targetNode))
    if nodes:
        parts.append("VALUES ?this { " + " ".join(_term(n) for n in nodes) + " }")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"?this {_iri(p)} [] .")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"[] {_iri(p)} ?this .")
    return "{ SELECT DISTINCT ?this WHERE { " + " } UNION { ".join(parts).join(("{ ", " }")) + " } }"


# -- a shape's constraints --------------------------------------------------------------------

def _shape(shapes: Graph, shape: Node, focus: str) -> list[ShapeQuery]:
    unknown = {p for p in shapes.predicates(shape) if p not in _KNOWN | _CONSTRAINTS}
    if unknown:
        raise UnsupportedShape(f"shape {_shown(shape)} uses {', '.join(sorted(_shown(p) for p in unknown))}")
    queries = []
    for prop in shapes.objects(shape, SH.property):
        queries += _shape(shapes, prop, focus)
    path = shapes.value(shape, SH.path)
    message = shapes.value(shape, SH.message)

    def query(where: str, with_value: bool, prologue: str = "", scoped: bool = True, said: Node | None = None) -> None:
        """`where` the pattern of a violation, joined with the focus nodes unless it has them;
        `said` the message of a constraint that has its own (a SPARQL-based one). A value's
        violations are found first, then joined with the focus nodes: valid data has none, and
        the focus nodes are then not sought (0.04 s, not 0.22 s, for a statement's sh:class at
        1M triples; 1.5 times as long when every value is wrong)."""
        text = said or message
        if text is None:
            raise UnsupportedShape(f"shape {_shown(shape)} has a constraint but no sh:message")
        value = "?value" if with_value else "(?this AS ?value)" if path is None else ""
        if scoped and with_value:
            where, focused = f"{{ SELECT DISTINCT ?this ?value WHERE {{ {where} }} }} {focus}", ""
        else:
            focused = focus if scoped else ""
        queries.append(ShapeQuery(path if isinstance(path, URIRef) else None, str(text),
                                  f"{prologue}SELECT DISTINCT ?this {value} WHERE {{ {focused} {where} }}"))

    steps = _path(shapes, path) if path is not None else None
    counts: list[tuple[URIRef, int]] = []  # the shape's sh:minCount and sh:maxCount: one message, one query
    for component, bound in shapes.predicate_objects(shape):
        if component not in _CONSTRAINTS:
            continue
        if component == SH.node:  # the values are validated against the nested shape
            if steps is None:
                raise UnsupportedShape(f"shape {_shown(shape)}: sh:node on a node shape")
            nested_focus = f"{{ SELECT DISTINCT ?this WHERE {{ {focus.replace('?this', '?outer')} ?outer {steps} ?this }} }}"
            queries += _shape(shapes, bound, nested_focus)
        elif component == SH.sparql:
            prologue, select = _sparql(shapes, bound)
            query(select, with_value=True, prologue=prologue, said=shapes.value(bound, SH.message))
        elif steps is None:  # a node shape's own constraint: on the focus node itself
            query(f"FILTER(!({_conforms(shapes, component, bound, '?this')}))", with_value=False)
        elif component in (SH.minCount, SH.maxCount):
            counts.append((component, int(bound)))
        elif component == SH.hasValue:
            query(f"FILTER NOT EXISTS {{ ?this {steps} {_term(bound)} }}", with_value=False)
        elif component == SH["class"]:  # as a set: EXISTS for each value took seven times longer
            query(f"?this {steps} ?value . MINUS {{ {_instance('?value', bound)} }}", with_value=True)
        elif component == SH.lessThan:
            query(f"?this {steps} ?value . ?this {_iri(bound)} ?other . FILTER(!COALESCE(?value < ?other, false))", with_value=True)
        else:
            query(f"?this {steps} ?value . FILTER(!({_value_conforms(shapes, component, bound, '?value')}))", with_value=True)
    if counts:
        query(" UNION ".join(f"{{ {_miscount(focus, steps, component, bound)} }}" for component, bound in counts),
              with_value=False, scoped=False)
    return queries


def _miscount(focus: str, steps: str, component: URIRef, bound: int) -> str:
    """A SPARQL pattern binding each focus node with fewer values than sh:minCount or more
    than sh:maxCount. The bounds the shapes use, at least one and at most none or one, are
    asked directly: counting every focus node's values took a second a shape at 1M triples."""
    if (component, bound) == (SH.minCount, 1):
        return f"{focus} FILTER NOT EXISTS {{ ?this {steps} [] }}"
    if (component, bound) == (SH.maxCount, 0):
        return f"{focus} ?this {steps} [] ."
    if (component, bound) == (SH.maxCount, 1):  # two values that are not the same term
        return f"{focus} ?this {steps} ?a, ?b . FILTER(!sameTerm(?a, ?b))"
    wrong = f"?n < {bound}" if component == SH.minCount else f"?n > {bound}"
    return (f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} OPTIONAL {{ ?this {steps} ?v }} }} "
            f"GROUP BY ?this }} FILTER({wrong})")


def _instance(node: str, cls: Node) -> str:
    """A SPARQL pattern: `node` is a SHACL instance of `cls` (its type or a subclass)."""
    return f"{node} {_iri(RDF.type)}/{_iri(RDFS.subClassOf)}* {_iri(cls)}"


def _value_conforms(shapes: Graph, component: URIRef, bound: Node, value: str) -> str:
    """A SPARQL expression: `value` satisfies this value-type or value-range constraint."""
    if component == SH["class"]:
        return f"EXISTS {{ {_instance(value, bound)} }}"
    if component == SH.datatype:
        return f"isLiteral({value}) && DATATYPE({value}) = {_iri(bound)}"
    if component == SH.pattern:
        return f"!isBlank({value}) && REGEX(STR({value}), {_term(Literal(str(bound)))})"
    if component == SH.minInclusive:
        return f"COALESCE({value} >= {_term(bound)}, false)"
    if component == SH.nodeKind:
        if bound != SH.IRI:
            raise UnsupportedShape(f"sh:nodeKind {_shown(bound)}")
        return f"isIRI({value})"
    if component == SH["or"]:
        return " || ".join(f"({_conforms_all(shapes, member, value)})" for member in Collection(shapes, bound))
    raise UnsupportedShape(f"{_shown(component)} on the values of a path")


def _conforms(shapes: Graph, component: URIRef, bound: Node, node: str) -> str:
    """A SPARQL expression: `node` satisfies this node-level constraint (sh:or, sh:xone)."""
    members = [_conforms_all(shapes, member, node) for member in Collection(shapes, bound)]
    if component == SH["or"]:
        return " || ".join(f"({m})" for m in members)
    if component == SH.xone:
        return "(" + " + ".join(f"IF({m}, 1, 0)" for m in members) + ") = 1"
    raise UnsupportedShape(f"{_shown(component)} on a node")


def _conforms_all(shapes: Graph, member: Node, node: str) -> str:
    """A SPARQL expression: `node` conforms to a member shape of sh:or / sh:xone (a shape with
    a class, or a property shape with counts)."""
    tests = []
    path = shapes.value(member, SH.path)
    for component, bound in shapes.predicate_objects(member):
        if component in (SH.path, RDF.type):
            continue
        if path is None:
            tests.append(_value_conforms(shapes, component, bound, node))
        elif component in (SH.minCount, SH.maxCount):
            steps = _path(shapes, path)
            if component == SH.minCount and int(bound) == 1:
                tests.append(f"EXISTS {{ {node} {steps} [] }}")
            elif component == SH.maxCount and int(bound) == 0:
                tests.append(f"NOT EXISTS {{ {node} {steps} [] }}")
            else:
                raise UnsupportedShape(f"{_shown(component)} {bound} in a member of sh:or / sh:xone")
        else:
            raise UnsupportedShape(f"{_shown(component)} in a member of sh:or / sh:xone")
    return " && ".join(tests) or "true"


def _sparql(shapes: Graph, constraint: Node) -> tuple[str, str]:
    """A SPARQL-based constraint: its declared prefixes and its SELECT as a subquery joined
    with the focus nodes ($this and ?this are the same variable in SPARQL). A join, not
    SHACL's pre-binding: the same for a SELECT whose pattern binds $this, as ours does."""
    prologue = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}> "
                       for declarations in shapes.objects(constraint, SH.prefixes)
                       for d in shapes.objects(declarations, SH.declare))
    return prologue, f"{{ {shapes.value(constraint, SH.select)} }}"


def _path(shapes: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return _iri(path)
    inverse = shapes.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return "^" + _iri(inverse)
    raise UnsupportedShape(f"path {_shown(path)}")


def _shown(term: Node) -> str:
    """A term as shapes.ttl writes it: sh:minLength, og:date; a nested shape as such."""
    for prefix, namespace in (("sh", SH), ("rdf", RDF), ("rdfs", RDFS)):
        if isinstance(term, URIRef) and term.startswith(str(namespace)):
            return f"{prefix}:{term[len(str(namespace)):]}"
    return "a nested shape" if isinstance(term, BNode) else term.n3()


def _iri(iri: Node) -> str:
    return f"<{iri}>"


def _term(term: Node) -> str:
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, Literal):
        return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype
                   else ox.Literal(str(term)))
    raise UnsupportedShape(f"term {_shown(term)}")
