"""Artifact type ``resource``: a read-only data provider.

The generated class looks items up by key (``get``), lists them (``all``) and answers the
extra read-only queries the user names. With ``cached`` it loads every item once, on first
use, and serves later reads from memory.
"""

import ast
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, StrictBool, computed_field, field_validator

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
    Expression,
    ModuleOutline,
    PythonModuleContext,
    PythonTypeExpression,
    Signature,
    SingleLineText,
    SnakeCaseName,
    TypedName,
    WithImports,
    bindings,
    expressions_in,
    generated,
    method_summary,
    signatures,
)

__all__ = ["ResourceContext", "ResourceParameter", "ResourceQuery", "ResourceRenderContext"]

# Verbs that name a method which changes data: a read-only resource has none.
_MUTATING_VERBS: Final = frozenset(
    "add append clear create delattr delete delitem discard drop insert pop"  # noqa: SIM905
    " purge put remove replace reset save set setattr setitem store update upsert write".split()
)

# Key types whose values cannot be dictionary keys.
_UNHASHABLE: Final = frozenset({"list", "dict", "set", "bytearray"})


class ResourceParameter(TypedName):
    """One parameter of a query."""


class ResourceQuery(BaseModel):
    """An extra read-only method of the resource, besides ``get`` and ``all``."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(
        description="The method name, snake_case; not a mutating verb such as 'set_' or 'delete'."
    )
    parameters: list[ResourceParameter] = Field(
        default_factory=list, description="Its parameters after self, in order."
    )
    returns: PythonTypeExpression = Field(
        description="Its return type, e.g. 'list[Country]' or 'int'."
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what it returns; its docstring."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """The docstring: the description, else the name as a sentence."""
        return self.description or method_summary(self.name)

    @field_validator("name")
    @classmethod
    def _read_only(cls, name: str) -> str:
        verb = name.lstrip("_").partition("_")[0]
        if verb in _MUTATING_VERBS:
            raise ValueError(
                f"'{name}' is named like a method that changes data ('{verb}'): a resource is"
                " read-only; name what the query returns, e.g. 'by_region'"
            )
        return name


def _root_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _includes_none(node: ast.expr) -> bool:
    """Whether the type ``node`` admits ``None``: ``X | None``, ``Optional[X]``, ``Union``."""
    if isinstance(node, ast.BinOp):
        return _includes_none(node.left) or _includes_none(node.right)
    if isinstance(node, ast.Subscript) and _root_name(node) in ("Optional", "Union"):
        members = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return _root_name(node) == "Optional" or any(map(_includes_none, members))
    return isinstance(node, ast.Constant) and node.value is None


class ResourceContext(WithImports, PythonModuleContext):
    """What a user provides to scaffold a read-only resource."""

    default_output_path = "src/resources/{name:snake}.py"

    name: ClassName = Field(description="The class name, PascalCase, e.g. 'CountryCatalog'.")
    item_type: PythonTypeExpression = Field(
        description="The type of one item the resource provides, e.g. 'Country'; not optional:"
        " get() already returns None for a missing key."
    )
    key_type: PythonTypeExpression = Field(
        default="str", description="The (hashable) type of the key that get() looks items up by."
    )
    key_name: SnakeCaseName = Field(
        default="key", description="The name of get()'s key parameter, e.g. 'code'."
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what the resource provides; its docstring."
    )
    source: SingleLineText | None = Field(
        default=None, description="Where the data comes from: a file, a table, a service."
    )
    cached: StrictBool = Field(
        default=False,
        description="Load every item once, on first use, and serve reads from memory"
        " (functools.cached_property); else each read goes to the source.",
    )
    queries: list[ResourceQuery] = Field(
        default_factory=list, description="Extra read-only methods besides get() and all()."
    )

    @field_validator("item_type")
    @classmethod
    def _own_item_type(cls, item_type: str) -> str:
        if _includes_none(ast.parse(item_type, mode="eval").body):
            raise ValueError(
                f"'{item_type}' includes None: give the item's own type, get() adds '| None'"
            )
        return item_type

    @field_validator("key_type")
    @classmethod
    def _hashable_key(cls, key_type: str) -> str:
        if _root_name(ast.parse(key_type, mode="eval").body) in _UNHASHABLE:
            raise ValueError(f"'{key_type}' is not hashable: give e.g. a str, int or tuple key")
        return key_type

    def module_outline(self) -> ModuleOutline:
        """One class: ``get`` and ``all``, the queries, and the cache when ``cached``."""
        cache = ["_items", "_load"] if self.cached else []
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=[
                        *generated("method", "get", "all", *cache),
                        *bindings(self, "queries", "method"),
                    ],
                    expressions=[
                        *expressions_in(self, "item_type", "key_type", "queries"),
                        Expression(f"{self.item_type} | None", ("item_type",)),
                    ],
                    generated_uses=["list", *(["dict", "cached_property"] if self.cached else [])],
                    signatures=[
                        Signature("get", [Binding(self.key_name, "parameter", ("key_name",))]),
                        *signatures(self, "queries", "parameters"),
                    ],
                )
            ],
            imports=self.declared_imports(),
            generated_imports=["functools.cached_property"] if self.cached else [],
        )


class ResourceRenderContext(ResourceContext, BaseRenderContext):
    """What the ``resource`` template receives."""
