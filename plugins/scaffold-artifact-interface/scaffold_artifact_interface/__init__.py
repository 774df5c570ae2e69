"""Artifact type ``interface``: a ``typing.Protocol`` with methods.

The generated protocol declares each method with its signature, a docstring and ``...``;
any class with matching methods satisfies it, no inheritance needed.
"""

from pydantic import Field, StrictBool, field_validator

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
    Method,
    ModuleOutline,
    PythonModuleContext,
    SingleLineText,
    TypedName,
    WithImports,
    bindings,
    expressions_in,
)

__all__ = [
    "InterfaceContext",
    "InterfaceMethod",
    "InterfaceParameter",
    "InterfaceRenderContext",
]


class InterfaceParameter(TypedName):
    """One parameter of a protocol method, after ``self``."""


class InterfaceMethod(Method[InterfaceParameter]):
    """One method the protocol requires."""

    @field_validator("name")
    @classmethod
    def _not_init(cls, name: str) -> str:
        if name == "__init__":
            raise ValueError(
                "a protocol may not declare __init__: construction is no part of the interface"
            )
        return name


class InterfaceContext(WithImports, PythonModuleContext):
    """What a user provides to scaffold a protocol."""

    default_output_path = "src/interfaces/{name:snake}.py"

    name: ClassName = Field(description="The protocol's class name, PascalCase.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the protocol stands for; its docstring."
    )
    methods: list[InterfaceMethod] = Field(
        min_length=1, description="The methods an implementation must have, in order."
    )
    runtime_checkable: StrictBool = Field(
        default=False,
        description="Decorate with @runtime_checkable so isinstance() accepts the protocol.",
    )

    def module_outline(self) -> ModuleOutline:
        """One ``Protocol`` class whose members are the methods, optionally runtime-checkable."""
        checkable = ["typing.runtime_checkable"] if self.runtime_checkable else []
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=bindings(self, "methods", "method"),
                    expressions=expressions_in(self, "methods"),
                )
            ],
            imports=self.declared_imports(),
            generated_imports=["typing.Protocol", *checkable],
        )


class InterfaceRenderContext(InterfaceContext, BaseRenderContext):
    """What the ``interface`` template receives."""
