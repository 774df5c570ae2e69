"""Ephemeral artifact types: TypedDict Contexts, no lifecycle, no header, printed by default."""

import pytest

from scaffold_core import InvalidInput, validate_architecture
from scaffold_core.parity import ParityCase, Verdict, run_parity
from scaffold_core.validate import validate_context


def test_loaded_as_ephemeral(fixture_registry):
    artifact = fixture_registry("announcement").get("announcement")
    assert artifact.kind == "ephemeral"
    assert artifact.render_context_class is None
    assert artifact.required_fields() == ("subject",)
    assert artifact.default_output_path is None
    assert len(artifact.examples()) == 3
    assert artifact.json_schema()["additionalProperties"] is False


def test_validation_completes_optional_keys(fixture_registry):
    artifact = fixture_registry("announcement").get("announcement")
    assert validate_context(artifact, {"subject": " Hi "}) == {
        "subject": "Hi",
        "lines": [],
        "signature": None,
    }
    with pytest.raises(InvalidInput) as caught:
        validate_context(artifact, {"lines": "x", "colour": 1})
    assert [p.location for p in caught.value.problems] == ["subject", "lines", "colour"]


def test_rendered_without_header_and_not_written(fixture_manager, project):
    result = fixture_manager.scaffold(
        "announcement", {"subject": "Freeze", "lines": ["No merges"]}
    )
    assert result.content == "Freeze\n- No merges\n"
    assert not result.written
    assert result.output_path is None
    assert list(project.iterdir()) == []


def test_written_without_header_when_a_path_is_given(fixture_manager, project):
    result = fixture_manager.scaffold(
        "announcement", {"subject": "Hi", "signature": "Ops"}, output_path="msg/hi.txt"
    )
    assert result.written
    assert (project / "msg/hi.txt").read_text() == "Hi\n-- Ops\n"


def test_parity_for_ephemeral_types(fixture_manager):
    cases = [
        ParityCase(f"e{i}", example)
        for i, example in enumerate(fixture_manager.artifact("announcement").examples())
    ]
    report = run_parity(fixture_manager, "announcement", cases)
    assert [r.verdict for r in report.results] == [Verdict.EQUIVALENT] * 3


def test_lax_typed_dict_breaks_arch004(fixture_registry):
    report = validate_architecture(fixture_registry("lax", "announcement"))
    assert [(f.plugin, f.rule) for f in report.findings] == [("lax", "ARCH004")]
