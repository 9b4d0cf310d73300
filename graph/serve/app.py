"""`oversight serve`: a SPARQL 1.1 Protocol endpoint and a web interface over a Dataset.

Routes: `/sparql` (queries, updates, service description; `history=true` answers with the
corrected and retracted facts too), `/` (home: search, browse, sources), `/search`,
`/api/complete` (search completion, JSON), `/source/<id>`, `/query` (the SPARQL editor),
`/context.jsonld` (the exports' JSON-LD context),
`/id/<local>`, `/ontology` and `/resource?iri=` (dereferenceable IRIs), `/graph?query=|iri=`
(graph views), `/static/`.
Reads run in a killable forked worker (`isolate.py`); updates need a bearer token. Every
response says nosniff; HTML pages carry a Content-Security-Policy and may be framed by this
server's own pages only.
"""
from __future__ import annotations

import hmac
import threading
from pathlib import Path
from urllib.parse import parse_qsl

import uvicorn
from rdflib import Dataset, URIRef
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from graph.sparql.formats import GRAPH_TYPES, HTML, negotiate
from graph.serve.isolate import Isolator, Timeout, WorkFailed
from graph.model.namespaces import ID, OG
from graph.serve import catalogue
from graph.serve.home import search_page
from graph.serve.pages import load_examples, query_page, resource_url
from graph.serve.protocol import TRUNCATED_HEADER, Answer, QueryRequest, error, run_query, run_update, warm_up
from graph.model.resources import resource_dir
from graph.serve.service_description import service_description
from graph.serve.web import ENTITY_TYPES, class_answer, entity_answer, graph_answer, home_answer, source_answer
from graph.views.ontology_page import ontology_page, version_iri
from graph.store.embedded import OxigraphAnswers, with_history
from graph.model.vocabulary import bundled_vocabulary

STATIC_DIR = Path(__file__).parent / "static"
_FORM = "application/x-www-form-urlencoded"
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; font-src 'self' data:; frame-ancestors 'self'; "
               "base-uri 'none'; form-action 'self'; object-src 'none'")
"""The CSP of our HTML pages: YASGUI's script is served from here, but it sets inline styles."""


class _Endpoint:
    """The state the routes share: the dataset, the worker and the limits."""

    def __init__(self, dataset: Dataset, timeout_s: float, max_rows: int, write_token: str | None,
                 allow_network: bool, queries_dir: Path | None, max_workers: int | None,
                 max_per_client: int | None, public_url: str | None, data_dir: Path | None = None):
        self.dataset = dataset
        self.data_dir = data_dir
        """The data folder served, whose git history entity pages show (None: not shown)."""
        self.history = with_history(dataset) if isinstance(dataset.store, OxigraphAnswers) else dataset
        """The same store answering with the corrected and retracted facts (`?history=true`)."""
        self.isolator = Isolator(timeout_s, allow_network, max_workers, max_per_client)
        self.public_url = public_url
        self.max_rows = max_rows
        self.write_token = write_token
        self.allow_network = allow_network
        self.examples = load_examples([queries_dir] if queries_dir else
                                      [resource_dir("queries"), resource_dir("questions")])
        self._network = None
        self._names = None
        self._making_network = threading.Lock()
        self._making_names = threading.Lock()
        """Held while the projection or the names are made: requests arriving meanwhile wait
        for that one result instead of each making their own (25 s each at 1M triples)."""

    def names(self):
        """The labels and aliases the search box completes, listed once (again after an update)."""
        with self._making_names:
            if self._names is None:
                self._names = catalogue.names(self.dataset)
            return self._names

    def network(self):
        """The networkx projection for oversight chains, made once in the server process
        (workers inherit it) and made again after an update; with the accountability index
        the chains read, kept in it here, as a forked worker's own would be lost."""
        with self._making_network:
            if self._network is None:
                from graph.network.chain import accountable_to
                from graph.network.projection import projection
                net = projection(self.dataset)  # what the store keeps, if it does
                accountable_to(self.dataset, net)
                self._network = net
            return self._network

    async def isolated(self, request: Request, fn, *args, dataset: Dataset | None = None) -> Answer:
        """fn(dataset, *args) in a worker, counted against the client's address; a timeout
        becomes 503, the network guard 403. The work answers client mistakes itself, so any
        other failure is a bug of ours: 500."""
        client = request.client.host if request.client else ""
        try:
            return await self.isolator.submit(client, fn, dataset or self.dataset, *args)
        except Timeout as problem:
            return error(503, str(problem))
        except WorkFailed as problem:
            status = 403 if problem.kind == "PermissionError" else 500
            return error(status, f"{problem.kind}: {problem}")

    def may_write(self, request: Request) -> bool:
        if self.write_token is None:
            return False
        given = request.headers.get("authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {self.write_token}".encode())

    async def update(self, request: Request, text: str, using: tuple[list[str], list[str]]) -> Answer:
        if not self.may_write(request):
            return error(403, "This endpoint is read-only: updates need the server's write token "
                         "as 'Authorization: Bearer <token>'")

        def locked_update() -> Answer:
            # no projection or names made before the update are kept after it; no fork copies
            # a half-applied update
            with self._making_network, self._making_names, self.isolator.fork_lock:
                self._network = self._names = None
                return run_update(self.dataset, text, self.allow_network, using,
                                  _endpoint_iri(request, self.public_url))
        return await run_in_threadpool(locked_update)


