"""Artifact type ``tool``: a command/tool object with typed input and output.

The generated module holds three classes: a frozen Pydantic ``<Name>Input``, a frozen
Pydantic ``<Name>Output`` and a ``<Name>Tool`` whose ``run`` maps the one to the other.
"""

from typing import Self

from pydantic import Field, computed_field, model_validator

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    ModelField,
    SingleLineText,
    SnakeCaseName,
    defined_name_problem,
    generated_import_problem,
    required_imports,
    undefined_names_problem,
    unique_names_problem,
    unused_import_problem,
)

__all__ = ["ToolContext", "ToolField", "ToolRenderContext"]

# What the generated module imports from pydantic, by name.
_PYDANTIC_NAMES = {name: f"pydantic.{name}" for name in ("BaseModel", "ConfigDict", "Field")}


class ToolField(ModelField):
    """One field of the tool's input or output model."""


class ToolContext(BaseContext):
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
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the field types need beyond builtins and common standard types,"
        " as 'module.Name'.",
    )
    use_async: bool = Field(default=False, description="Make 'run' a coroutine.")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.name.endswith("Tool"):
            stem = self.name.removesuffix("Tool")
            advice = f"use '{stem}'" if stem else "name what the tool does, e.g. 'SendInvoice'"
            raise ValueError(
                f"name '{self.name}' ends in 'Tool', which the tool class adds itself: {advice}"
            )
        for role, fields in (("input", self.inputs), ("output", self.outputs)):
            problem = unique_names_problem(f"{role} field", [field.name for field in fields])
            if problem:
                raise ValueError(problem)
        self._check_imports()
        return self

    def _check_imports(self) -> None:
        expressions = self._expressions()
        defined = [f"{self.name}{suffix}" for suffix in ("Input", "Output", "Tool")]
        problem = (
            undefined_names_problem(expressions, self.imports, what="field types or defaults")
            or defined_name_problem(self.imports, defined)
            or generated_import_problem(self.imports, _PYDANTIC_NAMES)
            or unused_import_problem(self.imports, expressions)
        )
        if problem:
            raise ValueError(problem)

    def _expressions(self) -> list[str]:
        """The Python source the fields bring into the module: types and defaults."""
        fields = (*self.inputs, *self.outputs)
        defaults = [field.default for field in fields if field.default is not None]
        return [field.type for field in fields] + defaults

    @computed_field  # type: ignore[prop-decorator]
    @property
    def module_imports(self) -> list[str]:
        """Every import of the generated module, as ``module.Name``."""
        uses_field = any(
            field.description is not None or field.default is not None
            for field in (*self.inputs, *self.outputs)
        )
        pydantic = ["BaseModel", "ConfigDict", *(["Field"] if uses_field else [])]
        return required_imports(self._expressions(), self.imports) + [
            _PYDANTIC_NAMES[name] for name in pydantic
        ]


class ToolRenderContext(ToolContext, BaseRenderContext):
    """What the ``tool`` template receives."""
