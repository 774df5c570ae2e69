"""validate-architecture: every rule fires on its broken plugin and on nothing else."""

import functools
import json
import re
from pathlib import Path

import pytest
import yaml
from computed_reads import ComputedReadsContext, OverrideContext
from pydantic import BaseModel

from scaffold_core import ArtifactRegistry, validate_architecture
from scaffold_core.architecture.template_contract import _attributes_read
from scaffold_core.cli import main
from tests.conftest import BREAKERS, entry
from tests.installed import run, write_distribution

ERROR, WARNING = "error", "warning"
EXPECTED = {
    "note": set(),
    "announcement": set(),
    "drift": set(),
    "strict": set(),
    "explodes": {("ARCH001", ERROR)},
    "plain": {("ARCH001", ERROR)},
    "widget": {("ARCH001", ERROR)},
    "mismatch": {("ARCH002", ERROR)},
    "orphan": {("ARCH003", ERROR)},
    "misfit": {("ARCH003", ERROR)},
    "redefine": {("ARCH003", ERROR)},
    "loose": {("ARCH004", ERROR)},
    "lax": {("ARCH004", ERROR)},
    "templateless": {("ARCH005", ERROR)},
    "two": {("ARCH005", ERROR)},
    "odd_extension": {("ARCH005", ERROR)},
    "bad_legacy": {("ARCH005", ERROR)},
    "unknown_read": {("ARCH006", ERROR)},
    "attribute_typo": {("ARCH006", ERROR)},
    "unread": {("ARCH006", WARNING)},
    "defensive": {("ARCH007", ERROR)},
    "broken_python": {("ARCH009", ERROR)},
    "bad_example": {("ARCH009", ERROR)},
    "coerced": {("ARCH010", ERROR)},
    "bad_pattern": {("ARCH010", ERROR)},
    "stale_rejection": {("ARCH011", ERROR)},
    "undefined_variable": {("ARCH006", ERROR), ("ARCH009", WARNING)},
}
MESSAGES = {
    "redefine": "RedefineRenderContext redefines user field 'label'; it must only inherit it",
    "bad_legacy": "the legacy template does not parse: unexpected '}'",
    "unknown_read": "the template reads 'not_a_field', which is not a field of"
    " UnknownReadRenderContext",
    "attribute_typo": "the template reads '.nmae' of Item, which has no field 'nmae'",
    "unread": "required field 'ignored' is never read by the template",
    "defensive": "defensive '| default' on schema field 'label': the schema already guarantees"
    " it; remove the default",
    "bad_example": "does not validate: label: Input should be a valid string (given: 3)",
    "broken_python": "fails the output check: generated Python does not parse",
    "loose": "breakers.LooseContext declares lifecycle field 'output_path' (system-managed)",
    "lax": "messages.LaxContext must forbid extra fields (extra='forbid')",
    "mismatch": "artifact id 'mismatch' does not match class 'NoteContext'",
    "coerced": "does not match the exported JSON Schema at label: 3 is not of type 'string'",
    "bad_pattern": "the exported JSON Schema is not valid Draft 2020-12 at properties/label/"
    "pattern: '([' is not a 'regex'",
    "stale_rejection": "accepted; expected a problem at 'count' containing 'at most 2'",
}
LOCATIONS = {
    "attribute_typo": "attribute_typo/attribute_typo.py.jinja2:3",
    "defensive": "defensive/defensive.py.jinja2:1",
    "bad_legacy": "bad_legacy/bad_legacy.v1.py.jinja2:1",
    "bad_example": "example 2",
    "redefine": "breakers.RedefineRenderContext",
    "coerced": "example 2",
    "bad_pattern": "JSON Schema",
    "stale_rejection": "rejections.0",
}


@pytest.fixture(scope="module")
def report():
    return validate_architecture(ArtifactRegistry([entry(n, v) for n, v in BREAKERS.items()]))


def test_every_fixture_plugin_has_an_expectation():
    assert set(EXPECTED) == set(BREAKERS)


@pytest.mark.parametrize("plugin", sorted(EXPECTED))
def test_each_plugin_breaks_exactly_its_rules(report, plugin):
    found = {(f.rule, f.severity) for f in report.findings if f.plugin == plugin}
    assert found == EXPECTED[plugin]
    assert all(f.distribution == "fixture-plugins" for f in report.findings if f.plugin == plugin)


def test_every_rule_fires_somewhere():
    fired = {rule for expected in EXPECTED.values() for rule, _ in expected}
    assert fired | {"ARCH008"} == {f"ARCH{n:03}" for n in range(1, 12)}


@pytest.mark.parametrize("plugin", sorted(MESSAGES))
def test_findings_name_the_culprit(report, plugin):
    messages = [f.message for f in report.findings if f.plugin == plugin]
    assert any(MESSAGES[plugin] in message for message in messages), messages


@pytest.mark.parametrize("plugin", sorted(LOCATIONS))
def test_findings_say_where(report, plugin):
    assert LOCATIONS[plugin] in [f.location for f in report.findings if f.plugin == plugin]


