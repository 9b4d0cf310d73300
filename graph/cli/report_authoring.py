"""Plain text for the authoring commands' answers (graph.authoring)."""
from __future__ import annotations

from graph.authoring.coverage import Coverage
from graph.data.errors import shorten


def coverage(found: Coverage) -> str:
    read = len(found.paragraphs) - len(found.unread)
    lines = [f"Coverage of source {found.source} ({found.title}): {read} of {len(found.paragraphs)} paragraphs "
             "have facts", ""]
    for para in found.paragraphs:
        opening = f"  {shorten(para.text.splitlines()[0], 70)!r}" if para.text else ""
        lines.append(f"¶{para.number}{opening}")
        lines += [f"    {f.subject} — {f.property} — {shorten(f.value, 70)} ({f.status})" for f in para.facts] or ["    (no facts)"]
    lines += ["", "Paragraphs with no facts: " + (", ".join(map(str, found.unread)) or "none")]
    return "\n".join(lines)
