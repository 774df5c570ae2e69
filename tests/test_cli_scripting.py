"""The command line as scripts use it: versions, -q/-v, a reader that stops early."""

import contextlib
import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scaffold_core import UnsafeOutputPath
from scaffold_core.cli import main
from scaffold_core.cli.about import core_version
from scaffold_core.cli.type_help import field_lines
from tests.installed import SCAFFOLD, run


def test_version_is_the_core_alone_and_every_plugin_with_v(project):
    plain = run("--version", cwd=project)
    assert (plain.returncode, plain.stdout, plain.stderr) == (
        0,
        f"scaffold-core {core_version()}\n",
        "",
    )
    verbose = run("-v", "--version", cwd=project)
    assert verbose.returncode == 0
    lines = verbose.stdout.splitlines()
    assert lines[0] == plain.stdout.strip()
    assert "scaffold-artifact-dto 0.1.0: dto" in lines
    assert all(re.fullmatch(r"\S+ \S+: .+", line) for line in lines[1:])


def test_quiet_new_prints_nothing_and_verbose_names_each_file(project):
    quiet = run("new", "worker", "-s", "name=A", "-s", "layer=x", "-q", cwd=project)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert (project / "src/x/workers/a.py").is_file()
    verbose = run("-v", "new", "worker", "-s", "name=B", "-s", "layer=x", cwd=project)
    assert verbose.stdout == "src/x/workers/b.py\n"
    assert verbose.stderr == "scaffold: wrote src/x/workers/b.py (worker, v2)\n"


def test_quiet_still_prints_a_result_that_is_text(project):
    """An ephemeral artifact's text is the result itself: -q keeps it."""
    result = run("-q", "new", "commit", "-s", "type=feat", "-s", "message=Add x", cwd=project)
    assert result.returncode == 0
    assert result.stdout.startswith("feat: Add x")


def test_quiet_and_verbose_together_are_refused(project):
    result = run("-q", "-v", "list", cwd=project)
    assert result.returncode == 2
    assert "-q and -v: give one or the other" in result.stderr


def run_into_a_closed_pipe(project, *arguments):
    """``scaffold ARGUMENTS`` whose stdout is a pipe nobody reads any more."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [SCAFFOLD, *arguments],
            cwd=project,
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write_end)


def test_a_reader_gone_before_the_first_write_is_exit_0_and_silent(project):
    """The deterministic case: the pipe's read end is closed before scaffold writes."""
    finished = run_into_a_closed_pipe(project, "schema", "dto")
    assert (finished.returncode, finished.stderr) == (0, b"")


def test_an_error_document_whose_reader_is_gone_keeps_its_exit_code(project):
    """The error path writes too (--json): a closed pipe there is no traceback either."""
    finished = run_into_a_closed_pipe(project, "new", "nosuch", "--json")
    assert (finished.returncode, finished.stderr) == (2, b"")


def test_a_file_named_dash_is_refused_outside_the_command_line(manager, project):
    order = {"name": "Order", "fields": [{"name": "total", "type": "int"}]}
    with pytest.raises(UnsafeOutputPath, match="'-' stands for standard output"):
        manager.scaffold("dto", order, output_path="-")
    assert not (project / "-").exists()


def test_schema_piped_into_head_exits_0_in_100_of_100_runs(project):
    """``scaffold schema dto | head -1`` under pipefail: the issue's own measure."""
    command = f"set -o pipefail; '{SCAFFOLD}' schema dto | head -1"

    def once(_: int) -> tuple[int, str, str]:
        done = subprocess.run(
            ["bash", "-c", command], cwd=project, capture_output=True, text=True, check=False
        )
        return done.returncode, done.stdout, done.stderr

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(once, range(100)))
    assert outcomes.count((0, "{\n", "")) == 100, {o for o in outcomes if o[0]}


DTO = ["new", "dto", "-s", "name=Order", "-s", 'fields=[{"name": "total", "type": "int"}]']


