"""Artifact type ``adapter``: an adapter wrapping an external client behind an interface.

The generated class takes the client in ``__init__``, keeps it as ``self._client`` and has
one stub per method, each raising ``NotImplementedError`` until its body is written.
"""

from typing import Self

from pydantic import Field, computed_field, model_validator

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    Method,
    PythonTypeExpression,
    SingleLineText,
    TypedName,
    import_problem,
    names_in_expression,
    required_imports,
    shadowing_problem,
    undefined_names,
    unique_names_problem,
)

__all__ = ["AdapterContext", "AdapterMethod", "AdapterParameter", "AdapterRenderContext"]

_SUFFIX = "Adapter"
# Names the generated class defines itself.
_GENERATED_MEMBERS = frozenset({"__init__", "_client"})


class AdapterParameter(TypedName):
    """One parameter of an adapter method, after ``self``."""


class AdapterMethod(Method[AdapterParameter]):
    """One method of the adapter: the interface's operation it implements."""


class AdapterContext(BaseContext):
    """What a user provides to scaffold an adapter."""

    default_output_path = "src/adapters/{name:snake}.py"

    name: ClassName = Field(
        description="The adapter's name, PascalCase; the class is this name with 'Adapter'"
        " appended unless it already ends with it."
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what the adapter does; its docstring."
    )
    client_type: PythonTypeExpression = Field(
        description="The type of the wrapped client, e.g. 'StripeClient'."
    )
    client_import: ImportPath | None = Field(
        default=None,
        description="Where the client type comes from, as 'module.Name' (the name must be"
        " used in client_type).",
    )
    interface: ClassName | None = Field(
        default=None, description="The port or protocol the adapter implements, its base class."
    )
    interface_import: ImportPath | None = Field(
        default=None,
        description="Where the interface comes from, as 'module.Name' ending in the interface.",
    )
    methods: list[AdapterMethod] = Field(
        default_factory=list, description="The methods the adapter offers, in order."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the parameter and return types need beyond builtins and common"
        " standard types, as 'module.Name'.",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def class_name(self) -> str:
        """The generated class's name: ``name`` ending in ``Adapter``."""
        return self.name if self.name.endswith(_SUFFIX) else self.name + _SUFFIX

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_imports(self) -> list[str]:
        """Every import the module needs, as ``module.Name``."""
        return required_imports(self._expressions(), self._explicit_imports())

    def _types(self) -> list[str]:
        """Every type annotation in the class."""
        return [self.client_type] + [
            text for method in self.methods for text in method.type_expressions()
        ]

    def _expressions(self) -> list[str]:
        """Every expression that names something: the types and the base class."""
        return self._types() + ([self.interface] if self.interface else [])

    def _explicit_imports(self) -> list[str]:
        given = [self.client_import, self.interface_import]
        return [path for path in given if path is not None] + self.imports

    @model_validator(mode="after")
    def _interface_and_client_imports(self) -> Self:
        if self.interface_import is not None:
            imported = self.interface_import.rpartition(".")[2]
            if self.interface is None:
                raise ValueError(
                    f"interface_import '{self.interface_import}' needs interface '{imported}'"
                )
            if imported != self.interface:
                raise ValueError(
                    f"interface_import '{self.interface_import}' imports '{imported}',"
                    f" not the interface '{self.interface}'"
                )
        if self.client_import is not None:
            imported = self.client_import.rpartition(".")[2]
            if imported not in names_in_expression(self.client_type):
                raise ValueError(
                    f"client_import '{self.client_import}' imports '{imported}',"
                    f" which client_type '{self.client_type}' does not use"
                )
        return self

    @model_validator(mode="after")
    def _distinct_methods(self) -> Self:
        names = [method.name for method in self.methods]
        problem = unique_names_problem("method", names)
        if problem:
            raise ValueError(problem)
        generated = sorted(_GENERATED_MEMBERS.intersection(names))
        if generated:
            raise ValueError(
                f"method names {', '.join(generated)} clash with what the adapter generates"
            )
        problem = shadowing_problem("method", names, self._types())
        if problem:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _defined_names(self) -> Self:
        expressions, explicit = self._expressions(), self._explicit_imports()
        if self.interface in undefined_names(expressions, explicit):
            raise ValueError(
                f"interface '{self.interface}' is imported from nowhere: set interface_import"
                f" to 'module.{self.interface}'"
            )
        problem = import_problem(
            expressions, explicit, class_name=self.class_name, defined=[self.class_name]
        )
        if problem:
            raise ValueError(problem)
        return self


class AdapterRenderContext(AdapterContext, BaseRenderContext):
    """What the ``adapter`` template receives."""
