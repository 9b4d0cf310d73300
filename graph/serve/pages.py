"""HTML of the web interface. Every piece of text from data goes through `esc`; data for
scripts goes through `json_for_script`, and the scripts insert it with textContent."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from html import escape as esc
from pathlib import Path
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.serve.entity import EntityFacts
from graph.model.namespaces import ID, PREFIXES


def resource_url(iri: Node) -> str:
    """Where this server dereferences `iri`: /id/<local> for data, /resource?iri= otherwise."""
    text = str(iri)
    if text.startswith(str(ID)) and "/" not in text[len(str(ID)):]:
        return "/id/" + quote(text[len(str(ID)):])
    return "/resource?iri=" + quote(text, safe="")


def json_for_script(data) -> str:
    """JSON safe inside <script type="application/json"> (no `</script>` breakout)."""
    return json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(title: str, body: str, *, head: str = "") -> str:
    """A whole page; `body` is already-escaped HTML."""
    nav = '<nav><a href="/">Query</a> · <a href="/sparql">Service description</a></nav>'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="/static/style.css">{head}
</head><body>{nav}
{body}
</body></html>"""


def term_html(node: Node, name: str | None = None) -> str:
    """A term as HTML: resources as links to their page, literals as quoted text."""
    if isinstance(node, URIRef):
        return f'<a href="{esc(resource_url(node))}" title="{esc(str(node))}">{esc(name or str(node))}</a>'
    if isinstance(node, Literal):
        suffix = f' <small>@{esc(node.language)}</small>' if node.language else ""
        return f"<span class=literal>{esc(str(node))}</span>{suffix}"
    return f"<span class=bnode>_:{esc(str(node))}</span>"


def query_page(examples: list[dict[str, str]]) -> str:
    """The query page: YASGUI, the canned queries and a graph view of the results. New
    queries start with the project's PREFIX lines (the endpoint also predeclares them)."""
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    body = f"""<h1>Oversight Graph: SPARQL</h1>
<section id="examples"><h2>Example queries</h2><ul id="example-list"></ul></section>
<div id="yasgui"></div>
<section id="graph-view"><h2>Graph of the results</h2>
<iframe id="graph-frame" title="Graph of the results"></iframe></section>
<script type="application/json" id="examples-data">{json_for_script(examples)}</script>
<script type="application/json" id="prefixes-data">{json_for_script(prefixes)}</script>
<script src="/static/yasgui/yasgui.min.js"></script>
<script src="/static/query.js"></script>"""
    head = '\n<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">'
    return page("Oversight Graph: SPARQL", body, head=head)


def load_examples(folders: list[Path]) -> list[dict[str, str]]:
    """The canned `*.rq` queries; the first `#` line of each is its one-line description."""
    examples = []
    for path in sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.lstrip("#").strip() if first.startswith("#") else path.stem
        examples.append({"name": path.stem, "title": title or path.stem, "query": text})
    return examples


def _source_heading(source: Node | None, name: Callable[[Node], str]) -> str:
    return term_html(source, name(source)) if source is not None else "No source recorded"


def entity_page(facts: EntityFacts, name: Callable[[Node], str],
                sections: Sequence[tuple[str, str]] = ()) -> str:
    """An entity's page. `name(node)` gives a display label; `sections` are extra
    (heading, html) pairs such as the oversight chain."""
    classes = ", ".join(term_html(c, name(c)) for c in facts.classes) or "none recorded"
    link = resource_url(facts.iri)
    joiner = "&" if "?" in link else "?"
    formats = " · ".join(f'<a href="{esc(link + joiner + "format=" + short)}">{label}</a>'
                         for short, label in [("turtle", "Turtle"), ("jsonld", "JSON-LD"),
                                              ("nt", "N-Triples"), ("trig", "TriG")])
    parts = [f"<h1>{esc(facts.label)}</h1>",
             f'<p class="iri">{esc(str(facts.iri))}</p>',
             f"<p>Class: {classes}</p><p>As RDF: {formats}</p>",
             "<h2>What the sources say</h2>"]
    if not facts.claims_by_source:
        parts.append("<p>No sourced statements.</p>")
    for source, claims in sorted(facts.claims_by_source.items(), key=lambda item: str(item[0])):
        rows = "".join(
            f"<tr><td>{term_html(c.subject, name(c.subject))}</td>"
            f"<td>{term_html(c.predicate, name(c.predicate))}</td>"
            f"<td>{term_html(c.object, name(c.object))}</td>"
            f"<td class=status>{esc(c.status)}</td>"
            f"<td>{esc(', '.join(f'¶{p}' for p in c.paragraphs))}"
            f"{' '.join(term_html(cited, name(cited)) for cited in c.cites)}</td>"
            f"<td>{', '.join(term_html(a, name(a)) for a in c.attributed_to)}</td></tr>"
            for c in claims)
        parts.append(f"<h3>{_source_heading(source, name)}</h3><table class=claims>"
                     "<tr><th>subject</th><th>relation</th><th>object</th><th>status</th>"
                     f"<th>where</th><th>according to</th></tr>{rows}</table>")
    for heading, html in sections:
        parts.append(f"<h2>{esc(heading)}</h2>{html}")
    graph_src = "/graph?iri=" + quote(str(facts.iri), safe="")
    parts.append(f'<h2>Neighbourhood</h2><iframe class="graph-frame" src="{esc(graph_src)}" '
                 'title="Neighbourhood graph"></iframe>')
    rows = "".join(f"<tr><td>{term_html(s, name(s))}</td><td>{term_html(p, name(p))}</td>"
                   f"<td>{term_html(o, name(o))}</td><td>{term_html(g, name(g))}</td></tr>"
                   for s, p, o, g in facts.triples)
    parts.append("<h2>All triples</h2><table class=triples><tr><th>subject</th><th>predicate</th>"
                 f"<th>object</th><th>graph</th></tr>{rows}</table>")
    return page(facts.label, "\n".join(parts))


def chain_table(steps) -> str:
    """The oversight chain (graph.analysis.ChainStep list) as an escaped table with sources."""
    if not steps:
        return "<p>Nothing in the graph holds it to account.</p>"
    rows = []
    for step in steps:
        for link in step.links:
            sources = "; ".join(f"{s['source']} ¶{','.join(map(str, s['paragraphs']))}" if s["paragraphs"]
                                else s["source"] for s in link.sources)
            upper = f'<a href="{esc(resource_url(URIRef(step.upper.iri)))}">{esc(step.upper.label)}</a>'
            rows.append(f"<tr><td>{step.level}</td><td>{esc(step.lower.label)}</td><td>{esc(link.relation_label)}</td>"
                        f"<td>{upper}</td><td>{esc(link.status)}</td><td>{esc(sources)}</td></tr>")
    return ("<table><tr><th>level</th><th>who</th><th>relation</th><th>held to account by</th>"
            "<th>status</th><th>sources</th></tr>" + "".join(rows) + "</table>")
