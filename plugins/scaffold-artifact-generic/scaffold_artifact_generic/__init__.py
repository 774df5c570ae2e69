"""Artifact type ``generic``: a plain module with a class.

The generated module holds one ordinary class (no framework base): a docstring listing its
responsibilities, typed class-level constants and typed method stubs that raise
``NotImplementedError`` until their behaviour is written.
"""

import re
from typing import Annotated, Final, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, computed_field, model_validator
from pydantic_core import PydanticCustomError

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
    Method,
    ModuleOutline,
    Parameter,
    PythonExpression,
    PythonModuleContext,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
    WithImports,
    bindings,
    expressions_in,
    names_in_expression,
    signatures,
)

__all__ = [
    "ConstantName",
    "GenericConstant",
    "GenericContext",
    "GenericMethod",
    "GenericParameter",
    "GenericRenderContext",
]

_CONSTANT_NAME: Final = re.compile(r"[A-Z][A-Z0-9_]*")


def _constant_name(value: str) -> str:
    if not _CONSTANT_NAME.fullmatch(value):
        raise PydanticCustomError(
            "constant_name",
            "expected an UPPER_SNAKE_CASE constant name, e.g. 'MAX_RETRIES'",
            {"value": value},
        )
    return value


ConstantName = Annotated[str, AfterValidator(_constant_name)]
"""An UPPER_SNAKE_CASE name for a class-level constant."""


class GenericParameter(Parameter):
    """One parameter of a method, after ``self``."""


class GenericMethod(Method[GenericParameter]):
    """One method of the class, generated as a stub."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """The description, else the name as a sentence (``__len__`` too: 'Len.')."""
        words = self.name.strip("_").replace("_", " ") or self.name
        return self.description or words.capitalize() + "."

    @computed_field  # type: ignore[prop-decorator]
    @property
    def docstring(self) -> str:
        """The docstring text: the summary, then an ``Args:`` section when arguments have one."""
        described = [param for param in self.params if param.description is not None]
        if not described:
            return self.summary
        lines = [f"    {param.name}: {param.description}" for param in described]
        return "\n".join([self.summary, "", "Args:", *lines])


class GenericConstant(BaseModel):
    """One class-level constant, written as ``NAME: Final[type] = value``."""

    model_config = ConfigDict(extra="forbid")

    name: ConstantName = Field(description="The constant's name, UPPER_SNAKE_CASE.")
    value: PythonExpression = Field(description="Its value as Python source, e.g. '3'.")
    type: PythonTypeExpression | None = Field(
        default=None, description="Its type, e.g. 'int'; inferred from the value when omitted."
    )
    description: SingleLineText | None = Field(
        default=None, description="What it stands for; written as its docstring."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def annotation(self) -> str:
        """``Final[type]``, or bare ``Final`` when the type is inferred."""
        return "Final" if self.type is None else f"Final[{self.type}]"


class GenericContext(WithImports, PythonModuleContext):
    """What a user provides to scaffold a plain module with a class."""

    default_output_path = "src/{name:snake}.py"

    name: ClassName = Field(description="The class name, PascalCase.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the class does; its docstring summary."
    )
    layer: SnakeCaseName | None = Field(
        default=None,
        description="The architectural layer the class belongs to; named in the docstring"
        " when there is no description.",
    )
    responsibilities: list[SingleLineText] = Field(
        default_factory=list,
        description="What the class is accountable for, one line each; listed in its docstring.",
    )
    constants: list[GenericConstant] = Field(
        default_factory=list, description="Class-level constants, in order."
    )
    methods: list[GenericMethod] = Field(
        default_factory=list, description="The methods, in order; each is generated as a stub."
    )

    @model_validator(mode="after")
    def _constants_in_order(self) -> Self:
        # A constant's value is evaluated in the class body, where later ones are not bound.
        constants = [constant.name for constant in self.constants]
        for index, constant in enumerate(self.constants):
            early = set(names_in_expression(constant.value)).intersection(constants[index:])
            if early:
                raise ValueError(
                    f"constant '{constant.name}' uses {', '.join(sorted(early))}, which is"
                    " not bound yet at that point"
                )
        return self

    def module_outline(self) -> ModuleOutline:
        """One plain class: constants, then method stubs."""
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=bindings(self, "constants", "attribute")
                    + bindings(self, "methods", "method"),
                    expressions=expressions_in(self, "constants", "methods"),
                    signatures=signatures(self, "methods"),
                )
            ],
            imports=self.declared_imports(),
            generated_imports=["typing.Final"] if self.constants else [],
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """The description, or a sentence naming the layer."""
        if self.description is not None:
            return self.description
        if self.layer is not None:
            return f"Part of the {self.layer} layer."
        return "A plain class."

    @computed_field  # type: ignore[prop-decorator]
    @property
    def class_docstring(self) -> str:
        """The class docstring text: the summary, then the responsibilities as a list."""
        if not self.responsibilities:
            return self.summary
        items = [f"- {item}" for item in self.responsibilities]
        return "\n".join([self.summary, "", "Responsibilities:", *items])


class GenericRenderContext(GenericContext, BaseRenderContext):
    """What the ``generic`` template receives."""
