"""A tool's arguments, checked before the tool runs: wrong ones are ``InvalidInput``.

The MCP SDK checks arguments against each tool function's signature too, but reports a
failure as plain text; and it ignores an unknown argument, which would let a misspelt
``dry_run`` be lost. Here the same signature becomes a strict model (``arguments_model``:
unknown arguments refused; ``StrictBool`` annotations stay strict), and ``check_arguments``
raises ``InvalidInput`` with one problem per bad argument (``location``: its name;
``value``: the value as sent), which the server returns as the error document.

Pydantic and the standard library only: no SDK import.
"""

import inspect
import json
from collections.abc import Callable, Mapping
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from pydantic_core import ErrorDetails

from scaffold_core.errors import NOT_GIVEN, InvalidInput, Problem
from scaffold_core.validate import describe_value

__all__ = ["arguments_model", "check_arguments"]


def arguments_model(function: Callable[..., object]) -> type[BaseModel]:
    """A model of ``function``'s parameters (annotations and defaults), unknown keys refused."""
    hints = get_type_hints(function, include_extras=True)
    fields: dict[str, Any] = {
        name: (hints[name], ... if parameter.default is parameter.empty else parameter.default)
        for name, parameter in inspect.signature(function).parameters.items()
    }
    return create_model(
        f"{function.__name__}_arguments", __config__=ConfigDict(extra="forbid"), **fields
    )


def check_arguments(tool: str, model: type[BaseModel], arguments: Mapping[str, Any]) -> None:
    """Raise ``InvalidInput`` (one problem per bad argument) unless ``arguments`` fit ``model``.

    A JSON object or array sent as a string for an argument that is not text is read as
    what it holds, as the SDK reads it (some clients send them so); nothing else is
    converted: ``"false"`` or ``0`` is not a boolean.
    """
    try:
        model.model_validate(_pre_parsed(model, arguments))
    except ValidationError as error:
        by_argument: dict[str, list[ErrorDetails]] = {}
        for detail in error.errors():
            by_argument.setdefault(str(detail["loc"][0]), []).append(detail)
        known = sorted(model.model_fields)
        problems = [
            _problem(name, details, arguments, known) for name, details in by_argument.items()
        ]
        raise InvalidInput(f"the {tool} tool's arguments", problems) from None


def _pre_parsed(model: type[BaseModel], arguments: Mapping[str, Any]) -> dict[str, Any]:
    """``arguments`` with JSON texts parsed where the SDK's ``pre_parse_json`` parses them."""
    parsed = dict(arguments)
    for name, value in arguments.items():
        field = model.model_fields.get(name)
        if field is None or field.annotation is str or not isinstance(value, str):
            continue
        try:
            loaded = json.loads(value)
        except (ValueError, RecursionError):
            continue
        if not isinstance(loaded, str | int | float):
            parsed[name] = loaded
    return parsed


def _problem(
    name: str, details: list[ErrorDetails], arguments: Mapping[str, Any], known: list[str]
) -> Problem:
    value = arguments.get(name, NOT_GIVEN)
    kinds = {detail["type"] for detail in details}
    if "extra_forbidden" in kinds:
        expected = f"unknown argument; arguments: {', '.join(known)}"
    elif "missing" in kinds:
        expected = "a required argument"
    else:
        expected = "; ".join(_message(detail) for detail in details)
    given = "" if value is NOT_GIVEN else describe_value(value)
    return Problem(name, given, expected, value)


def _message(detail: ErrorDetails) -> str:
    """Pydantic's message, after the place inside the argument when it is not the whole."""
    inner = ".".join(str(part) for part in detail["loc"][1:])
    return f"{inner}: {detail['msg']}" if inner else detail["msg"]
