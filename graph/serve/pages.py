"""HTML of the web interface. Every piece of text from data goes through `esc`; data for
scripts goes through `json_for_script`, and the scripts insert it with textContent."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape as esc
from pathlib import Path
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.serve.entity import EntityFacts
from graph.model.namespaces import ID, PREFIXES, SOURCE


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
    nav = ('<nav><a href="/">Oversight Graph</a> · <a href="/search">Search</a> · <a href="/query">SPARQL</a>'
           ' · <a href="/sparql">Service description</a></nav>')
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
    """The canned `*.rq` queries with the title of their comment header; a query whose header
    documents default parameters ends with a VALUES clause binding them, as
    `oversight query` binds them, which the visitor can change or delete."""
    from graph.sparql.canned import read_header
    from graph.sparql.names import expand
    examples = []
    for path in sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.rq")):
        canned = read_header(path)
        text = canned.text
        defaults = [(p.name, expand(p.default)) for p in canned.params if p.default]
        if defaults and all(iri is not None for _, iri in defaults):
            names = " ".join(f"?{name}" for name, _ in defaults)
            values = " ".join(f"<{iri}>" for _, iri in defaults)
            text = (text.rstrip("\n") + "\n\n# The documented defaults; change them, or delete this clause for all.\n"
                    f"VALUES ({names}) {{ ({values}) }}\n")
        examples.append({"name": path.stem, "title": canned.title or path.stem, "query": text})
    return examples


def source_link(source: Node | None, name: Callable[[Node], str]) -> str:
    """A citation: a link to the source document's own page."""
    if source is None:
        return "No source recorded"
    text = str(source)
    if text.startswith(str(SOURCE)):
        return f'<a href="/source/{esc(quote(text[len(str(SOURCE)):], safe=""))}">{esc(name(source))}</a>'
    return term_html(source, name(source))


@dataclass
class Summary:
    """What an entity's page leads with: what it is, who holds it to account, its cases and figures."""
    kind: str
    chain: list = field(default_factory=list)
    cases: list[tuple[str, str]] = field(default_factory=list)
    """(IRI, label) of the cases it takes part in."""
    figures: list[tuple[str, str]] = field(default_factory=list)


_SHOWN = 6
"""Links a summary line shows before saying how many more there are."""


def _links(items: list[tuple[str, str]]) -> str:
    shown = ", ".join(f'<a href="{esc(resource_url(URIRef(iri)))}">{esc(text)}</a>' for iri, text in items[:_SHOWN])
    return shown + (f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def entity_page(facts: EntityFacts, name: Callable[[Node], str], summary: Summary,
                sections: Sequence[tuple[str, str]] = ()) -> str:
    """An entity's page: a summary (what it is, who holds it to account, its cases, figures
    and sources), then `sections` (heading, HTML: its replies, its edit history), what each
    source says, its neighbourhood and every triple. `name(node)` gives a display label."""
    link = resource_url(facts.iri)
    joiner = "&" if "?" in link else "?"
    formats = " · ".join(f'<a href="{esc(link + joiner + "format=" + short)}">{label}</a>'
                         for short, label in [("turtle", "Turtle"), ("jsonld", "JSON-LD"),
                                              ("nt", "N-Triples"), ("trig", "TriG")])
    sources = ", ".join(source_link(s, name) for s in sorted(facts.claims_by_source, key=str) if s is not None)
    held = (f"{len({step.upper.iri for step in summary.chain})} bodies and offices, "
            f'<a href="#chain">the chain below</a>' if summary.chain else "nothing in the graph")
    rows = [("What it is", esc(summary.kind) or "not recorded"), ("Held to account by", held)]
    rows += [(f"{title} ({len(items)})", _links(items))
             for title, items in (("Cases", summary.cases), ("Figures", summary.figures)) if items]
    rows.append(("Sources", sources or "none"))
    parts = [f"<h1>{esc(facts.label)}</h1>",
             f'<p class="iri">{esc(str(facts.iri))} · As RDF: {formats}</p>',
             '<dl class="summary">' + "".join(f"<dt>{t}</dt><dd>{v}</dd>" for t, v in rows) + "</dl>"]
    if summary.chain:
        parts.append(f'<h2 id="chain">Who holds it to account</h2>{chain_table(summary.chain)}')
    for heading, html in sections:
        parts.append(f"<h2>{esc(heading)}</h2>{html}")
    parts.append("<h2>What the sources say</h2>")
    if not facts.claims_by_source:
        parts.append("<p>No sourced statements.</p>")
    for source, claims in sorted(facts.claims_by_source.items(), key=lambda item: str(item[0])):
        rows_html = "".join(
            f"<tr><td>{term_html(c.subject, name(c.subject))}</td>"
            f"<td>{term_html(c.predicate, name(c.predicate))}</td>"
            f"<td>{term_html(c.object, name(c.object))}</td>"
            f"<td class=status>{esc(c.status)}</td>"
            f"<td>{esc(', '.join(f'¶{p}' for p in c.paragraphs))}"
            f"{' '.join(term_html(cited, name(cited)) for cited in c.cites)}</td>"
            f"<td>{', '.join(term_html(a, name(a)) for a in c.attributed_to)}</td></tr>"
            for c in claims)
        parts.append(f"<h3>{source_link(source, name)}</h3><table class=claims>"
                     "<tr><th>subject</th><th>relation</th><th>object</th><th>status</th>"
                     f"<th>where</th><th>according to</th></tr>{rows_html}</table>")
    graph_src = "/graph?iri=" + quote(str(facts.iri), safe="")
    parts.append(f'<h2>Neighbourhood</h2><iframe class="graph-frame" src="{esc(graph_src)}" '
                 'title="Neighbourhood graph"></iframe>')
    triples = "".join(f"<tr><td>{term_html(s, name(s))}</td><td>{term_html(p, name(p))}</td>"
                      f"<td>{term_html(o, name(o))}</td><td>{term_html(g, name(g))}</td></tr>"
                      for s, p, o, g in facts.triples)
    parts.append("<h2>All triples</h2><table class=triples><tr><th>subject</th><th>predicate</th>"
                 f"<th>object</th><th>graph</th></tr>{triples}</table>")
    return page(facts.label, "\n".join(parts))


def _citations(sources: list[dict]) -> str:
    return "; ".join(f'<a href="/source/{esc(quote(s["source"], safe=""))}">{esc(s["source"])}</a>'
                     + (f" ¶{','.join(map(str, s['paragraphs']))}" if s["paragraphs"] else "") for s in sources)


def chain_table(steps) -> str:
    """The oversight chain (graph.network.chain.ChainStep list) as an escaped table: each
    relation as the source records it, subject —relation→ object, with links to the sources."""
    rows = []
    for step in steps:
        for link in step.links:
            upper = f'<a href="{esc(resource_url(URIRef(step.upper.iri)))}">{esc(step.upper.label)}</a>'
            recorded = (f"{esc(link.subject.label)} —{esc(link.relation_label)}→ {esc(link.object.label)}")
            rows.append(f"<tr><td>{step.level}</td><td>{upper}</td><td>{recorded}</td>"
                        f"<td class=status>{esc(link.status)}</td><td>{_citations(link.sources)}</td></tr>")
    return ("<table class=chain><tr><th>level</th><th>held to account by</th><th>relation (as recorded)</th>"
            "<th>status</th><th>sources</th></tr>" + "".join(rows) + "</table>")