def test_output_dash_prints_the_file_and_writes_nothing(project):
    (project / "src/dtos").mkdir(parents=True)
    (project / "src/dtos/order.py").write_text("mine\n")
    result = run(*DTO, "-o", "-", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# scaffold: template=dto ")
    assert "class Order(BaseModel):" in result.stdout
    assert not (project / "-").exists()
    assert not (project / ".scaffold").exists()  # no record
    assert (project / "src/dtos/order.py").read_text() == "mine\n"  # not a write: no --force


def test_output_dash_in_the_json_document_has_no_path(project):
    result = run(*DTO, "-o", "-", "--json", cwd=project)
    [file] = json.loads(result.stdout)["artifacts"][0]["files"]
    assert (file["path"], file["written"]) == (None, False)
    assert "class Order(BaseModel):" in file["content"]


def test_output_dash_refuses_a_multi_file_artifact(project):
    result = run("new", "artifact_plugin", "-s", "name=memo", "-o", "-", cwd=project)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "error: -o - prints one file, and artifact type 'artifact_plugin' makes 7 ("
    )
    assert list(project.iterdir()) == []


WORKER = ["new", "worker", "-s", "name=A", "-s", "layer=x"]


def test_dry_run_over_an_existing_file_is_a_diff_and_exit_0(project):
    assert run(*WORKER, cwd=project).returncode == 0
    target = project / "src/x/workers/a.py"
    edited = target.read_text().replace("Run one unit", "Run ONE unit")
    target.write_text(edited)
    result = run(*WORKER, "--dry-run", cwd=project)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "would overwrite src/x/workers/a.py, which needs --force:"
    assert lines[1:3] == ["--- a/src/x/workers/a.py", "+++ b/src/x/workers/a.py"]
    assert '-    """Run ONE unit of x work."""' in lines
    assert '+    """Run one unit of x work."""' in lines
    assert target.read_text() == edited
    forced = run(*WORKER, "--dry-run", "--force", cwd=project)
    assert forced.stdout.startswith("would overwrite src/x/workers/a.py:\n--- a/")


def test_dry_run_json_says_force_is_needed_as_data(project):
    assert run(*WORKER, cwd=project).returncode == 0
    (project / "src/x/workers/a.py").write_text("mine\n")
    result = run(*WORKER, "--dry-run", "--json", cwd=project)
    assert result.returncode == 0
    [file] = json.loads(result.stdout)["artifacts"][0]["files"]
    assert file["written"] is False
    assert file["preview"]["action"] == "overwrite"
    assert file["preview"]["needs_force"] is True
    assert file["preview"]["diff"].startswith("--- a/src/x/workers/a.py\n+++ b/src/x/workers/a.py")
    assert (project / "src/x/workers/a.py").read_text() == "mine\n"


