import re
from pathlib import Path

import pytest

from scaffold_core import ArtifactRegistry, validate_architecture
from tests.conftest import BREAKERS, entry

EXPECTED_RULES = {
    "orphan": {"ARCH003"},
    "misfit": {"ARCH003"},
    "plain": {"ARCH001"},
    "widget": {"ARCH001"},
    "explodes": {"ARCH001"},
    "templateless": {"ARCH005"},
    "two": {"ARCH005"},
    "loose": {"ARCH004"},
    "mismatch": {"ARCH002"},
    "odd_extension": {"ARCH005"},
}


@pytest.mark.parametrize(("artifact_id", "rules"), sorted(EXPECTED_RULES.items()))
def test_each_broken_plugin_is_caught_by_its_rule(fixture_registry, artifact_id, rules):
    report = validate_architecture(fixture_registry(*BREAKERS), [artifact_id])
    assert not report.passed
    assert {finding.rule for finding in report.findings} == rules
    assert all(finding.plugin == artifact_id for finding in report.findings)
    assert all(finding.distribution == "fixture-plugins" for finding in report.findings)


def test_findings_name_the_culprit(fixture_registry):
    report = validate_architecture(fixture_registry(*BREAKERS), ["loose", "mismatch"])
    messages = [finding.message for finding in report.findings]
    assert "breakers.LooseContext must forbid extra fields (extra='forbid')" in messages
    assert "breakers.LooseContext declares lifecycle field 'output_path' (system-managed)" in (
        messages
    )
    assert any("artifact id 'mismatch' does not match class 'NoteContext'" in m for m in messages)


def test_conforming_plugin_passes(fixture_registry):
    report = validate_architecture(fixture_registry("note"))
    assert report.passed
    assert report.findings == ()
    assert report.checked == ("note",)


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


def test_bundled_plugins_pass():
    report = validate_architecture(ArtifactRegistry())
    assert report.passed, report.findings
    assert {"dto", "worker"} <= set(report.checked)


def test_json_report(fixture_registry):
    report = validate_architecture(fixture_registry(*BREAKERS), ["orphan"])
    data = report.as_json()
    assert data["passed"] is False
    assert data["checked"] == ["orphan"]
    (finding,) = data["findings"]
    assert set(finding) == {"rule", "severity", "plugin", "distribution", "message"}


def test_every_rule_the_code_can_report_is_documented():
    root = Path(__file__).resolve().parents[1]
    source = "".join(path.read_text() for path in (root / "scaffold_core").rglob("*.py"))
    rules = set(re.findall(r"ARCH\d{3}", source))
    documented = (root / "docs" / "architecture-rules.md").read_text()
    assert rules
    assert {rule for rule in rules if f"| {rule} |" not in documented} == set()
