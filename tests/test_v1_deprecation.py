"""The v1 pipeline's deprecation warning: one line on stderr per process, silenced by a setting.

The suite silences it (``SCAFFOLD_V1_WARNING=0`` in conftest); these tests unset or set the
variable themselves.
"""

import json
import os
import sys
import threading
from pathlib import Path

import anyio
import pytest

from scaffold_core import ArtifactManager, InvalidInput, notes
from scaffold_core.parity import plugin_cases, run_parity
from scaffold_core.pipelines import v1 as v1_module
from scaffold_core.pipelines.v1 import DEPRECATION, WARNING_VARIABLE
from tests.conftest import FIXED_TIME
from tests.installed import run

DTO = ["-s", "name=Order", "-s", 'fields=[{"name": "a", "type": "int"}]']
RECIPE = """\
artifacts:
  - type: dto
    context: {name: Refund, fields: [{name: amount, type: int}]}
  - type: dto
    context: {name: Charge, fields: [{name: amount, type: int}]}
  - type: worker
    context: {name: RefundWorker, layer: payments}
"""


@pytest.fixture
def unsilenced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The variable unset, and this process not warned yet."""
    monkeypatch.delenv(WARNING_VARIABLE)
    monkeypatch.setattr(v1_module, "_warned", threading.Event())
    monkeypatch.setattr(notes, "_written", set())


def test_the_warning_is_one_line_naming_the_guide_the_way_back_and_the_switches() -> None:
    assert DEPRECATION.endswith("\n")
    assert DEPRECATION.count("\n") == 1
    for named in (
        "deprecated",
        "docs/migration.md",
        "--pipeline v2",
        "PYDANTIC_SCAFFOLDING_ENABLED=true",
        "SCAFFOLD_V1_WARNING=0",
        "v1_warning = false",
    ):
        assert named in DEPRECATION


def test_many_v1_renders_in_one_process_warn_once(unsilenced, tmp_path, capsys) -> None:
    manager = ArtifactManager(tmp_path, clock=lambda: FIXED_TIME)
    for name in ("A", "B", "C"):
        manager.render("dto", {"name": name}, output_path=f"{name}.py", pipeline="v1")
    manager.render("worker", {"name": "W", "layer": "x"}, output_path="w.py", pipeline="v1")
    # A refused input on v1 is a v1 run too; it does not warn again.
    with pytest.raises(InvalidInput):
        manager.render("dto", {}, output_path="d.py", pipeline="v1")
    captured = capsys.readouterr()
    assert captured.err == DEPRECATION
    assert captured.out == ""


def test_v2_never_warns(unsilenced, tmp_path, capsys) -> None:
    manager = ArtifactManager(tmp_path, clock=lambda: FIXED_TIME)
    manager.render(
        "dto",
        {"name": "A", "fields": [{"name": "a", "type": "int"}]},
        output_path="a.py",
        pipeline="v2",
    )
    assert capsys.readouterr().err == ""


def test_parity_runs_v1_as_its_baseline_without_warning(unsilenced, tmp_path, capsys) -> None:
    manager = ArtifactManager(tmp_path, clock=lambda: FIXED_TIME)
    assert run_parity(manager, "dto", plugin_cases(manager.artifact("dto"))).passed
    assert capsys.readouterr().err == ""
    # Outside parity, the same process still warns at its first v1 call.
    manager.render("dto", {"name": "A"}, output_path="a.py", pipeline="v1")
    assert capsys.readouterr().err == DEPRECATION


def test_a_recipe_of_several_v1_artifacts_warns_once(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(WARNING_VARIABLE)
    (tmp_path / "feature.yaml").write_text(RECIPE)
    result = run("new", "--recipe", "feature.yaml", "--pipeline", "v1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == DEPRECATION
    assert len(result.stdout.splitlines()) == 3


def test_the_flag_routing_to_v1_warns_too(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(WARNING_VARIABLE)
    monkeypatch.setenv("PYDANTIC_SCAFFOLDING_ENABLED", "false")
    result = run("new", "dto", *DTO, "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == DEPRECATION


def test_json_output_stays_one_document_on_stdout(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(WARNING_VARIABLE)
    result = run("new", "dto", *DTO, "--pipeline", "v1", "--dry-run", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["ok"] is True
    assert document["artifacts"][0]["pipeline"] == "v1"
    assert result.stderr == DEPRECATION


def test_a_v2_run_prints_nothing_on_stderr(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(WARNING_VARIABLE)
    result = run("new", "dto", *DTO, "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def _project(tmp_path: Path, setting: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.scaffold]\nv1_warning = {setting}\n")
    return tmp_path


@pytest.mark.parametrize(
    ("variable", "setting", "warned"),
    [
        ("0", None, False),
        (" 0 ", "true", False),
        (None, "false", False),
        ("1", "false", True),
        (None, "true", True),
        (None, None, True),
    ],
)
def test_the_variable_and_the_project_setting(
    tmp_path, monkeypatch, variable, setting, warned
) -> None:
    if variable is None:
        monkeypatch.delenv(WARNING_VARIABLE)
    else:
        monkeypatch.setenv(WARNING_VARIABLE, variable)
    if setting is not None:
        _project(tmp_path, setting)
    result = run("new", "dto", *DTO, "--pipeline", "v1", "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (DEPRECATION if warned else "")


def test_another_value_of_the_variable_is_noted_and_the_setting_decides(tmp_path, monkeypatch):
    monkeypatch.setenv(WARNING_VARIABLE, "off")
    result = run("new", "dto", *DTO, "--pipeline", "v1", "--dry-run", cwd=tmp_path)
    assert result.stderr == (
        "scaffold: SCAFFOLD_V1_WARNING='off' ignored: use 1 (warn) or 0 (do not)\n" + DEPRECATION
    )
    _project(tmp_path, "false")
    result = run("new", "dto", *DTO, "--pipeline", "v1", "--dry-run", cwd=tmp_path)
    assert (
        result.stderr
        == "scaffold: SCAFFOLD_V1_WARNING='off' ignored: use 1 (warn) or 0 (do not)\n"
    )


def test_an_unknown_value_is_noted_once_per_process(unsilenced, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(WARNING_VARIABLE, "no")
    manager = ArtifactManager(_project(tmp_path, "false"), clock=lambda: FIXED_TIME)
    for name in ("A", "B"):
        manager.render("dto", {"name": name}, output_path=f"{name}.py", pipeline="v1")
    note = "scaffold: SCAFFOLD_V1_WARNING='no' ignored: use 1 (warn) or 0 (do not)\n"
    assert capsys.readouterr().err == note


def test_a_setting_that_is_no_boolean_is_exit_2(tmp_path) -> None:
    _project(tmp_path, "'no'")
    result = run("new", "dto", *DTO, "--pipeline", "v1", "--dry-run", cwd=tmp_path)
    assert result.returncode == 2
    assert "[tool.scaffold].v1_warning: true or false" in result.stderr


def test_an_mcp_server_on_v1_warns_once_on_stderr_never_on_the_protocol(tmp_path) -> None:
    mcp = pytest.importorskip("mcp", reason="the mcp extra: pip install 'scaffold-core[mcp]'")
    from mcp.client.stdio import stdio_client  # noqa: PLC0415 -- only with the extra

    project = tmp_path / "project"
    project.mkdir()
    server = mcp.StdioServerParameters(
        command=sys.executable,
        args=["-m", "scaffold_core", "mcp", "--project", str(project)],
        env={
            "SCAFFOLD_CACHE_DIR": os.environ["SCAFFOLD_CACHE_DIR"],
            "PYDANTIC_SCAFFOLDING_ENABLED": "false",
        },
        cwd=tmp_path,
    )
    worker = {"name": "OrderWorker", "layer": "platform"}

    async def drive() -> list[bool]:
        log = tmp_path / "server.log"
        with log.open("w") as errors:
            async with (
                stdio_client(server, errlog=errors) as (read, write),
                mcp.ClientSession(read, write) as session,
            ):
                await session.initialize()
                called = [
                    await session.call_tool("scaffold", {"artifact_type": "worker", "context": c})
                    for c in (worker, worker, {"layer": "platform"})
                ]
        return [result.is_error for result in called]

    assert anyio.run(drive) == [False, False, True]
    assert (tmp_path / "server.log").read_text() == DEPRECATION