def test_a_recipe_dry_run_lists_every_file_as_create_overwrite_or_identical(project):
    assert run(*WORKER, cwd=project).returncode == 0  # identical but for the times
    assert run("new", "worker", "-s", "name=B", "-s", "layer=x", cwd=project).returncode == 0
    (project / "src/x/workers/b.py").write_text("mine\n")
    (project / "r.yaml").write_text(
        "artifacts:\n"
        "  - {type: worker, context: {name: A, layer: x}}\n"
        "  - {type: worker, context: {name: B, layer: x}}\n"
        "  - {type: dto, context: {name: C, fields: [{name: a, type: int}]}}\n"
    )
    result = run("new", "--recipe", "r.yaml", "--dry-run", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(
        "dry run, nothing written:\n"
        "  identical  src/x/workers/a.py (needs --force)\n"
        "  overwrite  src/x/workers/b.py (needs --force)\n"
        "  create     src/dtos/c.py\n"
    )
    identical = "would rewrite src/x/workers/a.py, identical but for the header's times"
    assert f"{identical}, which needs --force\n" in result.stdout
    assert not (project / "src/dtos").exists()
    previews = [
        file["preview"]["action"]
        for artifact in json.loads(
            run("new", "--recipe", "r.yaml", "--dry-run", "--json", cwd=project).stdout
        )["artifacts"]
        for file in artifact["files"]
    ]
    assert previews == ["identical", "overwrite", "create"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nwe"], "invalid choice: 'nwe' (did you mean 'new'? choose from list, "),
        (["completion", "bsh"], "invalid choice: 'bsh' (did you mean 'bash'? choose from "),
        (["new", "wroker"], "unknown artifact type 'wroker' (did you mean 'worker'? installed: "),
        (
            ["new", "worker", "-s", "name=A", "-s", "layer=x", "-s", "use_asnyc=true"],
            "use_asnyc: unknown field; did you mean 'use_async'? fields: capabilities, ",
        ),
    ],
)
def test_did_you_mean(args, message, capsys):
    with contextlib.suppress(SystemExit):
        assert main(args) == 2
    assert message in capsys.readouterr().err


def test_no_close_name_no_guess(capsys):
    assert main(["new", "handler"]) == 2
    assert "did you mean" not in capsys.readouterr().err


def test_new_type_help_lists_the_fields_required_first(project):
    result = run("new", "worker", "--help", cwd=project)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("usage: scaffold new ")
    fields = result.stdout.split("fields of 'worker' (")[1].splitlines()[1:]
    assert fields[0].split()[:4] == ["name", "required", "text", "The"]
    assert fields[1].split()[:2] == ["layer", "required"]
    listed = {line.split()[0]: line.split()[1:3] for line in fields if line[2] != " "}
    assert listed["use_async"] == ["optional", "boolean"]
    assert listed["capabilities"] == ["optional", "list"]
    assert "Generate async methods. (default: false)" in result.stdout


def test_new_help_without_a_type_says_how_to_see_fields(project):
    result = run("new", "--help", cwd=project)
    assert result.returncode == 0
    assert "scaffold new TYPE --help: the fields of TYPE too" in result.stdout


def test_new_help_for_an_unknown_type_is_exit_2(project):
    result = run("new", "wroker", "--help", cwd=project)
    assert result.returncode == 2
    assert "did you mean 'worker'?" in result.stderr


def test_field_kinds_follow_the_schema():
    schema = {
        "properties": {
            "a": {"anyOf": [{"type": "integer"}, {"type": "null"}], "description": "An a."},
            "b": {"$ref": "#/$defs/Colour"},
            "c": {"type": "array", "items": {"$ref": "#/$defs/Item"}},
        },
        "required": ["c"],
        "$defs": {"Colour": {"enum": ["red", "blue"]}, "Item": {"type": "object"}},
    }
    assert [line.split()[:3] for line in field_lines(schema)] == [
        ["c", "required", "list"],
        [
            "a",
            "optional",
            "integer",
        ],
        ["b", "optional", "choice"],
    ]


@pytest.mark.parametrize(
    ("assignment", "hint"),
    [
        ("use_async=yes", "e.g. -s use_async=true (given: 'yes')"),
        ("capabilities=ship", """e.g. -s 'capabilities=["text"]' (given: 'ship')"""),
    ],
)
def test_a_set_hint_shows_a_value_of_the_field_s_own_type(assignment, hint, capsys):
    args = ["new", "worker", "-s", "name=A", "-s", "layer=x", "-s", assignment]
    assert main(args) == 2
    assert f"a JSON value for this field, {hint}" in capsys.readouterr().err


def test_a_set_hint_for_a_list_of_models_shows_the_model_s_required_fields(capsys):
    assert main(["new", "dto", "-s", "name=A", "-s", "fields=x"]) == 2
    assert """e.g. -s 'fields=[{"name": "text", "type": "text"}]'""" in capsys.readouterr().err


def test_a_bug_is_one_line_exit_1_and_its_traceback_with_v(monkeypatch, capsys):
    def broken(arguments, out):
        raise RuntimeError("a bug")

    monkeypatch.setattr("scaffold_core.cli.listing.list_types", broken)
    assert main(["list"]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "error: internal error: RuntimeError: a bug (a bug: run again with -v for the traceback)\n"
    )
    assert main(["list", "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert (document["error"], document["exit_code"]) == ("InternalError", 1)
    assert main(["-v", "list"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_a_full_standard_output_is_one_line_exit_1(project):
    with Path("/dev/full").open("w") as full:
        finished = subprocess.run(
            [SCAFFOLD, "list"], cwd=project, stdout=full, stderr=subprocess.PIPE, check=False
        )
    assert finished.returncode == 1
    assert finished.stderr.decode().startswith("error: cannot write the output: ")
    assert b"Traceback" not in finished.stderr


def test_a_word_that_is_not_utf8_is_a_json_document_too(project):
    finished = subprocess.run(
        [SCAFFOLD, "new", "worker", "-s", b"name=\xff", "--json"],
        cwd=project,
        capture_output=True,
        check=False,
    )
    assert finished.returncode == 2
    document = json.loads(finished.stdout)
    assert "-s: not UTF-8 text" in document["message"]


@pytest.mark.parametrize("flag", ["--js", "--json=1"])
def test_a_json_flag_argparse_would_take_gets_the_document(project, flag):
    result = run("new", "worker", flag, "--bogus", cwd=project)
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == "BadOption"
