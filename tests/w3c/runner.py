"""Run the W3C SPARQL 1.1 query test suites (vendored in suites/) against the endpoint over HTTP.

The manifests are read with rdflib, each under the IRI the W3C published it at, so that test
IRIs are the W3C's own (they name the tests in expected_failures.txt). Results are compared
as the W3C suites intend: solutions as a multiset (a sequence for the ORDER BY keys when the
query orders), blank nodes up to a consistent renaming, literals as RDF terms (lexical form,
datatype, language tag: "01"^^xsd:integer is not "1"^^xsd:integer). Result files and answers
are read by our own small readers, because rdflib normalises literal lexical forms as it
parses them. CONSTRUCT results are compared with rdflib.compare.isomorphic.
"""
from __future__ import annotations

import json
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import httpx
import pytest
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic, to_isomorphic, graph_diff

from graph.store import in_oxigraph

HERE = Path(__file__).parent
SUITES = HERE / "suites"
sys.path.insert(0, str(HERE.parent / "serve"))  # server_support lives with the server tests

W3C_BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
"""Where the W3C published the suites: the base of every manifest, query and data file."""
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SRX = "{http://www.w3.org/2005/sparql-results#}"
XSD_STRING = URIRef(XSD + "string")

QUERY_SUITES = ["aggregates", "bind", "bindings", "construct", "exists", "functions",
                "grouping", "negation", "project-expression", "property-path", "subquery",
                "syntax-query"]
"""The query suites run here (the rdflib 7.6.0 sdist has no `cast` directory). The protocol
manifest only names its tests: test_w3c_protocol.py spells each one out."""
KINDS = {MF.QueryEvaluationTest: "evaluation", MF.PositiveSyntaxTest11: "positive syntax",
         MF.NegativeSyntaxTest11: "negative syntax", MF.ProtocolTest: "protocol"}
JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
WRITE_TOKEN = "w3c-test-token"


@dataclass
class Case:
    """One W3C test, with its files as local paths."""
    iri: str
    name: str
    suite: str
    kind: str
    comment: str = ""
    query: Path | None = None
    data: list[Path] = field(default_factory=list)
    graph_data: list[Path] = field(default_factory=list)
    result: Path | None = None

    @property
    def id(self) -> str:
        """The pytest id: suite/local name."""
        return f"{self.suite}/{self.iri.rsplit('#', 1)[-1]}"

    def dataset_key(self) -> tuple:
        return tuple(self.data), tuple(sorted(self.graph_data + self.from_data()))

    def from_data(self) -> list[Path]:
        """Suite files the query names in FROM / FROM NAMED. The W3C means "read this file";
        the endpoint reads FROM as a graph of its own dataset, so the harness serves each such
        file as a named graph under its IRI (invisible to the query otherwise: FROM replaces
        the dataset)."""
        if self.query is None:
            return []
        found = re.findall(r"\bFROM\s+(?:NAMED\s+)?<([^>]*)>", self.query.read_text(encoding="utf-8"), re.I)
        paths = [local(urllib.parse.urljoin(w3c_iri(self.query), iri)) for iri in found
                 if urllib.parse.urljoin(w3c_iri(self.query), iri).startswith(W3C_BASE)]
        return sorted(p for p in paths if p.is_file())


def w3c_iri(path: Path) -> str:
    return W3C_BASE + path.relative_to(SUITES).as_posix()


def local(iri) -> Path:
    iri = str(iri)
    if not iri.startswith(W3C_BASE):
        raise ValueError(f"{iri} is not a file of the vendored suites")
    return SUITES / iri[len(W3C_BASE):]


def read_manifest(suite: str) -> list[Case]:
    path = SUITES / suite / "manifest.ttl"
    g = Graph().parse(path, format="turtle", publicID=w3c_iri(path))
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    cases = []
    for node in Collection(g, g.value(manifest, MF.entries)):
        kind = KINDS.get(g.value(node, RDF.type))
        if kind is None:
            continue
        case = Case(str(node), str(g.value(node, MF.name)), suite, kind,
                    str(g.value(node, RDFS.comment) or ""))
        action = g.value(node, MF.action)
        if kind == "evaluation":
            case.query = local(g.value(action, QT.query))
            case.data = sorted(local(d) for d in g.objects(action, QT.data))
            case.graph_data = sorted(local(d) for d in g.objects(action, QT.graphData))
            case.result = local(g.value(node, MF.result))
        elif kind != "protocol":
            case.query = local(action)
        cases.append(case)
    return cases


def all_cases() -> list[Case]:
    return [case for suite in QUERY_SUITES for case in read_manifest(suite)]


