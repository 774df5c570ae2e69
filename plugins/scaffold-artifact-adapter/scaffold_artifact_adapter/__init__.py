"""Artifact type ``adapter``: an adapter wrapping an external client behind an interface.

The generated class takes the client in ``__init__``, keeps it as ``self._client`` and has
one stub per method, each raising ``NotImplementedError`` until its body is written.
"""

from pydantic import Field, computed_field

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
    Expression,
    ImportPath,
    Loc,
    Method,
    ModuleOutline,
    PythonModuleContext,
    PythonTypeExpression,
    SingleLineText,
    TypedName,
    WithImports,
    bindings,
    expressions_in,
    generated,
)

__all__ = ["AdapterContext", "AdapterMethod", "AdapterParameter", "AdapterRenderContext"]

_SUFFIX = "Adapter"


class AdapterParameter(TypedName):
    """One parameter of an adapter method, after ``self``."""


class AdapterMethod(Method[AdapterParameter]):
    """One method of the adapter: the interface's operation it implements."""


class AdapterContext(WithImports, PythonModuleContext):
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
        default=None, description="Where the client type comes from, as 'module.Name'."
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

    @computed_field  # type: ignore[prop-decorator]
    @property
    def class_name(self) -> str:
        """The generated class's name: ``name`` ending in ``Adapter``."""
        return self.name if self.name.endswith(_SUFFIX) else self.name + _SUFFIX

    def module_outline(self) -> ModuleOutline:
        """One class on the interface: ``__init__`` keeping the client, the methods."""
        given: list[tuple[str, Loc]] = [
            (getattr(self, field), (field,))
            for field in ("client_import", "interface_import")
            if getattr(self, field) is not None
        ]
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.class_name, "class", ("name",)),
                    members=[
                        *generated("method", "__init__"),
                        *generated("attribute", "_client"),
                        *bindings(self, "methods", "method"),
                    ],
                    expressions=expressions_in(self, "client_type", "methods"),
                    bases=[Expression(self.interface, ("interface",), annotation=False)]
                    if self.interface
                    else [],
                )
            ],
            imports=[*given, *self.declared_imports()],
        )


class AdapterRenderContext(AdapterContext, BaseRenderContext):
    """What the ``adapter`` template receives."""
