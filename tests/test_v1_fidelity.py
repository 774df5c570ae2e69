"""v1 refuses an input lacking a variable its legacy template requires, as legacy did.

Over every installed type with a legacy template: removing required variables from an
example makes v1 refuse, naming exactly those; removing only optional ones never does; the
examples as given render exactly as before the check existed. The required set is computed
once per template and again when the environment reloads a changed one.
"""

import gc
import importlib
import json
import os
import re
import shlex
import subprocess
import sys
import time
import weakref
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scaffold_core.manager as manager_module
from scaffold_core import ArtifactManager, ArtifactRegistry, ArtifactType, InvalidInput
from scaffold_core.errors import BadOption, TemplateFailed
from scaffold_core.render.introspect import required_variables
from tests.conftest import FIXED_TIME
from tests.installed import run

INSTALLED = ArtifactRegistry()
WITH_LEGACY = sorted(
    outcome.artifact_id
    for outcome in INSTALLED.inspect_all()
    if isinstance(outcome, ArtifactType) and outcome.legacy_template_name is not None
)
# The module, not the function ``scaffold_core.render`` exports under the same name.
introspect_module = importlib.import_module("scaffold_core.render.introspect")
MIGRATION = Path(__file__).resolve().parents[1] / "docs" / "migration.md"


@pytest.fixture(scope="module")
def manager(tmp_path_factory: pytest.TempPathFactory) -> ArtifactManager:
    return ArtifactManager(tmp_path_factory.mktemp("project"), clock=lambda: FIXED_TIME)


def _required(manager: ArtifactManager, artifact_id: str) -> tuple[str, ...]:
    artifact = manager.artifact(artifact_id)
    assert artifact.legacy_template_name is not None
    return required_variables(manager.legacy_environment.jinja, artifact.legacy_template_name)


def _render_v1(manager: ArtifactManager, artifact_id: str, context: dict[str, object]) -> str:
    extension = manager.artifact(artifact_id).extension
    path = f"out/{artifact_id}.{extension}"
    return manager.render(artifact_id, context, output_path=path, pipeline="v1").content


def test_every_type_with_a_legacy_template_requires_something(manager) -> None:
    assert len(WITH_LEGACY) == 20
    for artifact_id in WITH_LEGACY:
        assert _required(manager, artifact_id), artifact_id


@settings(deadline=None, max_examples=200)
@given(data=st.data())
def test_removing_required_variables_makes_v1_refuse_naming_each(manager, data) -> None:
    artifact_id = data.draw(st.sampled_from(WITH_LEGACY), label="type")
    examples = manager.artifact(artifact_id).examples()
    example = data.draw(st.sampled_from(examples), label="example")
    removed = data.draw(st.sets(st.sampled_from(sorted(example))), label="removed")
    context = {key: value for key, value in example.items() if key not in removed}
    missing = sorted(removed & set(_required(manager, artifact_id)))
    if not missing:
        # Only what the template guards was left out: v1 renders, as it always did.
        assert _render_v1(manager, artifact_id, context)
        return
    with pytest.raises(InvalidInput) as refused:
        _render_v1(manager, artifact_id, context)
    assert [problem.location for problem in refused.value.problems] == missing
    template = f"'{artifact_id}/{artifact_id}.v1."
    assert all(
        problem.expected.startswith(f"required by the legacy (v1) template {template}")
        for problem in refused.value.problems
    )


@pytest.mark.parametrize("artifact_id", WITH_LEGACY)
def test_the_examples_render_as_before_the_check(manager, monkeypatch, artifact_id) -> None:
    for example in manager.artifact(artifact_id).examples():
        assert set(_required(manager, artifact_id)) <= set(example)
        checked = _render_v1(manager, artifact_id, example)
        with monkeypatch.context() as before:
            before.setattr(manager_module, "accept_v1", lambda *args, **_: dict(args[2]))
            assert _render_v1(manager, artifact_id, example) == checked


def test_the_lifecycle_variables_are_never_required(tmp_path) -> None:
    (tmp_path / "t.jinja2").write_text(
        "{{ output_path }} {{ scaffold_created }} {{ template_id }} {{ version_hash }}"
        " {{ scaffold_updated }} {{ name }}"
    )
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    assert required_variables(environment, "t.jinja2") == ("name",)


