"""The two base classes every artifact plugin builds on.

``XContext(BaseContext)`` is what a user provides; ``XRenderContext(XContext,
BaseRenderContext)`` is what the template receives: the same fields plus the lifecycle fields,
frozen.
"""

from collections.abc import Iterator
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

    Besides each field's own rules, two rules hold for the whole input, reported next to every
    other problem: a lifecycle field is refused as system-managed (``system_managed``), and a
    NUL character is refused in any string at any depth, free-form fields and keys included
    (``nul_character``, located at the string; a field whose own type already refuses the
    value reports only its own error).

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
        """Report lifecycle fields and NUL characters, next to every other problem."""
        if issubclass(cls, LifecycleMixin) or not isinstance(data, dict):
            return handler(data)
        given = sorted(LIFECYCLE_FIELDS.intersection(data))
        nuls = [
            error
            for error in _nul_errors(data)
            if not LIFECYCLE_FIELDS.intersection(error["loc"][:1])
        ]
        if not given and not nuls:
            return handler(data)
        errors: list[InitErrorDetails] = []
        try:
            handler({key: value for key, value in data.items() if key not in LIFECYCLE_FIELDS})
        except ValidationError as invalid:
            errors = [_as_init_error(error) for error in invalid.errors()]
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
        raise ValidationError.from_exception_data(cls.__name__, errors)


def _nul_errors(data: dict[Any, Any]) -> Iterator[InitErrorDetails]:
    """One error per string holding a NUL, in input order; a key is located by its repr."""
    for location, text in _strings(data):
        position = text.find("\x00")
        if position >= 0:
            yield {
                "type": PydanticCustomError(
                    "nul_character",
                    "a NUL character (U+0000), at position {position}, is not allowed in any text",
                    {"position": position + 1},
                ),
                "loc": location,
                "input": text,
            }


def _strings(data: object) -> Iterator[tuple[_Location, str]]:
    """Every string in nested dicts, lists and tuples, keys included, with its location.

    Walked with an explicit stack, so deep nesting cannot exhaust Python's recursion limit.
    """
    stack: list[tuple[_Location, object]] = [((), data)]
    while stack:
        location, value = stack.pop()
        if isinstance(value, str):
            yield location, value
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                stack.append(((*location, key if isinstance(key, str | int) else repr(key)), item))
                if isinstance(key, str) and "\x00" in key:
                    stack.append(((*location, repr(key)), key))
        elif isinstance(value, list | tuple):
            stack.extend(
                ((*location, index), item) for index, item in reversed(list(enumerate(value)))
            )


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
