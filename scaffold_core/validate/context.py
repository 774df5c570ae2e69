"""Validate a user's input against an artifact type's Context, collecting every problem."""

import types
from collections.abc import Mapping
from typing import Union, get_origin

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
) -> BaseContext | dict[str, object]:
    """The validated Context; raises ``InvalidInput`` listing every problem.

    A persistent type gives its ``XContext`` instance. An ephemeral type gives a dict in
    which every optional key the user left out is present, as ``None`` or an empty
    collection, so its template never needs a default. ``earlier_problems`` (e.g. ``-s``
    pairs that did not parse) are reported together with the validation errors.
    """
    problems = list(earlier_problems or [])
    validated: BaseContext | dict[str, object] = {}
    try:
        context_class = artifact.context_class
        if issubclass(context_class, BaseContext) and isinstance(data, context_class):
            validated = data
        elif issubclass(context_class, BaseContext):
            validated = context_class.model_validate(data)
        else:
            validated = _completed(artifact, artifact.adapter.validate_python(data))
    except ValidationError as error:
        problems += problems_from(error, artifact.field_types())
    if problems:
        raise InvalidInput(f"artifact type '{artifact.artifact_id}'", problems)
    return validated


def _completed(artifact: ArtifactType, values: dict[str, object]) -> dict[str, object]:
    return {
        name: values[name] if name in values else _empty(annotation)
        for name, annotation in artifact.field_types().items()
    }


def _empty(annotation: object) -> object:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return None
    if origin is list or annotation is list:
        return []
    if origin is dict or annotation is dict:
        return {}
    return None
