"""Artifact type ``dto``: a Pydantic model that carries data between layers."""

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    PythonExpression,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
    required_imports,
    undefined_names,
)

__all__ = ["DTOContext", "DTOField", "DTORenderContext"]

# Names a field may not take because BaseModel already defines them.
_RESERVED_FIELD_NAMES = frozenset(dir(BaseModel))


class DTOField(BaseModel):
    """One field of the DTO."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The attribute name, snake_case.")
    type: PythonTypeExpression = Field(description="Its type annotation, e.g. 'list[str]'.")
    description: SingleLineText | None = Field(default=None, description="What it holds.")
    default: PythonExpression | None = Field(
        default=None, description="A default value as Python source, e.g. '0' or '\"EUR\"'."
    )

    @model_validator(mode="after")
    def _not_reserved(self) -> Self:
        if self.name in _RESERVED_FIELD_NAMES or self.name.startswith("model_"):
            raise ValueError(f"field name '{self.name}' is reserved by pydantic.BaseModel")
        return self


class DTOContext(BaseContext):
    """What a user provides to scaffold a DTO."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "OrderCreated",
                    "description": "Emitted when a customer places an order.",
                    "frozen": True,
                    "fields": [
                        {"name": "order_id", "type": "UUID", "description": "The new order."},
                        {"name": "placed_at", "type": "datetime"},
                        {"name": "total", "type": "Decimal", "description": "Gross amount."},
                        {"name": "currency", "type": "str", "default": '"EUR"'},
                    ],
                },
                {
                    "name": "CustomerSummary",
                    "fields": [
                        {"name": "customer_id", "type": "int"},
                        {"name": "display_name", "type": "str"},
                        {"name": "tags", "type": "list[str]", "default": "[]"},
                        {"name": "scores", "type": "dict[str, list[int]]", "default": "{}"},
                    ],
                    "examples": [{"customer_id": 7, "display_name": "Ada", "tags": ["vip"]}],
                },
                {
                    "name": "ShipmentLabel",
                    "description": "Printable label data for one parcel.",
                    "imports": ["app.shipping.Carrier"],
                    "fields": [
                        {"name": "carrier", "type": "Carrier"},
                        {"name": "tracking_code", "type": "str | None", "default": "None"},
                        {"name": "weight_grams", "type": "int", "description": "Über 0 g."},
                    ],
                },
            ]
        }
    )

    default_output_path = "src/dtos/{name:snake}.py"

    name: ClassName = Field(description="The class name, PascalCase.")
    fields: list[DTOField] = Field(min_length=1, description="The DTO's fields, in order.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the DTO carries; its docstring."
    )
    frozen: bool = Field(default=False, description="Make instances immutable.")
    examples: list[dict[str, Any]] = Field(
        default_factory=list, description="Example instances, put in the model's JSON Schema."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the field types need beyond builtins and common standard types,"
        " as 'module.Name'.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        names = [field.name for field in self.fields]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"field names must be unique; repeated: {', '.join(duplicates)}")
        undefined = undefined_names((field.type for field in self.fields), self.imports)
        if undefined:
            raise ValueError(
                f"field types use {', '.join(undefined)}, which nothing defines:"
                " add each as 'module.Name' to imports"
            )
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_imports(self) -> list[str]:
        """Every import the field types need, as ``module.Name``."""
        return required_imports((field.type for field in self.fields), self.imports)


class DTORenderContext(DTOContext, BaseRenderContext):
    """What the ``dto`` template receives."""
