"""The input fields of the new artifact type, as the user declares them.

A ``PluginField`` becomes one field of the generated Context; a ``model`` field becomes a
nested model whose attributes are ``PluginAttribute`` items (one level of nesting).
"""

from typing import Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from scaffold_schemas import (
    LIFECYCLE_FIELDS,
    BaseContext,
    SingleLineText,
    SnakeCaseName,
    Text,
)

__all__ = [
    "MAX_NAME_LENGTH",
    "AttributeType",
    "FieldType",
    "PluginAttribute",
    "PluginField",
    "field_value_type",
    "sentence",
]

FieldType = Literal["line", "text", "integer", "number", "boolean", "model"]
"""What a field holds: ``line`` = ``SingleLineText``, ``text`` = ``Text``, ``integer`` =
``int``, ``number`` = ``float``, ``boolean`` = ``bool``, ``model`` = a nested model."""

AttributeType = Literal["line", "text", "integer", "number", "boolean"]
"""What an attribute of a nested model holds: a field type other than ``model``."""

MAX_NAME_LENGTH: Final = 28
"""The longest field name: every generated line that holds one fits in ruff's 88 columns."""

_VALUE_TYPES: Final[dict[str, Any]] = {
    "line": SingleLineText,
    "text": Text,
    "integer": StrictInt,
    "number": StrictInt | StrictFloat,
    "boolean": StrictBool,
}

# Names the generated code cannot give a field: what Jinja reads as something else, what the
# core fills in, what BaseContext and pydantic's BaseModel already define.
_TEMPLATE_NAMES: Final = frozenset(
    {"true", "false", "none", "self", "loop", "super", "caller", "varargs", "kwargs"}
)
_TAKEN_NAMES: Final = frozenset(
    _TEMPLATE_NAMES | LIFECYCLE_FIELDS | {name for name in dir(BaseContext) if name[:1] != "_"}
)


def sentence(text: str) -> str:
    """``text`` ending with a period, as a docstring's summary line must (ruff D400)."""
    return text if text.endswith(".") else f"{text}."


def field_value_type(type_name: str) -> Any:  # noqa: ANN401 -- a type form, for TypeAdapter
    """The validated type of one value of a non-model field type (``"line"``...)."""
    return _VALUE_TYPES[type_name]


class PluginAttribute(BaseModel):
    """One attribute of a nested model of the new type (a field that is no model)."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The name, snake_case.")
    type: AttributeType = Field(default="line", description="What it holds.")
    many: StrictBool = Field(default=False, description="A list of them.")
    required: StrictBool = Field(default=True, description="The user must give it.")
    default: StrictStr | StrictInt | StrictFloat | StrictBool | None = Field(
        default=None,
        description="A default for an optional, single, non-model field; must fit the type.",
    )
    description: SingleLineText | None = Field(
        default=None, description="One line; derived from the name when not given."
    )

    @field_validator("name")
    @classmethod
    def _usable_name(cls, name: str) -> str:
        if len(name) > MAX_NAME_LENGTH:
            reason = f"longer than {MAX_NAME_LENGTH} characters, too long for the code around it"
        elif name in LIFECYCLE_FIELDS:
            reason = "a lifecycle field, filled in by the core"
        elif name.startswith("_"):
            reason = "private to pydantic (leading underscore)"
        elif name.startswith("model_") or name in _TAKEN_NAMES:
            reason = "taken by the template engine, pydantic or BaseContext"
        else:
            return name
        raise ValueError(f"'{name}' cannot name a field: it is {reason}")

    @field_validator("default")
    @classmethod
    def _fitting_default(cls, default: object, info: ValidationInfo) -> object:
        if default is None:
            return None
        kind = info.data.get("type")
        if info.data.get("required", True):
            reason = "a required field takes no default: set required: false"
        elif info.data.get("many"):
            reason = "a list takes no default (it defaults to empty)"
        elif kind not in _VALUE_TYPES:
            reason = "a model takes no default"
        else:
            try:
                fitting = TypeAdapter(_VALUE_TYPES[kind]).validate_python(default)
                return float(fitting) if kind == "number" else fitting
            except ValidationError as error:
                reason = f"it does not fit the type {kind}: {error.errors()[0]['msg']}"
        raise ValueError(reason)

    @property
    def label(self) -> str:
        """The description, else one derived from the name: ``The retry count.``.

        It ends with a period: it also ends the summary line of a generated docstring.
        """
        return sentence(self.description or f"The {self.name.replace('_', ' ')}")

    @property
    def heading(self) -> str:
        """A heading for the field's value in a document: ``Retry count``."""
        return self.name.replace("_", " ").capitalize()

    @property
    def nullable(self) -> bool:
        """Whether the value may be absent (``None``): optional, single, no default."""
        return not self.required and not self.many and self.default is None


class PluginField(PluginAttribute):
    """One input field of the new type; a ``model`` field has attributes of its own."""

    # A wider Literal than the attribute's: pydantic allows it, mypy sees an override.
    type: FieldType = Field(  # type: ignore[assignment]
        default="line", description="What it holds."
    )
    fields: list[PluginAttribute] = Field(
        default_factory=list,
        validate_default=True,
        description="For type model only: its attributes, in order (none of type model).",
    )

    @field_validator("fields")
    @classmethod
    def _attributes_of_a_model(
        cls, fields: list[PluginAttribute], info: ValidationInfo
    ) -> list[PluginAttribute]:
        kind = info.data.get("type")
        names = [attribute.name for attribute in fields]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if kind == "model" and not fields:
            reason = "a model needs at least one attribute in 'fields'"
        elif kind not in {"model", None} and fields:
            reason = f"only a model has attributes; this field is of type {kind}"
        elif repeated:
            reason = f"attribute names must be unique; given twice: {', '.join(repeated)}"
        else:
            return fields
        raise ValueError(reason)
