"""Audited identity: judgements that two records are, or are not, the same actor.

`oversight same A B --because ...` appends a judgement to data/judgements.yaml, with who made
it and when; the loader reads the file into a named graph of its own: `A owl:sameAs B` (the
build's OWL 2 RL closure then merges the two) and, beside it, the judgement itself (an
og:IdentityJudgement with its reason, author and time), so that every merge keeps its
provenance. A not-same judgement merges nothing and stops `oversight new` suggesting the pair.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from rdflib import Graph, Literal

from graph.data.errors import DataError, shown
from graph.data.yaml_lines import LineMapping, parse
from graph.model.namespaces import DCTERMS, ID, OG, OWL, RDF, XSD
from graph.model.nearest import did_you_mean

JUDGEMENTS = "judgements.yaml"
"""The file, at the top of a data folder, that holds the identity judgements (not a source)."""
_HEADER = ("# Identity judgements, written by `oversight same` (see README, \"Adding a source\").\n"
           "# same: the two ids are one actor (the build merges them through owl:sameAs);\n"
           "# not_same: they are not (`oversight new` stops suggesting the match).\n"
           "judgements:\n")


def judgements_file(data_dir: Path) -> Path:
    return Path(data_dir) / JUDGEMENTS


def _entries(data_dir: Path, errors: list[DataError]) -> list[tuple[LineMapping, str]]:
    path = judgements_file(data_dir)
    if not path.is_file():
        return []
    parsed = parse(path, Path(data_dir), errors)
    doc = parsed.doc if parsed else None
    if parsed is None:
        return []
    items = doc.get("judgements") if isinstance(doc, LineMapping) else None
    if not isinstance(items, list):
        errors.append(DataError(parsed.name, getattr(doc, "line", None), None,
                                "this file holds 'judgements:' and a list of judgements (see `oversight same`)"))
        return []
    found = []
    for item in items:
        kind = next((k for k in ("same", "not_same") if isinstance(item, LineMapping) and k in item), None)
        pair = item.get(kind) if kind else None
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(i, str) for i in pair)
                and isinstance(item.get("because"), str) and item["because"].strip()):
            errors.append(DataError(parsed.name, getattr(item, "line", None), None,
                                    "a judgement is 'same: [id, id]' or 'not_same: [id, id]' with 'because:' (why), "
                                    f"'by:' and 'at:', got {shown(item)}"))
            continue
        found.append((item, kind))
    return found


def not_same_pairs(data_dir: Path) -> set[frozenset[str]]:
    """The pairs judged not the same: `oversight new` does not suggest them."""
    return {frozenset(item["not_same"]) for item, kind in _entries(data_dir, []) if kind == "not_same"}


def judgements_graph(data_dir: Path, ids: dict, errors: list[DataError]) -> Graph | None:
    """The judgements as RDF, or None when the folder has none; unknown ids are errors."""
    entries = _entries(data_dir, errors)
    if not entries:
        return None
    name = f"data/{JUDGEMENTS}" if Path(data_dir).name == "data" else str(judgements_file(data_dir))
    g = Graph()
    for item, kind in entries:
        a, b = item[kind]
        unknown = [i for i in (a, b) if i not in ids]
        for i in unknown:
            errors.append(DataError(name, item.value_lines[kind], None, f"unknown reference {shown(i)}: no record has "
                                                                        "this id" + did_you_mean(i, list(ids))))
        if unknown:
            continue
        node = ID["judgement-" + hashlib.sha1(f"{kind}|{a}|{b}".encode()).hexdigest()[:12]]
        g.add((node, RDF.type, OG.IdentityJudgement))
        g.add((node, OG.judgedSame, Literal(kind == "same")))
        g.add((node, OG.judgementOf, ID[a]))
        g.add((node, OG.judgementOf, ID[b]))
        g.add((node, OG.grounds, Literal(item["because"])))
        if isinstance(item.get("by"), str):
            g.add((node, DCTERMS.creator, Literal(item["by"])))
        if item.get("at") is not None:
            g.add((node, DCTERMS.date, Literal(str(item["at"]), datatype=XSD.dateTime)))
        if kind == "same":
            g.add((ID[a], OWL.sameAs, ID[b]))
    return g


def record(data_dir: Path, a: str, b: str, because: str, by: str, at: str, same: bool = True) -> Path:
    """Append one judgement to the file (created if need be), leaving what is there untouched."""
    path = judgements_file(data_dir)
    entry = (f"  - {'same' if same else 'not_same'}: [{a}, {b}]\n"
             f"    because: {json.dumps(because, ensure_ascii=False)}\n"
             f"    by: {json.dumps(by, ensure_ascii=False)}\n"
             f"    at: {json.dumps(at)}\n")
    if not path.exists():
        path.write_text(_HEADER + entry, encoding="utf-8")
        return path
    ends_a_line = path.read_text(encoding="utf-8").endswith("\n")
    with open(path, "a", encoding="utf-8") as out:
        out.write(("" if ends_a_line else "\n") + entry)
    return path
