"""The package's layout holds: asking never imports building, views never import the server,
no import circles, no module over 400 lines, no private internals of dependencies."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "graph"
MODULES = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
           for p in PACKAGE.rglob("*.py")}
BUILDING = ("graph.data", "graph.check", "graph.pipeline")
ASKING = ("graph.model", "graph.store", "graph.sparql", "graph.network", "graph.views")


def imports(path: Path) -> set[str]:
    """The graph.* modules a file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
            found.update(n if n in MODULES else node.module for n in names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in MODULES}


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for name, path in MODULES.items():
        g.add_node(name)
        g.add_edges_from((name, other) for other in imports(path) if other != name)
    return g


def test_no_import_circle():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == []


def test_asking_never_imports_building_and_views_never_import_the_server():
    wrong = [(a, b) for a, b in import_graph().edges
             if (a.startswith(ASKING) and b.startswith(BUILDING)) or
             (a.startswith("graph.views") and b.startswith("graph.serve"))]
    assert wrong == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_400_lines(name):
    assert len(MODULES[name].read_text(encoding="utf-8").splitlines()) <= 400


def test_no_private_internals_of_dependencies():
    pattern = ("oxrdflib._", "._inner", "_namespace_for_prefix", "vis-9", "SPARQL_LOAD_GRAPHS")
    found = [(name, p) for name, path in MODULES.items() for p in pattern if p in path.read_text(encoding="utf-8")]
    assert found == []


def run_python(code: str, cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_importing_graph_loads_nothing_heavy(tmp_path):
    out = run_python("import sys, graph; print(sorted(m for m in sys.modules "
                     "if m.startswith(('graph.', 'rdflib', 'pyshacl', 'pyoxigraph', 'starlette'))))", tmp_path)
    assert out.strip() == "[]"


@pytest.mark.slow
def test_answering_from_a_built_store_loads_no_loader_shacl_or_server(tmp_path):
    from graph.pipeline.build import build
    build(out_dir=tmp_path / "out")
    out = run_python(
        "import sys, graph\n"
        f"ds = graph.open_store({str(tmp_path / 'out' / 'store')!r}, read_only=True).dataset\n"
        "text, params = graph.query_source('actor_facts')\n"
        "rows = list(graph.ask(ds, text, {'actor': 'TVP'}, params))\n"
        "steps = graph.oversight_chain(ds, graph.resolve_actor(ds, 'TVP'))\n"
        "print(len(rows), len(steps))\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('graph.data', 'graph.check', "
        "'graph.pipeline', 'pyshacl', 'starlette', 'uvicorn', 'graph.serve', 'yaml')))))\n", tmp_path)
    counts, loaded = (out.splitlines() + [""])[:2]
    rows, steps = map(int, counts.split())
    assert rows > 50 and steps > 3
    assert loaded == ""


def test_every_pinned_dependency_says_why():
    """A dependency held to an exact version or below a bound carries a comment giving the reason."""
    text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    pinned = [line.strip() for line in text.splitlines()
              if line.strip().startswith('"') and ("==" in line or "<" in line)]
    assert pinned and all("#" in line for line in pinned), pinned
