"""The verdict for one parity case: how v1's output relates to v2's."""

import difflib
from dataclasses import dataclass
from enum import StrEnum

from scaffold_core.parity.normalize import normalize

__all__ = ["PipelineOutcome", "Verdict", "judge"]


class Verdict(StrEnum):
    """How v2 relates to v1 on one input."""

    EQUIVALENT = "EQUIVALENT"
    """Both render, and the outputs are the same after normalization."""
    IMPROVEMENT = "IMPROVEMENT"
    """v1's output is broken and v2 rejects the input with a validation error."""
    REGRESSION = "REGRESSION"
    """v1 renders fine but v2 rejects the input or fails."""
    MISMATCH = "MISMATCH"
    """Both produce output and it differs after normalization (or neither works)."""
    REJECTED = "REJECTED"
    """Both reject the input: v1 lacks a variable its template requires, v2 fails validation."""
    DIVERGENCE = "DIVERGENCE"
    """v1 rejects the input (it lacks a variable the legacy template requires); v2 renders it."""


@dataclass(frozen=True)
class PipelineOutcome:
    """What one pipeline did with one input.

    ``rejected``: the pipeline refused the input as invalid (``InvalidInput``); ``missing``
    names, for v1, the variables its legacy template requires that the input lacks.
    """

    content: str | None = None
    problems: tuple[str, ...] = ()
    error: str | None = None
    rejected: bool = False
    missing: tuple[str, ...] = ()

    @property
    def broken(self) -> bool:
        """It failed, or what it rendered fails the output check."""
        return self.content is None or bool(self.problems)


def judge(
    v1: PipelineOutcome, v2: PipelineOutcome, empty_required: tuple[str, ...]
) -> tuple[Verdict, str, str]:
    """The verdict, a one-line reason and (for MISMATCH) a unified diff.

    ``empty_required`` names the fields the Context requires that the input left missing or
    empty, which the lenient v1 template rendered as nothing: that makes v1's output broken.
    When v1 rejected the input (``v1.rejected``), both rejecting is agreement (REJECTED), v2
    rendering is a DIVERGENCE; either reason names the variables v1 lacked.
    """
    if v1.rejected:
        return _v1_rejected(v1, v2)
    v1_faults = [*v1.problems, *([v1.error] if v1.error else [])]
    v1_faults += [f"required field '{name}' rendered empty" for name in empty_required]
    if v2.rejected or v2.broken:
        return _v2_failed(v1_faults, v2)
    if v1.content is None:
        return Verdict.MISMATCH, f"v1 fails ({v1.error}); v2 renders", ""
    return _compare(v1.content, v2.content or "")


def _v2_failed(v1_faults: list[str], v2: PipelineOutcome) -> tuple[Verdict, str, str]:
    v2_fault = v2.error or "; ".join(v2.problems)
    if not v1_faults:
        action = "rejects the input" if v2.rejected else "fails"
        return Verdict.REGRESSION, f"v1 renders valid output; v2 {action}: {v2_fault}", ""
    if v2.rejected:
        return Verdict.IMPROVEMENT, f"v1 broken ({v1_faults[0]}); v2 rejects the input", ""
    return Verdict.MISMATCH, f"both fail: v1 {v1_faults[0]}; v2 {v2_fault}", ""


def _v1_rejected(v1: PipelineOutcome, v2: PipelineOutcome) -> tuple[Verdict, str, str]:
    lacks = ", ".join(f"'{name}'" for name in v1.missing) or v1.error
    why = f"lacks {lacks}, which the legacy template requires"
    if v2.rejected:
        return Verdict.REJECTED, f"both reject the input: v1 {why}; v2: {v2.error}", ""
    if v2.broken:
        return (
            Verdict.MISMATCH,
            f"both fail: v1 {why}; v2 {v2.error or '; '.join(v2.problems)}",
            "",
        )
    return Verdict.DIVERGENCE, f"v1 rejects the input, which {why}; v2 renders it", ""


def _compare(v1_content: str, v2_content: str) -> tuple[Verdict, str, str]:
    before, after = normalize(v1_content), normalize(v2_content)
    if before == after:
        return Verdict.EQUIVALENT, "same output after normalization", ""
    diff = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), "v1", "v2"
        )
    )
    return Verdict.MISMATCH, "outputs differ after normalization", diff
