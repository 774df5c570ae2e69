"""Artifact type ``interface``: a ``typing.Protocol`` with methods.

The generated protocol declares each method with its signature, a docstring and ``...``;
any class with matching methods satisfies it, no inheritance needed.
"""

from typing import Self

from pydantic import Field, computed_field, model_validator

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    Method,
    SingleLineText,
    TypedName,
    import_problem,
    required_imports,
    shadowing_problem,
    unique_names_problem,
)

__all__ = [
    "InterfaceContext",
    "InterfaceMethod",
    "InterfaceParameter",
    "InterfaceRenderContext",
]

# Names the generated module imports itself.
_GENERATED_IMPORTS = frozenset({"Protocol", "runtime_checkable"})


class InterfaceParameter(TypedName):
    """One parameter of a protocol method, after ``self``."""


class InterfaceMethod(Method[InterfaceParameter]):
    """One method the protocol requires."""


class InterfaceContext(BaseContext):
    """What a user provides to scaffold a protocol."""

    default_output_path = "src/interfaces/{name:snake}.py"

    name: ClassName = Field(description="The protocol's class name, PascalCase.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the protocol stands for; its docstring."
    )
    methods: list[InterfaceMethod] = Field(
        min_length=1, description="The methods an implementation must have, in order."
    )
    runtime_checkable: bool = Field(
        default=False,
        description="Decorate with @runtime_checkable so isinstance() accepts the protocol.",
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the parameter and return types need beyond builtins and common"
        " standard types, as 'module.Name'.",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_imports(self) -> list[str]:
        """Every import the types need, as ``module.Name`` (not ``typing.Protocol``)."""
        return required_imports(self._types(), self.imports)

    def _types(self) -> list[str]:
        """Every type annotation in the protocol."""
        return [text for method in self.methods for text in method.type_expressions()]

    @model_validator(mode="after")
    def _distinct_methods(self) -> Self:
        names = [method.name for method in self.methods]
        problem = unique_names_problem("method", names)
        if problem:
            raise ValueError(problem)
        if "__init__" in names:
            raise ValueError("a protocol may not declare __init__: it is no part of the interface")
        problem = shadowing_problem("method", names, self._types())
        if problem:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _defined_names(self) -> Self:
        problem = import_problem(
            self._types(),
            self.imports,
            class_name=self.name,
            defined=_GENERATED_IMPORTS.union([self.name]),
        )
        if problem:
            raise ValueError(problem)
        return self


class InterfaceRenderContext(InterfaceContext, BaseRenderContext):
    """What the ``interface`` template receives."""
