"""The command line as scripts use it: versions, -q/-v, a reader that stops early."""

import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

from scaffold_core.cli.about import core_version
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


def test_a_reader_gone_before_the_first_write_is_exit_0_and_silent(project):
    """The deterministic case: the pipe's read end is closed before scaffold writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        finished = subprocess.run(
            [SCAFFOLD, "schema", "dto"],
            cwd=project,
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (finished.returncode, finished.stderr) == (0, b"")


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
