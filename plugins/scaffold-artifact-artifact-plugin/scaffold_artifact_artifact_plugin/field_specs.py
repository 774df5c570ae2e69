"""The input fields of the new artifact type, as the user declares them.

A ``PluginField`` becomes one field of the generated Context; a ``model`` field becomes a
nested model whose attributes are ``PluginItemAttribute`` items, and such an attribute may
itself be a ``model`` whose attributes are ``PluginAttribute`` items, which hold values
only: ``MODEL_DEPTH`` levels of models (``methods[].params[]``), and three classes in the
JSON Schema, none recursive.
"""

import keyword
from collections.abc import Sequence
from typing import Annotated, Any, Final, Generic, Literal, TypeVar

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
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from scaffold_artifact_artifact_plugin.module_names import READ_NAMES
from scaffold_schemas import (
    LIFECYCLE_FIELDS,
    BaseContext,
    Matches,
    SingleLineText,
    Text,
    unique_names_problem,
)

__all__ = [
    "MAX_NAME_LENGTH",
    "MODEL_DEPTH",
    "AttributeType",
    "FieldName",
    "FieldType",
    "Loc",
    "ModelSpec",
    "PluginAttribute",
    "PluginField",
    "PluginItemAttribute",
    "field_value_type",
    "refuse",
    "repeated_name_problems",
    "sentence",
]

Loc = tuple[str | int, ...]
"""A location in the input, as pydantic reports it: ``("fields", 1, "name")``."""

MODEL_DEPTH: Final = 2
"""How many levels of models nest: a model field, and model attributes of its items (the
depth ``scaffold_core.migrate.fields.MODEL_DEPTH`` produces)."""

FieldName = Annotated[
    str,
    Matches(
        "[a-z_][a-z0-9_]*",
        "expected a snake_case name (lowercase letters, digits and underscores, not starting"
        " with a digit), e.g. 'order_total'",
    ),
]
"""A snake_case field name. Soft keywords (``type``, ``match``, ``case``) are allowed: an
annotated class attribute, a key and a Jinja variable may take them; ``_usable_name``
refuses the rest."""

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
_HIDES: Final = "bound in a class body, a field hides it from the lines after it"
_TAKEN_NAMES: Final = frozenset(
    _TEMPLATE_NAMES | LIFECYCLE_FIELDS | {name for name in dir(BaseContext) if name[:1] != "_"}
)


def sentence(text: str) -> str:
    """``text`` ending with a period, as a docstring's summary line must (ruff D400)."""
    return text if text.endswith(".") else f"{text}."


def refuse(title: str, problems: Sequence[tuple[Loc, str, str, object]]) -> None:
    """Raise one ``ValidationError`` for ``(loc, code, message, input)`` problems, if any.

    In a validator, each ``loc`` is below the validated value's (``fields`` + ``(1, "name")``).
    """
    errors: list[InitErrorDetails] = [
        {"type": PydanticCustomError(code, message), "loc": loc, "input": given}
        for loc, code, message, given in problems
    ]
    if errors:
        raise ValidationError.from_exception_data(title, errors)


def repeated_name_problems(kind: str, names: Sequence[str]) -> list[tuple[Loc, str, str, object]]:
    """A ``repeated_name`` problem at ``(N, "name")`` for each name given again (N > first)."""
    message = unique_names_problem(kind, names)
    if message is None:
        return []
    return [
        ((index, "name"), "repeated_name", message, name)
        for index, name in enumerate(names)
        if name in names[:index]
    ]


def field_value_type(type_name: str) -> Any:  # noqa: ANN401 -- a type form, for TypeAdapter
    """The validated type of one value of a non-model field type (``"line"``...)."""
    return _VALUE_TYPES[type_name]


class PluginAttribute(BaseModel):
    """One attribute of the innermost models of the new type: it holds values, no model."""

    model_config = ConfigDict(extra="forbid")

    name: FieldName = Field(description="The name, snake_case.")
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
        elif keyword.iskeyword(name):
            reason = "a Python keyword"
        elif name == "l":
            reason = "easily mistaken for '1' or 'I' (ruff E741)"
        elif name in READ_NAMES:
            reason = f"the name of {READ_NAMES[name]}, which the generated module uses: {_HIDES}"
        elif name in LIFECYCLE_FIELDS:
            reason = "a lifecycle field, filled in by the core"
        elif name.startswith("_"):
            # '_' too: a soft keyword Python allows as a name, but pydantic makes it private.
            reason = "private to pydantic (leading underscore)"
        elif name.startswith("model_") or name in _TAKEN_NAMES:
            reason = "taken by the template engine, pydantic or BaseContext"
        else:
            return name
        raise ValueError(f"'{name}' cannot name a field: it is {reason}")

    @model_validator(mode="before")
    @classmethod
    def _no_deeper_model(cls, data: Any) -> Any:  # noqa: ANN401 -- the raw input
        """Refuse a model where the nesting ends (a ``fields`` beside it is no further news)."""
        if "fields" in cls.model_fields or not isinstance(data, dict):
            return data
        if data.get("type") == "model":
            message = (
                f"models nest at most {MODEL_DEPTH} levels (a model, and models among its"
                " attributes): an inner model's attributes hold values; make it a line, or"
                " move its attributes up"
            )
            refuse(cls.__name__, [(("type",), "model_depth", message, "model")])
        return data

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


Attribute = TypeVar("Attribute", bound=PluginAttribute)


class ModelSpec(PluginAttribute, Generic[Attribute]):
    """A field or attribute that may be a ``model``: its attributes are ``fields``."""

    # A wider Literal than the attribute's: pydantic allows it, mypy sees an override.
    type: FieldType = Field(  # type: ignore[assignment]
        default="line", description="What it holds."
    )
    fields: list[Attribute] = Field(
        default_factory=list,
        validate_default=True,
        description=f"For type model only: its attributes, in order; models nest {MODEL_DEPTH}"
        " levels deep.",
    )

    @field_validator("fields")
    @classmethod
    def _attributes_of_a_model(
        cls, fields: list[Attribute], info: ValidationInfo
    ) -> list[Attribute]:
        kind = info.data.get("type")
        if kind == "model" and not fields:
            reason = "a model needs at least one attribute in 'fields'"
        elif kind not in {"model", None} and fields:
            reason = f"only a model has attributes; this field is of type {kind}"
        else:
            names = [attribute.name for attribute in fields]
            refuse(cls.__name__, repeated_name_problems("attribute", names))
            return fields
        raise ValueError(reason)


class PluginItemAttribute(ModelSpec[PluginAttribute]):
    """One attribute of a model field; a ``model`` one has value attributes of its own."""


class PluginField(ModelSpec[PluginItemAttribute]):
    """One input field of the new type; a ``model`` field has attributes of its own."""
