"""``--json``: the success document of ``new`` and the one error document of every command.

Both are checked against the JSON Schemas docs/cli.md points to (docs/schemas/).
"""

import json
from pathlib import Path

import jsonschema
import pytest

from scaffold_core.cli import main
from scaffold_core.error_document import error_document, jsonable
from scaffold_core.errors import NOT_GIVEN, InvalidInput, Problem, WriteFailed
from tests.installed import run

SCHEMAS = Path(__file__).parents[1] / "docs" / "schemas"
NEW = json.loads((SCHEMAS / "new.schema.json").read_text())
ERROR = json.loads((SCHEMAS / "error.schema.json").read_text())
WORKER = ["new", "worker", "-s", "name=OrderWorker", "-s", "layer=platform"]


def _document(capsys: pytest.CaptureFixture[str], schema: dict[str, object]) -> dict:
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    jsonschema.validate(document, schema)
    assert captured.err == ""
    return document


def test_new_json_success_document(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main([*WORKER, "--json"]) == 0
    document = _document(capsys, NEW)
    [artifact] = document["artifacts"]
    [file] = artifact["files"]
    assert (artifact["artifact_type"], artifact["pipeline"]) == ("worker", "v2")
    assert file["path"] == "src/platform/workers/order_worker.py"
    assert file["written"] is True
    assert file["content"] == (project / file["path"]).read_text()
    assert document["dry_run"] is False


def test_new_json_lists_every_file_of_a_multi_file_artifact(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    args = ["new", "artifact_plugin", "-s", "name=memo", "--dry-run", "--json"]
    assert main(args) == 0
    files = _document(capsys, NEW)["artifacts"][0]["files"]
    assert len(files) > 3
    assert all(not file["written"] for file in files)
    assert any(file["path"].endswith("pyproject.toml") for file in files)
    assert list(project.iterdir()) == []


def test_new_json_ephemeral_text_has_no_path(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["new", "commit", "-s", "type=feat", "-s", "message=Add x", "--json"]) == 0
    [file] = _document(capsys, NEW)["artifacts"][0]["files"]
    assert (file["path"], file["written"]) == (None, False)
    assert file["content"].startswith("feat: Add x")


def test_new_json_invalid_input_lists_every_problem_with_the_value_as_json(
    project, monkeypatch, capsys
):
    monkeypatch.chdir(project)
    args = [
        "new", "dto", "-s", "name=order dto", "-s", 'fields=[{"name": "total", "type": 5}]',
        "-s", "frozen=yes", "--json",
    ]  # fmt: skip
    assert main(args) == 2
    document = _document(capsys, ERROR)
    assert (document["exit_code"], document["error"]) == (2, "InvalidInput")
    problems = {problem["location"]: problem for problem in document["problems"]}
    assert problems["name"]["given"] == "order dto"
    assert problems["fields.0.type"]["given"] == 5  # JSON, not the repr '5'
    assert problems["frozen"]["given"] == "yes"
    assert problems["name"]["expected"].startswith("expected a PascalCase class name")
    assert {p["subject"] for p in document["problems"]} == {"artifact type 'dto'"}
    assert list(project.iterdir()) == []


def test_an_object_given_where_text_belongs_is_given_as_json(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    args = ["new", "worker", "-s", "name=W", "-s", "layer=x", "-s", 'capabilities=[{"a": 1}]']
    assert main([*args, "--json"]) == 2
    [problem] = _document(capsys, ERROR)["problems"]
    assert (problem["location"], problem["given"]) == ("capabilities.0", {"a": 1})


def test_a_missing_field_has_no_given(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["new", "dto", "-s", "name=Order", "--json"]) == 2
    [problem] = _document(capsys, ERROR)["problems"]
    assert problem["location"] == "fields"
    assert "given" not in problem


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["new", "handler", "--json"], "UnknownArtifactType"),
        (["new", "worker", "-s", "name=A", "-s", "layer=x", "-o", "../a.py", "--json"], None),
        (["new", "--json", "-o", "a.py", "-o", "b.py"], "BadOption"),
        (["new", "--json", "--pipeline", "v3"], "BadOption"),
        (["status", "nowhere", "--json"], "InvalidInput"),
        (["vars", "nope", "--json"], "UnknownArtifactType"),
        (["parity", "nope", "--json"], "UnknownArtifactType"),
    ],
)
def test_every_command_s_errors_are_the_one_error_document(
    project, monkeypatch, capsys, args, error
):
    monkeypatch.chdir(project)
    assert main(args) == 2
    document = _document(capsys, ERROR)
    assert document["exit_code"] == 2
    if error is not None:
        assert document["error"] == error


def test_a_recipe_s_failures_each_name_their_artifact(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    (project / "r.json").write_text(
        json.dumps(
            {
                "artifacts": [
                    {"type": "worker", "context": {"name": "A", "layer": "x"}},
                    {"type": "dto", "context": {"name": "b"}},
                ]
            }
        )
    )
    assert main(["new", "--recipe", "r.json", "--json"]) == 2
    document = _document(capsys, ERROR)
    assert document["error"] == "RecipeFailed"
    subjects = {problem["subject"] for problem in document["problems"]}
    assert subjects == {"artifact 2 (dto)"}
    assert {p["location"] for p in document["problems"]} == {"name", "fields"}


def test_the_error_document_as_a_subprocess_is_stdout_only(project):
    result = run("new", "handler", "--json", cwd=project)
    assert (result.returncode, result.stderr) == (2, "")
    jsonschema.validate(json.loads(result.stdout), ERROR)


def test_an_error_that_is_not_the_user_s_is_exit_1_in_the_same_shape():
    document = error_document(WriteFailed("disk full"))
    jsonschema.validate(document, ERROR)
    assert document["exit_code"] == 1
    assert document["problems"] == [
        {"subject": None, "location": None, "message": "disk full", "expected": None}
    ]


def test_values_that_json_cannot_hold_become_their_repr():
    assert jsonable({"a": [1, None]}) == {"a": [1, None]}
    assert jsonable(float("inf")) == "inf"
    assert jsonable(object).startswith("<class")
    problems = [Problem("x", "inf", "a number", float("nan"))]
    document = error_document(InvalidInput("test", problems))
    json.dumps(document, allow_nan=False)


def test_problem_value_is_an_addition_that_keeps_old_problems_equal():
    assert Problem("a", "'1'", "text").value is NOT_GIVEN
    assert Problem("a", "'1'", "text") == Problem("a", "'1'", "text", 1)
    assert str(Problem("a", "'1'", "text", 1)) == "a: text (given: '1')"


def test_a_dry_run_document_previews_each_file(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main([*WORKER, "--dry-run", "--json"]) == 0
    [file] = _document(capsys, NEW)["artifacts"][0]["files"]
    assert file["preview"] == {"action": "create", "needs_force": False, "diff": None}
    assert main(WORKER) == 0
    capsys.readouterr()
    assert main([*WORKER, "--dry-run", "--json"]) == 0
    [file] = _document(capsys, NEW)["artifacts"][0]["files"]
    assert file["preview"] == {"action": "identical", "needs_force": True, "diff": None}
