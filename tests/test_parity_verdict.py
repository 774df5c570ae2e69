"""Verdicts (``judge``), parity case files (``load_cases``) and the parity report."""

import json
from pathlib import Path

import pytest

from scaffold_core.errors import InvalidInput
from scaffold_core.parity import (
    CaseResult,
    ParityCase,
    ParityReport,
    PipelineOutcome,
    Verdict,
    judge,
    load_cases,
)

HEADER = "# scaffold: template=dto version={v} created={c} path={p}\n"
V1_TEXT = (
    HEADER.format(v="1a2b3c4d", c="2026-01-02T03:04:05Z", p="src/a.py")
    + "import sys\nimport os\n\n\n\nclass A:\n    x: int # the x\n"
)
V2_TEXT = (
    HEADER.format(v="ffffffff", c="2027-01-01T00:00:00Z", p="src/b.py")
    + "import os\nimport sys\n\n\nclass A:\n    x: int  # the x\n"
)

FINE = PipelineOutcome(content="x = 1\n")
REJECTED = PipelineOutcome(error="1 problem(s): name: expected text", rejected=True)
CRASHED = PipelineOutcome(error="template exploded")
CHECK_FAILED = PipelineOutcome(content="x = \n", problems=("syntax error on line 1",))


# --- Verdict and PipelineOutcome --------------------------------------------------------------


def test_verdict_values_are_plain_strings() -> None:
    assert [verdict.value for verdict in Verdict] == [
        "EQUIVALENT",
        "IMPROVEMENT",
        "REGRESSION",
        "MISMATCH",
        "REJECTED",
        "DIVERGENCE",
    ]
    assert Verdict.EQUIVALENT == "EQUIVALENT"
    assert Verdict("MISMATCH") is Verdict.MISMATCH
    assert str(Verdict.REGRESSION) == "REGRESSION"


@pytest.mark.parametrize(
    ("outcome", "broken"),
    [
        (FINE, False),
        (PipelineOutcome(content=""), False),
        (PipelineOutcome(), True),
        (REJECTED, True),
        (CRASHED, True),
        (CHECK_FAILED, True),
    ],
    ids=["fine", "empty-content", "nothing", "rejected", "crashed", "check-failed"],
)
def test_outcome_broken(outcome, broken) -> None:
    assert outcome.broken is broken


# --- judge: every branch ----------------------------------------------------------------------


def test_equivalent_when_layout_differs_but_substance_does_not() -> None:
    assert V1_TEXT != V2_TEXT
    verdict, reason, diff = judge(
        PipelineOutcome(content=V1_TEXT), PipelineOutcome(content=V2_TEXT), ()
    )
    assert verdict is Verdict.EQUIVALENT
    assert "same" in reason
    assert diff == ""


def test_mismatch_when_substance_differs_with_a_unified_diff() -> None:
    changed = V2_TEXT.replace("x: int", "x: str")
    verdict, reason, diff = judge(
        PipelineOutcome(content=V1_TEXT), PipelineOutcome(content=changed), ()
    )
    assert verdict is Verdict.MISMATCH
    assert "differ" in reason
    lines = diff.splitlines()
    assert lines[0] == "--- v1"
    assert lines[1] == "+++ v2"
    assert lines[2].startswith("@@")
    assert "-    x: int  # the x" in lines
    assert "+    x: str  # the x" in lines
    # Layout-only differences are normalized away, so they are not in the diff.
    assert not any(line.startswith(("-import", "+import")) for line in lines)


@pytest.mark.parametrize(
    ("v1", "empty", "cause"),
    [
        (CHECK_FAILED, (), "syntax error on line 1"),
        (CRASHED, (), "template exploded"),
        (FINE, ("name",), "required field 'name' rendered empty"),
    ],
    ids=["v1-output-check", "v1-error", "empty-required"],
)
def test_improvement_when_v1_is_broken_and_v2_rejects(v1, empty, cause) -> None:
    verdict, reason, diff = judge(v1, REJECTED, empty)
    assert verdict is Verdict.IMPROVEMENT
    assert cause in reason
    assert "v2 rejects" in reason
    assert diff == ""


def test_improvement_names_the_first_fault_of_v1() -> None:
    v1 = PipelineOutcome(content="x", problems=("first problem", "second problem"))
    _, reason, _ = judge(v1, REJECTED, ("name",))
    assert "first problem" in reason


def test_regression_when_v1_is_fine_and_v2_rejects() -> None:
    verdict, reason, diff = judge(FINE, REJECTED, ())
    assert verdict is Verdict.REGRESSION
    assert "rejects the input" in reason
    assert "name: expected text" in reason
    assert diff == ""