def _respond(answer: Answer) -> Response:
    return Response(answer.body, answer.status, headers={**answer.headers, "Vary": "Accept"},
                    media_type=answer.media_type)


async def _params(request: Request) -> dict[str, list[str]]:
    """The protocol parameters of any of the three request shapes, a body of SPARQL as
    `query` or `update`. Raises UnicodeDecodeError for text that is not UTF-8 and ValueError
    for a body of another type."""
    params = parse_qsl(request.scope["query_string"].decode("latin-1"), keep_blank_values=True,
                       errors="strict")
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8")
        if content_type == _FORM:
            params += parse_qsl(body, keep_blank_values=True, errors="strict")  # decoded once, here
        elif content_type == "application/sparql-query":
            params.append(("query", body))
        elif content_type == "application/sparql-update":
            params.append(("update", body))
        else:
            raise ValueError(f"Unsupported content type {content_type!r}: use {_FORM}, "
                             "application/sparql-query or application/sparql-update")
    values: dict[str, list[str]] = {}
    for key, value in params:
        values.setdefault(key, []).append(value)
    return values


async def sparql(request: Request) -> Response:
    endpoint: _Endpoint = request.app.state.endpoint
    try:
        values = await _params(request)
    except UnicodeDecodeError:
        return _respond(error(400, "The request is not UTF-8"))
    except ValueError as problem:
        return _respond(error(415, str(problem)))
    queries, updates = values.get("query", []), values.get("update", [])
    if len(queries) + len(updates) > 1:
        return _respond(error(400, "Send one query or one update"))
    if updates:
        if request.method != "POST":
            return Response("An update is sent by POST (SPARQL 1.1 Protocol §2.2)", 405,
                            headers={"Allow": "POST"})
        using = (values.get("using-graph-uri", []), values.get("using-named-graph-uri", []))
        return _respond(await endpoint.update(request, updates[0], using))
    accept = request.headers.get("accept")
    if not queries and request.method == "POST":
        return _respond(error(400, "A POST to the endpoint carries a query or an update"))
    if not queries:
        return _service_description(request, endpoint, accept)
    return _respond(await endpoint.isolated(request, run_query, QueryRequest(
        queries[0], values.get("default-graph-uri", []), values.get("named-graph-uri", []), accept,
        values.get("format", []), endpoint.max_rows, endpoint.allow_network,
        _endpoint_iri(request, endpoint.public_url)),
        dataset=endpoint.history if values.get("history") == ["true"] else None))


def _service_description(request: Request, endpoint: _Endpoint, accept: str | None) -> Response:
    media_type = negotiate(accept, [*GRAPH_TYPES, HTML], request.query_params.getlist("format"))
    if media_type == HTML:
        return HTMLResponse(query_page(endpoint.examples))
    if media_type is None:
        return _respond(error(406, "The service description is served as: "
                              + ", ".join(GRAPH_TYPES)))
    sd = service_description(endpoint.dataset, _endpoint_iri(request, endpoint.public_url),
                             writable=endpoint.write_token is not None,
                             federated=endpoint.allow_network)
    return _respond(Answer(200, sd.serialize(format=GRAPH_TYPES[media_type], encoding="utf-8"),
                           f"{media_type}; charset=utf-8"))


