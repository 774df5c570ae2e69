"""ARCH011: every rejection case of the examples data file is refused, at its field.

A rejection case (``rejections`` in ``templates/<id>.examples.yaml``) pins one rule of the
plugin: an input, the location of one problem the core must report for it and a fragment of
that problem's message. A case the validator accepts, or refuses without that problem, means
the rule it pins no longer holds (or the case is wrong). A malformed data file is ARCH009's
finding, not this rule's.
"""

from collections.abc import Iterator

from scaffold_core.architecture.report import Finding, finding
from scaffold_core.discover import ArtifactType
from scaffold_core.discover.examples_file import ExamplesFileInvalid, RejectionCase
from scaffold_core.errors import InvalidInput
from scaffold_core.validate import validate_context

__all__ = ["WHOLE_INPUT", "rejection_failure", "rejection_findings"]

WHOLE_INPUT = "(whole input)"
"""How the core locates a problem with the input as a whole; a case gives its field as ''."""


def rejection_failure(artifact: ArtifactType, case: RejectionCase) -> str | None:
    """Why ``case`` does not hold for ``artifact``, or ``None`` when it does."""
    location = case.field or WHOLE_INPUT
    wanted = f"a problem at '{location}' containing '{case.message}'"
    try:
        validate_context(artifact, case.input)
    except InvalidInput as invalid:
        if any(
            problem.location == location and case.message in problem.expected
            for problem in invalid.problems
        ):
            return None
        found = "; ".join(str(problem) for problem in invalid.problems)
        return f"refused elsewhere ({found}); expected {wanted}"
    return f"accepted; expected {wanted}"


def rejection_findings(artifact: ArtifactType) -> Iterator[Finding]:
    """One finding per rejection case that does not hold."""
    try:
        cases = artifact.rejections()
    except ExamplesFileInvalid:
        return
    for index, case in enumerate(cases):
        failure = rejection_failure(artifact, case)
        if failure is not None:
            yield finding(artifact, "ARCH011", f"rejections.{index}", failure)
