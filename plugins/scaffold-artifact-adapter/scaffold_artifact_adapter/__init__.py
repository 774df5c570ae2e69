"""Artifact type ``adapter``: an adapter wrapping an external client behind an interface.

The generated class takes the client in ``__init__``, keeps it as ``self._client`` and has
one stub per method, each raising ``NotImplementedError`` until its body is written.
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

__all__ = ["AdapterContext", "AdapterMethod", "AdapterParameter", "AdapterRenderContext"]

_SUFFIX = "Adapter"
# Names the generated class defines itself.
_GENERATED_MEMBERS = frozenset({"__init__", "_client"})


class AdapterParameter(BaseModel):
    """One parameter of an adapter method, after ``self``."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The parameter name, snake_case.")
    type: PythonTypeExpression = Field(description="Its type annotation, e.g. 'Decimal'.")


class AdapterMethod(BaseModel):
    """One method of the adapter: the interface's operation it implements."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The method name, snake_case.")
    params: list[AdapterParameter] = Field(
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


class AdapterContext(BaseContext):
    """What a user provides to scaffold an adapter."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "StripePayments",
                    "description": "Charges and refunds card payments through Stripe.",
                    "client_type": "StripeClient",
                    "client_import": "stripe.StripeClient",
                    "interface": "PaymentGateway",
                    "interface_import": "app.payments.ports.PaymentGateway",
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
                            "description": "Refund all or part of a payment.",
                        },
                    ],
                },
                {"name": "SmtpMailer", "client_type": "SMTP", "client_import": "smtplib.SMTP"},
                {
                    "name": "RedisCacheAdapter",
                    "client_type": "Redis",
                    "client_import": "redis.asyncio.Redis",
                    "interface": "Cache",
                    "interface_import": "app.caching.Cache",
                    "methods": [
                        {
                            "name": "get",
                            "params": [{"name": "key", "type": "str"}],
                            "returns": "bytes | None",
                            "is_async": True,
                        },
                        {
                            "name": "put",
                            "params": [
                                {"name": "key", "type": "str"},
                                {"name": "value", "type": "bytes"},
                                {"name": "ttl", "type": "timedelta"},
                            ],
                            "is_async": True,
                        },
                    ],
                },
            ]
        }
    )

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
            text
            for method in self.methods
            for text in [*(param.type for param in method.params), method.returns]
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
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"method names must be unique; repeated: {', '.join(duplicates)}")
        generated = sorted(_GENERATED_MEMBERS.intersection(names))
        if generated:
            raise ValueError(
                f"method names {', '.join(generated)} clash with what the adapter generates"
            )
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
        explicit = self._explicit_imports()
        undefined = undefined_names(self._expressions(), explicit)
        if self.class_name in undefined:
            raise ValueError(
                f"the types use '{self.class_name}', the adapter itself: write 'Self' and add"
                " 'typing.Self' to imports"
            )
        if self.interface in undefined:
            raise ValueError(
                f"interface '{self.interface}' is imported from nowhere: set interface_import"
                f" to 'module.{self.interface}'"
            )
        if undefined:
            raise ValueError(
                f"the types use {', '.join(undefined)}, which nothing defines:"
                " add each as 'module.Name' to imports"
            )
        imported = [path.rpartition(".")[2] for path in dict.fromkeys(explicit)]
        repeated = sorted({name for name in imported if imported.count(name) > 1})
        if repeated:
            raise ValueError(f"{', '.join(repeated)} imported from more than one module")
        if self.class_name in imported:
            raise ValueError(f"'{self.class_name}' is imported and is the adapter's own name")
        used = set().union(*(names_in_expression(text) for text in self._expressions()))
        unused = [path for path in self.imports if path.rpartition(".")[2] not in used]
        if unused:
            raise ValueError(
                f"imports {', '.join(unused)}: used by no type, remove them"
                " (unused imports fail lint)"
            )
        return self


class AdapterRenderContext(AdapterContext, BaseRenderContext):
    """What the ``adapter`` template receives."""
