"""A `graph.views.timeline.Timeline` as one offline HTML page drawn by vis-timeline.

Like the network views, the page is self-contained (vis-timeline vendored and inlined), runs
its two scripts by CSP hash, and carries data only as JSON that timeline.js writes with
textContent: vis-timeline would set an item's `content` or `title` string as HTML, so the
page gives it DOM elements instead. Beside the timeline goes the network view of the same
case(s), `<name>-network.html`, and each page links to the other.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from graph.views import assets
from graph.views.render import render_view
from graph.views.timeline import Item, Timeline

_VIS = assets.VENDOR / "vis-timeline"
_PRECISION = {"year": "a year", "month": "a month", "day": "a day", "undated": "no date"}


def network_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-network.html")


def render_timeline(timeline: Timeline, path: Path | str, network: nx.MultiDiGraph | None = None) -> Path:
    """Write the timeline page to `path` and, given the case graph, its network view beside it."""
    path = Path(path)
    link = None
    if network is not None:
        link = network_path(path)
        render_view(network, link, title=timeline.title.replace("Timeline of", "Network of", 1),
                    layout="route", back_link=(path.name, "Timeline of the same case"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(timeline_html(timeline, network_href=link.name if link else None), encoding="utf-8")
    return path


def timeline_html(timeline: Timeline, *, network_href: str | None = None) -> str:
    env = Environment(loader=FileSystemLoader(assets.TEMPLATES), autoescape=True, undefined=StrictUndefined)
    vis_js, app_js = assets.inline(_VIS / "vis-timeline-graph2d.min.js"), assets.inline(assets.TEMPLATES / "timeline.js")
    groups = [{"id": i, "label": case_label} for i, (_, case_label) in enumerate(timeline.cases)]
    group_of = {case_label: i for i, (_, case_label) in enumerate(timeline.cases)}
    items = _drawn(timeline, group_of)
    return env.get_template("timeline.html").render(
        title=timeline.title, items=items, count=len(timeline.items), groups=groups, unplaced=timeline.unplaced,
        network_href=network_href, dated=any(i.precision != "undated" for i in timeline.items),
        vis_js=Markup(vis_js), vis_css=Markup(assets.inline(_VIS / "vis-timeline-graph2d.min.css")),
        app_js=Markup(app_js), script_hashes=" ".join(assets.csp_hash(s) for s in (vis_js, app_js)))


def _drawn(timeline: Timeline, group_of: dict[str, int]) -> list[dict[str, Any]]:
    """vis-timeline items: a year as a range; a month as a box at its middle over a shaded
    band of the month (too narrow to hold a label as a range); a day, or an undated event, as
    a box at its point. Bands follow the items, with ids past theirs."""
    items, bands = [], []
    for index, item in enumerate(timeline.items):
        classes = [f"og-{item.precision}", f"og-n{index}"] + (["og-disputed"] if item.disputed else [])
        at = item.start
        if item.precision == "month" and item.end:
            at = item.start + (item.end - item.start) / 2
            bands.append({"type": "background", "start": item.start.isoformat(), "end": item.end.isoformat(),
                          "group": group_of[item.case], "className": "og-band", "text": "", "tip": ""})
        dated = item.value or "undated"
        drawn = {"id": index, "group": group_of[item.case], "order": item.order, "start": at.isoformat(),
                 "type": "range" if item.precision == "year" else "box", "className": " ".join(classes),
                 "text": f"{dated} \u00b7 {item.label}" + (" (date disputed)" if item.disputed else ""),
                 "tip": _tooltip(item)}
        if item.precision == "year":
            drawn["end"] = item.end.isoformat()
        items.append(drawn)
    for number, band in enumerate(bands, len(items)):
        band["id"] = number
    return items + bands


def _tooltip(item: Item) -> str:
    """Plain text, written into the popup with textContent."""
    lines = [item.label, f"{item.kind} \u00b7 {item.case}"]
    if item.precision == "undated":
        lines.append("No date in the sources; placed by sequence"
                     + (": after " + "; ".join(item.after) if item.after else ""))
    else:
        lines.append(f"Dated to {_PRECISION[item.precision]}:")
        for claim in item.claims:
            said = f", according to {', '.join(claim.said_by)}" if claim.said_by else ""
            lines.append(f"  {claim.value} ({claim.status or 'no status'}{said}) \u2014 source "
                         + "; ".join(claim.sources))
    if item.disputed:
        lines.append("The sources disagree: " + " or ".join(item.disputed) + "; drawn at each")
    if item.note:
        lines.append(f"Note: {item.note}")
    lines.append("Sources: " + ("; ".join(item.sources) or "none"))
    return "\n".join(lines)
