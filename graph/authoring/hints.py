"""The words `oversight new` reads into an article: titles, name endings, relation and claim
words, from ontology/authoring-hints.yaml, each term checked against the ontology."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import URIRef

from graph.model.nearest import did_you_mean
from graph.model.resources import resource_dir
from graph.model.vocabulary import Vocabulary


def hints_file() -> Path:
    return resource_dir("ontology") / "authoring-hints.yaml"


@dataclass(frozen=True)
class Hints:
    titles: dict[str, URIRef]
    """A title ("Chief Constable") -> the class of the person it names."""
    title_objects: dict[str, URIRef]
    """A title whose next words name something else ("MP for" Lincoln) -> that thing's class."""
    name_endings: dict[str, URIRef]
    """The last words of an organisation's name ("Police", "Police and Crime Panel") -> its class."""
    relations: dict[str, list[URIRef]]
    """The start of a relation word ("suspen") -> the ontology's classes and properties for it."""
    claims: dict[str, str]
    """The start of a claim word ("alleg") -> a claim status notation."""


class HintsError(ValueError):
    """A term of the hints file that the ontology does not define."""


def load_hints(vocab: Vocabulary, path: Path | None = None) -> Hints:
    path = path or hints_file()
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems: list[str] = []

    def term(name: str, kinds: dict[str, str]) -> URIRef | None:
        iri = vocab.expand(name)
        if iri in vocab.classes or iri in vocab.properties:
            return iri
        problems.append(f"{path.name}: {name!r} is not a term of the ontology" + did_you_mean(name, kinds))
        return None

    classes, everything = vocab.class_names, {**vocab.class_names, **vocab.property_names}
    titles = {t: c for t, name in raw["titles"].items() if (c := term(name, classes))}
    objects = {t: c for t, name in raw["title_objects"].items() if (c := term(name, classes))}
    endings = {e: c for e, name in raw["name_endings"].items() if (c := term(name, classes))}
    # The ontology's own class labels are name endings too ("police and crime panel").
    for cls in vocab.classes:
        endings.setdefault(vocab.label(cls), cls)
    relations = {word: [t for name in names if (t := term(name, everything))] for word, names in raw["relations"].items()}
    claims = {}
    for word, status in raw["claims"].items():
        if status in vocab.statuses:
            claims[word] = status
        else:
            problems.append(f"{path.name}: {status!r} is not a claim status" + did_you_mean(status, vocab.statuses))
    if problems:
        raise HintsError("\n".join(problems))
    return Hints(titles, objects, endings, relations, claims)


@functools.cache
def bundled_hints() -> Hints:
    return load_hints(Vocabulary())
