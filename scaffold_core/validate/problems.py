"""Turn pydantic's validation errors into Problems a user can act on."""

import difflib
from collections.abc import Iterable, Sequence

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from scaffold_core.errors import Problem
from scaffold_schemas.shown import clipped, shown

__all__ = ["MISSING", "describe_value", "did_you_mean", "problems_from"]

MISSING = "required field is missing"
"""What a Problem expects when the input lacks a required field."""


def describe_value(value: object) -> str:
    """A short, single-line ``repr`` of what the user gave, at most 60 characters.

    Bounded in time too: only as much of a huge value is read as is shown (``shown``).
    """
    return shown(value)


def problems_from(error: ValidationError, allowed_fields: Iterable[str]) -> list[Problem]:
    """One Problem per pydantic error, with messages for the cases pydantic words vaguely."""
    allowed = sorted(allowed_fields)
    return [_problem(detail, allowed) for detail in error.errors()]


def did_you_mean(given: str, known: Iterable[str]) -> str:
    """``"did you mean 'capabilities'? "`` for the closest of ``known`` (difflib), else ``""``.

    One wording for every unknown name: a type, a command, a field.
    """
    close = difflib.get_close_matches(given, list(known), n=1)
    return f"did you mean '{close[0]}'? " if close else ""


def _problem(detail: ErrorDetails, allowed: Sequence[str]) -> Problem:
    location = ".".join(clipped(str(part)) for part in detail["loc"]) or "(whole input)"
    if detail["type"] == "missing":
        return Problem(location, "", MISSING)
    expected = _bounded(detail["msg"].removeprefix("Value error, "))
    if detail["type"] == "extra_forbidden":
        expected = "unknown field"
        if len(detail["loc"]) == 1:
            hint = did_you_mean(str(detail["loc"][0]), allowed)
            expected += f"; {hint}fields: {', '.join(allowed)}"
    # A whole object (a model-level rule) is too long to echo in text (the message names
    # the culprit); the JSON error document still carries it.
    if isinstance(detail["input"], dict):
        return Problem(location, "", expected, detail["input"])
    return Problem(location, describe_value(detail["input"]), expected, detail["input"])


_MAX_MESSAGE = 300


def _bounded(message: str) -> str:
    """``message``, its middle cut when longer than ``_MAX_MESSAGE`` characters.

    A rule's message quotes the names it is about; a huge name would make a huge message.
    The start (what is wrong) and the end (what to do) are kept.
    """
    if len(message) <= _MAX_MESSAGE:
        return message
    half = (_MAX_MESSAGE - 5) // 2
    return f"{message[:half]} ... {message[-half:]}"
