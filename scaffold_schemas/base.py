"""The two base classes every artifact plugin builds on.

``XContext(BaseContext)`` is what a user provides; ``XRenderContext(XContext,
BaseRenderContext)`` is what the template receives: the same fields plus the lifecycle fields,
frozen.
"""

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from scaffold_schemas.lifecycle import LIFECYCLE_FIELDS, LifecycleMixin

__all__ = ["BaseContext", "BaseRenderContext"]

_Location = tuple[str | int, ...]


class BaseContext(BaseModel):
    """What a user provides for one artifact: strict, complete, no unknown keys.

    Besides each field's own rules, three rules hold for the whole input, reported next to
    every other problem: a lifecycle field is refused as system-managed (``system_managed``),
    and a NUL character is refused in any string at any depth, free-form fields and keys
    included (``nul_character``, located at the string; a field whose own type already
    refuses the value reports only its own error). A number is never read from a boolean or
    a fraction: wherever the validated value is a number (``int``, ``float``, an ``IntEnum``,
    at any depth: nested models, lists, dicts) and the input there was ``true``/``false``,
    it is refused (``int_type`` "Input should be a valid integer", ``float_type`` "Input
    should be a valid number"), as is ``1.0`` where an integer is expected (``int_type``):
    pydantic's lax mode would read them as 1. These are reported once the fields validate.

    A plugin may set ``default_output_path``, a pattern such as ``"src/{name:snake}.py"``
    whose fields are the Context's own (see ``scaffold_core.enrich.output_path``).
    """

    # defer_build: a Context's validator is built when it first validates, not on import,
    # so listing or discovering plugins does not pay for schemas it never uses.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, defer_build=True)

    default_output_path: ClassVar[str | None] = None

    @model_validator(mode="wrap")
    @classmethod
    def _reject_whole_input_problems(
        cls,
        data: Any,  # noqa: ANN401 -- a wrap validator sees the raw input, whatever it is
        handler: ModelWrapValidatorHandler[Self],
    ) -> Self:
        """Report lifecycle fields, NUL characters and numbers read from booleans or fractions."""
        if issubclass(cls, LifecycleMixin) or not isinstance(data, dict):
            return handler(data)
        given = sorted(LIFECYCLE_FIELDS.intersection(data))
        texts, numbers = _suspects(data)
        nuls = [
            error
            for error in _nul_errors(texts)
            if not LIFECYCLE_FIELDS.intersection(error["loc"][:1])
        ]
        errors: list[InitErrorDetails] = []
        try:
            validated = handler(
                {key: value for key, value in data.items() if key not in LIFECYCLE_FIELDS}
                if given
                else data
            )
        except ValidationError as invalid:
            if not given and not nuls:
                raise
            errors = [_as_init_error(error) for error in invalid.errors()]
        else:
            errors = list(_number_errors(numbers, validated))
        reported = {error["loc"] for error in errors}
        errors += [error for error in nuls if error["loc"] not in reported]
        errors += [
            {
                "type": PydanticCustomError(
                    "system_managed",
                    "'{field}' is system-managed: scaffold sets it, remove it from the input",
                    {"field": name},
                ),
                "loc": (name,),
                "input": data[name],
            }
            for name in given
        ]
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return validated


def _nul_errors(texts: list[tuple[_Location, str]]) -> Iterator[InitErrorDetails]:
    """One error per string holding a NUL, in input order."""
    for location, text in texts:
        yield {
            "type": PydanticCustomError(
                "nul_character",
                "a NUL character (U+0000), at position {position}, is not allowed in any text",
                {"position": text.find("\x00") + 1},
            ),
            "loc": location,
            "input": text,
        }


def _number_errors(
    numbers: list[tuple[_Location, bool | float]], validated: BaseModel
) -> Iterator[InitErrorDetails]:
    """One error per boolean (or fraction) of the input that validated as a number there."""
    for location, given in numbers:
        value = _validated_at(validated, location)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            continue
        if isinstance(value, int):
            kind, message = "int_type", "Input should be a valid integer"
        elif isinstance(given, bool):
            kind, message = "float_type", "Input should be a valid number"
        else:
            continue  # a float is a number
        yield {"type": PydanticCustomError(kind, message), "loc": location, "input": given}


_ABSENT: Any = object()


def _validated_at(value: object, location: _Location) -> object:
    """What ``value`` (a validated model) holds at the input ``location``, or ``_ABSENT``."""
    for part in location:
        if isinstance(value, BaseModel):
            name = _field_names(type(value)).get(part)
            value = _ABSENT if name is None else getattr(value, name, _ABSENT)
        elif isinstance(value, dict):
            value = value.get(part, _ABSENT)
        elif isinstance(value, list | tuple) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return _ABSENT
    return value


@lru_cache(maxsize=1024)
def _field_names(model: type[BaseModel]) -> dict[str | int, str]:
    """The attribute name of each input key of ``model``: field names and string aliases."""
    names: dict[str | int, str] = {name: name for name in model.model_fields}
    names.update(
        {info.alias: name for name, info in model.model_fields.items() if info.alias is not None}
    )
    return names


def _suspects(
    data: dict[Any, Any],
) -> tuple[list[tuple[_Location, str]], list[tuple[_Location, bool | float]]]:
    """The strings holding a NUL (keys included), and the booleans and floats, of ``data``.

    In input order, each with its location; a key is located by its repr. Walked with an
    explicit stack, so deep nesting cannot exhaust Python's recursion limit; a location is
    built only for what is found (a chain of ``(parent, key)`` pairs until then), so the
    walk is linear in the size of the input.
    """
    texts: list[tuple[_Location, str]] = []
    numbers: list[tuple[_Location, bool | float]] = []
    stack: list[tuple[_Chain, object]] = [(None, data)]
    while stack:
        chain, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                texts.append((_location(chain), value))
        elif isinstance(value, bool | float):
            numbers.append((_location(chain), value))
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                stack.append(((chain, key if isinstance(key, str | int) else repr(key)), item))
                if isinstance(key, str) and "\x00" in key:
                    stack.append(((chain, repr(key)), key))
        elif isinstance(value, list | tuple):
            stack.extend(
                ((chain, index), item) for index, item in reversed(list(enumerate(value)))
            )
    return texts, numbers


_Chain = tuple[Any, str | int] | None
"""A location as a linked list, innermost part last: ``((None, "fields"), 0)``."""


def _location(chain: _Chain) -> _Location:
    parts: list[str | int] = []
    while chain is not None:
        chain, part = chain
        parts.append(part)
    return tuple(reversed(parts))


def _as_init_error(error: ErrorDetails) -> InitErrorDetails:
    """Carry a reported error over unchanged, whatever its type (custom types included)."""
    return {
        "type": PydanticCustomError(error["type"], error["msg"], error.get("ctx")),
        "loc": error["loc"],
        "input": error["input"],
    }


class BaseRenderContext(LifecycleMixin, BaseContext):
    """What a template receives: the user's fields plus the lifecycle fields, frozen."""

    model_config = ConfigDict(frozen=True)
