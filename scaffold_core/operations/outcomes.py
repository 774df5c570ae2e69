"""What a scaffold call's outcome was, from the exception it raised: classes, never values."""

import re

from scaffold_core.errors import (
    BatchFailed,
    InvalidInput,
    MergeUnavailable,
    OutputCheckFailed,
    PluginUnavailable,
    Problem,
    TemplateFailed,
    UserError,
    WriteFailed,
)
from scaffold_core.operations.events import CATEGORY, OUTCOMES
from scaffold_core.validate.problems import MISSING

__all__ = ["classify"]


def classify(error: BaseException | None) -> tuple[str, tuple[str, ...]]:
    """``(outcome, categories)`` for a call that raised ``error`` (``None``: it succeeded).

    - ``ok``, no category;
    - ``user_error``: invalid input, one category per kind of problem (``missing``,
      ``unknown_field``, ``type``, ``value``, ``syntax``, ``duplicate``: read from what the
      problem expects, never from the value), else the error's kind (``unknown_artifact_type``,
      ``unsafe_output_path``, ``output_exists``, ``no_output_path``, ``bad_option``);
    - ``template_bug``: the plugin's fault (``template_failed``, ``output_check_failed``,
      ``plugin_unavailable``);
    - ``environment_error``: the machine refused (``write_failed``, ``merge_unavailable``);
    - ``internal_error``: anything else, categorised by the exception's class name.

    A batch (a recipe) is the worst outcome of its failures, with all their categories.
    """
    if error is None:
        return "ok", ()
    if isinstance(error, BatchFailed):
        parts = [classify(failure) for _, failure in error.failures]
        worst = max((outcome for outcome, _ in parts), key=OUTCOMES.index, default="ok")
        found = {c for outcome, categories in parts if outcome == worst for c in categories}
        return worst, tuple(sorted(found))
    if isinstance(error, InvalidInput):
        return "user_error", tuple(sorted({_problem_category(p) for p in error.problems}))
    outcome = next((o for kind, o in _OUTCOME_OF if isinstance(error, kind)), "internal_error")
    return outcome, (_snake(type(error).__name__),)


_OUTCOME_OF: tuple[tuple[type[Exception], str], ...] = (
    (UserError, "user_error"),
    (TemplateFailed, "template_bug"),
    (OutputCheckFailed, "template_bug"),
    (PluginUnavailable, "template_bug"),
    (WriteFailed, "environment_error"),
    (MergeUnavailable, "environment_error"),
)
"""The outcome of each kind of error but invalid input and a batch; else internal_error."""


def _problem_category(problem: Problem) -> str:
    """What kind of mistake ``problem`` is, from what it expects (validate/problems.py)."""
    expected = problem.expected
    # The v1 pipeline's "required by the legacy (v1) template ..." is a missing field too.
    if expected == MISSING or expected.startswith("required by the legacy"):
        return "missing"
    if expected.startswith("unknown field"):
        return "unknown_field"
    if expected.startswith("given twice"):
        return "duplicate"
    if expected == "key=value" or expected.startswith("a JSON value"):
        return "syntax"
    # pydantic's type errors read "Input should be a valid integer", "... a valid list".
    if expected.startswith("Input should be a valid"):
        return "type"
    return "value"


def _snake(name: str) -> str:
    """``OutputCheckFailed`` -> ``output_check_failed``, always a ``CATEGORY`` name.

    Any character a category may not hold (a non-ASCII class name) becomes ``_``; a name
    that does not start with a letter is prefixed ``error``.
    """
    snake = re.sub(r"[^a-z0-9_]", "_", re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower())
    return snake if CATEGORY.fullmatch(snake) else f"error{snake}"
