import ast
import re
from pathlib import Path

import pytest

from scaffold_core import (
    ArtifactManager,
    BadOption,
    InvalidInput,
    NoOutputPath,
    OutputCheckFailed,
    OutputExists,
    PluginHooks,
    TemplateFailed,
    UnsafeOutputPath,
)
from scaffold_core.errors import Problem
from tests.conftest import entry

WORKER = {"name": "OrderWorker", "layer": "platform", "capabilities": ["reserve_stock"]}


def test_scaffold_writes_file_with_header_and_valid_python(manager, project):
    result = manager.scaffold("worker", WORKER, output_path="src/app/order_worker.py")
    assert result.written
    assert result.output_path == "src/app/order_worker.py"
    text = (project / "src/app/order_worker.py").read_text()
    assert text == result.content
    header, _, body = text.partition("\n")
    assert re.fullmatch(
        r"# scaffold: template=worker version=[0-9a-f]{8} created=2026-01-02T03:04:05Z"
        r" path=src/app/order_worker.py",
        header,
    )
    tree = ast.parse(body)
    assert [node.name for node in tree.body if isinstance(node, ast.ClassDef)] == ["OrderWorker"]
    assert str(project) not in text


def test_default_output_path_comes_from_the_plugin_pattern(manager, project):
    result = manager.scaffold("worker", WORKER)
    assert result.output_path == "src/platform/workers/order_worker.py"
    assert (project / result.output_path).is_file()


def test_project_setting_overrides_plugin_default_and_o_overrides_both(project):
    (project / "pyproject.toml").write_text(
        '[tool.scaffold.output_paths]\nworker = "app/{layer}/{name:snake}_job.py"\n'
    )
    manager = ArtifactManager(project)
    assert manager.scaffold("worker", WORKER).output_path == "app/platform/order_worker_job.py"
    explicit = manager.scaffold("worker", WORKER, output_path="elsewhere.py")
    assert explicit.output_path == "elsewhere.py"


def test_no_path_anywhere_asks_for_o(project, fixture_registry):
    manager = ArtifactManager(project, registry=fixture_registry("loose"), hooks=PluginHooks([]))
    with pytest.raises(NoOutputPath, match="pass -o PATH"):
        manager.scaffold("loose", {})


def test_dry_run_writes_nothing(manager, project):
    result = manager.scaffold("worker", WORKER, dry_run=True)
    assert not result.written
    assert "class OrderWorker" in result.content
    assert list(project.iterdir()) == []


def test_existing_file_is_refused_then_replaced_with_force(manager, project):
    target = project / "w.py"
    target.write_text("keep me\n")
    with pytest.raises(OutputExists, match=r"w\.py already exists: pass --force"):
        manager.scaffold("worker", WORKER, output_path="w.py")
    assert target.read_text() == "keep me\n"
    manager.scaffold("worker", WORKER, output_path="w.py", force=True)
    assert "class OrderWorker" in target.read_text()


@pytest.mark.parametrize("path", ["/tmp/x.py", "../x.py", "a/../../x.py", ""])
def test_unsafe_paths_are_refused_and_nothing_written(manager, project, path):
    with pytest.raises(UnsafeOutputPath):
        manager.scaffold("worker", WORKER, output_path=path or " ")
    assert list(project.iterdir()) == []


def test_symlink_out_of_the_project_is_refused(manager, project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "link").symlink_to(outside)
    with pytest.raises(UnsafeOutputPath, match="outside the project root"):
        manager.scaffold("worker", WORKER, output_path="link/w.py")
    assert list(outside.iterdir()) == []


def test_invalid_input_lists_every_problem_and_writes_nothing(manager, project):
    data = {"name": "order worker", "layer": "Platform", "colour": "red", "version_hash": "x"}
    with pytest.raises(InvalidInput) as caught:
        manager.scaffold("worker", data, earlier_problems=[Problem("-s", "'x'", "key=value")])
    locations = [problem.location for problem in caught.value.problems]
    assert locations == ["-s", "name", "layer", "colour", "version_hash"]
    message = str(caught.value)
    assert "5 problems" in message
    assert "system-managed" in message
    assert "unknown field" in message
    assert list(project.iterdir()) == []


