"""Artifact type ``dto``: a Pydantic model that carries data between layers."""

from typing import Any, Self

from pydantic import Field, computed_field, model_validator

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    ModelField,
    SingleLineText,
    repeated_import_problem,
    required_imports,
    undefined_names_problem,
    unique_names_problem,
    unused_import_problem,
)

__all__ = ["DTOContext", "DTOField", "DTORenderContext"]


class DTOField(ModelField):
    """One field of the DTO."""


class DTOContext(BaseContext):
    """What a user provides to scaffold a DTO."""

    default_output_path = "src/dtos/{name:snake}.py"

    name: ClassName = Field(description="The class name, PascalCase.")
    fields: list[DTOField] = Field(min_length=1, description="The DTO's fields, in order.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the DTO carries; its docstring."
    )
    frozen: bool = Field(default=False, description="Make instances immutable.")
    examples: list[dict[str, Any]] = Field(
        default_factory=list, description="Example instances, put in the model's JSON Schema."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the field types need beyond builtins and common standard types,"
        " as 'module.Name'.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        names = [field.name for field in self.fields]
        used = [field.type for field in self.fields]
        used += [field.default for field in self.fields if field.default is not None]
        problem = (
            unique_names_problem("field", names)
            or undefined_names_problem(used, self.imports, what="field types and defaults")
            or repeated_import_problem(self.imports)
            or unused_import_problem(self.imports, used)
        )
        if problem:
            raise ValueError(problem)
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_imports(self) -> list[str]:
        """Every import the field types and defaults need, as ``module.Name``."""
        defaults = (field.default for field in self.fields if field.default is not None)
        return required_imports([*(field.type for field in self.fields), *defaults], self.imports)


class DTORenderContext(DTOContext, BaseRenderContext):
    """What the ``dto`` template receives."""
