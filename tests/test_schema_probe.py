"""The JSON Schema is the validator: the probe's target, and the ``$schema`` key editors write."""

import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest

from scaffold_core import ArtifactRegistry
from scaffold_core.cli import main
from tests.conftest import BREAKERS, entry

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "schema_probe.py"
_spec = importlib.util.spec_from_file_location("schema_probe", SCRIPT)
assert _spec is not None
assert _spec.loader is not None
schema_probe = importlib.util.module_from_spec(_spec)
sys.modules["schema_probe"] = schema_probe
_spec.loader.exec_module(schema_probe)


def fixture_cases(*names):
    registry = ArtifactRegistry([entry(name, BREAKERS[name]) for name in names])
    return schema_probe.probe(registry)


@pytest.fixture(scope="module")
def installed_cases():
    return schema_probe.probe(ArtifactRegistry())


def test_the_schema_of_every_installed_type_agrees_with_its_validator(installed_cases):
    out = io.StringIO()
    passed = schema_probe.report(installed_cases, out)
    stricter = [case for case in installed_cases if case.schema_stricter]
    assert stricter == [], out.getvalue()
    assert schema_probe.agreement(installed_cases) >= schema_probe.TARGET, out.getvalue()
    assert passed, out.getvalue()


def test_every_installed_type_example_and_field_is_probed(installed_cases):
    registry = ArtifactRegistry()
    for artifact_id in registry.ids():
        artifact = registry.get(artifact_id)
        fields = artifact.json_schema().get("properties", {})
        own = [case for case in installed_cases if case.artifact_id == artifact_id]
        expected = len(artifact.examples()) * (len(fields) * len(schema_probe.BAD_VALUES) + 1)
        assert len(own) == expected, artifact_id


def test_a_coercion_the_schema_does_not_declare_is_a_schema_stricter_case():
    # breakers.CoercedContext turns a number into its label without saying so in its schema.
    cases = fixture_cases("coerced")
    stricter = {(c.field, c.label) for c in cases if c.schema_stricter and c.field == "label"}
    assert stricter == {("label", number) for number in ("0", "1", "-1", "true", "false")}
    out = io.StringIO()
    assert not schema_probe.report(cases, out)
    assert "  coerced example 1 label = -1\n" in out.getvalue()
    assert out.getvalue().endswith("failed (target: >= 99%, 0 stricter)\n")


def test_a_rule_the_schema_cannot_say_is_a_schema_looser_case_with_the_validators_problem():
    # breakers.StrictContext: count >= 1 is in the schema; JSON Schema counts 1e300 as an
    # integer, scaffold takes no float for an int (nor a boolean): the probe shows both.
    cases = fixture_cases("strict")
    verdicts = {case.label: (case.schema, case.validator) for case in cases}
    assert verdicts["0"] == ("rejected", "rejected")
    assert verdicts["true"] == ("rejected", "rejected")
    assert verdicts["1e300"] == ("accepted", "rejected")
    assert verdicts["1"] == ("accepted", "accepted")
    assert verdicts["an editor's schema reference"] == ("accepted", "accepted")


def test_the_report_lists_looser_cases_one_line_each_with_the_validators_problem(
    installed_cases,
):
    # Rules across fields (an import no type uses, a name given twice) cannot be a JSON
    # Schema: the installed code types have such cases, and each is listed on its own line.
    out = io.StringIO()
    schema_probe.report(installed_cases, out, looser=True)
    section = out.getvalue().split("schema looser than the validator: ")[1].splitlines()
    looser = [line for line in section if line.startswith("  ")]
    assert len(looser) == sum(case.schema_looser for case in installed_cases) > 0
    assert all(re.fullmatch(r"  \w+ example \d+ \S+ = .+: .+", line) for line in looser)
    assert any("is used by no type or value" in line for line in looser)


def test_main_prints_the_table_and_exits_by_the_target(capsys):
    assert schema_probe.main(["issue"]) in (0, 1)
    out = capsys.readouterr().out
    assert out.startswith("TYPE ")
    assert "\nissue " in out
    assert "\ntotal " in out


# --------------------------------------------------------------------------------------------
# A top-level "$schema" key is ignored, whatever the input channel
# --------------------------------------------------------------------------------------------

EDITOR_SCHEMA = "https://example.org/schemas/dto.json"
DTO = {"name": "Order", "fields": [{"name": "total", "type": "int"}]}


def test_python_api_ignores_the_schema_key(manager):
    rendering = manager.render("dto", {"$schema": EDITOR_SCHEMA, **DTO})
    assert "class Order(BaseModel):" in rendering.content
    assert "example.org" not in rendering.content


def test_context_file_and_assignment_ignore_the_schema_key(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    (project / "order.json").write_text(json.dumps({"$schema": EDITOR_SCHEMA, **DTO}))
    assert main(["new", "dto", "--context", "order.json", "-o", "a.py"]) == 0
    assert main(["new", "dto", "--context", "order.json", "-s", "$schema=x", "-o", "b.py"]) == 0
    assert capsys.readouterr().out.splitlines() == ["a.py", "b.py"]


def test_recipe_ignores_the_schema_key(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    recipe = {"artifacts": [{"type": "dto", "context": {"$schema": EDITOR_SCHEMA, **DTO}}]}
    (project / "feature.json").write_text(json.dumps(recipe))
    assert main(["new", "--recipe", "feature.json"]) == 0
    assert capsys.readouterr().out.splitlines() == ["src/dtos/order.py"]


def test_only_the_top_level_schema_key_is_ignored(manager):
    nested = {**DTO, "fields": [{"$schema": EDITOR_SCHEMA, "name": "total", "type": "int"}]}
    with pytest.raises(Exception, match=r"fields\.0\.\$schema: unknown field"):
        manager.render("dto", nested)
