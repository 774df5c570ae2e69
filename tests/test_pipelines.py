"""The v1 (legacy) pipeline and the PYDANTIC_SCAFFOLDING_ENABLED flag that routes to it."""

from pathlib import Path

import pytest

from scaffold_core import ArtifactManager, BadOption, InvalidInput, OutputCheckFailed
from scaffold_core.cli import main
from scaffold_core.errors import Problem
from scaffold_core.pipelines import FLAG, choose_pipeline
from tests.conftest import FIXED_TIME

GOLDEN = Path(__file__).parent / "golden"
LEGACY_ONLY = {"name": "Order", "fields": [{"name": "total", "type": "int"}], "colour": "red"}


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        (None, {}, "v2"),
        (None, {FLAG: "true"}, "v2"),
        (None, {FLAG: "TRUE"}, "v2"),
        (None, {FLAG: " false "}, "v1"),
        (None, {FLAG: "False"}, "v1"),
        ("v2", {FLAG: "false"}, "v2"),
        ("v1", {FLAG: "true"}, "v1"),
        ("v1", {FLAG: "nonsense"}, "v1"),
    ],
)
def test_choose_pipeline(explicit, environ, expected):
    assert choose_pipeline(explicit, environ) == expected


@pytest.mark.parametrize("value", ["yes", "1", "", "v1"])
def test_other_flag_values_are_user_errors_naming_the_accepted_ones(value):
    with pytest.raises(BadOption, match=r"use 'true'.*or 'false'") as caught:
        choose_pipeline(None, {FLAG: value})
    assert caught.value.exit_code == 2


def test_unknown_explicit_pipeline():
    with pytest.raises(BadOption, match="unknown pipeline 'v3'"):
        choose_pipeline("v3", {})


def test_flag_is_read_at_every_call(manager, monkeypatch):
    monkeypatch.setenv(FLAG, "false")
    assert manager.scaffold("dto", LEGACY_ONLY, dry_run=True).pipeline == "v1"
    monkeypatch.setenv(FLAG, "true")
    with pytest.raises(InvalidInput, match="colour: unknown field"):
        manager.scaffold("dto", LEGACY_ONLY, dry_run=True)
    monkeypatch.delenv(FLAG)
    with pytest.raises(InvalidInput):
        manager.scaffold("dto", LEGACY_ONLY, dry_run=True)
    assert manager.scaffold("dto", LEGACY_ONLY, pipeline="v1").written


def test_v1_renders_the_legacy_template_with_the_raw_dict(manager, project):
    result = manager.scaffold("dto", LEGACY_ONLY, pipeline="v1", output_path="order.py")
    artifact = manager.artifact("dto")
    legacy_hash = manager.legacy_environment.version_hash(artifact.legacy_template_name)
    assert legacy_hash != manager.environment.version_hash(artifact.template_name)
    assert result.content.startswith(f"# scaffold: template=dto version={legacy_hash} ")
    assert "class Order(BaseModel):" in (project / "order.py").read_text()


def test_v1_an_empty_value_renders_empty_and_the_output_check_still_guards_the_file(
    manager, project
):
    with pytest.raises(OutputCheckFailed, match=r"\(v1\) produced invalid output"):
        manager.scaffold("dto", {"name": "", "fields": []}, pipeline="v1", output_path="x.py")
    assert list(project.iterdir()) == []
    rendering = manager.render(
        "worker", {"name": "Jobs", "layer": ""}, pipeline="v1", output_path="w.py"
    )
    assert 'layer = ""' in rendering.content
    assert rendering.problems == ()


def test_v1_refuses_an_input_lacking_what_the_legacy_template_requires(manager, project):
    with pytest.raises(InvalidInput) as refused:
        manager.scaffold("worker", {"description": "Jobs."}, pipeline="v1", output_path="w.py")
    assert [problem.location for problem in refused.value.problems] == ["layer", "name"]
    assert "legacy (v1) template 'worker/worker.v1.py.jinja2'" in str(refused.value)
    assert list(project.iterdir()) == []
    # A variable the template guards may be left out, and the lifecycle is the core's.
    rendering = manager.render(
        "worker", {"name": "J", "layer": "x"}, pipeline="v1", output_path="w.py"
    )
    assert "class J" in rendering.content


def test_v1_reports_unparsed_s_pairs(manager):
    with pytest.raises(InvalidInput, match="key=value"):
        manager.scaffold(
            "dto", LEGACY_ONLY, pipeline="v1", earlier_problems=[Problem("-s", "'x'", "key=value")]
        )


def test_v1_needs_a_legacy_template(fixture_manager):
    with pytest.raises(BadOption, match="has no legacy \\(v1\\) template"):
        fixture_manager.scaffold("note", {"title": "T", "body": "b"}, pipeline="v1")


def test_cli_flag_and_override(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    args = ["new", "dto", "-s", "name=Order", "-s", 'fields=[{"name": "a", "type": "int"}]']
    monkeypatch.setenv(FLAG, "false")
    assert main([*args, "-s", "colour=red", "--dry-run"]) == 0
    assert main([*args, "-s", "colour=red", "--dry-run", "--pipeline", "v2"]) == 2
    assert "colour: unknown field" in capsys.readouterr().err
    monkeypatch.setenv(FLAG, "maybe")
    assert main([*args, "--dry-run"]) == 2
    assert "PYDANTIC_SCAFFOLDING_ENABLED='maybe' is not accepted" in capsys.readouterr().err
    assert main([*args, "--dry-run", "--pipeline", "v2"]) == 0


GOLDEN_CASES = {
    "dto-order": ("dto", {"name": "OrderCreated", "description": "An order was placed.",
                          "frozen": True, "examples": [{"order_id": 1}],
                          "fields": [{"name": "order_id", "type": "int", "description": "Id."},
                                     {"name": "placed", "type": "datetime"},
                                     {"name": "note", "type": "str | None", "default": "None"}]}),
    "dto-legacy-extra-keys": ("dto", {"name": "Loose", "fields": [{"name": "a", "type": "str"}],
                                      "dto_name": "ignored", "unknown": [1, 2]}),
    "worker-async": ("worker", {"name": "Mailer", "layer": "notifications", "use_async": True,
                                "scope": "Due invoices.", "responsibilities": ["Send"],
                                "capabilities": ["collect", "send"]}),
    "worker-bare": ("worker", {"name": "Tick", "layer": "ops"}),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_v1_output_is_pinned(project, case):
    artifact_type, context = GOLDEN_CASES[case]
    manager = ArtifactManager(project, clock=lambda: FIXED_TIME)
    result = manager.scaffold(artifact_type, context, pipeline="v1", output_path=f"{case}.py")
    body = result.content.partition("\n")[2]
    assert body == (GOLDEN / f"v1-{case}.py.txt").read_text()
