"""The README is executed: its command-line reference is the commands' own --help, every
`$ oversight ...` block prints what it shows, and its Python snippets run."""
from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from graph.cli.reference import END, START, updated

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, re.S | re.M)
SESSIONS = [body for lang, body in BLOCKS if body.startswith("$ oversight") and lang != "text"]  # text: --help, above
MORE = re.compile(r"^… \((\d+) more lines?\)$")


def test_the_command_line_reference_is_the_commands_own_help():
    assert START in README and END in README
    assert updated(README) == README, "run `python -m graph.cli.reference README.md`"


def commands(session: str) -> list[tuple[list[str], list[str]]]:
    """Each `$ oversight ARGS` of a block with the lines it shows."""
    found: list[tuple[list[str], list[str]]] = []
    for line in session.rstrip("\n").splitlines():
        if line.startswith("$ oversight "):
            found.append((shlex.split(line[len("$ oversight "):]), []))
        else:
            found[-1][1].append(line)
    return found


@pytest.mark.parametrize("session", SESSIONS, ids=[s.splitlines()[0][2:60] for s in SESSIONS])
def test_every_command_in_the_readme_prints_what_it_shows(run, session, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # `view --out out/...` writes here, not in the checkout
    shutil.copytree(REPO / "data", tmp_path / "data")  # `new --data data` adds to a copy
    (tmp_path / "examples").symlink_to(REPO / "examples")
    for args, shown in commands(session):
        result = run(*args)
        refused = shown and re.match(r"error:|\d+ problems? in the data:", shown[0])
        assert result.exit_code == (1 if refused else 0), result.output
        printed = [line.rstrip() for line in result.output.rstrip("\n").splitlines()]
        if shown and (more := MORE.match(shown[-1])):
            assert printed[:len(shown) - 1] == [line.rstrip() for line in shown[:-1]]
            assert len(printed) == len(shown) - 1 + int(more[1])
        elif shown:
            assert printed == [line.rstrip() for line in shown]


def python_blocks(heading: str) -> list[str]:
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```python\n(.*?)^```", section, re.S | re.M)


def test_the_python_api_snippet_runs(monkeypatch):
    monkeypatch.chdir(REPO)
    (snippet,) = python_blocks("Python API")
    scope: dict = {}
    exec(compile(snippet, "README.md (Python API)", "exec"), scope)
    assert len(scope["rows"]) > 0 and scope["chain"] and scope["net"].number_of_edges() > 0


def test_the_sparqlwrapper_snippet_talks_to_the_endpoint(dataset, capsys):
    sys.path.insert(0, str(REPO / "tests" / "serve"))
    from server_support import live_server
    (snippet,) = python_blocks("Serving: a SPARQL endpoint and a web interface")
    with live_server(dataset) as url:
        exec(compile(snippet.replace("http://127.0.0.1:8000", url), "README.md (SPARQLWrapper)", "exec"), {})
    printed = capsys.readouterr().out.split()
    assert "https://w3id.org/oversight-graph/id/thames_valley_police" in printed
