"""`oversight new`: a new source's data file, written from its text for a person to review.

The source block is filled from the text (paragraph count by the project's paragraph rule,
title and date where the text gives them); then, paragraph by paragraph, what it mentions as
comments, and a record marked `review: pending` for each name the data does not know. None
of it is data until a person accepts it: `oversight validate` refuses a pending record. The
text itself is not copied into the YAML; with `keep_text` it is copied into `texts/` of the
data folder, which `seed_file` names.
"""
from __future__ import annotations

import errno
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.authoring.gazetteer import Gazetteer, Known
from graph.authoring.hints import bundled_hints
from graph.authoring.mentions import _DATES, Notes, Proposal, Reader, slug
from graph.data.format import schema_file
from graph.data.judgements import not_same_pairs
from graph.data.load import load
from graph.data.paragraphs import paragraph_count, paragraphs
from graph.model.namespaces import OG
from graph.model.resources import resource_dir
from graph.model.vocabulary import Vocabulary

TEXTS = "texts"
"""The folder of a data folder where `--keep-text` copies a source's text (no YAML is read there)."""


@dataclass
class Scaffold:
    path: Path
    source_id: str
    paragraphs: int
    known: dict[str, Known] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)
    ambiguous: set[str] = field(default_factory=set)
    text_copy: Path | None = None


