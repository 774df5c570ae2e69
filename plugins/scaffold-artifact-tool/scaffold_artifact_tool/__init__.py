"""Artifact type ``tool``: a command/tool object with typed input and output.

The generated module holds three classes: a frozen Pydantic ``<Name>Input``, a frozen
Pydantic ``<Name>Output`` and a ``<Name>Tool`` whose ``run`` maps the one to the other.
"""

from typing import Self

from pydantic import Field, StrictBool, model_validator

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
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

__all__ = ["ToolContext", "ToolField", "ToolRenderContext"]


class ToolField(ModelField):
    """One field of the tool's input or output model."""


class ToolContext(WithImports, PythonModuleContext):
    """What a user provides to scaffold a tool: its name, its input and its output."""

    default_output_path = "src/tools/{name:snake}.py"

    name: ClassName = Field(
        description="The tool's name, PascalCase and without a 'Tool' suffix: 'SendInvoice'"
        " gives SendInvoiceInput, SendInvoiceOutput and SendInvoiceTool."
    )
    description: SingleLineText | None = Field(
        default=None,
        description="One line on what the tool does: the tool's docstring and its"
        " 'description' attribute.",
    )
    layer: SnakeCaseName | None = Field(
        default=None, description="The architectural layer the tool belongs to."
    )
    responsibilities: list[SingleLineText] = Field(
        default_factory=list, description="What the tool is accountable for, one line each."
    )
    inputs: list[ToolField] = Field(
        default_factory=list, description="The fields of the input model, in order."
    )
    outputs: list[ToolField] = Field(
        default_factory=list, description="The fields of the output model, in order."
    )
    use_async: StrictBool = Field(default=False, description="Make 'run' a coroutine.")

    @model_validator(mode="after")
    def _no_tool_suffix(self) -> Self:
        if self.name.endswith("Tool"):
            stem = self.name.removesuffix("Tool")
            advice = f"use '{stem}'" if stem else "name what the tool does, e.g. 'SendInvoice'"
            raise ValueError(
                f"name '{self.name}' ends in 'Tool', which the tool class adds itself: {advice}"
            )
        return self

    def module_outline(self) -> ModuleOutline:
        """Frozen ``<Name>Input`` and ``<Name>Output`` models and the ``<Name>Tool`` class."""
        described = any(f.description or f.default is not None for f in self.inputs + self.outputs)
        models = [
            ClassOutline(
                Binding(f"{self.name}{role.title()}", "class", ("name",)),
                members=[*generated("attribute", "model_config"), *bindings(self, field, "field")],
                expressions=expressions_in(self, field),
                model=True,
            )
            for role, field in (("input", "inputs"), ("output", "outputs"))
        ]
        tool = ClassOutline(
            Binding(f"{self.name}Tool", "class", ("name",)),
            members=generated("attribute", "name", "description") + generated("method", "run"),
        )
        return ModuleOutline(
            classes=[*models, tool],
            imports=self.declared_imports(),
            generated_imports=[
                "pydantic.BaseModel",
                "pydantic.ConfigDict",
                *(["pydantic.Field"] if described else []),
            ],
        )


class ToolRenderContext(ToolContext, BaseRenderContext):
    """What the ``tool`` template receives."""
