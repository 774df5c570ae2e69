"""The error document: any ``ScaffoldError`` as JSON, one shape for the CLI and MCP tools.

The shape (``--json`` on the command line; the MCP tools' error results; docs/cli.md)::

    {"ok": false, "exit_code": 2, "error": "InvalidInput",
     "message": "<the text a person sees after 'error: '>",
     "problems": [{"subject": "artifact type 'dto'" | null,
                   "location": "fields.0.type" | null,
                   "message": "fields.0.type: expected ... (given: 'list[str')",
                   "expected": "expected ..." | null,
                   "given": <the value as read, JSON>}]}     # "given" absent: none

Every error has at least one problem: one with a location for each ``Problem`` of an
``InvalidInput`` (a recipe's or an update's failures each give theirs, their ``subject``
naming the artifact), else one problem holding the error's message.
"""

import json

from pydantic_core import to_jsonable_python

from scaffold_core.errors import (
    NOT_GIVEN,
    BatchFailed,
    InvalidInput,
    Problem,
    ScaffoldError,
    UnknownArtifactType,
)

__all__ = ["error_document", "internal_error_document", "jsonable"]


def error_document(error: ScaffoldError) -> dict[str, object]:
    """The JSON error document of ``error``: the shape in this module's docstring."""
    return {
        "ok": False,
        "exit_code": error.exit_code,
        "error": type(error).__name__,
        "message": str(error),
        "problems": _problems(error, None),
    }


def internal_error_document(message: str) -> dict[str, object]:
    """The error document of a bug in scaffold (not a ``ScaffoldError``): exit code 1."""
    return {
        "ok": False,
        "exit_code": 1,
        "error": "InternalError",
        "message": message,
        "problems": [{"subject": None, "location": None, "message": message, "expected": None}],
    }


def _problems(error: ScaffoldError, subject: str | None) -> list[dict[str, object]]:
    if isinstance(error, BatchFailed):
        return [item for where, each in error.failures for item in _problems(each, where)]
    if isinstance(error, InvalidInput):
        return [_problem(problem, subject or error.subject) for problem in error.problems]
    if isinstance(error, UnknownArtifactType):
        return [
            {
                "subject": subject,
                "location": "TYPE",
                "message": str(error),
                "expected": "an installed artifact type (scaffold list)",
                "given": error.artifact_type,
            }
        ]
    return [
        {
            "subject": subject,
            "location": None,
            "message": str(error),
            "expected": None,
        }
    ]


def _problem(problem: Problem, subject: str) -> dict[str, object]:
    shaped: dict[str, object] = {
        "subject": subject,
        "location": problem.location,
        "message": str(problem),
        "expected": problem.expected,
    }
    if problem.value is not NOT_GIVEN:
        shaped["given"] = jsonable(problem.value)
    return shaped


def jsonable(value: object) -> object:
    """``value`` as JSON data: as it is when it is JSON already (what files and ``-s`` give).

    Anything else (a value the Python API was handed) becomes the JSON pydantic would make
    of it, and what has no JSON form (a float that is not finite, an arbitrary object) its
    ``repr``: the document stays valid JSON whatever the input was.
    """
    converted = to_jsonable_python(value, fallback=repr)
    try:
        json.dumps(converted, allow_nan=False)
    except ValueError:
        return repr(value)
    return converted
