"""The two base classes every artifact plugin builds on.

``XContext(BaseContext)`` is what a user provides; ``XRenderContext(XContext,
BaseRenderContext)`` is what the template receives: the same fields plus the lifecycle fields,
frozen.
"""

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


class BaseContext(BaseModel):
    """What a user provides for one artifact: strict, complete, no unknown keys.

    A plugin may set ``default_output_path``, a pattern such as ``"src/{name:snake}.py"``
    whose fields are the Context's own (see ``scaffold_core.enrich.output_path``).
    """

    # defer_build: a Context's validator is built when it first validates, not on import,
    # so listing or discovering plugins does not pay for schemas it never uses.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, defer_build=True)

    default_output_path: ClassVar[str | None] = None

    @model_validator(mode="wrap")
    @classmethod
    def _reject_lifecycle_fields(
        cls,
        data: Any,  # noqa: ANN401 -- a wrap validator sees the raw input, whatever it is
        handler: ModelWrapValidatorHandler[Self],
    ) -> Self:
        """Report a lifecycle field as system-managed, next to every other problem."""
        if issubclass(cls, LifecycleMixin) or not isinstance(data, dict):
            return handler(data)
        given = sorted(LIFECYCLE_FIELDS.intersection(data))
        if not given:
            return handler(data)
        errors: list[InitErrorDetails] = [
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
        try:
            handler({key: value for key, value in data.items() if key not in LIFECYCLE_FIELDS})
        except ValidationError as invalid:
            errors = [_as_init_error(error) for error in invalid.errors()] + errors
        raise ValidationError.from_exception_data(cls.__name__, errors)


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
