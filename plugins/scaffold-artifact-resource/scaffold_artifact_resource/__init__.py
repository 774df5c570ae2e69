"""Artifact type ``resource``: a read-only data provider.

The generated class looks items up by key (``get``), lists them (``all``) and answers the
extra read-only queries the user names. With ``cached`` it loads every item once, on first
use, and serves later reads from memory.
"""

import ast
from typing import Final, Self

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
    TypedName,
    defined_name_problem,
    parameter_problem,
    required_imports,
    undefined_names_problem,
    unique_names_problem,
    unused_import_problem,
    used_names,
)

__all__ = ["ResourceContext", "ResourceParameter", "ResourceQuery", "ResourceRenderContext"]

# Methods the generated class defines itself.
_GENERATED_METHODS: Final = frozenset({"get", "all", "_items", "_load"})

# Names the generated class body reads (annotations, decorator) that a method must not shadow.
_CLASS_BODY_NAMES: Final = frozenset({"list", "dict", "cached_property"})

# Verbs that name a method which changes data: a read-only resource has none.
_MUTATING_VERBS: Final = frozenset(
    {
        "add",
        "append",
        "clear",
        "create",
        "delete",
        "discard",
        "drop",
        "insert",
        "pop",
        "purge",
        "put",
        "remove",
        "replace",
        "reset",
        "save",
        "set",
        "store",
        "update",
        "upsert",
        "write",
    }
)

# Key types whose values cannot be dictionary keys.
_UNHASHABLE: Final = frozenset({"list", "dict", "set", "bytearray"})

_CACHED_PROPERTY: Final = "functools.cached_property"


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
    def parameter_list(self) -> list[str]:
        """The parameters as ``name: type`` source, ready for a signature."""
        return [parameter.declaration for parameter in self.parameters]

    @model_validator(mode="after")
    def _read_only(self) -> Self:
        verb = self.name.lstrip("_").partition("_")[0]
        if verb in _MUTATING_VERBS:
            raise ValueError(
                f"query '{self.name}' is named like a method that changes data ('{verb}'):"
                " a resource is read-only"
            )
        if self.name in _GENERATED_METHODS or self.name.startswith("__"):
            raise ValueError(f"query name '{self.name}' is taken by the generated class")
        problem = parameter_problem(self.parameters)
        if problem:
            raise ValueError(f"query '{self.name}': {problem}")
        return self


def _union_members(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp):
        return [*_union_members(node.left), *_union_members(node.right)]
    return [node]


def _root_name(expression: str) -> str | None:
    node = ast.parse(expression, mode="eval").body
    if isinstance(node, ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


class ResourceContext(BaseContext):
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
    cached: bool = Field(
        default=False,
        description="Load every item once, on first use, and serve reads from memory"
        " (functools.cached_property); else each read goes to the source.",
    )
    queries: list[ResourceQuery] = Field(
        default_factory=list, description="Extra read-only methods besides get() and all()."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the types need beyond builtins and common standard types,"
        " as 'module.Name'.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        members = _union_members(ast.parse(self.item_type, mode="eval").body)
        constants = [member.value for member in members if isinstance(member, ast.Constant)]
        if None in constants or _root_name(self.item_type) == "Optional":
            raise ValueError(
                f"item_type '{self.item_type}' includes None: give the item's own type,"
                " get() adds '| None'"
            )
        if any(isinstance(value, str) for value in constants):
            raise ValueError(
                f"item_type '{self.item_type}' is a string (a forward reference), which"
                " 'X | None' cannot take: write the type itself and add it to imports"
            )
        if _root_name(self.key_type) in _UNHASHABLE:
            raise ValueError(f"key_type '{self.key_type}' is not hashable; use e.g. a tuple")
        if self.key_name == "self":
            raise ValueError("key_name may not be 'self'")
        problem = unique_names_problem("query", [query.name for query in self.queries])
        if problem:
            raise ValueError(problem)
        self._check_imports()
        return self

    def _check_imports(self) -> None:
        types = self._types()
        problem = undefined_names_problem(types, self.imports, what="types")
        if problem:
            raise ValueError(problem)
        used = used_names(types)
        shadowing = sorted((used | _CLASS_BODY_NAMES).intersection(q.name for q in self.queries))
        if shadowing:
            raise ValueError(
                f"query name {', '.join(repr(name) for name in shadowing)} would shadow the"
                " type or decorator of that name in the class body: rename the query"
            )
        problem = defined_name_problem(
            self.imports, {self.name, "cached_property"}
        ) or unused_import_problem(self.imports, types)
        if problem:
            raise ValueError(problem)

    def _types(self) -> list[str]:
        types = [self.item_type, self.key_type]
        for query in self.queries:
            types += [query.returns, *(parameter.type for parameter in query.parameters)]
        return types

    @computed_field  # type: ignore[prop-decorator]
    @property
    def module_imports(self) -> list[str]:
        """Every import of the generated module, as ``module.Name``."""
        extra = [_CACHED_PROPERTY] if self.cached else []
        return required_imports(self._types(), self.imports) + extra


class ResourceRenderContext(ResourceContext, BaseRenderContext):
    """What the ``resource`` template receives."""
