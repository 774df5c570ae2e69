"""Validate a user's input against an artifact type's Context, collecting every problem."""

from collections.abc import Mapping

from pydantic import ValidationError

from scaffold_core.discover import ArtifactType
from scaffold_core.discover.artifact_type import EDITOR_KEYS
from scaffold_core.errors import InvalidInput, Problem
from scaffold_core.validate.problems import MISSING, problems_from
from scaffold_schemas import BaseContext

__all__ = ["EDITOR_KEYS", "validate_context"]


def validate_context(
    artifact: ArtifactType,
    data: Mapping[str, object] | BaseContext,
    earlier_problems: list[Problem] | None = None,
) -> BaseContext | dict[str, object]:
    """The validated Context; raises ``InvalidInput`` listing every problem.

    One path for both kinds, the artifact type's ``adapter``: a persistent type gives its
    ``XContext`` instance, an ephemeral type a dict in which every optional key the user left
    out is present, as ``None`` or an empty collection, so its template never needs a
    default. Every input channel (``--context``, ``-s``, recipes, the Python API) comes
    through here, so this is where a top-level ``$schema`` key (``EDITOR_KEYS``) is dropped.
    ``earlier_problems`` (e.g. ``-s`` pairs that did not parse) are reported together with
    the validation errors; a field they already name is not also reported missing.
    """
    problems = list(earlier_problems or [])
    if isinstance(data, Mapping) and not EDITOR_KEYS.isdisjoint(data):
        data = {key: value for key, value in data.items() if key not in EDITOR_KEYS}
    validated: BaseContext | dict[str, object] = {}
    try:
        validated = artifact.adapter.validate_python(data)
    except ValidationError as error:
        named = {problem.location for problem in problems}
        problems += [
            problem
            for problem in problems_from(error, artifact.field_types())
            if not (problem.location in named and problem.expected == MISSING)
        ]
    if problems:
        raise InvalidInput(f"artifact type '{artifact.artifact_id}'", problems)
    return validated
