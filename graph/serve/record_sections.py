"""Two sections of an entity page: the replies to it (right of reply) and the edit history
of its facts (when first recorded, when last changed, by which commit). Escaped text only."""
from __future__ import annotations

from html import escape as esc
from pathlib import Path

from rdflib import Dataset, URIRef

from graph.model.namespaces import ID
from graph.network.replies import replies_to


def reply_section(dataset: Dataset, iri: URIRef) -> tuple[str, str] | None:
    """The replies of those the claim is about, beside the claim; None if there are none."""
    found = replies_to(dataset).get(str(iri))
    if not found:
        return None
    return "Replies", "<ul class=replies>" + "".join(f"<li>{esc(r.text())}</li>" for r in found) + "</ul>"


def history_section(data_dir: Path | None, iri: URIRef) -> tuple[str, str] | None:
    """The edit history of the record's facts from the data folder's git; None when the
    server was not given the data folder it serves (a store, a public build)."""
    if data_dir is None or not str(iri).startswith(str(ID)):
        return None
    from graph.history.edits import EditHistoryUnavailable, UnknownRecord, history_of
    try:
        facts = history_of(str(iri)[len(str(ID)):], data_dir)
    except UnknownRecord:
        return None
    except EditHistoryUnavailable as exc:
        return "Edit history", f"<p>{esc(str(exc))}</p>"

    def change(c) -> str:
        return esc(f"{c.date[:10]} {c.commit[:8]} {c.subject}") if c else "not committed"
    rows = "".join(f"<tr><td>{esc(f.key)}</td><td>{esc(f.file)}:{f.lines[0]}</td><td>{change(f.first)}</td>"
                   f"<td>{change(f.last)}{' (changed since, not committed)' if f.uncommitted else ''}</td></tr>"
                   for f in facts)
    return "Edit history", ("<table class=history><tr><th>fact</th><th>where</th><th>first recorded</th>"
                            f"<th>last changed</th></tr>{rows}</table>")
