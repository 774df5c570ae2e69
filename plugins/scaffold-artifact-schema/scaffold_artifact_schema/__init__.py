"""Artifact type ``schema``: a configuration model.

The generated module holds one Pydantic model that validates a block of configuration:
frozen by default, unknown keys rejected (``extra="forbid"``), every setting typed and
described, example configurations in its JSON Schema and, when an environment prefix is
given, a ``from_env`` constructor that reads ``PREFIX_<SETTING>`` variables. It needs
nothing beyond pydantic.
"""

import re
from typing import Annotated, Final, Self

from pydantic import AfterValidator, Field, JsonValue, computed_field, model_validator
from pydantic_core import PydanticCustomError

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    ModelField,
    SingleLineText,
    SnakeCaseName,
    import_problem,
    required_imports,
    unique_names_problem,
    used_names,
)

__all__ = ["EnvPrefix", "SchemaContext", "SchemaField", "SchemaRenderContext"]

# What the generated module imports on its own, by the name it binds; the loader's imports
# only when it has an environment prefix.
_MODEL_IMPORTS: Final = {
    "BaseModel": "pydantic.BaseModel",
    "ConfigDict": "pydantic.ConfigDict",
    "Field": "pydantic.Field",
}
_LOADER_IMPORTS: Final = {"Mapping": "collections.abc.Mapping", "Self": "typing.Self"}

_ENV_PREFIX: Final = re.compile(r"[A-Z][A-Z0-9_]*_")


def _env_prefix(value: str) -> str:
    if not _ENV_PREFIX.fullmatch(value):
        raise PydanticCustomError(
            "env_prefix",
            "expected an upper-case environment variable prefix ending in '_', e.g. 'APP_DB_'",
            {"value": value},
        )
    return value


EnvPrefix = Annotated[str, AfterValidator(_env_prefix)]
"""An environment variable prefix such as ``APP_DB_``: upper case, ending in ``_``."""


class SchemaField(ModelField):
    """One setting of the configuration model."""

    kind = "setting"

    def name_problem(self) -> str | None:
        """A name pydantic would take for a private attribute, or one ``BaseModel`` defines."""
        if self.name.startswith("_"):
            return (
                f"setting name '{self.name}' starts with '_': pydantic would treat it as a"
                " private attribute, not a setting"
            )
        return super().name_problem()


class SchemaContext(BaseContext):
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
    frozen: bool = Field(default=True, description="Make the configuration immutable once loaded.")
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
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the types and defaults need beyond builtins and common standard"
        " types, as 'module.Name', e.g. 'pydantic.SecretStr'.",
    )

    @model_validator(mode="after")
    def _unique_settings(self) -> Self:
        names = [field.name for field in self.fields]
        problem = unique_names_problem("setting", names)
        if problem:
            raise ValueError(problem)
        if self.env_prefix is not None and "from_env" in names:
            raise ValueError(
                "setting name 'from_env' clashes with the constructor generated for env_prefix"
            )
        return self

    @model_validator(mode="after")
    def _names_defined(self) -> Self:
        sources = self._sources()
        if self.name in used_names(sources):
            raise ValueError(
                f"'{self.name}' is not defined yet inside its own class body: write the quoted"
                f" forward reference '\"{self.name}\"'"
            )
        problem = import_problem(
            sources,
            self.imports,
            generated=_MODEL_IMPORTS | (_LOADER_IMPORTS if self.env_prefix else {}),
            what="types or defaults",
        )
        if problem:
            raise ValueError(problem)
        used = used_names(sources)
        for field in self.fields:
            if field.name in used:
                raise ValueError(
                    f"setting '{field.name}' has the name of a type or value the settings use:"
                    " rename it"
                )
        return self

    @model_validator(mode="after")
    def _examples_fit(self) -> Self:
        names = {field.name for field in self.fields}
        required = [field.name for field in self.fields if field.default is None]
        for number, example in enumerate(self.examples, 1):
            unknown = sorted(set(example) - names)
            if unknown:
                raise ValueError(
                    f"example {number} names {', '.join(unknown)}, which the model does not"
                    " declare (extra settings are forbidden)"
                )
            missing = [name for name in required if name not in example]
            if missing:
                raise ValueError(
                    f"example {number} lacks {', '.join(missing)}:"
                    " settings without a default are required"
                )
        return self

    def _sources(self) -> list[str]:
        """Every type and default expression of the settings."""
        return [field.type for field in self.fields] + [
            field.default for field in self.fields if field.default is not None
        ]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_imports(self) -> list[str]:
        """Every import the setting types and defaults need, as ``module.Name``."""
        return required_imports(self._sources(), self.imports)

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