@pytest.mark.parametrize(
    ("v2", "cause"),
    [
        (CRASHED, "template exploded"),
        (PipelineOutcome(content="x\n", problems=("bad one", "bad two")), "bad one; bad two"),
    ],
    ids=["error", "problems"],
)
def test_regression_when_v1_is_fine_and_v2_fails(v2, cause) -> None:
    verdict, reason, diff = judge(FINE, v2, ())
    assert verdict is Verdict.REGRESSION
    assert "v2 fails" in reason
    assert "rejects" not in reason
    assert cause in reason
    assert diff == ""


@pytest.mark.parametrize(
    ("v1", "v2", "empty"),
    [
        (CRASHED, CRASHED, ()),
        (CHECK_FAILED, CRASHED, ()),
        (CRASHED, PipelineOutcome(content="x\n", problems=("bad one",)), ()),
        (FINE, CRASHED, ("name",)),
    ],
    ids=["both-error", "v1-problems-v2-error", "v1-error-v2-problems", "v1-empty-v2-error"],
)
def test_mismatch_when_both_fail(v1, v2, empty) -> None:
    verdict, reason, diff = judge(v1, v2, empty)
    assert verdict is Verdict.MISMATCH
    assert reason.startswith("both fail")
    assert (v2.error or v2.problems[0]) in reason
    assert diff == ""


V1_LACKS = PipelineOutcome(
    error="2 problem(s): name: required by ...; layer: required by ...",
    rejected=True,
    missing=("layer", "name"),
)


def test_rejected_when_v1_lacks_a_required_variable_and_v2_rejects() -> None:
    verdict, reason, diff = judge(V1_LACKS, REJECTED, ("name",))
    assert verdict is Verdict.REJECTED
    assert reason.startswith("both reject the input: v1 lacks 'layer', 'name', which the legacy")
    assert "v2: 1 problem(s): name: expected text" in reason
    assert diff == ""


def test_divergence_when_v1_lacks_a_required_variable_and_v2_renders() -> None:
    verdict, reason, diff = judge(V1_LACKS, FINE, ())
    assert verdict is Verdict.DIVERGENCE
    assert reason == (
        "v1 rejects the input, which lacks 'layer', 'name', which the legacy template"
        " requires; v2 renders it"
    )
    assert diff == ""


@pytest.mark.parametrize("v2", [CRASHED, CHECK_FAILED], ids=["error", "problems"])
def test_mismatch_when_v1_lacks_a_variable_and_v2_fails(v2) -> None:
    verdict, reason, _ = judge(V1_LACKS, v2, ())
    assert verdict is Verdict.MISMATCH
    assert reason.startswith("both fail: v1 lacks 'layer', 'name'")
    assert (v2.error or v2.problems[0]) in reason


def test_mismatch_when_v1_errors_but_v2_renders() -> None:
    verdict, reason, diff = judge(CRASHED, FINE, ())
    assert verdict is Verdict.MISMATCH
    assert "template exploded" in reason
    assert "v2 renders" in reason
    assert diff == ""


# --- load_cases -------------------------------------------------------------------------------

YAML_CASES = """\
cases:
  - name: happy-minimal
    expect: EQUIVALENT
    context: {name: Money, fields: [{name: amount, type: int}]}
  - name: zero-fields
    expect: IMPROVEMENT
    context: {name: Empty, fields: []}
  - context: {name: NoExpectation}
"""

JSON_CASES = {
    "cases": [
        {"name": "happy-minimal", "expect": "EQUIVALENT", "context": {"name": "Money"}},
        {"name": "zero-fields", "expect": "IMPROVEMENT", "context": {"name": "Empty"}},
        {"context": {"name": "NoExpectation"}},
    ]
}

