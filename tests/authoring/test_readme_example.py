"""The README's excerpt of what `oversight new` writes is what it writes (tests/test_docs.py
runs the command; this compares the file)."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MARK = "<!-- new-example: checked by tests/authoring/test_readme_example.py -->"


def test_the_readme_shows_lines_of_the_file_new_writes_in_their_order(tmp_path, data, oversight, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    excerpt = re.search(r"```yaml\n(.*?)```", readme.split(MARK, 1)[1], re.S)[1].splitlines()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(REPO / "examples")
    assert oversight("new", "examples/articles/rhodes_brief.txt", "--data", "data", "--url",
                     "https://www.bailii.org/ew/cases/EWHC/Admin/2013/1009.html").exit_code == 0
    [written] = (data / "sources").glob("014_*.yaml")
    lines = written.read_text(encoding="utf-8").splitlines()
    assert excerpt[0] == "# yaml-language-server: $schema=../../ontology/data-file.schema.json"
    assert lines[0].startswith("# yaml-language-server: $schema=") and lines[0].endswith("ontology/data-file.schema.json")
    at = 0
    for line in excerpt[1:]:  # in a checkout's data/sources the schema is ../../ontology/...; here it is elsewhere
        assert line in lines[at:], line
        at = lines.index(line, at) + 1
