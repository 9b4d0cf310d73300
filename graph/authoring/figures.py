"""`oversight import-figures`: a table of figures (one row per period or category, one column
per measure) appended to a source's data file as figure observations.

Each observation keeps its period, category, count and the table row it was read from. The
records are appended as text, so nothing the user wrote is reformatted or lost, and the file
is put back as it was if the result does not load.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from graph.authoring.mentions import slug
from graph.data.errors import DataErrors
from graph.data.graphs import GRAPH_BASE, source_graph
from graph.data.load import load
from graph.model.namespaces import ID
from graph.model.nearest import did_you_mean
from graph.model.resources import resource_dir

_SPAN = re.compile(r"(?:FY\s*)?(\d{4})(?:\s*[-/–]\s*(\d{2}|\d{4}))?")


@dataclass
class Imported:
    path: Path
    records: int
    rows: int


def _period(text: str) -> list[tuple[str, str]]:
    """periodLabel as written, and periodStart/periodEnd where the label is a year or a span."""
    found = [("periodLabel", json.dumps(text, ensure_ascii=False))]
    m = _SPAN.fullmatch(text.strip())
    if m:
        start, end = m[1], m[2]
        end = (start[:2] + end if end and len(end) == 2 else end) or start
        found += [("periodStart", start), ("periodEnd", end)]
    return found


def _count(cell: str, where: str) -> int | None:
    cell = cell.strip().replace(",", "")
    if not cell:
        return None
    if not re.fullmatch(r"\d+", cell):
        raise ValueError(f"{where}: {cell!r} is not a whole number (leave the cell empty if there is no figure)")
    return int(cell)


def import_figures(table: Path, source_id: str, counts: str, area: str, data_dir: Path | None = None,
                   period_column: str = "period", category_column: str | None = None, paragraph: int = 1) -> Imported:
    data_dir = Path(data_dir) if data_dir else resource_dir("data")
    data = load(data_dir, pending_ok=True)
    graph = source_graph(source_id)
    if graph not in data.files:
        raise ValueError(f"no source {source_id!r}" + did_you_mean(source_id, [g[len(GRAPH_BASE):] for g in data.files]))
    ids = {str(i)[len(str(ID)):] for i in data.locations if str(i).startswith(str(ID))}
    if area not in ids:
        raise ValueError(f"--area {area!r}: no record has this id" + did_you_mean(area, sorted(ids)))
    with open(table, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0]) if rows else []
    for wanted in filter(None, (period_column, category_column)):
        if wanted not in header:
            raise ValueError(f"{table.name}: no column {wanted!r}" + did_you_mean(wanted, header))
    measures = [c for c in header if c not in (period_column, category_column)]
    if not measures:
        raise ValueError(f"{table.name}: no column of figures beside {period_column!r}")
    text, made = [f"  # figures imported by `oversight import-figures` from {table.name}: one record per row and column"], 0
    for number, row in enumerate(rows, 1):
        for measure in measures:
            count = _count(row[measure] or "", f"{table.name} row {number}, column {measure!r}")
            if count is None:
                continue
            category = f"{row[category_column]}: {measure}" if category_column else measure
            period = (row[period_column] or "").strip()
            rid = base = f"f{source_id}_{slug(area)}_{slug(period)}_{slug(category)}"[:90]
            n = 2
            while rid in ids:
                rid, n = f"{base}_{n}", n + 1
            ids.add(rid)
            props = [("refArea", area), ("counts", json.dumps(counts, ensure_ascii=False)),
                     ("category", json.dumps(category, ensure_ascii=False)), ("count", str(count)),
                     *(_period(period) if period else []), ("tableRow", str(number))]
            text += [f"  - id: {rid}", "    class: FigureObservation",
                     f"    label: {json.dumps(f'{source_id}, {counts} ({category}), {period}: {count}', ensure_ascii=False)}",
                     f"    paragraphs: [{paragraph}]", "    props:"] + [f"      {k}: {v}" for k, v in props]
            made += 1
    _append(data.files[graph], text, data_dir)
    return Imported(data.files[graph], made, len(rows))


def _append(path: Path, lines: list[str], data_dir: Path) -> None:
    """Add the records at the end of the file's `records:` list; put the file back if it then fails to load."""
    before = path.read_text(encoding="utf-8")
    top_level = [line.split(":")[0] for line in before.splitlines() if re.match(r"[A-Za-z_]+:", line)]
    if top_level and top_level[-1] != "records":
        if "records" in top_level:
            raise ValueError(f"{path.name}: 'records:' is not the last block of the file; move it last to append to it")
        lines = ["records:"] + lines
    elif re.search(r"^records:\s*\[\s*\]\s*$", before, re.M):
        raise ValueError(f"{path.name}: 'records: []' holds an empty flow list; write 'records:' to append to it")
    path.write_text(before + ("" if before.endswith("\n") else "\n") + "\n".join(lines) + "\n", encoding="utf-8")
    try:
        load(data_dir, pending_ok=True)
    except DataErrors:
        path.write_text(before, encoding="utf-8")
        raise
