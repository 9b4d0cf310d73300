"""`oversight serve`: a SPARQL 1.1 Protocol endpoint and a web interface over the dataset.

app.py wires the routes; protocol.py speaks SPARQL over HTTP (parse and policy are
graph.sparql's); isolate.py runs each query in a killable worker; entity.py, pages.py and
web.py make the HTML pages (graph views are graph.views'); service_description.py describes
the endpoint.
"""
from graph.serve.app import make_app, run_server

__all__ = ["make_app", "run_server"]
