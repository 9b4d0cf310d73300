"""The publication policy (data/publication-policy.yaml): who public outputs do not name.

The file's format is ontology/publication-policy.schema.json; its classes and properties are
the ontology's. `withheld` reads the built dataset, facts and statements of every claim
status alike (a complainant named only in an allegation is still a complainant), and gives
each private person the role description they become.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator
from rdflib import Dataset, URIRef

from graph.data.errors import DataError, DataErrors
from graph.data.load import POLICY_FILE
from graph.data.yaml_lines import line_at, parse
from graph.model.namespaces import OG, RDF, RDFS
from graph.model.resources import resource_dir
from graph.model.vocabulary import Vocabulary

_RANK_PROPERTIES = (OG.rank, OG.employedAs, OG.roleTitle)


@dataclass
class Policy:
    doc: dict
    name: str
    vocab: Vocabulary

    def term(self, key: str, name: str, path: list) -> URIRef:
        iri = self.vocab.expand(name) if re.fullmatch(r"([a-z]+:)?\w+", name) else None
        if iri not in self.vocab.classes and iri not in self.vocab.properties:
            raise DataErrors([DataError(self.name, line_at(self.doc, path), None,
                                        f"{key} {name!r} is not a name of the ontology")])
        return iri


@functools.cache
def _validator() -> Draft202012Validator:
    schema = json.loads((resource_dir("ontology") / "publication-policy.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def read_policy(data_dir: Path | None = None, vocab: Vocabulary | None = None) -> Policy:
    """The data folder's policy, checked against its schema; DataErrors naming the line if not."""
    data_dir = Path(data_dir) if data_dir else resource_dir("data")
    path = data_dir / POLICY_FILE
    errors: list[DataError] = []
    if not path.is_file():
        raise DataErrors([DataError(str(path), None, None, "no publication policy: a public build needs "
                                    f"{POLICY_FILE} in the data folder, saying who is not named")])
    sf = parse(path, data_dir, errors)
    if sf is None:
        raise DataErrors(errors)
    for error in _validator().iter_errors(sf.doc):
        message = error.schema.get("errorMessage", error.message) if isinstance(error.schema, dict) else error.message
        errors.append(DataError(sf.name, line_at(sf.doc, list(error.absolute_path)), None, message))
    if errors:
        raise DataErrors(errors)
    return Policy(sf.doc, sf.name, vocab or Vocabulary())


def _values(dataset: Dataset, subject, predicate) -> set:
    """The values of a property, as a plain fact or as a statement of any claim status."""
    found = set(dataset.objects(subject, predicate))
    for st in dataset.subjects(RDF.predicate, predicate):
        if subject is None or (st, RDF.subject, subject) in dataset:
            found.update(dataset.objects(st, RDF.object))
    return found


def _subjects(dataset: Dataset, predicate, obj) -> set:
    found = set(dataset.subjects(predicate, obj))
    for st in dataset.subjects(RDF.object, obj):
        if (st, RDF.predicate, predicate) in dataset:
            found.update(dataset.objects(st, RDF.subject))
    return found


def _of_class(dataset: Dataset, vocab: Vocabulary, cls: URIRef) -> set:
    classes = set(vocab.graph.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in _subjects(dataset, RDF.type, c)}


def withheld(dataset: Dataset, policy: Policy) -> dict[URIRef, str]:
    """Each person public outputs do not name, and the role description they become."""
    doc, vocab = policy.doc, policy.vocab
    public_events = {e for i, name in enumerate(doc.get("named_publicly", {}).get("subject_of", []))
                     for e in _of_class(dataset, vocab, policy.term("subject_of", name, ["named_publicly", "subject_of", i]))}
    named = {p for e in public_events for p in _values(dataset, e, OG.subjectOf)}
    named |= set(dataset.subjects(OG.namedPubliclyIn, None)) | {
        s for st in dataset.subjects(RDF.predicate, OG.namedPubliclyIn) for s in dataset.objects(st, RDF.subject)}
    found: dict[URIRef, str] = {}

    def withhold(people: set, rule: dict) -> None:
        for person in sorted(p for p in people if isinstance(p, URIRef)):
            if not (rule.get("unless_named_publicly") and person in named):
                found.setdefault(person, rule["shown_as"])

    for i, rule in enumerate(doc["private"]):
        if "class" in rule:
            withhold(_of_class(dataset, vocab, policy.term("class", rule["class"], ["private", i, "class"])), rule)
        else:
            withhold(_values(dataset, None, policy.term("role", rule["role"], ["private", i, "role"])), rule)
    officers = doc.get("officers")
    if officers:
        ranks = [r.lower() for r in officers["ranks"]]
        if officers["named_from"].lower() not in ranks:
            raise DataErrors([DataError(policy.name, line_at(doc, ["officers", "named_from"]), None,
                                        f"named_from {officers['named_from']!r} is not one of the ranks")])
        lowest = ranks.index(officers["named_from"].lower())
        people = _of_class(dataset, vocab, policy.term("class", officers["class"], ["officers", "class"]))
        withhold({p for p in people if _rank(dataset, p, ranks) < lowest}, officers)
    return found


def _rank(dataset: Dataset, person: URIRef, ranks: list[str]) -> int:
    """The highest rank the person's rank, job or title names (the longest match), else -1."""
    best = -1
    for text in (str(v).lower() for p in _RANK_PROPERTIES for v in _values(dataset, person, p)):
        matches = [r for r in ranks if re.search(rf"\b{re.escape(r)}\b", text)]
        if matches:
            best = max(best, ranks.index(max(matches, key=len)))
    return best