# --- datasets ---------------------------------------------------------------------------

def _parse_into(graph: Graph, path: Path) -> None:
    fmt = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml"}[path.suffix]
    graph.parse(path, format=fmt, publicID=w3c_iri(path))


def build_dataset(case: Case) -> Dataset:
    """qt:data merged into the default graph (and only there), each qt:graphData a named
    graph named by its file's IRI: the RDF dataset of the test, exactly. Read by rdflib and
    copied into in-memory Oxigraph, as `oversight serve` does with its data (so rdflib's
    normalisation of literals on load is part of what is measured)."""
    dataset = Dataset(default_union=False)
    for path in case.data:
        _parse_into(dataset.default_graph, path)
    for path in sorted(set(case.graph_data + case.from_data())):
        _parse_into(dataset.graph(URIRef(w3c_iri(path))), path)
    return in_oxigraph(dataset)


def empty_dataset() -> Dataset:
    """An empty in-memory Oxigraph dataset whose default graph is its own."""
    return in_oxigraph(Dataset(default_union=False))


# --- terms and result sets --------------------------------------------------------------
# A term is ("uri", iri) | ("bnode", label) | ("literal", lexical, datatype, language).

def _literal(lexical: str, datatype: str | None, lang: str | None) -> tuple:
    if lang:
        return ("literal", lexical, RDF_LANGSTRING, lang.lower())
    return ("literal", lexical, datatype or XSD + "string", None)


@dataclass
class Results:
    vars: list[str]
    rows: list[dict[str, tuple]] | None = None
    boolean: bool | None = None


def parse_srx(text: bytes) -> Results:
    root = ET.fromstring(text)
    head = root.find(f"{SRX}head")
    names = [v.get("name") for v in head.findall(f"{SRX}variable")] if head is not None else []
    boolean = root.find(f"{SRX}boolean")
    if boolean is not None:
        return Results(names, boolean=boolean.text.strip() == "true")
    rows = []
    for result in root.iter(f"{SRX}result"):
        row = {}
        for binding in result.findall(f"{SRX}binding"):
            value = binding[0]
            tag = value.tag.removeprefix(SRX)
            if tag == "uri":
                row[binding.get("name")] = ("uri", value.text or "")
            elif tag == "bnode":
                row[binding.get("name")] = ("bnode", value.text or "")
            else:
                row[binding.get("name")] = _literal(
                    value.text or "", value.get("datatype"),
                    value.get("{http://www.w3.org/XML/1998/namespace}lang"))
        rows.append(row)
    return Results(names, rows)


def parse_srj(text: bytes | str) -> Results:
    doc = json.loads(text)
    names = doc.get("head", {}).get("vars", [])
    if "boolean" in doc:
        return Results(names, boolean=bool(doc["boolean"]))
    rows = []
    for binding in doc["results"]["bindings"]:
        row = {}
        for var, value in binding.items():
            if value["type"] == "uri":
                row[var] = ("uri", value["value"])
            elif value["type"] == "bnode":
                row[var] = ("bnode", value["value"])
            else:  # "literal", or SPARQL 1.0's "typed-literal"
                row[var] = _literal(value["value"], value.get("datatype"), value.get("xml:lang"))
        rows.append(row)
    return Results(names, rows)


def show(term: tuple) -> str:
    if term[0] == "uri":
        return f"<{term[1]}>"
    if term[0] == "bnode":
        return f"_:{term[1]}"
    _, lexical, datatype, lang = term
    if lang:
        return f'"{lexical}"@{lang}'
    if datatype == XSD + "string":
        return json.dumps(lexical, ensure_ascii=False)
    return f'{json.dumps(lexical, ensure_ascii=False)}^^{datatype.replace(XSD, "xsd:")}'


def _show_row(row: dict) -> str:
    return "{" + ", ".join(f"?{v}={show(t)}" for v, t in sorted(row.items())) + "}"