TOML_CASES = """\
[[cases]]
name = "happy-minimal"
expect = "EQUIVALENT"
context = { name = "Money" }

[[cases]]
name = "zero-fields"
expect = "IMPROVEMENT"

[cases.context]
name = "Empty"

[[cases]]
context = { name = "NoExpectation" }
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("file_name", "text"),
    [
        ("cases.yaml", YAML_CASES),
        ("cases.yml", YAML_CASES),
        ("cases.json", json.dumps(JSON_CASES)),
        ("cases.toml", TOML_CASES),
    ],
)
def test_load_cases_from_every_format(tmp_path, file_name, text) -> None:
    cases = load_cases(_write(tmp_path, file_name, text))
    assert [case.name for case in cases] == ["happy-minimal", "zero-fields", "case-3"]
    assert [case.expect for case in cases] == [Verdict.EQUIVALENT, Verdict.IMPROVEMENT, None]
    assert cases[0].expect is Verdict.EQUIVALENT
    assert cases[0].context["name"] == "Money"
    assert cases[1].context["name"] == "Empty"
    assert all(isinstance(case, ParityCase) for case in cases)


def test_load_cases_keeps_the_context_as_given(tmp_path) -> None:
    first_case = YAML_CASES.partition("  - name: zero")[0]
    (case,) = load_cases(_write(tmp_path, "c.yaml", first_case))
    assert case.context == {"name": "Money", "fields": [{"name": "amount", "type": "int"}]}


def test_load_cases_default_names_follow_position(tmp_path) -> None:
    text = "cases:\n  - context: {}\n  - name: named\n    context: {}\n  - context: {}\n"
    cases = load_cases(_write(tmp_path, "c.yaml", text))
    assert [case.name for case in cases] == ["case-1", "named", "case-3"]
    assert all(case.expect is None for case in cases)


def test_load_cases_empty_list(tmp_path) -> None:
    assert load_cases(_write(tmp_path, "c.json", '{"cases": []}')) == []


def _problem(path: Path) -> tuple[InvalidInput, str]:
    with pytest.raises(InvalidInput) as caught:
        load_cases(path)
    assert len(caught.value.problems) == 1
    assert str(path) in caught.value.subject
    return caught.value, caught.value.problems[0].location


@pytest.mark.parametrize(
    "text",
    ["other: 1\n", "cases: 3\n", "cases: {name: a, context: {}}\n", "cases:\n"],
    ids=["missing", "number", "mapping", "null"],
)
def test_load_cases_without_a_cases_list(tmp_path, text) -> None:
    error, location = _problem(_write(tmp_path, "c.yaml", text))
    assert location == "cases"
    assert "list" in error.problems[0].expected


def test_load_cases_without_cases_in_toml(tmp_path) -> None:
    _, location = _problem(_write(tmp_path, "c.toml", 'title = "no cases"\n'))
    assert location == "cases"


@pytest.mark.parametrize(
    "entry",
    ["{name: a}", "{name: a, context: [1, 2]}", "{name: a, context: text}", "just-a-string"],
    ids=["no-context", "context-list", "context-text", "not-a-mapping"],
)
def test_load_cases_entry_without_a_context_mapping(tmp_path, entry) -> None:
    error, location = _problem(_write(tmp_path, "c.yaml", f"cases:\n  - {entry}\n"))
    assert location == "cases.0"
    assert "context" in error.problems[0].expected


def test_load_cases_names_the_index_of_the_bad_entry(tmp_path) -> None:
    text = "cases:\n  - context: {}\n  - context: {}\n  - name: third\n"
    _, location = _problem(_write(tmp_path, "c.yaml", text))
    assert location == "cases.2"


@pytest.mark.parametrize("expect", ["BETTER", "equivalent", "1"])
def test_load_cases_unknown_expect(tmp_path, expect) -> None:
    text = f"cases:\n  - context: {{}}\n  - context: {{}}\n    expect: '{expect}'\n"
    error, location = _problem(_write(tmp_path, "c.yaml", text))
    assert location == "cases.1.expect"
    problem = error.problems[0]
    assert expect in problem.given
    for verdict in Verdict:
        assert verdict.value in problem.expected


def test_load_cases_expect_of_the_wrong_type_is_invalid_input(tmp_path) -> None:
    text = "cases:\n  - context: {}\n    expect: [EQUIVALENT]\n"
    _, location = _problem(_write(tmp_path, "c.yaml", text))
    assert location == "cases.0.expect"


# --- CaseResult and ParityReport --------------------------------------------------------------


def _result(
    verdict: Verdict, expect: Verdict | None = None, name: str = "case", diff: str = ""
) -> CaseResult:
    return CaseResult(ParityCase(name, {"name": "X"}, expect), verdict, f"because {name}", diff)


@pytest.mark.parametrize(
    ("verdict", "expect", "passed"),
    [
        (Verdict.EQUIVALENT, None, True),
        (Verdict.IMPROVEMENT, None, True),
        (Verdict.REGRESSION, None, False),
        (Verdict.MISMATCH, None, False),
        (Verdict.EQUIVALENT, Verdict.EQUIVALENT, True),
        (Verdict.IMPROVEMENT, Verdict.IMPROVEMENT, True),
        (Verdict.IMPROVEMENT, Verdict.EQUIVALENT, False),
        (Verdict.EQUIVALENT, Verdict.IMPROVEMENT, False),
        (Verdict.REGRESSION, Verdict.REGRESSION, False),
        (Verdict.MISMATCH, Verdict.MISMATCH, False),
        (Verdict.MISMATCH, Verdict.EQUIVALENT, False),
        (Verdict.REJECTED, None, True),
        (Verdict.REJECTED, Verdict.REJECTED, True),
        # Case files written before v1 refused: v2 still rejects what they expected it to.
        (Verdict.REJECTED, Verdict.IMPROVEMENT, True),
        (Verdict.IMPROVEMENT, Verdict.REJECTED, False),
        (Verdict.REJECTED, Verdict.EQUIVALENT, False),
        (Verdict.DIVERGENCE, None, False),
        (Verdict.DIVERGENCE, Verdict.DIVERGENCE, True),
        (Verdict.DIVERGENCE, Verdict.IMPROVEMENT, False),
        (Verdict.EQUIVALENT, Verdict.DIVERGENCE, False),
    ],
)
def test_case_result_passed(verdict, expect, passed) -> None:
    assert _result(verdict, expect).passed is passed


DIFF = "--- v1\n+++ v2\n@@ -1 +1 @@\n-x: int\n+x: str\n"


def _report(*results: CaseResult) -> ParityReport:
    return ParityReport("dto", tuple(results))


def test_report_passed_only_when_every_case_passed() -> None:
    good = _result(Verdict.EQUIVALENT, name="good")
    better = _result(Verdict.IMPROVEMENT, Verdict.IMPROVEMENT, name="better")
    bad = _result(Verdict.REGRESSION, name="bad")
    assert _report(good, better).passed
    assert not _report(good, bad).passed
    assert not _report(good, _result(Verdict.IMPROVEMENT, Verdict.EQUIVALENT)).passed
    assert _report().passed


def test_report_counts_every_verdict() -> None:
    report = _report(
        _result(Verdict.EQUIVALENT),
        _result(Verdict.EQUIVALENT),
        _result(Verdict.MISMATCH),
    )
    assert report.counts() == {
        "EQUIVALENT": 2,
        "IMPROVEMENT": 0,
        "REGRESSION": 0,
        "MISMATCH": 1,
        "REJECTED": 0,
        "DIVERGENCE": 0,
    }


def test_report_as_json() -> None:
    report = _report(
        _result(Verdict.EQUIVALENT, Verdict.EQUIVALENT, name="happy"),
        _result(Verdict.MISMATCH, name="differs", diff=DIFF),
    )
    data = report.as_json()
    assert set(data) == {"artifact_type", "passed", "skipped", "counts", "cases"}
    assert (data["artifact_type"], data["skipped"]) == ("dto", None)
    assert data["passed"] is False
    assert data["counts"] == report.counts()
    cases = data["cases"]
    assert [set(case) for case in cases] == [
        {"name", "verdict", "expected", "passed", "reason", "diff"}
    ] * 2
    assert cases[0] == {
        "name": "happy",
        "verdict": "EQUIVALENT",
        "expected": "EQUIVALENT",
        "passed": True,
        "reason": "because happy",
        "diff": "",
    }
    assert cases[1]["expected"] is None
    assert cases[1]["passed"] is False
    assert cases[1]["diff"] == DIFF
    assert json.loads(json.dumps(data)) == data


def test_report_as_text_when_parity_holds() -> None:
    report = _report(
        _result(Verdict.EQUIVALENT, Verdict.EQUIVALENT, name="happy"),
        _result(Verdict.IMPROVEMENT, name="zero-fields"),
    )
    text = report.as_text()
    lines = text.splitlines()
    assert lines[0].split() == ["CASE", "VERDICT", "EXPECTED", "OK", "REASON"]
    assert lines[1].split()[:4] == ["happy", "EQUIVALENT", "EQUIVALENT", "yes"]
    assert lines[2].split()[:4] == ["zero-fields", "IMPROVEMENT", "-", "yes"]
    assert "because zero-fields" in lines[2]
    assert "dto: 2 cases" in text
    assert "1 EQUIVALENT" in text
    assert "1 IMPROVEMENT" in text
    assert text.endswith("\nparity holds\n")
    assert "parity FAILS" not in text


def test_report_as_text_when_parity_fails_prints_every_diff() -> None:
    other_diff = "--- v1\n+++ v2\n@@ -2 +2 @@\n-y = 1\n+y = 2\n"
    report = _report(
        _result(Verdict.MISMATCH, name="first", diff=DIFF),
        _result(Verdict.REGRESSION, name="second"),
        _result(Verdict.MISMATCH, name="third", diff=other_diff),
    )
    text = report.as_text()
    assert text.splitlines()[0].split() == ["CASE", "VERDICT", "EXPECTED", "OK", "REASON"]
    assert "--- first: v1 vs v2 after normalization\n" + DIFF in text
    assert "--- third: v1 vs v2 after normalization\n" + other_diff in text
    assert "second: v1 vs v2" not in text
    assert [line.split()[3] for line in text.splitlines()[1:4]] == ["NO", "NO", "NO"]
    assert text.endswith("\nparity FAILS\n")
    assert "parity holds" not in text