def _endpoint_iri(request: Request, public_url: str | None) -> str:
    """/sparql under the configured public URL, else under the address the connection came
    in on: never the request's Host header, which any client can forge."""
    if public_url:
        return public_url.rstrip("/") + "/sparql"
    host, port = request.scope.get("server") or ("localhost", None)
    host = f"[{host}]" if ":" in host else host
    return f"{request.url.scheme}://{host}{f':{port}' if port else ''}/sparql"


async def query_home(request: Request) -> Response:
    return HTMLResponse(query_page(request.app.state.endpoint.examples))


async def home_page(request: Request) -> Response:
    endpoint: _Endpoint = request.app.state.endpoint
    net = await run_in_threadpool(endpoint.network)
    return _respond(await endpoint.isolated(request, home_answer, net))


def _search_text(request: Request, name: str) -> str | Response:
    text = request.query_params.get(name, "")
    if len(text) > catalogue.MAX_QUERY:
        return _respond(error(400, f"Search for at most {catalogue.MAX_QUERY} characters"))
    return text


async def complete(request: Request) -> Response:
    """Completion of the search box: labels and aliases holding ?q, as JSON."""
    text = _search_text(request, "q")
    if isinstance(text, Response):
        return text
    endpoint: _Endpoint = request.app.state.endpoint
    index = await run_in_threadpool(endpoint.names)
    return JSONResponse([{"label": n.label, "matched": said, "url": resource_url(URIRef(n.iri))}
                         for n, said in catalogue.complete(index, text)])


async def search(request: Request) -> Response:
    """?q=: the names holding the text (one match goes straight to its page); ?class=: a kind."""
    endpoint: _Endpoint = request.app.state.endpoint
    cls = _search_text(request, "class")
    text = _search_text(request, "q")
    for given in (cls, text):
        if isinstance(given, Response):
            return given
    if cls:
        net = await run_in_threadpool(endpoint.network)
        return _respond(class_answer(net, cls))
    found = catalogue.complete(await run_in_threadpool(endpoint.names), text, limit=50)
    if len(found) == 1:
        return RedirectResponse(resource_url(URIRef(found[0][0].iri)), 303)
    return HTMLResponse(search_page(text, found, f"Search: {text}" if text else "Search"))


async def source(request: Request) -> Response:
    endpoint: _Endpoint = request.app.state.endpoint
    return _respond(await endpoint.isolated(request, source_answer, request.path_params["ident"]))


async def context_document(request: Request) -> Response:
    """The JSON-LD context of the exports (ontology/context.jsonld), published here."""
    from graph.network.export import CONTEXT_FILE
    return Response((resource_dir("ontology") / CONTEXT_FILE).read_bytes(), media_type="application/ld+json")


async def _dereference(request: Request, iri: str) -> Response:
    media_type = negotiate(request.headers.get("accept"), ENTITY_TYPES,
                           request.query_params.getlist("format"))
    if media_type is None:
        return _respond(error(406, "This resource is served as: " + ", ".join(ENTITY_TYPES)))
    endpoint: _Endpoint = request.app.state.endpoint
    net = await run_in_threadpool(endpoint.network) if media_type == HTML else None
    return _respond(await endpoint.isolated(request, entity_answer, URIRef(iri), media_type, net, endpoint.data_dir))


async def by_id(request: Request) -> Response:
    return await _dereference(request, str(ID) + request.path_params["local"])


_ONTOLOGY_TYPES = [HTML, *GRAPH_TYPES]