def _q(text: str) -> str:
    """A YAML scalar that reads back as exactly `text` (a JSON string is YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _only_date(text: str) -> str | None:
    """The calendar value of a line that is only a date ("28 March 2013", "Published: March 2013")."""
    line = re.sub(r"^(published|updated|date)\s*:?\s*", "", text.strip(), flags=re.I).rstrip(".")
    for pattern, value in _DATES:
        m = pattern.fullmatch(line)
        if m and value(m):
            return value(m)
    return None


def next_source_id(taken: set[str]) -> str:
    numbers = [int(i) for i in taken if i.isdigit()]
    return f"{max(numbers, default=-1) + 1:03d}"


def scaffold(text_file: Path, data_dir: Path | None = None, source_id: str | None = None, url: str | None = None,
             source_class: str = "NewsArticle", keep_text: bool = False) -> Scaffold:
    data_dir = Path(data_dir) if data_dir else resource_dir("data")
    try:
        text = text_file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{text_file}: not UTF-8 text ({exc.reason}); save the file as UTF-8") from None
    vocab = Vocabulary()
    cls = vocab.expand(source_class)
    if cls not in vocab.classes or not vocab.is_subclass(cls, OG.SourceDocument):
        kinds = {n: d for n, d in vocab.class_names.items() if vocab.is_subclass(vocab.expand(n), OG.SourceDocument)}
        from graph.model.nearest import did_you_mean
        raise ValueError(f"--class {source_class!r} is not a kind of og:SourceDocument" + did_you_mean(source_class, kinds))
    numbered = vocab.is_subclass(cls, OG.CourtJudgment)
    found = paragraphs(text, numbered)
    if not found:
        raise ValueError(f"{text_file}: no paragraphs found" + (" (numbered 1. or [1])" if numbered else ""))
    data = load(data_dir, vocab, pending_ok=True)
    taken = {str(o) for o in data.meta.objects(None, OG.identifier)}
    source_id = source_id or next_source_id(taken)
    if source_id in taken:
        raise ValueError(f"source id {source_id!r} is already used")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines and len(lines[0]) <= 200 and not lines[0].endswith((".", "?", "!", ":")) else None
    published = next((d for line in lines[1:4] if (d := _only_date(line))), None)
    name = f"{source_id}_{slug(' '.join((title or text_file.stem).split()[:6]))[:60]}"
    target = data_dir / "sources" / f"{name}.yaml"
    reader = Reader(Gazetteer(data.dataset, vocab), bundled_hints(), not_same_pairs(data_dir))
    notes = [reader.read(n, para) for n, para in found.items()]
    result = Scaffold(target, source_id, paragraph_count(found))
    seed = text_file.name
    if keep_text:
        result.text_copy = data_dir / TEXTS / f"{name}.txt"
        seed = f"{TEXTS}/{name}.txt"
    body = _write(result, notes, vocab, source_class, title, published, url, seed, numbered, text_file, target)
    for path in filter(None, (target, result.text_copy)):
        if path.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # never over a file that exists
        out.write(body)
    if result.text_copy is not None:
        result.text_copy.parent.mkdir(parents=True, exist_ok=True)
        with open(result.text_copy, "x", encoding="utf-8") as out:
            out.write(text)
    return result


def _write(result: Scaffold, notes: list[Notes], vocab: Vocabulary, source_class: str, title, published, url,
           seed: str, numbered: bool, text_file: Path, target: Path) -> str:
    schema = os.path.relpath(schema_file(), target.parent)
    if schema.startswith("../../../"):  # a data folder outside the checkout: the installed schema
        schema = schema_file().resolve().as_uri()
    out = [f"# yaml-language-server: $schema={schema}",
           f"# Written by `oversight new` from {text_file.name}: suggestions to review, not data yet.",
           "# Lines starting with '#' are suggestions. A record marked `review: pending` is refused by",
           "# `oversight validate` until you have checked it against the source and deleted that line.",
           "# Add facts about a known record with `- about: <id>`; `oversight coverage` shows what is unread.",
           "source:",
           f"  id: {_q(result.source_id)}",
           f"  class: {source_class}"]
    out.append(f"  title: {_q(title)}" if title else "  # title: the document's title, in our own words where it has none")
    out.append(f"  seed_file: {_q(seed)}")
    out.append(f"  paragraph_count: {result.paragraphs}")
    if numbered:
        out.append("  paragraph_numbering: own          # the judgment's own paragraph numbers")
    out.append(f"  published: {published}" if published else "  # published: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source")
    if url:
        out.append(f"  url: {_q(url)}")
    out.append("records:")
    declared: set[str] = set()
    for note in notes:
        if note.empty():
            continue
        out.append(f"  # ¶{note.number}")
        out += _comments(note, vocab, result)
        for _, proposal in note.proposed:
            if proposal.id not in declared:
                declared.add(proposal.id)
                result.proposals.append(proposal)
                out += _record(proposal, vocab)
    return "\n".join(out) + "\n"


def _comments(note: Notes, vocab: Vocabulary, result: Scaffold) -> list[str]:
    lines = []
    for text, known, how in note.known:
        result.known[known.id] = known
        kind = f", {vocab.label(known.cls)}" if known.cls else ""
        lines.append(f"  #   known: {text!r} = {known.id} ({known.label}{kind}; {how})")
    for text, candidates in note.ambiguous:
        result.ambiguous.add(text)
        lines.append(f"  #   which? {text!r} = " + " or ".join(k.id for k in candidates) if candidates else
                     f"  #   which? {text!r}: nothing of the kind named before it")
    for text, proposal in note.proposed:
        lines.append(f"  #   new: {text!r} -> {proposal.id}" + (f" (may be the known {', '.join(k.id for k in proposal.maybe)}"
                     f": if so use that id, or `oversight same {proposal.id} ID --not` to stop this)" if proposal.maybe else ""))
    if note.dates:
        lines.append("  #   dates: " + "; ".join(f"{v} ({t!r})" if v else f"{t!r}: no year, use dateNote" for v, t in note.dates))
    if note.figures:
        lines.append("  #   figures: " + "; ".join(note.figures))
    if note.relations:
        lines.append("  #   words: " + "; ".join(f"{w!r} -> " + ", ".join(vocab.data_name(t) for t in terms)
                                           for w, terms in note.relations))
    if note.claims:
        lines.append("  #   claims: " + "; ".join(f"{w!r} -> status {s}" for w, s in note.claims))
    return lines


def _record(proposal: Proposal, vocab: Vocabulary) -> list[str]:
    cls = vocab.data_name(proposal.cls) if proposal.cls else "Actor"
    lines = [f"  - id: {proposal.id}",
             f"    class: {cls}" + ("" if proposal.cls else "          # no title or name ending says: choose the class"),
             f"    label: {_q(proposal.name)}",
             f"    paragraphs: [{', '.join(map(str, proposal.paragraphs))}]"]
    if proposal.speaks_for is not None:
        body = proposal.speaks_for
        lines.append(f"    props: {{spokespersonFor: {body.id}}}")
    lines.append(f"    review: pending                  # {proposal.why}")
    return lines
