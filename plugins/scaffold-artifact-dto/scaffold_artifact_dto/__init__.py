"""Artifact type ``dto``: a Pydantic model that carries data between layers."""

from typing import Any

from pydantic import Field, StrictBool

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
    ModelField,
    ModuleOutline,
    PythonModuleContext,
    SingleLineText,
    WithImports,
    bindings,
    expressions_in,
)

__all__ = ["DTOContext", "DTOField", "DTORenderContext"]


class DTOField(ModelField):
    """One field of the DTO."""


class DTOContext(WithImports, PythonModuleContext):
    """What a user provides to scaffold a DTO."""

    default_output_path = "src/dtos/{name:snake}.py"

    name: ClassName = Field(description="The class name, PascalCase.")
    fields: list[DTOField] = Field(min_length=1, description="The DTO's fields, in order.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the DTO carries; its docstring."
    )
    frozen: StrictBool = Field(default=False, description="Make instances immutable.")
    examples: list[dict[str, Any]] = Field(
        default_factory=list, description="Example instances, put in the model's JSON Schema."
    )

    def module_outline(self) -> ModuleOutline:
        """One pydantic model: the fields, their types and defaults."""
        configured = self.frozen or bool(self.examples)
        described = any(f.description or f.default is not None for f in self.fields)
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=bindings(self, "fields", "field"),
                    expressions=expressions_in(self, "fields"),
                    model=True,
                )
            ],
            imports=self.declared_imports(),
            generated_imports=[
                "pydantic.BaseModel",
                *(["pydantic.ConfigDict"] if configured else []),
                *(["pydantic.Field"] if described else []),
            ],
        )


class DTORenderContext(DTOContext, BaseRenderContext):
    """What the ``dto`` template receives."""
