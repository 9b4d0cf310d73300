"""Views never load the web server: `oversight view` must not need starlette or uvicorn, and
the server is built on the views, not the other way round. Each check runs in a fresh
interpreter, since this test session has imported the server already."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SELECT = ROOT / "examples" / "queries" / "actors_of_class.rq"

_REPORT = """
import json, sys
print(json.dumps(sorted(m for m in sys.modules
                        if m.split(".")[0] in ("starlette", "uvicorn") or m.startswith("graph.serve"))))
"""


def server_modules(code: str) -> list[str]:
    """The server modules loaded once `code` has run in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", code + _REPORT], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_view_modules_import_without_the_server():
    every_module = """
import importlib, pkgutil, graph.views
for module in pkgutil.iter_modules(graph.views.__path__):
    importlib.import_module("graph.views." + module.name)
"""
    assert server_modules(every_module) == []


def test_view_of_a_query_file_does_not_import_the_server(tmp_path):
    construct = tmp_path / "overseers.rq"
    construct.write_text("CONSTRUCT { ?a og:overseenBy ?b } WHERE { ?a og:overseenBy ?b }", encoding="utf-8")
    runs = [(query, tmp_path / f"{query.stem}.html") for query in (SELECT, construct)]
    code = f"""
from typer.testing import CliRunner
from graph.cli import app
for query, out in {[(str(q), str(o)) for q, o in runs]!r}:
    result = CliRunner().invoke(app, ["view", "--query", query, "--out", out])
    assert result.exit_code == 0, result.output or repr(result.exception)
"""
    assert server_modules(code) == []
    assert all(out.stat().st_size > 0 for _, out in runs)
