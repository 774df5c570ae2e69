"""The examples data file: read lazily, put into the JSON Schema, malformed files reported."""

import pytest

from scaffold_core import ArtifactManager, ArtifactRegistry, PluginEntry, validate_architecture
from scaffold_core.discover.examples_file import (
    ExamplesFileInvalid,
    RejectionCase,
    read_examples_file,
)
from scaffold_core.errors import ScaffoldError
from tests.installed import run, write_distribution

FIXTURE_IDS = ("memo", "memo_class", "memo_rejections", "memo_malformed")


def _registry(distribution: str = "fixture-plugins", version: str = "1.0") -> ArtifactRegistry:
    return ArtifactRegistry(
        [PluginEntry(name, "datafile:MemoContext", distribution, version) for name in FIXTURE_IDS]
    )


@pytest.fixture
def registry() -> ArtifactRegistry:
    return _registry()


def test_the_data_file_wins_over_json_schema_extra(registry):
    artifact = registry.get("memo")
    expected = [
        {"body": "We ship on Monday.", "title": "Launch plan"},
        {"body": "What went well, what did not.", "title": "Retrospective"},
    ]
    assert artifact.examples() == expected
    assert artifact.json_schema()["examples"] == expected


def test_without_a_data_file_the_class_examples_stand(registry):
    artifact = registry.get("memo_class")
    assert artifact.examples() == [{"body": "Old way.", "title": "Declared in the class"}]
    assert artifact.rejections() == []


def test_a_file_without_examples_keeps_the_class_examples(registry):
    artifact = registry.get("memo_rejections")
    assert artifact.examples() == [{"body": "Old way.", "title": "Declared in the class"}]
    assert artifact.rejections() == [
        RejectionCase({"title": "Same", "body": "Same"}, "", "repeats the title")
    ]


def test_an_empty_examples_list_in_the_file_means_no_examples(tmp_path):
    (tmp_path / "memo.examples.yaml").write_text("examples: []\n")
    data = read_examples_file(tmp_path / "memo.examples.yaml", "memo")
    assert data is not None
    assert data.examples == []
    assert data.rejections == []


def test_rejection_cases_are_read_in_order(registry):
    assert registry.get("memo").rejections() == [
        RejectionCase({"title": "Launch plan", "body": "Launch plan"}, "", "repeats the title"),
        RejectionCase({"title": "Launch plan"}, "body", "required field is missing"),
    ]


def test_the_schema_document_says_its_dialect_and_id_first(registry):
    schema = registry.get("memo").json_schema()
    assert list(schema)[:2] == ["$schema", "$id"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:scaffold:fixture-plugins:memo"


def test_the_schema_id_depends_on_distribution_and_id_only():
    first = _registry("Fixture_Plugins", "1.0").get("memo").json_schema()["$id"]
    second = _registry("fixture.plugins", "2.3").get("memo").json_schema()["$id"]
    assert first == second == "urn:scaffold:fixture-plugins:memo"
    other = _registry("acme-memos").get("memo").json_schema()["$id"]
    assert other == "urn:scaffold:acme-memos:memo"


def test_a_malformed_file_does_not_stop_the_type_from_loading_or_rendering(registry, tmp_path):
    manager = ArtifactManager(tmp_path, registry=registry)
    rendering = manager.render("memo_malformed", {"title": "Still works", "body": "Yes."})
    assert "# Still works" in rendering.content


def test_a_malformed_file_names_the_plugin_the_file_and_the_place(registry):
    artifact = registry.get("memo_malformed")
    with pytest.raises(ExamplesFileInvalid) as raised:
        artifact.json_schema()
    message = str(raised.value)
    assert "artifact type 'memo_malformed' from fixture-plugins 1.0" in message
    assert str(artifact.template_dir / "memo_malformed.examples.yaml") in message
    assert "at examples.1: expected a mapping, got str" in message
    assert isinstance(raised.value, ScaffoldError)
    with pytest.raises(ExamplesFileInvalid):
        artifact.rejections()


def test_validate_architecture_reports_a_malformed_file_as_a_finding(registry):
    report = validate_architecture(registry, ["memo_malformed"])
    findings = [f for f in report.findings if f.rule == "ARCH009"]
    assert len(findings) == 1
    assert findings[0].severity == "error"
    assert findings[0].location.endswith("memo_malformed.examples.yaml at examples.1")
    assert findings[0].message == "expected a mapping, got str"


def test_cli_schema_reports_a_malformed_file_without_a_traceback(tmp_path):
    site = tmp_path / "site"
    write_distribution(
        site,
        "acme-memos",
        "0.3",
        {"scaffold.artifacts": {"memo_malformed": "datafile:MemoContext"}},
    )
    result = run("schema", "memo_malformed", cwd=tmp_path, site=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: artifact type 'memo_malformed' from acme-memos 0.3")
    assert "memo_malformed.examples.yaml at examples.1" in result.stderr
    assert result.stdout == ""


def test_a_missing_file_is_no_file(tmp_path):
    assert read_examples_file(tmp_path / "absent.examples.yaml", "x") is None


MALFORMED = {
    "not YAML": ("examples: [\n", "", "not valid YAML"),
    "not a mapping": ("- a\n", "", "expected a mapping with examples and/or rejections"),
    "empty": ("", "", "expected a mapping"),
    "unknown key": ("exmaples: []\n", "", "unknown key 'exmaples'"),
    "examples not a list": ("examples: {a: 1}\n", "examples", "expected a list, got dict"),
    "a YAML date": (
        "examples:\n  - {title: T, last_updated: 2025-03-04}\n",
        "examples.0.last_updated",
        "a YAML date is not a JSON value",
    ),
    "a non-string key": ("examples:\n  - {1: one}\n", "examples.0.1", "key 1 is not a string"),
    "rejections not a list": ("rejections: nope\n", "rejections", "expected a list, got str"),
    "rejection not a mapping": ("rejections: [x]\n", "rejections.0", "expected a mapping"),
    "rejection missing keys": (
        "rejections:\n  - {input: {}}\n",
        "rejections.0",
        "missing field, message",
    ),
    "rejection unknown key": (
        "rejections:\n  - {input: {}, field: a, message: b, note: c}\n",
        "rejections.0",
        "unknown key 'note'",
    ),
    "rejection input not a mapping": (
        "rejections:\n  - {input: [1], field: a, message: b}\n",
        "rejections.0.input",
        "expected a mapping",
    ),
    "rejection field not a string": (
        "rejections:\n  - {input: {}, field: 3, message: b}\n",
        "rejections.0.field",
        "expected a string",
    ),
    "rejection message empty": (
        "rejections:\n  - {input: {}, field: a, message: ' '}\n",
        "rejections.0.message",
        "expected a non-empty fragment",
    ),
}


@pytest.mark.parametrize(("text", "location", "problem"), MALFORMED.values(), ids=MALFORMED)
def test_malformed_files_are_refused_at_the_right_place(tmp_path, text, location, problem):
    path = tmp_path / "x.examples.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExamplesFileInvalid) as raised:
        read_examples_file(path, "artifact type 'x'")
    assert raised.value.location == location
    assert problem in raised.value.problem
    assert str(raised.value).startswith(f"artifact type 'x': examples file {path}")


def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "x.examples.yaml"
    path.write_bytes(b"examples: ['\xff']\n")
    with pytest.raises(ExamplesFileInvalid, match="cannot be read"):
        read_examples_file(path, "x")
