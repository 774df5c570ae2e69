"""Ephemeral artifact types: TypedDict Contexts, no lifecycle, no header, printed by default."""

import re
from typing import NotRequired

import jsonschema
import pytest
from pydantic import ConfigDict, TypeAdapter, ValidationError, with_config
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from scaffold_core import ArtifactRegistry, InvalidInput, validate_architecture
from scaffold_core.parity import ParityCase, Verdict, run_parity
from scaffold_core.validate import validate_context
from scaffold_schemas import BaseContext
from scaffold_schemas.messages import derived_keys, message_rules
from tests.conftest import entry


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


# --- One pydantic path: the adapter validates and completes; pydantic runs the rules ---------


@with_config(ConfigDict(extra="forbid"))
class _PlainContext(TypedDict):
    subject: str
    tags: NotRequired[list[str]]


def _initials(*, first: str, last: str | None = None) -> str:
    return first[0] + (last[0] if last else "")


def _last_differs(*, first: str, last: str | None = None) -> None:
    if last == first:
        raise ValueError("last must differ from first")


def _short_initials(*, initials: str, nickname: str | None = None) -> None:
    if nickname is not None and len(nickname) < len(initials):
        raise PydanticCustomError(
            "too_short", "'{nickname}' is shorter than the initials", {"nickname": nickname}
        )


@message_rules(
    derived={"initials": _initials},
    checks={"last": _last_differs, "nickname": _short_initials},
)
@with_config(ConfigDict(extra="forbid"))
class _NameContext(TypedDict):
    first: str
    last: NotRequired[str | None]
    nickname: NotRequired[str | None]


def test_derived_key_is_computed_by_pydantic_itself():
    adapter = TypeAdapter(_NameContext)
    assert adapter.validate_python({"first": "Ada", "last": "Lovelace"}) == {
        "first": "Ada",
        "last": "Lovelace",
        "initials": "AL",
    }
    assert adapter.validate_python({"first": "Ada"})["initials"] == "A"
    assert "initials" not in adapter.json_schema()["properties"]


def test_every_failed_check_is_reported_at_its_field():
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(_NameContext).validate_python({"first": "Ada", "last": "Ada", "nickname": "A"})
    assert [(e["loc"], e["msg"], e["input"]) for e in caught.value.errors()] == [
        (("last",), "last must differ from first", "Ada"),
        (("nickname",), "'A' is shorter than the initials", "A"),
    ]


def test_checks_wait_for_valid_fields():
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(_NameContext).validate_python({"first": 1, "last": "x", "nickname": "x"})
    assert [e["loc"] for e in caught.value.errors()] == [("first",)]


def test_derived_keys_declare_what_they_read():
    (initials,) = derived_keys(_NameContext).values()
    assert initials.reads == ("first", "last")
    assert initials.annotation is str
    assert derived_keys(_PlainContext) == {}


def _positional(first: str) -> str:
    return first


def _reads_unknown(*, middle: str) -> str:
    return middle


def _optional_without_default(*, last: str | None) -> str:
    return last or ""


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"derived": {"x": _positional}}, "parameter 'first' must be keyword-only"),
        ({"derived": {"x": _reads_unknown}}, "reads 'middle', which is not a known key"),
        ({"derived": {"x": _optional_without_default}}, "optional 'last' needs a default"),
        ({"derived": {"first": _initials}}, "derived keys ['first'] are fields already"),
        ({"checks": {"age": _last_differs}}, "checks keyed by ['age'], which are not fields"),
        ({"checks": {"last": _short_initials}}, "reads 'initials', which is not a known key"),
    ],
)
def test_message_rules_refuse_a_bad_declaration_at_import(rules, message):
    @with_config(ConfigDict(extra="forbid"))
    class BadContext(TypedDict):
        first: str
        last: NotRequired[str | None]

    with pytest.raises(TypeError, match=re.escape(message)):
        message_rules(**rules)(BadContext)


def test_message_rules_apply_to_typed_dicts_only():
    with pytest.raises(TypeError, match="applies to a TypedDict, not BaseContext"):
        message_rules()(BaseContext)


def test_a_persistent_context_instance_passes_through_the_same_path(manager):
    artifact = manager.artifact("dto")
    context = artifact.adapter.validate_python(artifact.examples()[0])
    assert isinstance(context, artifact.context_class)
    assert validate_context(artifact, context) is context


