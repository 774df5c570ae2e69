"""Run parity cases through both pipelines and collect the verdicts."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scaffold_core.discover.naming import legacy_template_file
from scaffold_core.errors import InvalidInput, ScaffoldError
from scaffold_core.manager import ArtifactManager
from scaffold_core.parity.cases import ParityCase
from scaffold_core.parity.verdict import PipelineOutcome, Verdict, judge
from scaffold_core.pipelines.v1 import v1_warning_silenced
from scaffold_core.text_table import table
from scaffold_schemas import BaseContext

__all__ = ["CaseResult", "ParityReport", "run_parity"]

_FAILING = frozenset({Verdict.REGRESSION, Verdict.MISMATCH, Verdict.DIVERGENCE})
# A DIVERGENCE the case expects is accepted: v2 may knowingly default what v1 required.
_ACCEPTED_WHEN_EXPECTED = frozenset({Verdict.DIVERGENCE})
# Expected IMPROVEMENT (v1 broken, v2 rejects) is met by REJECTED: v2 still rejects, and v1
# now rejects too instead of rendering a broken file (case files written before v1 did).
_ALSO_MEETS = {Verdict.REJECTED: Verdict.IMPROVEMENT}


@dataclass(frozen=True)
class CaseResult:
    """The verdict for one case, why, and the diff when the outputs differ."""

    case: ParityCase
    verdict: Verdict
    reason: str
    diff: str

    @property
    def passed(self) -> bool:
        """Not a REGRESSION, MISMATCH or DIVERGENCE, and the expected verdict if declared.

        A DIVERGENCE passes when the case expects it; an expected IMPROVEMENT is also met by
        REJECTED.
        """
        expect = self.case.expect
        if expect is None:
            return self.verdict not in _FAILING
        met = expect in (self.verdict, _ALSO_MEETS.get(self.verdict))
        return met and (self.verdict not in _FAILING or self.verdict in _ACCEPTED_WHEN_EXPECTED)


@dataclass(frozen=True)
class ParityReport:
    """Every case's result for one artifact type; ``skipped`` says why none ran, if so."""

    artifact_type: str
    results: tuple[CaseResult, ...]
    skipped: str | None = None

    @property
    def passed(self) -> bool:
        """Every case passed."""
        return all(result.passed for result in self.results)

    def counts(self) -> dict[str, int]:
        """How many cases got each verdict."""
        return {verdict: sum(r.verdict == verdict for r in self.results) for verdict in Verdict}

    def as_json(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "artifact_type": self.artifact_type,
            "passed": self.passed,
            "skipped": self.skipped,
            "counts": self.counts(),
            "cases": [
                {
                    "name": result.case.name,
                    "verdict": result.verdict.value,
                    "expected": result.case.expect,
                    "passed": result.passed,
                    "reason": result.reason,
                    "diff": result.diff,
                }
                for result in self.results
            ],
        }

    def as_text(self) -> str:
        """A table of verdicts, the diff of every mismatch, and a summary line."""
        if self.skipped is not None:
            return f"{self.artifact_type}: parity skipped: {self.skipped}\n"
        rows: list[dict[str, object]] = [
            {
                "case": result.case.name,
                "verdict": result.verdict.value,
                "expected": result.case.expect or "-",
                "ok": "yes" if result.passed else "NO",
                "reason": result.reason,
            }
            for result in self.results
        ]
        text = table(("case", "verdict", "expected", "ok", "reason"), rows)
        for result in self.results:
            if result.diff:
                text += f"\n--- {result.case.name}: v1 vs v2 after normalization\n{result.diff}"
        counts = ", ".join(f"{count} {verdict}" for verdict, count in self.counts().items())
        text += f"\n{self.artifact_type}: {len(self.results)} cases: {counts}\n"
        return text + ("parity holds\n" if self.passed else "parity FAILS\n")


def run_parity(
    manager: ArtifactManager, artifact_type: str, cases: Iterable[ParityCase]
) -> ParityReport:
    """Render every case through v1 and v2 (in memory) and judge each pair.

    No v1 deprecation warning is written: v1 runs as the baseline. A type without a legacy
    (v1) template has nothing to compare: the report is skipped, with the reason, and passes.
    """
    artifact = manager.artifact(artifact_type)
    if artifact.legacy_template_name is None:
        return ParityReport(
            artifact.artifact_id,
            (),
            f"no legacy (v1) template '{artifact.artifact_id}/"
            f"{legacy_template_file(artifact.template_file)}' to compare with",
        )
    output_path = f"parity/{artifact.artifact_id}.{artifact.extension}"
    required = artifact.required_fields()
    results = []
    for case in cases:
        with v1_warning_silenced():  # v1 is the baseline here, not the user's choice
            outcomes = [
                _outcome(manager, artifact_type, case, pipeline, output_path)
                for pipeline in ("v1", "v2")
            ]
        empty = tuple(name for name in required if _is_empty(case.context.get(name)))
        verdict, reason, diff = judge(outcomes[0], outcomes[1], empty)
        results.append(CaseResult(case, verdict, reason, diff))
    return ParityReport(artifact.artifact_id, tuple(results))


def _outcome(
    manager: ArtifactManager, artifact_type: str, case: ParityCase, pipeline: str, path: str
) -> PipelineOutcome:
    context: Mapping[str, object] | BaseContext = case.context
    try:
        rendering = manager.render(artifact_type, context, output_path=path, pipeline=pipeline)
    except InvalidInput as invalid:
        # On v1 the problems are the variables the legacy template requires (the path is
        # parity's own, always valid).
        missing = tuple(problem.location for problem in invalid.problems)
        return PipelineOutcome(
            error=f"{len(invalid.problems)} problem(s): {'; '.join(map(str, invalid.problems))}",
            rejected=True,
            missing=missing if pipeline == "v1" else (),
        )
    except ScaffoldError as error:
        return PipelineOutcome(error=str(error))
    return PipelineOutcome(content=rendering.content, problems=rendering.problems)


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)
