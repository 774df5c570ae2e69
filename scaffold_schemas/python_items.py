"""Reusable item models and checks for the Python that code plugins generate.

The models are the list items of a Context: a ``TypedName`` (a parameter without a default,
an injected dependency), a ``Parameter`` (with an optional default and description), a
``Method`` over either, and a ``ModelField`` of a generated pydantic model. A plugin
subclasses them to give the item its own name and docstring, and to add its own rules.

The checks return a problem message, or ``None`` when all is well, so that a validator can
chain them with ``or`` and raise the first: they keep generated modules free of undefined
names, unused imports and imports that clash with each other or with generated names.
"""

from collections.abc import Iterable, Mapping
from typing import ClassVar, Final, Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, computed_field, model_validator

from scaffold_schemas.fields import (
    PythonExpression,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
)
from scaffold_schemas.python_names import undefined_names, used_names

__all__ = [
    "Method",
    "ModelField",
    "Parameter",
    "TypedName",
    "defined_name_problem",
    "generated_import_problem",
    "import_problem",
    "method_summary",
    "own_class_problem",
    "parameter_problem",
    "pydantic_field_name_problem",
    "repeated_import_problem",
    "repeated_names",
    "shadowing_problem",
    "undefined_names_problem",
    "unique_names_problem",
    "unused_import_problem",
]

# Names a pydantic field may not take because BaseModel already defines them.
_RESERVED_FIELD_NAMES = frozenset(dir(BaseModel))


def repeated_names(names: Iterable[str]) -> list[str]:
    """The names that occur more than once in ``names``, sorted."""
    names = list(names)
    return sorted({name for name in names if names.count(name) > 1})


def unique_names_problem(kind: str, names: Iterable[str]) -> str | None:
    """A message naming the repeated names, e.g. ``method names must be unique; ...``."""
    repeated = repeated_names(names)
    if repeated:
        return f"{kind} names must be unique; repeated: {', '.join(repeated)}"
    return None


