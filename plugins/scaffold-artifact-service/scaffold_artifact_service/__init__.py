"""Artifact type ``service``: an application service with typed operations.

The generated class receives its collaborators in ``__init__`` (kept as ``self._<name>``),
lists its responsibilities in its docstring and has one stub per operation, each raising
``NotImplementedError`` until its body is written. The legacy ``parameters`` and
``return_type`` (one implicit operation) became the ``operations`` list.
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
    SnakeCaseName,
    TypedName,
    import_problem,
    required_imports,
    shadowing_problem,
    unique_names_problem,
)

__all__ = [
    "ServiceContext",
    "ServiceDependency",
    "ServiceOperation",
    "ServiceParameter",
    "ServiceRenderContext",
]


class ServiceParameter(TypedName):
    """One parameter of an operation, after ``self``."""


class ServiceDependency(TypedName):
    """A collaborator the service receives in ``__init__`` and keeps as ``self._<name>``."""


class ServiceOperation(Method[ServiceParameter]):
    """One operation of the service: a public method."""

    kind = "operation"


class ServiceContext(BaseContext):
    """What a user provides to scaffold a service."""

    default_output_path = "src/services/{name:snake}.py"

    name: ClassName = Field(description="The service's class name, PascalCase.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the service does; its docstring."
    )
    layer: SnakeCaseName | None = Field(
        default=None,
        description="The architectural layer it belongs to, e.g. 'application'; named in the"
        " docstring when there is no description.",
    )
    responsibilities: list[SingleLineText] = Field(
        default_factory=list,
        description="What it is accountable for, one line each; listed in the docstring.",
    )
    dependencies: list[ServiceDependency] = Field(
        default_factory=list, description="Collaborators injected through __init__, in order."
    )
    operations: list[ServiceOperation] = Field(
        default_factory=list, description="The service's public methods, in order."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the dependency, parameter and return types need beyond builtins"
        " and common standard types, as 'module.Name'.",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_imports(self) -> list[str]:
        """Every import the types need, as ``module.Name``."""
        return required_imports(self._types(), self.imports)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def init_signature(self) -> list[str]:
        """The ``__init__`` parameters after ``self`` as ``name: type`` source."""
        return [dependency.declaration for dependency in self.dependencies]

    def _types(self) -> list[str]:
        """Every type annotation in the class."""
        return [dependency.type for dependency in self.dependencies] + [
            text for operation in self.operations for text in operation.type_expressions()
        ]

    @model_validator(mode="after")
    def _distinct_members(self) -> Self:
        dependencies = [dependency.name for dependency in self.dependencies]
        problem = unique_names_problem("dependency", dependencies)
        if problem:
            raise ValueError(problem)
        if "self" in dependencies:
            raise ValueError("a dependency may not be named 'self'")
        names = [operation.name for operation in self.operations]
        problem = unique_names_problem("operation", names)
        if problem:
            raise ValueError(problem)
        generated = {"__init__"}.union(f"_{name}" for name in dependencies)
        clashes = sorted(generated.intersection(names))
        if clashes:
            raise ValueError(
                f"operation names {', '.join(clashes)} clash with __init__ or the attribute"
                " of a dependency"
            )
        problem = shadowing_problem("operation", names, self._types())
        if problem:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _defined_names(self) -> Self:
        problem = import_problem(
            self._types(), self.imports, class_name=self.name, defined=[self.name]
        )
        if problem:
            raise ValueError(problem)
        return self


class ServiceRenderContext(ServiceContext, BaseRenderContext):
    """What the ``service`` template receives."""
