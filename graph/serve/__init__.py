"""`oversight serve`: a SPARQL 1.1 Protocol endpoint and a web interface over the dataset.

app.py wires the routes; protocol.py speaks SPARQL over HTTP; isolate.py runs each query in a
killable worker; entity.py, pages.py, web.py and graph_view.py make the HTML pages;
service_description.py describes the endpoint.
"""
from graph.serve.app import make_app, run_server

__all__ = ["make_app", "run_server"]
