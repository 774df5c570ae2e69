"""Turn pydantic's validation errors into Problems a user can act on."""

from collections.abc import Iterable

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from scaffold_core.errors import Problem

__all__ = ["describe_value", "problems_from"]

_MAX_SHOWN = 60


def describe_value(value: object) -> str:
    """A short, single-line ``repr`` of what the user gave."""
    shown = repr(value)
    return shown if len(shown) <= _MAX_SHOWN else shown[: _MAX_SHOWN - 3] + "..."


def problems_from(error: ValidationError, allowed_fields: Iterable[str]) -> list[Problem]:
    """One Problem per pydantic error, with messages for the cases pydantic words vaguely."""
    allowed = ", ".join(sorted(allowed_fields))
    return [_problem(detail, allowed) for detail in error.errors()]


def _problem(detail: ErrorDetails, allowed: str) -> Problem:
    location = ".".join(str(part) for part in detail["loc"]) or "(whole input)"
    if detail["type"] == "missing":
        return Problem(location, "", "required field is missing")
    expected = detail["msg"].removeprefix("Value error, ")
    if detail["type"] == "extra_forbidden":
        expected = "unknown field" + (f"; fields: {allowed}" if len(detail["loc"]) == 1 else "")
    # A whole object (a model-level rule) is too long to echo; the message names the culprit.
    given = "" if isinstance(detail["input"], dict) else describe_value(detail["input"])
    return Problem(location, given, expected)