def test_duplicate_ids_are_reported_with_both_distributions():
    registry = ArtifactRegistry(
        [
            entry("note", "breakers:NoteContext", "a-dist"),
            entry("note", "breakers:NoteContext", "b"),
        ]
    )
    (finding,) = validate_architecture(registry).findings
    assert finding.rule == "ARCH008"
    assert finding.distribution == "a-dist and b"
    assert "'a-dist' and 'b'" in finding.message


def test_bundled_plugins_pass_strictly():
    report = validate_architecture(ArtifactRegistry())
    assert not report.failed(strict=True), report.as_text()
    assert {"dto", "worker"} <= set(report.checked)


def test_warnings_fail_only_when_strict(fixture_registry):
    report = validate_architecture(fixture_registry("unread", "note"))
    assert report.passed
    assert report.failed(strict=True)
    assert report.as_json(strict=True)["passed"] is False
    text = report.as_text()
    assert "unread: 1 finding(s)" in text
    assert "  warning ARCH006 at unread/unread.py.jinja2: required field" in text
    assert text.endswith("note: ok\npassed\n") or "note: ok" in text


def test_json_report_shape(report):
    data = json.loads(json.dumps(report.as_json()))
    assert data["passed"] is False
    assert set(data["findings"][0]) == {
        "rule", "severity", "plugin", "distribution", "location", "message",
    }  # fmt: skip


def test_cli_strict_and_types(project, tmp_path):
    site = tmp_path / "site"
    write_distribution(
        site, "acme", "1.0", {"scaffold.artifacts": {"unread": "breakers:UnreadContext"}}
    )
    lenient = run("validate-architecture", "unread", cwd=project, site=site)
    assert lenient.returncode == 0, lenient.stdout
    strict = run("validate-architecture", "--strict", "--json", "unread", cwd=project, site=site)
    assert strict.returncode == 1
    assert json.loads(strict.stdout)["findings"][0]["rule"] == "ARCH006"


def test_every_rule_the_code_can_report_is_documented():
    root = Path(__file__).resolve().parents[1]
    source = "".join(path.read_text() for path in (root / "scaffold_core").rglob("*.py"))
    rules = set(re.findall(r"ARCH\d{3}", source))
    documented = (root / "docs" / "architecture-rules.md").read_text()
    assert rules == {f"ARCH{n:03}" for n in range(1, 12)}
    assert {rule for rule in rules if f"| {rule} |" not in documented} == set()


def test_in_process_cli(capsys):
    assert main(["validate-architecture", "dto", "worker", "--strict"]) == 0
    assert capsys.readouterr().out.endswith("passed\n")


def test_pytest_fixture_for_plugin_authors(pytester):
    pytester.makepyfile(
        """
        def test_bundled(scaffold_architecture):
            report = scaffold_architecture.assert_valid("dto", "worker", strict=True)
            assert report.checked == ("dto", "worker")

        def test_unknown_type_fails(scaffold_architecture):
            scaffold_architecture.assert_valid("no_such_type")
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)


def test_pre_commit_hook_runs_the_strict_check():
    root = Path(__file__).resolve().parents[1]
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "scaffold-validate-architecture"
    assert hook["entry"] == "scaffold validate-architecture --strict"
    assert hook["pass_filenames"] is False


COMPUTED_READS = {
    "computed_reads": "computed_reads:ComputedReadsContext",
    "override": "computed_reads:OverrideContext",
}


def test_fields_read_through_computed_fields_are_found_in_their_syntax_tree():
    registry = ArtifactRegistry([entry(name, value) for name, value in COMPUTED_READS.items()])
    findings = validate_architecture(registry).findings
    # 'self .first', getattr(self, ...), helpers and super() read fields; "self.ghost" in a
    # string or a comment does not.
    assert [(f.plugin, f.rule, f.severity, f.message) for f in findings] == [
        (
            "computed_reads",
            "ARCH006",
            "warning",
            "required field 'ghost' is never read by the template",
        )
    ]


def test_computed_field_reads_follow_properties_methods_and_super():
    from_summary = _attributes_read(ComputedReadsContext, ["summary"])
    assert from_summary == {"first", "second", "_third", "third", "loud_fourth", "fourth"}
    assert _attributes_read(OverrideContext, ["heading"]) == {"heading", "suffix", "name"}


class Helpers(BaseModel):
    a: int
    b: int
    c: int

    by_lambda = property(lambda self: self.a)
    selfless = property(lambda *_: 0)

    @staticmethod
    def static(value):
        return value.b

    @functools.cached_property
    def cached(self):
        return self.c


def test_lambdas_and_cached_properties_are_read_and_static_methods_are_not():
    members = ["by_lambda", "selfless", "static", "cached", "missing"]
    assert _attributes_read(Helpers, members) == {"a", "c"}


def test_a_computed_field_without_source_reads_nothing():
    namespace: dict[str, object] = {}
    source = """
from pydantic import BaseModel, computed_field

class Dynamic(BaseModel):
    x: int

    @computed_field
    @property
    def double(self) -> int:
        return self.x * 2
"""
    exec(source, namespace)
    assert _attributes_read(namespace["Dynamic"], ["double"]) == set()
