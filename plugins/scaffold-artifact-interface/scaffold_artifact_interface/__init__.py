"""Artifact type ``interface``: a ``typing.Protocol`` with methods.

The generated protocol declares each method with its signature, a docstring and ``...``;
any class with matching methods satisfies it, no inheritance needed.
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
    "InterfaceContext",
    "InterfaceMethod",
    "InterfaceParameter",
    "InterfaceRenderContext",
]

# Names the generated module imports itself.
_GENERATED_IMPORTS = frozenset({"Protocol", "runtime_checkable"})


class InterfaceParameter(BaseModel):
    """One parameter of a protocol method, after ``self``."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The parameter name, snake_case.")
    type: PythonTypeExpression = Field(description="Its type annotation, e.g. 'UUID'.")


class InterfaceMethod(BaseModel):
    """One method the protocol requires."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(
        description="The method name, snake_case; dunders such as '__call__' are allowed."
    )
    params: list[InterfaceParameter] = Field(
        default_factory=list, description="Its parameters after self, in order."
    )
    returns: PythonTypeExpression = Field(
        default="None", description="Its return type annotation."
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what an implementation must do; its docstring."
    )
    is_async: bool = Field(default=False, description="Declare an 'async def'.")

    @model_validator(mode="after")
    def _distinct_params(self) -> Self:
        names = [param.name for param in self.params]
        if "self" in names:
            raise ValueError(f"method '{self.name}': a parameter may not be named 'self'")
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(
                f"method '{self.name}': parameter names must be unique;"
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


class InterfaceContext(BaseContext):
    """What a user provides to scaffold a protocol."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "PaymentGateway",
                    "description": "Takes and gives back money on a customer's card.",
                    "runtime_checkable": True,
                    "imports": ["app.payments.model.PaymentId"],
                    "methods": [
                        {
                            "name": "charge",
                            "params": [
                                {"name": "amount", "type": "Decimal"},
                                {"name": "currency", "type": "str"},
                                {"name": "customer_id", "type": "str"},
                            ],
                            "returns": "PaymentId",
                            "description": "Charge the customer's default card.",
                        },
                        {
                            "name": "refund",
                            "params": [
                                {"name": "payment_id", "type": "PaymentId"},
                                {"name": "amount", "type": "Decimal | None"},
                            ],
                            "description": "Refund all of a payment, or only amount.",
                        },
                    ],
                },
                {"name": "Clock", "methods": [{"name": "now", "returns": "datetime"}]},
                {
                    "name": "OrderRepository",
                    "description": "Stores and finds orders.",
                    "imports": ["app.orders.model.Order"],
                    "methods": [
                        {
                            "name": "get",
                            "params": [{"name": "order_id", "type": "UUID"}],
                            "returns": "Order | None",
                            "description": "The order with this id, or None.",
                            "is_async": True,
                        },
                        {
                            "name": "add",
                            "params": [{"name": "order", "type": "Order"}],
                            "is_async": True,
                        },
                        {
                            "name": "recent",
                            "params": [{"name": "limit", "type": "int"}],
                            "returns": "list[Order]",
                            "description": "The newest orders first, at most limit.",
                            "is_async": True,
                        },
                    ],
                },
            ]
        }
    )

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
        return [
            text
            for method in self.methods
            for text in [*(param.type for param in method.params), method.returns]
        ]

    @model_validator(mode="after")
    def _distinct_methods(self) -> Self:
        names = [method.name for method in self.methods]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"method names must be unique; repeated: {', '.join(duplicates)}")
        if "__init__" in names:
            raise ValueError("a protocol may not declare __init__: it is no part of the interface")
        used = set().union(*(names_in_expression(text) for text in self._types()))
        shadowing = sorted(used.intersection(names))
        if shadowing:
            raise ValueError(
                f"method names {', '.join(shadowing)} are also used in type annotations, where"
                " the method would shadow the type: rename the methods"
            )
        return self

    @model_validator(mode="after")
    def _defined_names(self) -> Self:
        undefined = undefined_names(self._types(), self.imports)
        if self.name in undefined:
            raise ValueError(
                f"the types use '{self.name}', the protocol itself: write 'Self' and add"
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
        clashes = sorted(_GENERATED_IMPORTS.union([self.name]).intersection(imported))
        if clashes:
            raise ValueError(
                f"imports may not bring in {', '.join(clashes)}: the module defines or imports"
                " it itself"
            )
        used = set().union(*(names_in_expression(text) for text in self._types()))
        unused = [path for path in self.imports if path.rpartition(".")[2] not in used]
        if unused:
            raise ValueError(
                f"imports {', '.join(unused)}: used by no type, remove them"
                " (unused imports fail lint)"
            )
        return self


class InterfaceRenderContext(InterfaceContext, BaseRenderContext):
    """What the ``interface`` template receives."""
