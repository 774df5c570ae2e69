"""Artifact type ``schema``: a configuration model.

The generated module holds one Pydantic model that validates a block of configuration:
frozen by default, unknown keys rejected (``extra="forbid"``), every setting typed and
described, example configurations in its JSON Schema and, when an environment prefix is
given, a ``from_env`` constructor that reads ``PREFIX_<SETTING>`` variables. It needs
nothing beyond pydantic.
"""

from typing import Annotated, Self

from pydantic import Field, JsonValue, StrictBool, ValidationError, computed_field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
    Matches,
    ModelField,
    ModuleOutline,
    PythonModuleContext,
    SingleLineText,
    SnakeCaseName,
    WithImports,
    bindings,
    expressions_in,
    generated,
)

__all__ = ["EnvPrefix", "SchemaContext", "SchemaField", "SchemaRenderContext"]

EnvPrefix = Annotated[
    str,
    Matches(
        "[A-Z][A-Z0-9_]*_",
        "expected an upper-case environment variable prefix ending in '_', e.g. 'APP_DB_'",
    ),
]
"""An environment variable prefix such as ``APP_DB_``: upper case, ending in ``_``."""


class SchemaField(ModelField):
    """One setting of the configuration model."""

    kind = "setting"


class SchemaContext(WithImports, PythonModuleContext):
    """What a user provides to scaffold a configuration model."""

    default_output_path = "src/config/{name:snake}.py"

    name: ClassName = Field(description="The model's class name, PascalCase.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the configuration covers; its docstring."
    )
    layer: SnakeCaseName | None = Field(
        default=None,
        description="The architectural layer the configuration belongs to; named in the"
        " docstring when there is no description.",
    )
    fields: list[SchemaField] = Field(
        default_factory=list,
        description="The settings, in order; without any the model accepts only an empty"
        " configuration.",
    )
    frozen: StrictBool = Field(
        default=True, description="Make the configuration immutable once loaded."
    )
    env_prefix: EnvPrefix | None = Field(
        default=None,
        description="Add a 'from_env' constructor that reads each setting from the variable"
        " '<prefix><SETTING>', e.g. 'APP_DB_' reads 'port' from 'APP_DB_PORT'.",
    )
    examples: list[dict[str, JsonValue]] = Field(
        default_factory=list,
        description="Example configurations, put in the model's JSON Schema; each names only"
        " declared settings and gives every setting that has no default.",
    )

    def module_outline(self) -> ModuleOutline:
        """One frozen pydantic model; with an env_prefix, a ``from_env`` classmethod too."""
        described = any(f.description or f.default is not None for f in self.fields)
        loader = self.env_prefix is not None
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=[
                        *generated("attribute", "model_config"),
                        *(generated("method", "from_env") if loader else []),
                        *bindings(self, "fields", "field"),
                    ],
                    expressions=expressions_in(self, "fields"),
                    model=True,
                    generated_uses=["classmethod", "Mapping", "str", "Self"] if loader else [],
                )
            ],
            imports=self.declared_imports(),
            generated_imports=[
                "pydantic.BaseModel",
                "pydantic.ConfigDict",
                *(["pydantic.Field"] if described else []),
                *(["collections.abc.Mapping", "typing.Self"] if loader else []),
            ],
        )

    @model_validator(mode="after")
    def _examples_fit(self) -> Self:
        names = {field.name for field in self.fields}
        required = [field.name for field in self.fields if field.default is None]
        errors: list[InitErrorDetails] = []
        for index, example in enumerate(self.examples):
            unknown = sorted(set(example) - names)
            missing = [name for name in required if name not in example]
            problem = (
                f"names {', '.join(map(repr, unknown))}, which the model does not declare (extra"
                " settings are forbidden)"
                if unknown
                else f"lacks {', '.join(map(repr, missing))}: a setting without a default is"
                " required"
            )
            if unknown or missing:
                error = PydanticCustomError("example_misfit", f"the example {problem}")
                errors.append({"type": error, "loc": ("examples", index), "input": example})
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """The description, or a sentence naming the layer."""
        if self.description is not None:
            return self.description
        if self.layer is not None:
            return f"Configuration of the {self.layer} layer."
        return "Configuration model."


class SchemaRenderContext(SchemaContext, BaseRenderContext):
    """What the ``schema`` template receives."""
