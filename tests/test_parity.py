"""Parity end to end: every installed type, the fixture plugins, the CLI, the pytest fixture."""

import json

import pytest

from scaffold_core import (
    ArtifactManager,
    ArtifactRegistry,
    ArtifactType,
    InvalidInput,
    PluginHooks,
)
from scaffold_core.parity import ParityCase, Verdict, load_cases, plugin_cases, run_parity
from tests.conftest import FIXED_TIME
from tests.installed import run, write_distribution

INSTALLED = ArtifactRegistry()
WITH_LEGACY = [
    outcome.artifact_id
    for outcome in INSTALLED.inspect_all()
    if isinstance(outcome, ArtifactType) and outcome.legacy_template_name is not None
]
CODE = ("worker", "adapter", "service", "interface", "tool", "resource", "schema", "generic")
DOCUMENTS = ("research", "planning", "design", "architecture", "tracking", "reference")
MINIMUM_CASES = (
    {"dto": 10}
    | dict.fromkeys(CODE, 5)
    | dict.fromkeys(DOCUMENTS, 3)
    | dict.fromkeys(("unit_test", "integration_test"), 5)
)


@pytest.mark.parametrize("artifact_id", WITH_LEGACY)
def test_parity_holds_for_every_installed_type_with_a_legacy_template(tmp_path, artifact_id):
    manager = ArtifactManager(tmp_path, registry=INSTALLED, hooks=PluginHooks([]))
    report = run_parity(manager, artifact_id, plugin_cases(manager.artifact(artifact_id)))
    assert report.passed, report.as_text()
    assert len(report.results) >= MINIMUM_CASES.get(artifact_id, 3)
    assert report.counts()[Verdict.EQUIVALENT] >= 3
    # v2 rejects some input: one v1 turned into a broken file, or refused too (REJECTED).
    assert report.counts()[Verdict.IMPROVEMENT] + report.counts()[Verdict.REJECTED] >= 1
    assert report.counts()[Verdict.DIVERGENCE] == 0
    assert list(tmp_path.iterdir()) == []


def test_every_bundled_type_has_a_legacy_template_and_parity():
    assert set(MINIMUM_CASES) | {"commit", "pr", "issue"} <= set(WITH_LEGACY)


def test_dto_pilot_covers_the_promised_kinds_of_case(tmp_path):
    manager = ArtifactManager(tmp_path)
    names = {case.name for case in plugin_cases(manager.artifact("dto"))}
    for expected in (
        "zero-fields",
        "optional-fields",
        "defaults-of-every-kind",
        "twenty-three-fields",
        "nested-types",
        "non-ascii-descriptions",
        "missing-name",
        "invalid-class-name",
    ):
        assert expected in names


@pytest.fixture
def fixture_parity(project, fixture_registry):
    manager = ArtifactManager(
        project, registry=fixture_registry(), hooks=PluginHooks([]), clock=lambda: FIXED_TIME
    )
    return lambda artifact_id, *contexts: run_parity(
        manager, artifact_id, [ParityCase(f"c{i}", c) for i, c in enumerate(contexts)]
    )


def test_a_legacy_template_that_renders_differently_is_a_mismatch_with_a_diff(fixture_parity):
    (result,) = fixture_parity("drift", {"label": "abc"}).results
    assert result.verdict is Verdict.MISMATCH
    assert '-LABEL = "ABC"' in result.diff
    assert '+LABEL = "abc"' in result.diff
    assert not result.passed


def test_v2_rejecting_what_v1_rendered_well_is_a_regression(fixture_parity):
    report = fixture_parity("strict", {"count": 0}, {"count": 2}, {})
    verdicts = [result.verdict for result in report.results]
    assert verdicts == [Verdict.REGRESSION, Verdict.EQUIVALENT, Verdict.IMPROVEMENT]
    assert "required field 'count' rendered empty" in report.results[2].reason
    assert not report.passed


def test_expected_verdict_is_enforced(fixture_parity, project, fixture_registry):
    manager = ArtifactManager(project, registry=fixture_registry(), hooks=PluginHooks([]))
    case = ParityCase("wrong-guess", {"count": 2}, expect=Verdict.IMPROVEMENT)
    (result,) = run_parity(manager, "strict", [case]).results
    assert result.verdict is Verdict.EQUIVALENT
    assert not result.passed


@pytest.fixture
def parity_site(tmp_path):
    site = tmp_path / "site"
    write_distribution(
        site, "acme-drift", "1.0", {"scaffold.artifacts": {"drift": "breakers:DriftContext"}}
    )
    return site


def test_cli_parity_passes_for_dto_and_prints_a_table(project):
    result = run("parity", "dto", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0].split()[:4] == ["CASE", "VERDICT", "EXPECTED", "OK"]
    assert "dto: 16 cases" in result.stdout
    assert "0 REGRESSION, 0 MISMATCH" in result.stdout
    assert result.stdout.endswith("parity holds\n")


def test_cli_parity_exits_1_on_mismatch_and_extra_cases_count(project, parity_site):
    cases = project / "cases.json"
    cases.write_text(json.dumps({"cases": [{"name": "shout", "context": {"label": "hi"}}]}))
    result = run("parity", "drift", "--cases", str(cases), "--json", cwd=project, site=parity_site)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["passed"] is False
    assert [(case["name"], case["verdict"]) for case in report["cases"]] == [
        ("example-1", "MISMATCH"),
        ("shout", "MISMATCH"),
    ]
    assert '+LABEL = "hi"' in report["cases"][1]["diff"]


def test_cli_parity_bad_cases_file_is_exit_2(project):
    (project / "cases.yaml").write_text("cases:\n  - context: 3\n")
    result = run("parity", "dto", "--cases", "cases.yaml", cwd=project)
    assert result.returncode == 2
    assert "cases.0" in result.stderr


def test_pytest_fixture_for_plugin_authors(pytester):
    pytester.makepyfile(
        """
        from scaffold_core.parity import ParityCase, Verdict

        def test_dto_parity(scaffold_parity):
            report = scaffold_parity.assert_parity("dto")
            assert len(report.results) >= 10

        def test_wrong_expectation_fails(scaffold_parity):
            case = ParityCase("guess", {"name": "X", "fields": []}, expect=Verdict.EQUIVALENT)
            scaffold_parity.assert_parity("dto", cases=[case])
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*guess*IMPROVEMENT*EQUIVALENT*NO*", "*parity FAILS*"])


def test_a_bad_cases_file_is_named_by_its_own_option(tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text("[1]\n")
    with pytest.raises(InvalidInput) as refused:
        load_cases(cases)
    assert refused.value.subject == f"parity cases file {cases}"
    assert [problem.location for problem in refused.value.problems] == ["--cases"]
