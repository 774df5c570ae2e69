"""Artifact type ``service``: an application service with typed operations.

The generated class receives its collaborators in ``__init__`` (kept as ``self._<name>``),
lists its responsibilities in its docstring and has one stub per operation, each raising
``NotImplementedError`` until its body is written. The legacy ``parameters`` and
``return_type`` (one implicit operation) became the ``operations`` list.
"""

from pydantic import Field

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
    Method,
    ModuleOutline,
    PythonModuleContext,
    Signature,
    SingleLineText,
    SnakeCaseName,
    TypedName,
    WithImports,
    bindings,
    expressions_in,
    generated,
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


class ServiceContext(WithImports, PythonModuleContext):
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
        default_factory=list,
        description="Collaborators injected through __init__, in order; each is kept as"
        " self._<name>.",
    )
    operations: list[ServiceOperation] = Field(
        default_factory=list, description="The service's public methods, in order."
    )

    def module_outline(self) -> ModuleOutline:
        """One class: ``__init__`` keeping each dependency as ``_<name>``, the operations."""
        injected = bindings(self, "dependencies", "parameter")
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=[
                        *(generated("method", "__init__") if injected else []),
                        *(Binding(f"_{b.name}", "attribute", b.loc) for b in injected),
                        *bindings(self, "operations", "method"),
                    ],
                    expressions=expressions_in(self, "dependencies", "operations"),
                    signatures=[Signature("__init__", injected)],
                )
            ],
            imports=self.declared_imports(),
        )


class ServiceRenderContext(ServiceContext, BaseRenderContext):
    """What the ``service`` template receives."""
