"""The publication policy file: mistakes named by file and line; names shared with someone
published are not taken from them."""
from __future__ import annotations

import shutil

from policy_data import DATA, runner
from graph.cli import app


def build_public(tmp_path, policy: str):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "publication-policy.yaml").write_text(policy, encoding="utf-8")
    return runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--public"]), data


def test_a_class_the_ontology_lacks_is_an_error_with_its_line(tmp_path):
    result, _ = build_public(tmp_path, "private:\n  - class: Complainer\n    shown_as: the complainant\n")
    assert result.exit_code == 1
    assert "tests/policy/data/publication-policy.yaml:2" not in result.output  # the copy, not the original
    assert "data/publication-policy.yaml:2: class 'Complainer' is not a name of the ontology" in result.output
    assert not (tmp_path / "out").exists()


def test_a_rule_without_its_role_description_is_an_error(tmp_path):
    result, _ = build_public(tmp_path, "private:\n  - class: Witness\n")
    assert result.exit_code == 1 and "data/publication-policy.yaml:2: a rule has one of class: or role:, and shown_as:" \
        in result.output


def test_a_data_folder_without_a_policy_has_no_public_build(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "publication-policy.yaml").unlink()
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--public"])
    assert result.exit_code == 1 and "a public build needs publication-policy.yaml in the data folder" in result.output


def test_a_first_name_shared_with_someone_published_is_left_to_them(tmp_path):
    result, data = build_public(tmp_path, "private:\n  - class: Witness\n    shown_as: a witness\n")
    path = data / "sources" / "100_complaint.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Tobias Wexcombe", "label: Gideon Wexcombe"),
                    encoding="utf-8")
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--public"])
    assert result.exit_code == 0, result.output
    public = (tmp_path / "out" / "public" / "oversight.ttl").read_text(encoding="utf-8")
    assert "Gideon Harrowfield" in public and "Wexcombe" not in public and "Gideon Wexcombe" not in public


def test_a_correction_without_target_and_an_unknown_kind_of_reply_are_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    replies, corrections = data / "sources" / "100_complaint.yaml", data / "sources" / "101_correction.yaml"
    replies.write_text(replies.read_text(encoding="utf-8").replace("replyKind: declined to comment", "replyKind: no comment"),
                       encoding="utf-8")
    corrections.write_text(corrections.read_text(encoding="utf-8").replace("    target: {record: f100_complaints}\n", ""),
                           encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert "(record wessex_figures_reply): replyKind is the notation of a kind of reply" in result.output
    assert "data/sources/101_correction.yaml:" in result.output and \
        "(record c101_figure): og:supersedes: a correction or retraction names the facts it supersedes" in result.output
