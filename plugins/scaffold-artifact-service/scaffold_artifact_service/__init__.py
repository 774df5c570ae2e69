"""Artifact type ``service``: an application service with typed operations.

The generated class receives its collaborators in ``__init__`` (kept as ``self._<name>``),
lists its responsibilities in its docstring and has one stub per operation, each raising
``NotImplementedError`` until its body is written. The legacy ``parameters`` and
``return_type`` (one implicit operation) became the ``operations`` list.
"""

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
    names_in_expression,
    required_imports,
    undefined_names,
)

__all__ = [
    "ServiceContext",
    "ServiceDependency",
    "ServiceOperation",
    "ServiceParameter",
    "ServiceRenderContext",
]


class ServiceParameter(BaseModel):
    """One parameter of an operation, after ``self``."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The parameter name, snake_case.")
    type: PythonTypeExpression = Field(description="Its type annotation, e.g. 'UUID'.")


class ServiceDependency(BaseModel):
    """A collaborator the service receives in ``__init__`` and keeps as ``self._<name>``."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The parameter name, snake_case, e.g. 'orders'.")
    type: PythonTypeExpression = Field(
        description="Its type, usually an interface, e.g. 'OrderRepository'."
    )


class ServiceOperation(BaseModel):
    """One operation of the service: a public method."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The method name, snake_case.")
    params: list[ServiceParameter] = Field(
        default_factory=list, description="Its parameters after self, in order."
    )
    returns: PythonTypeExpression = Field(
        default="None", description="Its return type annotation."
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what it does; its docstring."
    )
    is_async: bool = Field(default=False, description="Generate an 'async def'.")

    @model_validator(mode="after")
    def _distinct_params(self) -> Self:
        names = [param.name for param in self.params]
        if "self" in names:
            raise ValueError(f"operation '{self.name}': a parameter may not be named 'self'")
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(
                f"operation '{self.name}': parameter names must be unique;"
                f" repeated: {', '.join(duplicates)}"
            )
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def signature(self) -> list[str]:
        """The parameters after ``self`` as ``name: type`` source."""
        return [f"{param.name}: {param.type}" for param in self.params]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """The docstring: the description, else the name as a sentence."""
        if self.description:
            return self.description
        if self.name.startswith("__") and self.name.endswith("__"):
            return f"Implement ``{self.name}``."
        return self.name.replace("_", " ").strip().capitalize() + "."


class ServiceContext(BaseContext):
    """What a user provides to scaffold a service."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "CheckoutService",
                    "description": "Turns a customer's cart into a paid order.",
                    "layer": "application",
                    "responsibilities": [
                        "Price the cart and reserve its stock",
                        "Charge the customer before the order is confirmed",
                        "Release the stock when the payment fails",
                    ],
                    "imports": [
                        "app.orders.model.Order",
                        "app.orders.ports.OrderRepository",
                        "app.payments.ports.PaymentGateway",
                    ],
                    "dependencies": [
                        {"name": "orders", "type": "OrderRepository"},
                        {"name": "payments", "type": "PaymentGateway"},
                    ],
                    "operations": [
                        {
                            "name": "place_order",
                            "params": [{"name": "cart_id", "type": "UUID"}],
                            "returns": "Order",
                            "description": "Place and pay an order for the cart.",
                            "is_async": True,
                        },
                        {
                            "name": "cancel_order",
                            "params": [
                                {"name": "order_id", "type": "UUID"},
                                {"name": "reason", "type": "str"},
                            ],
                            "description": "Cancel an unshipped order and refund it.",
                            "is_async": True,
                        },
                    ],
                },
                {
                    "name": "PricingService",
                    "operations": [
                        {
                            "name": "quote",
                            "params": [{"name": "sku", "type": "str"}],
                            "returns": "Decimal",
                        }
                    ],
                },
                {
                    "name": "InvoiceNumbering",
                    "description": "Hands out gap-free invoice numbers per year.",
                    "layer": "billing",
                    "responsibilities": ["Never reuse a number", "Start at 1 every January"],
                    "dependencies": [{"name": "today", "type": "Callable[[], date]"}],
                    "operations": [
                        {"name": "next_number", "returns": "str"},
                    ],
                },
            ]
        }
    )

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
        return [f"{dependency.name}: {dependency.type}" for dependency in self.dependencies]

    def _types(self) -> list[str]:
        """Every type annotation in the class."""
        return [dependency.type for dependency in self.dependencies] + [
            text
            for operation in self.operations
            for text in [*(param.type for param in operation.params), operation.returns]
        ]

    @model_validator(mode="after")
    def _distinct_members(self) -> Self:
        dependencies = [dependency.name for dependency in self.dependencies]
        repeated = sorted({name for name in dependencies if dependencies.count(name) > 1})
        if repeated:
            raise ValueError(f"dependency names must be unique; repeated: {', '.join(repeated)}")
        if "self" in dependencies:
            raise ValueError("a dependency may not be named 'self'")
        names = [operation.name for operation in self.operations]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"operation names must be unique; repeated: {', '.join(repeated)}")
        generated = {"__init__"}.union(f"_{name}" for name in dependencies)
        clashes = sorted(generated.intersection(names))
        if clashes:
            raise ValueError(
                f"operation names {', '.join(clashes)} clash with __init__ or the attribute"
                " of a dependency"
            )
        used = set().union(*(names_in_expression(text) for text in self._types()))
        shadowing = sorted(used.intersection(names))
        if shadowing:
            raise ValueError(
                f"operation names {', '.join(shadowing)} are also used in type annotations,"
                " where the method would shadow the type: rename the operations"
            )
        return self

    @model_validator(mode="after")
    def _defined_names(self) -> Self:
        undefined = undefined_names(self._types(), self.imports)
        if self.name in undefined:
            raise ValueError(
                f"the types use '{self.name}', the service itself: write 'Self' and add"
                " 'typing.Self' to imports"
            )
        if undefined:
            raise ValueError(
                f"the types use {', '.join(undefined)}, which nothing defines:"
                " add each as 'module.Name' to imports"
            )
        imported = [path.rpartition(".")[2] for path in dict.fromkeys(self.imports)]
        repeated = sorted({name for name in imported if imported.count(name) > 1})
        if repeated:
            raise ValueError(f"{', '.join(repeated)} imported from more than one module")
        if self.name in imported:
            raise ValueError(f"'{self.name}' is imported and is the service's own name")
        used = set().union(*(names_in_expression(text) for text in self._types()))
        unused = [path for path in self.imports if path.rpartition(".")[2] not in used]
        if unused:
            raise ValueError(
                f"imports {', '.join(unused)}: used by no type, remove them"
                " (unused imports fail lint)"
            )
        return self


class ServiceRenderContext(ServiceContext, BaseRenderContext):
    """What the ``service`` template receives."""
