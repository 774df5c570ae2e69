"""Validate a user's input against an artifact type's Context, collecting every problem."""

from collections.abc import Mapping

from pydantic import ValidationError

from scaffold_core.discover import ArtifactType
from scaffold_core.errors import InvalidInput, Problem
from scaffold_core.validate.problems import problems_from
from scaffold_schemas import BaseContext

__all__ = ["validate_context"]


def validate_context(
    artifact: ArtifactType,
    data: Mapping[str, object] | BaseContext,
    earlier_problems: list[Problem] | None = None,
) -> BaseContext:
    """The validated ``XContext``; raises ``InvalidInput`` listing every problem.

    ``earlier_problems`` (e.g. ``-s`` pairs that did not parse) are reported together with
    the validation errors, so the user sees everything at once.
    """
    problems = list(earlier_problems or [])
    context_class = artifact.context_class
    try:
        context = data if isinstance(data, context_class) else context_class.model_validate(data)
    except ValidationError as error:
        problems += problems_from(error, context_class.model_fields)
    if problems:
        raise InvalidInput(f"artifact type '{artifact.artifact_id}'", problems)
    return context
