"""`oversight coverage`: what a source's paragraphs gave the data, and which gave nothing yet.

Read from the statements of the source's named graph (every fact carries its paragraphs),
with the text shown beside each paragraph when its file is given (by the paragraph rule of
graph.data.paragraphs, the judgment's own numbers where the source says so).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal

from graph.data.graphs import source_graph
from graph.data.load import load
from graph.data.paragraphs import paragraphs
from graph.data.yaml_lines import parse
from graph.model.namespaces import OG, RDF, RDFS, SKOS, SOURCE


@dataclass
class Fact:
    subject: str
    property: str
    value: str
    status: str


@dataclass
class Paragraph:
    number: int
    text: str | None = None
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Coverage:
    source: str
    title: str
    paragraphs: list[Paragraph]

    @property
    def unread(self) -> list[int]:
        return [p.number for p in self.paragraphs if not p.facts]


def coverage(source_id: str, data_dir: Path | None = None, text_file: Path | None = None) -> Coverage:
    data = load(data_dir, pending_ok=True)
    iri = source_graph(source_id)
    if iri not in data.graphs:
        from graph.model.nearest import did_you_mean
        known = [str(o) for o in data.meta.objects(None, OG.identifier)]
        raise ValueError(f"no source {source_id!r}" + did_you_mean(source_id, known))
    g, vocab, union = data.graphs[iri], data.vocabulary, data.dataset

    def shown(node) -> str:
        if isinstance(node, Literal):
            return repr(str(node)) if node.datatype is None else str(node)
        label = union.value(node, RDFS.label)
        return str(label) if label is not None else vocab.data_name(node)

    by_paragraph: dict[int, list[Fact]] = defaultdict(list)
    for st in g.subjects(RDF.type, OG.Statement):
        fact = Fact(shown(g.value(st, RDF.subject)), vocab.label(g.value(st, RDF.predicate)),
                    shown(g.value(st, RDF.object)), str(union.value(g.value(st, OG.claimStatus), SKOS.notation)))
        for para in g.objects(st, OG.paragraph):
            by_paragraph[int(para)].append(fact)
    texts = {}
    if text_file is not None:
        numbered = data.meta.value(SOURCE[source_id], OG.paragraphNumbering) == OG.OwnNumbering
        texts = paragraphs(text_file.read_text(encoding="utf-8"), numbered)
    source = parse(data.files[iri], data.files[iri].parent, []).doc["source"]
    count = source.get("paragraph_count") or max([*texts, *by_paragraph], default=0)
    numbers = sorted(set(range(1, count + 1)) | set(by_paragraph))
    found = [Paragraph(n, texts.get(n), sorted(by_paragraph.get(n, []), key=lambda f: (f.subject, f.property, f.value)))
             for n in numbers]
    return Coverage(source_id, str(source.get("title", "")), found)
