"""`oversight history`: each fact's first and last change, read from the data folder's git."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from policy_data import DATA, has_row, run, runner
from graph.cli import app
from graph.model.resources import resource_dir


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "e@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository holding the test data, committed twice: the second commit renames a record."""
    shutil.copytree(DATA, tmp_path / "data")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-qm", "First record of the complaint", date="2024-02-10T10:00:00Z")
    path = tmp_path / "data" / "sources" / "100_complaint.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Ambrose Kettleby", "label: Ambrose J. Kettleby"),
                    encoding="utf-8")
    git(tmp_path, "commit", "-qam", "Kettleby's full name", date="2024-03-05T09:30:00Z")
    return tmp_path


def facts(*args: str) -> dict[str, dict]:
    return {f["key"]: f for f in json.loads(run("history", *args, "--format", "json"))}


def test_each_fact_gives_its_first_and_last_change(repo):
    first, second = git(repo, "rev-list", "--reverse", "HEAD").split()
    found = facts("Chief Superintendent Kettleby", "--data", str(repo / "data"))
    assert set(found) == {"label", "aliases", "class", "org:memberOf", "rank"}
    label = found["label"]
    assert (label["first"]["commit"], label["last"]["commit"], label["changes"]) == (first, second, 2)
    assert label["first"]["date"] == "2024-02-10T10:00:00+00:00" and label["last"]["subject"] == "Kettleby's full name"
    assert label["file"] == "data/sources/100_complaint.yaml"
    rank = found["rank"]
    assert (rank["first"]["commit"], rank["last"]["commit"], rank["changes"], rank["uncommitted"]) == (first, first, 1, False)
    table = run("history", "ambrose_kettleby", "--data", str(repo / "data"))
    assert has_row(table, f"2024-02-10 {first[:8]} First record of the complaint",
                   f"2024-03-05 {second[:8]} Kettleby's full name", "2")


def test_a_change_not_yet_committed_is_said_so(repo):
    path = repo / "data" / "sources" / "100_complaint.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rank: chief superintendent", "rank: superintendent"),
                    encoding="utf-8")
    found = facts("ambrose_kettleby", "--data", str(repo / "data"))
    assert found["rank"]["uncommitted"] and not found["label"]["uncommitted"]


def test_without_git_history_it_says_so(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    result = runner.invoke(app, ["history", "ambrose_kettleby", "--data", str(tmp_path / "data")])
    assert result.exit_code == 1 and "is not in a git repository" in result.output
    result = runner.invoke(app, ["history", "Ambrose Ketleby", "--data", str(DATA)])
    assert result.exit_code == 1 and "no record called 'Ambrose Ketleby'; nearest: Ambrose Kettleby" in result.output


def test_the_seed_data_gives_real_commits_of_this_repository():
    data = resource_dir("data")
    if subprocess.run(["git", "-C", str(data), "rev-parse"], capture_output=True).returncode != 0:
        pytest.skip("the bundled data is not in a git checkout")
    found = facts("Alex Dearden")
    label = found["label"]
    assert label["file"] == "data/sources/000_dearden_leadsom_letter.yaml"
    for change in (label["first"], label["last"]):
        assert subprocess.run(["git", "-C", str(data), "cat-file", "-t", change["commit"]],
                              capture_output=True, text=True).stdout.strip() == "commit"
        assert subprocess.run(["git", "-C", str(data), "merge-base", "--is-ancestor", change["commit"], "HEAD"]).returncode == 0
    assert label["first"]["date"] <= label["last"]["date"]