def test_the_required_set_is_computed_once_per_template(manager, monkeypatch) -> None:
    calls: list[str] = []
    real = introspect_module.introspect

    def counting(environment: jinja2.Environment, name: str) -> object:
        calls.append(name)
        return real(environment, name)

    introspect_module._REQUIRED.clear()
    monkeypatch.setattr(introspect_module, "introspect", counting)
    for _ in range(3):
        _render_v1(manager, "worker", {"name": "Jobs", "layer": "x"})
        _render_v1(manager, "dto", {"name": "Order"})
    assert calls == ["worker/worker.v1.py.jinja2", "dto/dto.v1.py.jinja2"]


def test_a_reloaded_template_is_introspected_again(tmp_path) -> None:
    template = tmp_path / "t.jinja2"
    template.write_text("{{ a }}{{ b | default('x') }}")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(tmp_path), auto_reload=True, autoescape=True
    )
    assert required_variables(environment, "t.jinja2") == ("a",)
    template.write_text("{{ b }}{{ a | default('x') }}")
    later = time.time() + 5  # Jinja compares modification times
    os.utime(template, (later, later))
    assert required_variables(environment, "t.jinja2") == ("b",)


def test_an_edited_parent_is_seen_too(tmp_path) -> None:
    (tmp_path / "base.jinja2").write_text("{{ a }}{% block body %}{% endblock %}")
    (tmp_path / "t.jinja2").write_text("{% extends 'base.jinja2' %}{% block body %}{% endblock %}")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(tmp_path), auto_reload=True, autoescape=True
    )
    assert required_variables(environment, "t.jinja2") == ("a",)
    (tmp_path / "base.jinja2").write_text("{{ c }}{% block body %}{% endblock %}")
    later = time.time() + 5
    os.utime(tmp_path / "base.jinja2", (later, later))
    assert required_variables(environment, "t.jinja2") == ("c",)


def test_the_memo_does_not_keep_an_environment_alive(tmp_path) -> None:
    (tmp_path / "t.jinja2").write_text("{{ a }}")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    assert required_variables(environment, "t.jinja2") == ("a",)
    dropped = weakref.ref(environment)
    del environment
    gc.collect()
    assert dropped() is None


def test_a_legacy_template_that_does_not_parse_is_a_template_failure(fixture_manager) -> None:
    # No requirement can be read from it: rendering names the template bug instead.
    with pytest.raises(TemplateFailed, match=r"bad_legacy\.v1\.py\.jinja2"):
        fixture_manager.render("bad_legacy", {}, output_path="x.py", pipeline="v1")


def test_a_type_without_a_legacy_template_is_still_refused_by_name(fixture_manager) -> None:
    with pytest.raises(BadOption, match=r"has no legacy \(v1\) template"):
        fixture_manager.render("note", {}, output_path="x.md", pipeline="v1")


def test_no_legacy_template_is_said_first_and_without_the_warning(tmp_path, monkeypatch) -> None:
    # artifact_plugin's path pattern needs a field this input lacks: the refusal that counts
    # is that nothing of it runs on v1, so it comes before the path and the warning.
    monkeypatch.setenv("SCAFFOLD_V1_WARNING", "1")
    result = run("new", "artifact_plugin", "-s", "name=zz", "--pipeline", "v1", cwd=tmp_path)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: artifact type 'artifact_plugin' has no legacy (v1) template")
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_lists_every_missing_variable_and_writes_nothing(tmp_path) -> None:
    result = run("new", "adapter", "--pipeline", "v1", "-s", "description=x", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "  - client_type: required by the legacy (v1) template" in result.stderr
    assert "  - name: required by the legacy (v1) template" in result.stderr
    assert list(tmp_path.iterdir()) == []
    document = run("new", "adapter", "--pipeline", "v1", "--json", cwd=tmp_path)
    assert document.returncode == 2
    error = json.loads(document.stdout)
    assert error["error"] == "InvalidInput"
    assert [problem["location"] for problem in error["problems"]] == ["client_type", "name"]
    assert list(tmp_path.iterdir()) == []


def test_the_migration_guide_shows_what_v1_prints(tmp_path) -> None:
    block = re.search(
        r"```console\n\$ (scaffold new worker --pipeline v1 [^\n]*)\n(.*?)```",
        MIGRATION.read_text(),
        re.DOTALL,
    )
    assert block is not None
    environment = {**os.environ, "SCAFFOLD_V1_WARNING": "1"}
    result = _run_shell(block[1], tmp_path, environment)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == block[2]


def _run_shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    arguments = shlex.split(command)
    return subprocess.run(
        [str(Path(sys.executable).parent / arguments[0]), *arguments[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
