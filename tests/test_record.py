"""The provenance record: one JSON file per written file, written with it, all or nothing."""

import json
import re
import shutil
import subprocess

import pytest

from scaffold_core import (
    ArtifactManager,
    InvalidInput,
    OutputExists,
    RecipeFailed,
    UnsafeOutputPath,
)
from scaffold_core.cli import main
from scaffold_core.recipes import RecipeStep, apply_recipe
from scaffold_core.write.record import RECORD_FOLDER, record_target
from tests.conftest import FIXED_TIME
from tests.fuzzing import discovered_types

ORDER = {"name": "Order", "fields": [{"name": "total", "type": "int"}]}
FIELDS = ["-s", 'fields=[{"name": "total", "type": "int"}]']
PERSISTENT = [artifact for artifact in discovered_types() if artifact.kind == "persistent"]


def read_record(project, output_path):
    return json.loads(record_target(project, output_path).read_text(encoding="utf-8"))


def records(project):
    folder = project.joinpath(*RECORD_FOLDER.split("/"))
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_record_holds_what_was_written_and_how(manager, project):
    result = manager.scaffold("dto", ORDER)
    text = record_target(project, "src/dtos/order.py").read_text(encoding="utf-8")
    record = json.loads(text)
    header = re.match(r"# scaffold: template=dto version=(\w+) created=(\S+) ", result.content)
    assert record == {
        "format": 1,
        "artifact_type": "dto",
        "template": "dto.py.jinja2",
        "distribution": "scaffold-artifact-dto",
        "distribution_version": manager.artifact("dto").entry.version,
        "pipeline": "v2",
        "output_path": "src/dtos/order.py",
        "artifact_output_path": "src/dtos/order.py",
        "version_hash": header.group(1),
        "created": header.group(2),
        "updated": None,
        "context": ORDER,
        "content": (project / "src/dtos/order.py").read_text(encoding="utf-8"),
    }
    assert record["created"] == FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    # Stable and readable: sorted keys, two-space indent, one final newline.
    assert text == json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("artifact", PERSISTENT, ids=lambda artifact: artifact.artifact_id)
def test_the_recorded_input_validates_back_to_the_same_context(artifact, tmp_path):
    manager = ArtifactManager(tmp_path, clock=lambda: FIXED_TIME)
    for number, example in enumerate(artifact.examples()):
        output = f"out{number}/main.{artifact.extension}"
        result = manager.scaffold(artifact.artifact_id, example, output_path=output)
        recorded = read_record(tmp_path, result.output_path)["context"]
        again = artifact.adapter.validate_python(recorded)
        assert again == artifact.adapter.validate_python(example)


def test_the_legacy_pipeline_records_the_raw_input(manager, project):
    manager.scaffold("dto", {**ORDER, "unknown": "kept"}, pipeline="v1")
    record = read_record(project, "src/dtos/order.py")
    assert record["pipeline"] == "v1"
    assert record["context"] == {**ORDER, "unknown": "kept"}
    assert record["template"] == "dto.v1.py.jinja2"


def test_a_recipe_records_all_its_artifacts_or_none(manager, project):
    good = RecipeStep("dto", ORDER)
    worker = RecipeStep("worker", {"name": "OrderWorker", "layer": "orders"})
    with pytest.raises(RecipeFailed):
        apply_recipe(manager, [good, worker, RecipeStep("dto", {"name": "bad name"})])
    assert not (project / ".scaffold").exists()
    apply_recipe(manager, [good, worker])
    assert records(project) == [
        "src/dtos/order.py.json",
        "src/orders/workers/order_worker.py.json",
    ]


def test_every_file_of_a_multi_file_artifact_has_its_record(project):
    arguments = ["new", "artifact_plugin", "-s", "name=cli_command", "-C", str(project)]
    assert main(arguments) == 0
    written = sorted(
        p.relative_to(project).as_posix()
        for p in project.rglob("*")
        if p.is_file() and ".scaffold" not in p.parts
    )
    assert records(project) == [f"{path}.json" for path in written]
    readme = read_record(project, "scaffold-artifact-cli-command/README.md")
    assert readme["template"] == "artifact_plugin/README.md.jinja2"


def test_dry_runs_ephemeral_output_and_no_record_write_no_record(manager, project, capsys):
    manager.scaffold("dto", ORDER, dry_run=True)
    manager.scaffold("commit", {"type": "fix", "message": "handle empty carts"})
    manager.scaffold("dto", ORDER, record=False)
    assert (project / "src/dtos/order.py").is_file()
    assert not (project / ".scaffold").exists()
    shutil.rmtree(project / "src")
    arguments = ["new", "dto", "-s", "name=Order", *FIELDS, "--no-record"]
    assert main([*arguments, "-C", str(project)]) == 0
    assert not (project / ".scaffold").exists()


def test_the_project_setting_turns_records_off_and_is_checked(project):
    (project / "pyproject.toml").write_text("[tool.scaffold]\nrecord = false\n")
    ArtifactManager(project).scaffold("dto", ORDER)
    assert not (project / ".scaffold").exists()
    (project / "pyproject.toml").write_text('[tool.scaffold]\nrecord = "no"\n')
    with pytest.raises(InvalidInput, match=r"tool\.scaffold\]\.record: true or false"):
        ArtifactManager(project)


def test_a_record_follows_its_file(manager, project):
    manager.scaffold("dto", ORDER)
    manager.scaffold("dto", {**ORDER, "description": "An order."}, force=True)
    assert read_record(project, "src/dtos/order.py")["context"]["description"] == "An order."
    # The file gone, its record stays until scaffold writes the file again.
    (project / "src/dtos/order.py").unlink()
    manager.scaffold("dto", ORDER)
    assert "description" not in read_record(project, "src/dtos/order.py")["context"]


@pytest.mark.parametrize("path", [".scaffold/x.py", ".Scaffold/records/x.py"])
def test_nothing_is_written_into_the_records_folder(manager, path):
    with pytest.raises(UnsafeOutputPath, match="holds scaffold's records"):
        manager.scaffold("dto", ORDER, output_path=path)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_two_branches_that_each_add_artifacts_merge_without_conflict(project):
    def git(*arguments):
        subprocess.run(["git", *arguments], cwd=project, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "0")
    for branch, name in [("orders", "Order"), ("refunds", "Refund")]:
        git("checkout", "-q", "-b", branch, "main")
        assert main(["new", "dto", "-s", f"name={name}", *FIELDS, "-C", str(project)]) == 0
        git("add", "-A")
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", name)
    git("checkout", "-q", "orders")
    git("-c", "user.name=t", "-c", "user.email=t@t", "merge", "-q", "--no-edit", "refunds")
    assert records(project) == ["src/dtos/order.py.json", "src/dtos/refund.py.json"]


def test_in_a_batch_each_call_is_its_own_write(manager, project):
    """``batch()`` keeps one journal file for its calls; a failing call writes nothing and
    leaves the earlier ones; the journal is gone when the outermost block ends."""
    with manager.batch(), manager.batch():
        manager.scaffold("dto", ORDER, output_path="src/a.py")
        journals = [p.name for p in project.iterdir() if p.name.startswith(".scaffold-jo")]
        assert len(journals) == 1
        assert (project / journals[0]).read_bytes() == b""  # idle: nothing to undo
        with pytest.raises(OutputExists):
            manager.scaffold("dto", ORDER, output_path="src/a.py")
        manager.scaffold("dto", ORDER, output_path="src/b.py")
    assert not [p for p in project.iterdir() if p.name.startswith(".scaffold-jo")]
    assert records(project) == ["src/a.py.json", "src/b.py.json"]