def test_a_bad_explicit_path_is_listed_with_the_input_problems(manager, project):
    with pytest.raises(InvalidInput) as caught:
        manager.scaffold("worker", {"name": "order worker"}, output_path="../w.py")
    problems = {problem.location: problem.expected for problem in caught.value.problems}
    assert "contains '..'" in problems["output_path"]
    assert {"name", "layer"} <= set(problems)
    assert list(project.iterdir()) == []


def test_a_field_whose_value_did_not_parse_is_not_also_reported_missing(manager):
    unparsed = Problem("layer", "'[x'", "a JSON value for this field")
    with pytest.raises(InvalidInput) as caught:
        manager.scaffold("worker", {"name": "OrderWorker"}, earlier_problems=[unparsed])
    assert [problem.location for problem in caught.value.problems] == ["layer"]


def test_validated_context_instance_is_accepted(manager):
    artifact = manager.artifact("worker")
    context = artifact.context_class.model_validate(WORKER)
    assert manager.scaffold("worker", context, dry_run=True).content


def test_markdown_artifact_gets_html_comment_header(fixture_manager, project):
    result = fixture_manager.scaffold("note", {"title": "Release Checklist", "body": "Tag it."})
    assert result.output_path == "notes/release-checklist.md"
    first, second = result.content.splitlines()[:2]
    assert first.startswith("<!-- scaffold: template=note version=")
    assert first.endswith(" path=notes/release-checklist.md -->")
    assert second == "# Release Checklist"
    assert "updated 2026-01-02" in result.content
    assert "None" not in result.content


def test_invalid_rendered_output_is_not_written(fixture_manager, project):
    with pytest.raises(
        OutputCheckFailed, match=r"'broken_python' template \(v2\) produced invalid"
    ):
        fixture_manager.scaffold("broken_python", {})
    assert not (project / "broken.py").exists()


def test_template_reading_an_unknown_variable_fails_clearly(fixture_manager, project):
    with pytest.raises(TemplateFailed, match="not_a_field"):
        fixture_manager.scaffold("undefined_variable", {}, output_path="u.py")
    assert list(project.iterdir()) == []


def test_extensions_transform_and_check_output(project, fixture_registry):
    hooks = PluginHooks([entry("shout", "extensions")])
    manager = ArtifactManager(project, registry=fixture_registry("note"), hooks=hooks)
    result = manager.scaffold("note", {"title": "T", "body": "TODO later"}, dry_run=True)
    assert "FIXME later" in result.content
    with pytest.raises(OutputCheckFailed, match="content mentions FORBIDDEN"):
        manager.scaffold("note", {"title": "T", "body": "FORBIDDEN"})


def test_lifecycle_values_reach_the_template_and_are_system_set(manager):
    artifact = manager.artifact("worker")
    result = manager.scaffold("worker", WORKER, dry_run=True)
    version = manager.environment.version_hash(artifact.template_name)
    assert result.content.startswith(f"# scaffold: template=worker version={version} ")


@pytest.mark.parametrize(("name", "problem"), [("missing", "does not exist"), ("file", "is not")])
def test_the_project_root_must_be_an_existing_folder(tmp_path, name, problem):
    """As ``-C DIR``: never created."""
    (tmp_path / "file").write_text("x\n")
    with pytest.raises(BadOption, match=f"project root '.*{name}' {problem}"):
        ArtifactManager(tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_deleted_working_folder_is_refused(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for root in (None, "."):
        with pytest.raises(BadOption, match="the current folder no longer exists"):
            ArtifactManager(root)


def test_output_path_may_be_a_path_object(manager, project):
    result = manager.scaffold("worker", WORKER, output_path=Path("src") / "w.py")
    assert result.output_path == "src/w.py"
    assert (project / "src/w.py").is_file()


@pytest.mark.parametrize(("output_path", "kind"), [(b"w.py", "bytes"), (3, "int")])
def test_output_path_of_another_type_is_a_clear_type_error(manager, project, output_path, kind):
    with pytest.raises(
        TypeError, match=f"output_path must be a str or an os.PathLike.*not {kind}"
    ):
        manager.scaffold("worker", WORKER, output_path=output_path)
    assert list(project.iterdir()) == []
