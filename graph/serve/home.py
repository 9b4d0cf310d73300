"""HTML of the entity-first pages: home (search, browse by class, recent sources), search
results and a source document's page. Text from data goes through `esc`, links through
`resource_url` / `source_url`."""
from __future__ import annotations

from collections.abc import Callable
from html import escape as esc
from urllib.parse import quote

from rdflib import URIRef
from rdflib.term import Node

from graph.serve.catalogue import Name, Source, SourcePage
from graph.serve.pages import page, resource_url, term_html

Namer = Callable[[Node], str]


def search_box(value: str = "") -> str:
    return f"""<form id="search" action="/search" method="get" role="search" autocomplete="off">
<label for="q">Find a force, officer, body, case or source</label>
<input id="q" name="q" type="search" value="{esc(value)}" placeholder="e.g. Thames Valley Police, TVP, Leadsom"
 aria-autocomplete="list" aria-controls="completions" maxlength="200">
<button type="submit">Search</button>
<ul id="completions" role="listbox"></ul></form>"""


def home_page(classes: list[tuple[str, str, int]], recent: list[Source], triples: int) -> str:
    """`classes`: (class name, its label, how many) for browsing."""
    browse = "".join(f'<li><a href="/search?class={quote(cls)}">{esc(label)}</a> <small>{count}</small></li>'
                     for cls, label, count in classes)
    listed = "".join(f'<li><a href="{esc(source_url(s.ident))}">{esc(s.title)}</a>'
                     f'{f" <small>{esc(s.date)}</small>" if s.date else ""}</li>' for s in recent)
    body = f"""<h1>Oversight Graph</h1>
<p class="lead">Who holds the police to account in the UK: every fact with its source and paragraph,
allegations kept apart from findings. {triples} triples.</p>
{search_box()}
<div class="columns"><section><h2>Browse by kind</h2><ul class="browse">{browse}</ul></section>
<section><h2>Recent sources</h2><ul class="sources">{listed}</ul>
<p><a href="/query">Ask in SPARQL →</a></p></section></div>
<script src="/static/search.js"></script>"""
    return page("Oversight Graph", body)


def search_page(text: str, found: list[tuple[Name, str]], heading: str) -> str:
    rows = "".join(f'<li><a href="{esc(resource_url(URIRef(n.iri)))}">{esc(n.label)}</a>'
                   f'{f" <small>(as {esc(said)})</small>" if said != n.label else ""}</li>' for n, said in found)
    body = (f"<h1>{esc(heading)}</h1>{search_box(text)}"
            + (f'<ul class="results">{rows}</ul>' if rows else "<p>Nothing found.</p>")
            + '<script src="/static/search.js"></script>')
    return page(heading, body)


def source_url(ident: str) -> str:
    return "/source/" + quote(ident, safe="")


def source_page(found: SourcePage, name: Namer) -> str:
    title = next((str(o) for p, o in found.metadata if str(p).endswith("/title")), str(found.iri))
    meta = "".join(f"<tr><th>{term_html(p, name(p))}</th><td>{_value(o, name)}</td></tr>" for p, o in found.metadata)
    parts = [f"<h1>{esc(title)}</h1>", f'<p class="iri">{esc(str(found.iri))}</p>',
             f"<table class=metadata>{meta}</table>", "<h2>Facts drawn from it, by paragraph</h2>"]
    if not found.by_paragraph:
        parts.append("<p>No fact is drawn from this source.</p>")
    for paragraph, facts in found.by_paragraph.items():
        rows = "".join(f"<tr><td>{term_html(f.subject, name(f.subject))}</td><td>{term_html(f.predicate, name(f.predicate))}</td>"
                       f"<td>{term_html(f.object, name(f.object))}</td><td class=status>{esc(f.status)}</td></tr>"
                       for f in facts)
        heading = f"¶{paragraph}" if paragraph is not None else "No paragraph recorded"
        parts.append(f'<h3 id="p{paragraph or ""}">{heading}</h3><table class=claims><tr><th>subject</th>'
                     f"<th>relation</th><th>object</th><th>status</th></tr>{rows}</table>")
    return page(title, "\n".join(parts))


def _value(node: Node, name: Namer) -> str:
    """An external web address as a link to it; any other term as term_html shows it."""
    text = str(node)
    if isinstance(node, URIRef) and text.startswith(("http://", "https://")) and "w3id.org/oversight-graph" not in text:
        return f'<a href="{esc(text)}" rel="noopener noreferrer">{esc(text)}</a>'
    return term_html(node, name(node))