def _by_value(term: tuple):
    """A numeric literal's value, for telling the lead that rows differ only in lexical form."""
    if term[0] == "literal" and term[2] in {XSD + t for t in (
            "integer", "decimal", "double", "float", "int", "long", "short", "byte",
            "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
            "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}:
        try:
            return ("number", Decimal(term[1].strip()))
        except InvalidOperation:
            return term
    return term


def _ground(row: dict, key=lambda t: t) -> frozenset:
    return frozenset((v, key(t)) for v, t in row.items())


def _has_bnodes(rows: list[dict]) -> bool:
    return any(t[0] == "bnode" for row in rows for t in row.values())


def _match_with_bnodes(expected: list[dict], actual: list[dict]) -> bool:
    """Is there a bijection of blank-node labels making the multisets equal? Backtracking,
    fine for the suites' small result sets."""
    if len(expected) != len(actual):
        return False
    shape = lambda row: frozenset((v, t if t[0] != "bnode" else ("bnode",)) for v, t in row.items())
    if Counter(map(shape, expected)) != Counter(map(shape, actual)):
        return False
    expected = sorted(expected, key=lambda r: -sum(t[0] == "bnode" for t in r.values()))
    used = [False] * len(actual)

    def fits(e, a, fwd, back):
        if e.keys() != a.keys():
            return None
        fwd, back = dict(fwd), dict(back)
        for var, te in e.items():
            ta = a[var]
            if te[0] == "bnode" and ta[0] == "bnode":
                if fwd.setdefault(te[1], ta[1]) != ta[1] or back.setdefault(ta[1], te[1]) != te[1]:
                    return None
            elif te != ta:
                return None
        return fwd, back

    def search(i, fwd, back, budget=[200_000]):
        if i == len(expected):
            return True
        for j, a in enumerate(actual):
            budget[0] -= 1
            if budget[0] < 0:
                return False
            if not used[j] and (m := fits(expected[i], a, fwd, back)) is not None:
                used[j] = True
                if search(i + 1, *m):
                    return True
                used[j] = False
        return False
    return search(0, {}, {})


_ORDER_BY = re.compile(r"\bORDER\s+BY\b(.*?)(?:\bLIMIT\b|\bOFFSET\b|\bVALUES\b|$)", re.I | re.S)


def order_keys(query: str, variables: list[str]) -> list[str]:
    """The result variables that the query's last ORDER BY mentions (the outer one)."""
    found = _ORDER_BY.findall(query)
    if not found:
        return []
    mentioned = re.findall(r"[?$](\w+)", found[-1])
    return [v for v in dict.fromkeys(mentioned) if v in variables]


def compare_results(expected: Results, actual: Results, ordered_by: list[str]) -> str | None:
    """None if they agree, else what differs."""
    if expected.boolean is not None or actual.boolean is not None:
        if expected.boolean != actual.boolean:
            return f"ASK: expected {expected.boolean}, got {actual.boolean}"
        return None
    if set(expected.vars) != set(actual.vars):
        return f"variables: expected {sorted(expected.vars)}, got {sorted(actual.vars)}"
    e_rows, a_rows = expected.rows, actual.rows
    if _has_bnodes(e_rows) or _has_bnodes(a_rows):
        same = _match_with_bnodes(e_rows, a_rows)
    else:
        same = Counter(map(_ground, e_rows)) == Counter(map(_ground, a_rows))
    if not same:
        missing = Counter(map(_ground, e_rows)) - Counter(map(_ground, a_rows))
        extra = Counter(map(_ground, a_rows)) - Counter(map(_ground, e_rows))
        note = ""
        if Counter(_ground(r, _by_value) for r in e_rows) == Counter(_ground(r, _by_value) for r in a_rows):
            note = " [equal by numeric value: only lexical forms differ]"
        lines = [f"solutions differ{note}: expected {len(e_rows)} rows, got {len(a_rows)}"]
        lines += ["  missing " + _show_row(dict(r)) for r in list(missing.elements())[:8]]
        lines += ["  extra   " + _show_row(dict(r)) for r in list(extra.elements())[:8]]
        return "\n".join(lines)
    if ordered_by:
        key = lambda row: tuple(row.get(v, ("unbound",)) if row.get(v, ("",))[0] != "bnode"
                                else ("bnode",) for v in ordered_by)
        if [key(r) for r in e_rows] != [key(r) for r in a_rows]:
            return (f"order of solutions by {ordered_by} differs:\n  expected "
                    + ", ".join(map(str, [key(r) for r in e_rows]))[:600] + "\n  got      "
                    + ", ".join(map(str, [key(r) for r in a_rows]))[:600])
    return None


RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")


def _term(node) -> tuple:
    if isinstance(node, URIRef):
        return ("uri", str(node))
    if isinstance(node, BNode):
        return ("bnode", str(node))
    return _literal(str(node), str(node.datatype) if node.datatype else None, node.language)


def result_set_graph(graph: Graph) -> Results | None:
    """A result set written in RDF with the DAWG rs: vocabulary (some suites' .ttl results),
    or None if the graph is a CONSTRUCT result. (rdflib has parsed its literals, normalising
    their lexical forms: a small leniency for the two tests that use it.)"""
    rs = graph.value(None, RDF.type, RS.ResultSet)
    if rs is None:
        return None
    names = [str(v) for v in graph.objects(rs, RS.resultVariable)]
    boolean = graph.value(rs, RS.boolean)
    if boolean is not None:
        return Results(names, boolean=boolean.toPython())
    solutions = []
    for solution in graph.objects(rs, RS.solution):
        row = {str(graph.value(b, RS.variable)): _term(graph.value(b, RS.value))
               for b in graph.objects(solution, RS.binding)}
        index = graph.value(solution, RS.index)
        solutions.append((index.toPython() if index is not None else 0, row))
    return Results(names, [row for _, row in sorted(solutions, key=lambda s: s[0])])


def plain_strings(graph: Graph) -> Graph:
    """The graph with "x"^^xsd:string written "x": one RDF 1.1 term, two rdflib terms."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD_STRING:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def read_expected(path: Path) -> Results | Graph:
    if path.suffix == ".srx":
        return parse_srx(path.read_bytes())
    if path.suffix == ".srj":
        return parse_srj(path.read_bytes())
    graph = Graph()
    _parse_into(graph, path)
    return result_set_graph(graph) or graph


# --- running ----------------------------------------------------------------------------

class Failure(AssertionError):
    """A W3C test that the endpoint fails; the message says how."""


def post_query(client: httpx.Client, base: str, query: str, accept: str) -> httpx.Response:
    return client.post(f"{base}/sparql", data={"query": query}, headers={"Accept": accept})


def run_evaluation(client: httpx.Client, base: str, case: Case) -> None:
    text = case.query.read_text(encoding="utf-8")
    # The W3C evaluates a query with its own file IRI as base; over HTTP the server would
    # pick the base, so the test states it. BASE may come before any PREFIX or BASE.
    sent = f"BASE <{w3c_iri(case.query)}>\n{text}"
    expected = read_expected(case.result)
    accept = N_TRIPLES if isinstance(expected, Graph) else JSON_RESULTS
    response = post_query(client, base, sent, accept)
    if response.status_code != 200:
        raise Failure(f"endpoint answered {response.status_code}: {response.text[:500]}")
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if isinstance(expected, Graph):
        if media != N_TRIPLES:
            raise Failure(f"asked for {N_TRIPLES}, got {media}")
        actual = plain_strings(Graph().parse(data=response.text, format="nt"))
        expected = plain_strings(expected)
        if not isomorphic(expected, actual):
            _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
            triples = lambda g: sorted(" ".join(x.n3() for x in t) for t in g)[:8]
            raise Failure(f"graphs are not isomorphic ({len(expected)} triples expected, "
                          f"{len(actual)} got):\n"
                          + "".join(f"  missing {t}\n" for t in triples(only_expected))
                          + "".join(f"  extra   {t}\n" for t in triples(only_actual)))
        return
    if media != JSON_RESULTS:
        raise Failure(f"asked for {JSON_RESULTS}, got {media}")
    try:
        actual = parse_srj(response.content)
    except (ValueError, KeyError) as problem:
        raise Failure(f"unreadable SPARQL JSON results: {problem}: {response.text[:300]}") from None
    problem = compare_results(expected, actual, order_keys(text, expected.vars))
    if problem:
        raise Failure(problem)


def run_syntax(client: httpx.Client, base: str, case: Case) -> None:
    """Negative: the endpoint must answer 400. Positive: anything but 400 (the query runs on
    an empty dataset; 403 for SERVICE, which this endpoint refuses by policy, is fine)."""
    text = case.query.read_bytes().decode("utf-8")
    response = post_query(client, base, text, f"{JSON_RESULTS}, text/turtle;q=0.9")
    if case.kind == "negative syntax" and response.status_code != 400:
        raise Failure(f"a syntax error was accepted: endpoint answered {response.status_code}")
    if case.kind == "positive syntax" and response.status_code == 400:
        raise Failure(f"valid syntax refused (400): {response.text[:400]}")
    if case.kind == "positive syntax" and response.status_code >= 500:
        raise Failure(f"valid query, endpoint answered {response.status_code}: {response.text[:400]}")


# --- expected failures -------------------------------------------------------------------

def expected_failures(path: Path = HERE / "expected_failures.txt") -> dict[str, str]:
    """test IRI or pytest id -> reason, from `name  # reason` lines."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        # IRIs have a '#' too: the reason starts at the first '  # '
        name, sep, reason = line.partition("  # ")
        found[name.strip()] = reason.strip() if sep else "listed in expected_failures.txt"
    return found


def params(cases: list[Case]) -> list:
    """pytest params for `cases`, those in expected_failures.txt marked xfail(strict=True)."""
    listed = expected_failures()
    out = []
    for case in cases:
        reason = listed.get(case.iri) or listed.get(case.id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out