# --- The bundled ephemeral types ---------------------------------------------------------------


def test_commit_subject_is_derived_once_and_rendered_as_is(manager):
    artifact = manager.artifact("commit")
    example = artifact.examples()[2]
    validated = validate_context(artifact, example)
    assert validated["subject"] == "refactor(cli)!: rename --template to --type"
    result = manager.scaffold("commit", example)
    assert result.content.splitlines()[0] == validated["subject"]


def test_commit_subject_counts_type_scope_and_bang(manager):
    artifact = manager.artifact("commit")
    message = "m" * 61
    assert validate_context(artifact, {"type": "feat", "scope": "cli", "message": message})
    with pytest.raises(InvalidInput) as caught:
        validate_context(
            artifact,
            {"type": "feat", "scope": "cli", "breaking_change": True, "message": message},
        )
    (problem,) = caught.value.problems
    assert problem.location == "message"
    assert "has 73 characters, at most 72 are allowed" in problem.expected


def test_omitted_optional_keys_are_completed_beside_the_derived_key(manager):
    artifact = manager.artifact("commit")
    assert validate_context(artifact, {"type": "fix", "message": "x"}) == {
        "type": "fix",
        "scope": None,
        "breaking_change": None,
        "message": "x",
        "body": None,
        "breaking_description": None,
        "footer": [],
        "refs": [],
        "subject": "fix: x",
    }


@pytest.mark.parametrize("artifact_id", ["commit", "pr", "issue"])
def test_the_template_contract_sees_derived_keys_and_what_they_read(artifact_id):
    registry = ArtifactRegistry(
        [
            entry(
                artifact_id,
                f"scaffold_artifact_ephemeral.ephemeral:{artifact_id.capitalize()}Context",
                "scaffold-artifact-ephemeral",
            )
        ]
    )
    assert validate_architecture(registry).findings == ()


@pytest.mark.parametrize(
    ("artifact_id", "field", "good", "bad"),
    [
        ("commit", "scope", ["parity", " order-api ", "output_path"], ["Parity", "a b", "-x"]),
        ("commit", "refs", ["#12", "acme/shop#7", " SHOP-12"], ["12", "#0", "shop-12"]),
        ("commit", "footer", ["Reviewed-by: Ada", "Fixes #12"], ["Reviewed by: Ada", "X:y"]),
        ("issue", "assignees", ["octocat", " @hub-ot "], ["octo--cat", "-octo", "a" * 40]),
    ],
)
def test_each_pattern_is_in_the_json_schema_and_agrees_with_the_validator(
    manager, artifact_id, field, good, bad
):
    artifact = manager.artifact(artifact_id)
    schema = artifact.json_schema()
    item_schema = schema["properties"][field]
    item_schema = item_schema.get("items", item_schema)
    item_schema = next(s for s in item_schema.get("anyOf", [item_schema]) if "type" in s)
    assert "pattern" in item_schema
    base = artifact.examples()[0]
    for value, valid in [*((v, True) for v in good), *((v, False) for v in bad)]:
        given = [value] if "items" in schema["properties"][field] else value
        accepted = jsonschema.Draft202012Validator(schema).is_valid({**base, field: given})
        assert accepted is valid, (field, value)
        if valid:
            validate_context(artifact, {**base, field: given})
        else:
            with pytest.raises(InvalidInput):
                validate_context(artifact, {**base, field: given})


@pytest.mark.parametrize(
    ("artifact_id", "field"),
    [("commit", "refs"), ("pr", "closes_issues"), ("issue", "labels"), ("issue", "assignees")],
)
def test_unique_lists_say_so_in_the_json_schema(manager, artifact_id, field):
    assert manager.artifact(artifact_id).json_schema()["properties"][field]["uniqueItems"]


@pytest.mark.parametrize("artifact_id", ["pr", "issue"])
def test_a_title_ending_in_hashes_keeps_them(manager, artifact_id):
    """A closing sequence of '#' would vanish from the heading; it is escaped instead."""
    required = {"pr": {"changes": ["a"]}, "issue": {"problem": "It crashes."}}[artifact_id]
    content = manager.render(artifact_id, {"title": "Fix #", **required}).content
    assert content.splitlines()[0] == "# Fix \\#"