async def ontology(request: Request) -> Response:
    """The ontology itself at its IRI and at its version IRI: its documentation as HTML, where
    each term's hash IRI lands on its entry, or the ontology's triples in an RDF syntax."""
    vocab = bundled_vocabulary()
    version = request.path_params.get("version")
    if version is not None and str(version_iri(vocab.graph)) != str(OG).rstrip("#") + "/" + version:
        return _respond(error(404, f"No version {version!r} of the ontology: this server has "
                              f"{version_iri(vocab.graph)}"))
    media_type = negotiate(request.headers.get("accept"), _ONTOLOGY_TYPES, request.query_params.getlist("format"))
    if media_type is None:
        return _respond(error(406, "The ontology is served as: " + ", ".join(_ONTOLOGY_TYPES)))
    if media_type == HTML:
        return HTMLResponse(ontology_page(vocab.graph), headers={"Vary": "Accept"})
    body = vocab.graph.serialize(format=GRAPH_TYPES[media_type], encoding="utf-8")
    return _respond(Answer(200, body, f"{media_type}; charset=utf-8"))


async def by_iri(request: Request) -> Response:
    iri = request.query_params.get("iri")
    if not iri:
        return _respond(error(400, "Give the resource as ?iri=<full IRI>"))
    return await _dereference(request, iri)


async def graph_page(request: Request) -> Response:
    endpoint: _Endpoint = request.app.state.endpoint
    iri = request.query_params.get("iri")
    query = request.query_params.get("query")
    if not iri and not query:
        return _respond(error(400, "Give ?query=<SELECT or CONSTRUCT> or ?iri=<resource>"))
    return _respond(await endpoint.isolated(
        request, graph_answer, query, URIRef(iri) if iri else None, endpoint.max_rows,
        endpoint.allow_network))


class _SecurityHeaders:
    """nosniff on every response; on HTML pages our CSP unless the page brings its own, and
    framing by this server's pages only (the query page frames its graph views)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "SAMEORIGIN")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", PAGE_POLICY)
            await send(message)
        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def make_app(dataset: Dataset, *, timeout_s: float = 5.0, max_rows: int = 10000,
             write_token: str | None = None, writable: bool = True, cors: bool = True,
             allow_network: bool = False, queries_dir: Path | None = None,
             max_workers: int | None = None, max_per_client: int | None = None,
             public_url: str | None = None, data_dir: Path | None = None) -> Starlette:
    """The ASGI app serving `dataset`. Read-only unless `write_token` is set, which needs a
    `writable` dataset (not a store opened read-only); SERVICE, LOAD and FROM <url> never
    reach the network unless `allow_network`. The canned queries come from `queries_dir`, by
    default the project's `examples/queries` and `examples/questions` (the competency
    questions). At most `max_workers` queries run at once (default: twice the CPUs), at most
    `max_per_client` of them for one client address (default: the CPUs); others wait for a
    slot. The service description names the endpoint under `public_url` (e.g.
    `https://example.org`), by default under the address the server listens on. Entity
    pages show the edit history of the facts of `data_dir` (the folder served) when given."""
    if write_token is not None and not writable:
        raise ValueError("a write token needs a writable dataset: open the store read-write")
    middleware = [Middleware(_SecurityHeaders)]
    if cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                                     allow_headers=["*"], expose_headers=[TRUNCATED_HEADER],
                                     allow_credentials=False))
    routes = [
        Route("/", home_page),
        Route("/query", query_home),
        Route("/search", search),
        Route("/api/complete", complete),
        Route("/source/{ident}", source),
        Route("/context.jsonld", context_document),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/id/{local:path}", by_id),
        Route("/resource", by_iri),
        Route("/ontology", ontology),
        Route("/ontology/{version}", ontology),
        Route("/graph", graph_page),
        Mount("/static", StaticFiles(directory=STATIC_DIR)),
    ]
    warm_up()
    bundled_vocabulary()
    app = Starlette(routes=routes, middleware=middleware)
    app.state.endpoint = _Endpoint(dataset, timeout_s, max_rows, write_token, allow_network,
                                   queries_dir, max_workers, max_per_client, public_url, data_dir)
    return app


def run_server(dataset: Dataset, host: str = "127.0.0.1", port: int = 8000,
               log_level: str = "info", **kw) -> None:
    """Serve `dataset` until interrupted; other keyword arguments go to `make_app`."""
    uvicorn.run(make_app(dataset, **kw), host=host, port=port, log_level=log_level)


__all__ = ["make_app", "run_server"]
