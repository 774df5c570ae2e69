"""Validate: read the user's input and check it against the artifact's Context."""

from scaffold_core.validate.context import EDITOR_KEYS, validate_context
from scaffold_core.validate.problems import describe_value, problems_from
from scaffold_core.validate.user_input import load_context, merge_assignments

__all__ = [
    "EDITOR_KEYS",
    "describe_value",
    "load_context",
    "merge_assignments",
    "problems_from",
    "validate_context",
]