class TypedName(BaseModel):
    """A snake_case name with a type annotation: a parameter without a default, a dependency."""

    # defer_build (here, on Method and ModelField, and so on their subclasses): a model's
    # validator is built when it first validates; a plugin that imports this module for a
    # function (a worker, for method_summary) does not pay for these models.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: SnakeCaseName = Field(description="The parameter name, snake_case.")
    type: PythonTypeExpression = Field(description="Its type annotation, e.g. 'UUID'.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def declaration(self) -> str:
        """The name as written in a signature: ``name: type``."""
        return f"{self.name}: {self.type}"


class Parameter(TypedName):
    """A parameter that may have a default value and a description of its own."""

    default: PythonExpression | None = Field(
        default=None, description="A default value as Python source, e.g. 'None' or '3'."
    )
    description: SingleLineText | None = Field(
        default=None, description="What the argument means; listed under 'Args:'."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def declaration(self) -> str:
        """The parameter as written in a signature, e.g. ``limit: int = 10``."""
        head = super().declaration
        return head if self.default is None else f"{head} = {self.default}"


def parameter_problem(params: Iterable[TypedName]) -> str | None:
    """What is wrong with a parameter list that follows ``self``, or ``None``.

    No parameter may be named ``self``, no name may repeat, and (for ``Parameter`` items) a
    parameter without a default may not follow one with a default.
    """
    params = list(params)
    names = [param.name for param in params]
    if "self" in names:
        return "a parameter may not be named 'self'"
    repeated = repeated_names(names)
    if repeated:
        return f"parameter names must be unique; repeated: {', '.join(repeated)}"
    defaulted = False
    for param in params:
        has_default = isinstance(param, Parameter) and param.default is not None
        if defaulted and not has_default:
            return (
                f"parameter '{param.name}' has no default but follows one that has;"
                " move it before them"
            )
        defaulted = defaulted or has_default
    return None


def method_summary(name: str) -> str:
    """The docstring of a method without a description: its name as a sentence.

    ``reserve_stock`` and ``_reserve_stock`` give ``Reserve stock.``; a dunder gives
    ``Implement ``__call__``.``.
    """
    if name.startswith("__") and name.endswith("__"):
        return f"Implement ``{name}``."
    return name.replace("_", " ").strip().capitalize() + "."


ParameterT = TypeVar("ParameterT", bound=TypedName)


class Method(BaseModel, Generic[ParameterT]):
    """A method generated as a stub or a protocol member, with its parameters after ``self``.

    Subclass it with the parameter type, e.g. ``class AdapterMethod(Method[TypedName])``;
    ``kind`` is how messages name it (``"operation"`` for a service).
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    kind: ClassVar[str] = "method"

    name: SnakeCaseName = Field(
        description="The method name, snake_case; dunders such as '__call__' are allowed."
    )
    params: list[ParameterT] = Field(
        default_factory=list, description="Its parameters after self, in order."
    )
    returns: PythonTypeExpression = Field(
        default="None", description="Its return type annotation."
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what it does; its docstring."
    )
    is_async: StrictBool = Field(default=False, description="Generate an 'async def'.")

    @model_validator(mode="after")
    def _valid_params(self) -> Self:
        problem = parameter_problem(self.params)
        if problem:
            raise ValueError(f"{self.kind} '{self.name}': {problem}")
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def signature(self) -> list[str]:
        """The parameters after ``self`` as source, e.g. ``["amount: Decimal"]``."""
        return [param.declaration for param in self.params]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """The docstring: the description, else the name as a sentence."""
        return self.description or method_summary(self.name)

    def type_expressions(self) -> list[str]:
        """Every type annotation of the method: its parameters' types, then its return type."""
        return [param.type for param in self.params] + [self.returns]


MAX_DECLARATION: Final = 80
"""The longest ``name: type`` of a ``ModelField`` with a default or a description: indented 4
and followed by `` = (``, the line holds 88 columns, ruff format's line length."""
MAX_BARE_DECLARATION: Final = 84
"""The longest ``name: type`` of a ``ModelField`` with neither: indented 4, 88 columns."""


class ModelField(BaseModel):
    """One field of a generated pydantic model; ``kind`` is how messages name it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    kind: ClassVar[str] = "field"

    name: SnakeCaseName = Field(description="The attribute name, snake_case.")
    type: PythonTypeExpression = Field(description="Its type annotation, e.g. 'list[str]'.")
    description: SingleLineText | None = Field(default=None, description="What it holds.")
    default: PythonExpression | None = Field(
        default=None,
        description="A default value as Python source, e.g. '0' or '\"EUR\"'; without one"
        " the field is required.",
    )

    @model_validator(mode="after")
    def _valid_name(self) -> Self:
        problem = self.name_problem() or self.declaration_problem()
        if problem:
            raise ValueError(problem)
        return self

    def declaration_problem(self) -> str | None:
        """Why ``name: type`` cannot be laid out on its line as ruff format would, or None.

        Longer than ``MAX_DECLARATION`` (a ``Field(...)`` follows) or ``MAX_BARE_DECLARATION``
        (nothing follows), ruff format splits the annotation itself, by rules of its own.
        """
        declared = f"{self.name}: {self.type}"
        valued = self.default is not None or self.description is not None
        limit = MAX_DECLARATION if valued else MAX_BARE_DECLARATION
        if len(declared) <= limit:
            return None
        line = "    name: type = (" if valued else "    name: type"
        longer = "name" if len(self.name) >= len(self.type) else "type"
        return (
            f"{self.kind} '{declared}' is {len(declared)} characters as the module writes it;"
            f" it must fit in {limit}, so that '{line}' holds in 88 columns (ruff format's"
            f" line length): shorten the {longer}"
        )

    def name_problem(self) -> str | None:
        """What is wrong with the name as a pydantic field; a subclass may add rules."""
        return pydantic_field_name_problem(self.name, self.kind)


def pydantic_field_name_problem(name: str, kind: str = "field") -> str | None:
    """Why pydantic cannot take ``name`` as a field, or ``None``.

    A leading underscore makes a private attribute, not a field; ``BaseModel`` defines the
    other names (``copy``, ``schema``, every ``model_*``). ``kind`` names it in the message.
    """
    if name.startswith("_"):
        return (
            f"{kind} name '{name}' starts with '_': pydantic would make it a private"
            " attribute, not a field; remove the underscore"
        )
    if name in _RESERVED_FIELD_NAMES or name.startswith("model_"):
        return f"{kind} name '{name}' is reserved by pydantic.BaseModel"
    return None


def shadowing_problem(kind: str, names: Iterable[str], types: Iterable[str]) -> str | None:
    """Member ``names`` that ``types`` also use: in the class body the member would win."""
    shadowing = sorted(used_names(types).intersection(names))
    if shadowing:
        return (
            f"{kind} names {', '.join(shadowing)} are also used in type annotations, where"
            f" the method would shadow the type: rename the {kind}s"
        )
    return None


def own_class_problem(class_name: str, expressions: Iterable[str]) -> str | None:
    """``expressions`` use the class being generated, which its own body cannot see yet."""
    if class_name in used_names(expressions):
        return (
            f"'{class_name}' is not defined yet inside its own class body: write 'Self'"
            f" (import typing.Self) or the quoted forward reference '\"{class_name}\"'"
        )
    return None


def undefined_names_problem(
    expressions: Iterable[str],
    imports: Iterable[str],
    *,
    bound: Iterable[str] = (),
    what: str = "the types",
) -> str | None:
    """Names ``expressions`` use that no builtin, known type, import or ``bound`` name defines.

    ``what`` names the expressions in the message, e.g. ``"field types or defaults"``.
    """
    undefined = sorted(set(undefined_names(expressions, imports)).difference(bound))
    if undefined:
        return (
            f"{what} use {', '.join(undefined)}, which nothing defines:"
            " add each as 'module.Name' to imports"
        )
    return None


def _clash(imports: Iterable[str], bound: dict[str, str], *, remember: bool) -> str | None:
    """The first import binding a name that ``bound`` maps to another module."""
    for path in imports:
        name = path.rpartition(".")[2]
        other = bound.setdefault(name, path) if remember else bound.get(name, path)
        if other != path:
            return f"import '{path}' clashes with '{other}', which binds '{name}' too"
    return None


def repeated_import_problem(imports: Iterable[str]) -> str | None:
    """Two ``module.Name`` imports from different modules that bind the same name."""
    return _clash(imports, {}, remember=True)


def generated_import_problem(imports: Iterable[str], generated: Mapping[str, str]) -> str | None:
    """An import binding a name that the module imports itself from elsewhere.

    ``generated`` maps each name the template imports on its own to its ``module.Name``;
    importing the very same path again is allowed.
    """
    return _clash(imports, dict(generated), remember=False)


def defined_name_problem(imports: Iterable[str], defined: Iterable[str]) -> str | None:
    """An import binding a name the generated module defines (or imports) itself."""
    defined = set(defined)
    for path in imports:
        name = path.rpartition(".")[2]
        if name in defined:
            return f"import '{path}' binds '{name}', a name the generated module binds itself"
    return None


def unused_import_problem(imports: Iterable[str], expressions: Iterable[str]) -> str | None:
    """Imports whose name ``expressions`` never use (unused imports fail lint)."""
    used = used_names(expressions)
    unused = [path for path in dict.fromkeys(imports) if path.rpartition(".")[2] not in used]
    if unused:
        return (
            f"imports {', '.join(unused)}: used by no type or value, remove them"
            " (unused imports fail lint)"
        )
    return None


def import_problem(
    expressions: Iterable[str],
    imports: Iterable[str],
    *,
    class_name: str | None = None,
    generated: Mapping[str, str] | None = None,
    defined: Iterable[str] = (),
    bound: Iterable[str] = (),
    what: str = "the types",
) -> str | None:
    """The first problem with the names and imports of a generated module, or ``None``.

    In order: an import binds a ``defined`` name (give the class name here too), the
    ``expressions`` use ``class_name`` inside its own body or a name nothing defines
    (``bound`` names count as defined), two imports bind one name, an import clashes with
    the ``generated`` imports, an import is unused.
    """
    expressions, imports = list(expressions), list(imports)
    return (
        defined_name_problem(imports, defined)
        or (own_class_problem(class_name, expressions) if class_name else None)
        or undefined_names_problem(expressions, imports, bound=bound, what=what)
        or repeated_import_problem(imports)
        or generated_import_problem(imports, generated or {})
        or unused_import_problem(imports, expressions)
    )
