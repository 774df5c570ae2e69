"""The Python-module base: a Context declares what its module binds; the base owns the rules.

A code plugin's Context subclasses ``PythonModuleContext`` and describes, in
``module_outline()``, the module its template generates: the classes, the names each class
body binds (the user's fields and methods with the location they come from, and the names the
template adds itself, declared once as data), the type and value expressions evaluated there,
and the imports (the user's and the template's). The base checks the outline and reports every
problem at the input location it comes from, all at once:

- a name bound twice in one scope (module, class body, a method's parameters), user-given or
  generated, imports the template writes included;
- a member whose name a type expression of the same class uses (``date: date | None`` followed
  by ``until: date`` fails at import: the field's default shadows the type);
- a pydantic field with a leading underscore (pydantic makes it a private attribute) or a name
  ``BaseModel`` defines; a dunder where the class cannot take one; a member named like the data
  Python's class machinery reads (``__slots__``, ``__qualname__``, ...);
- a name a type or value expression uses (quoted forward references included) that nothing
  defines, or the class being generated used unquoted inside its own body or as its own base;
  a builtin that is no type (``print``) used as one;
- a quoted forward reference joined with ``|`` (``'Order' | None`` fails when evaluated);
- two imports binding one name, an import binding a name the module defines, an unused import;
- a known standard constructor (``Decimal``, ``date``, ``UUID``, ...) called with literal
  arguments that raises (``Decimal('-  1')``): the module would not import.

``module_imports`` (a computed field) is every import the module needs, sorted: the template's
own, the known standard types the expressions use (``UUID``, ``Decimal``, ...) and the user's.
"""

import ast
import builtins
import symtable
import types
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Annotated, Final, Literal, Self, Union, get_args, get_origin

from pydantic import BaseModel, Field, ValidationError, computed_field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from scaffold_schemas.base import BaseContext
from scaffold_schemas.fields import ImportPath, PythonExpression, PythonTypeExpression
from scaffold_schemas.python_items import pydantic_field_name_problem
from scaffold_schemas.python_names import KNOWN_TYPE_IMPORTS, failing_known_calls

__all__ = [
    "Binding",
    "ClassOutline",
    "Expression",
    "Loc",
    "ModuleOutline",
    "PythonModuleContext",
    "Signature",
    "WithImports",
    "bindings",
    "expressions_in",
    "generated",
    "signatures",
]

Loc = tuple[str | int, ...]
"""Where a value sits in the input, as pydantic reports it: ``("fields", 0, "name")``."""

BindingKind = Literal["class", "method", "field", "attribute", "parameter", "function", "import"]

_BUILTINS: Final = frozenset(dir(builtins))
# Builtins an annotation cannot use as a type: functions and constants (``print``, ``len``,
# ``Ellipsis``); ``X | None`` fails on them and pydantic refuses them.
_BUILTIN_VALUES: Final = frozenset(
    name for name in _BUILTINS if not isinstance(getattr(builtins, name), type)
)
# Names class creation reads as data from the class body: a method there breaks the import
# (``__slots__``, ``__qualname__``, ``__classcell__``, 3.13's ``__firstlineno__`` and
# ``__static_attributes__``) or the class's identity (``__module__``, ``__doc__``, ``__dict__``).
_CLASS_DATA_NAMES: Final = frozenset(
    {
        "__slots__",
        "__qualname__",
        "__classcell__",
        "__firstlineno__",
        "__static_attributes__",
        "__module__",
        "__doc__",
        "__dict__",
        "__weakref__",
    }
)


@dataclass(frozen=True)
class Binding:
    """A name the generated code binds: a class, a method, a model field, an attribute.

    ``loc`` is where the user gave it; ``None`` when the template binds it on its own.
    """

    name: str
    kind: BindingKind
    loc: Loc | None = None


def generated(kind: BindingKind, *names: str) -> list[Binding]:
    """Bindings the template writes on its own, e.g. ``generated("method", "run")``."""
    return [Binding(name, kind) for name in names]


def bindings(model: BaseModel, field_name: str, kind: BindingKind) -> list[Binding]:
    """The names given in the list field ``field_name``: its strings, or its items' ``name``."""
    items: Sequence[object] = getattr(model, field_name)
    return [
        Binding(item, kind, (field_name, index))
        if isinstance(item, str)
        else Binding(getattr(item, "name"), kind, (field_name, index, "name"))  # noqa: B009
        for index, item in enumerate(items)
    ]


@dataclass(frozen=True)
class Expression:
    """Python source evaluated in the generated module: a type annotation or a value.

    ``generated`` marks source the template writes on its own (a built-in fixture's type):
    the template's own imports define its names. The user's source may use only what the
    user imports, the known types, the offered imports and the module's own names.
    """

    source: str
    loc: Loc
    annotation: bool = True
    generated: bool = False


@dataclass(frozen=True)
class Signature:
    """The parameters of one method, after ``self``: a scope of their own.

    ``method`` names the method in messages; ``self`` is bound first, so no parameter may
    take that name, and no two parameters may share one.
    """

    method: str
    parameters: Sequence[Binding]


def signatures(model: BaseModel, field_name: str, parameters: str = "params") -> list[Signature]:
    """The signature of each item of the list field ``field_name``.

    Each item has a ``name`` and a list field ``parameters`` whose items have a ``name``;
    each parameter's location is its place in the input, e.g. ``("queries", 0, "params",
    1, "name")``.
    """
    items: Sequence[BaseModel] = getattr(model, field_name)
    return [
        Signature(
            getattr(item, "name"),  # noqa: B009 -- any item model with a name
            [
                Binding(b.name, "parameter", (field_name, index, *(b.loc or ())))
                for b in bindings(item, parameters, "parameter")
            ],
        )
        for index, item in enumerate(items)
    ]


@dataclass(frozen=True)
class ClassOutline:
    """One class the template generates: its name, what its body binds and evaluates.

    ``model`` is true for a pydantic model, whose fields follow pydantic's naming rules.
    ``bases`` are evaluated in the module before the class exists (they must be defined or
    imported, and not the class itself). ``generated_uses`` are the names the template's
    own code in the class body evaluates (``list`` in ``-> list[Item]``, a decorator): no
    member may shadow them. ``signatures`` are the parameter lists of its methods whose
    parameters the input gives.
    """

    name: Binding
    members: Sequence[Binding] = ()
    expressions: Sequence[Expression] = ()
    model: bool = False
    bases: Sequence[Expression] = ()
    generated_uses: Sequence[str] = ()
    signatures: Sequence[Signature] = ()


@dataclass(frozen=True)
class ModuleOutline:
    """The module a template generates, as data the base checks.

    ``imports`` are the user's, each with its location; ``generated_imports`` are the paths
    (``module.Name``) the template writes for its own code; ``offered_imports`` are paths the
    user's expressions may use without importing them (written when used, like the known
    types: ``pytest`` for ``pytest.param``); ``names`` are module-level names besides the
    classes (functions, constants).
    """

    classes: Sequence[ClassOutline] = ()
    names: Sequence[Binding] = ()
    expressions: Sequence[Expression] = ()
    imports: Sequence[tuple[str, Loc]] = ()
    generated_imports: Sequence[str] = ()
    offered_imports: Sequence[str] = ()

    @cached_property
    def used_names(self) -> frozenset[str]:
        """Every free name the module's expressions use (quoted forward references too)."""
        return frozenset(name for e in self._expressions() for name in _free_names(e))

    def _expressions(self) -> list[Expression]:
        """The module's own expressions, then each class's bases and body expressions."""
        in_classes = (e for c in self.classes for e in [*c.bases, *c.expressions])
        return [*self.expressions, *in_classes]

    def module_imports(self) -> list[str]:
        """Every import the module needs as ``module.Name``, sorted."""
        user = [path for path, _ in self.imports]
        bound = {path.rpartition(".")[2] for path in [*user, *self.generated_imports]}
        bound.update(b.name for b in self._module_bindings())
        known = {
            KNOWN_TYPE_IMPORTS[name]
            for name in self._bare_names() - bound
            if name in KNOWN_TYPE_IMPORTS
        }
        offered = {p for p in self.offered_imports if p.rpartition(".")[2] in self.used_names}
        return sorted(known.union(user, self.generated_imports, offered))

    def _bare_names(self) -> set[str]:
        return {name for e in self._expressions() for name in _free_names(e, bare=True)}

    def _module_bindings(self) -> list[Binding]:
        return [*(outline.name for outline in self.classes), *self.names]

    def check(self) -> list[tuple[Loc, str, str]]:
        """Every problem as ``(location, error code, message)``; empty when all is well."""
        problems: list[tuple[Loc, str, str]] = []
        imported = generated("import", *(p.rpartition(".")[2] for p in self.generated_imports))
        problems += _repeated([*imported, *self._module_bindings()], "module")
        for outline in self.classes:
            problems += _class_problems(outline)
        problems += self._import_problems()
        problems += self._undefined_problems()
        problems += _quoted_union_problems(self._expressions())
        problems += self._import_time_problems()
        # One source may be declared twice (as given, and inside what the template makes of
        # it, e.g. ``item_type`` and ``item_type | None``): report each problem once.
        return list(dict.fromkeys(problems))

    def _import_problems(self) -> Iterator[tuple[Loc, str, str]]:
        bound: dict[str, str] = {}
        for path in self.generated_imports:
            bound.setdefault(path.rpartition(".")[2], path)
        defined = {b.name for b in self._module_bindings()}
        used = self.used_names
        for path, loc in self.imports:
            name = path.rpartition(".")[2]
            other = bound.setdefault(name, path)
            if name in defined:
                yield (
                    loc,
                    "import_clash",
                    (f"import '{path}' binds '{name}', a name the generated module defines"),
                )
            elif other != path:
                yield (
                    loc,
                    "import_clash",
                    (f"import '{path}' clashes with '{other}', which binds '{name}' too"),
                )
            elif name not in used:
                yield (
                    loc,
                    "unused_import",
                    (
                        f"import '{path}' is used by no type or value: remove it"
                        " (unused imports fail lint)"
                    ),
                )

    def _import_time_problems(self) -> Iterator[tuple[Loc, str, str]]:
        """Known constructors called with literal arguments that raise (``import_error``).

        The module evaluates the user's defaults, cases and constants when it is imported;
        a call to a name the module binds otherwise (an import of another path, a class, a
        member) is left alone, since that name is not the standard one.
        """
        bound: set[str] | None = None
        for expression in self._expressions():
            if expression.generated or "(" not in expression.source:
                continue
            if bound is None:
                # An import of the standard path itself (``decimal.Decimal``) binds the same.
                bound = {
                    name
                    for path in [
                        *(path for path, _ in self.imports),
                        *self.generated_imports,
                        *self.offered_imports,
                    ]
                    if KNOWN_TYPE_IMPORTS.get(name := path.rpartition(".")[2]) != path
                }
                bound.update(b.name for b in self._module_bindings())
                bound.update(m.name for c in self.classes for m in c.members)
            for message in failing_known_calls(expression.source, bound):
                yield expression.loc, "import_error", message

    def _undefined_problems(self) -> Iterator[tuple[Loc, str, str]]:
        imported = _Imported(
            {
                p.rpartition(".")[2]: p
                for p in [*(p for p, _ in self.imports), *self.offered_imports]
            },
            {p.rpartition(".")[2]: p for p in self.generated_imports},
        )
        module_names = {b.name for b in self._module_bindings()}
        for outline in self.classes:
            own = outline.name.name
            others = module_names - {own}
            for base in outline.bases:
                for name, bare, _ in _name_uses(base.source, annotation=False):
                    if name == own:
                        yield (
                            base.loc,
                            "own_class",
                            f"class '{own}' cannot derive from itself: name another base",
                        )
                    elif not _defined(name, imported.user.keys(), others, bare=bare):
                        yield base.loc, "undefined_name", imported.undefined(name, bare=bare)
            bound = module_names | {m.name for m in outline.members}
            for expression in outline.expressions:
                yield from _name_problems(expression, imported, bound, own=own)
        for expression in self.expressions:
            yield from _name_problems(expression, imported, module_names)


@dataclass(frozen=True)
class _Imported:
    """The names imports bind, as ``{name: "module.Name"}``: for the user, for the template."""

    user: dict[str, str]
    template: dict[str, str]

    @cached_property
    def _all(self) -> frozenset[str]:
        return frozenset({*self.user, *self.template})

    def visible(self, expression: Expression) -> Collection[str]:
        """The imported names ``expression`` may use (shared, not copied per expression)."""
        return self._all if expression.generated else self.user.keys()

    def undefined(self, name: str, *, bare: bool) -> str:
        """Why ``name`` is undefined in the user's source."""
        path = self.template.get(name)
        if path is None or name in self.user:
            return _undefined(name, bare=bare)
        return (
            f"'{name}' is imported by the template for its own code, not for the input's types"
            f" and values: add '{path}' to imports to use it"
        )


def _name_problems(
    expression: Expression, imports: _Imported, bound: Collection[str], own: str | None = None
) -> Iterator[tuple[Loc, str, str]]:
    """Each name ``expression`` uses that is undefined, no type, or its own class.

    Undefined: no builtin, visible import or ``bound`` name defines it; no type: a builtin
    function or constant in an annotation; its own class: ``own`` unquoted inside its own
    body.
    """
    imported = imports.visible(expression)
    for name, bare, quoted in _name_uses(expression.source, annotation=expression.annotation):
        if name == own and not quoted:
            yield (
                expression.loc,
                "own_class",
                (
                    f"'{own}' is not defined yet inside its own class body: write 'Self'"
                    f" (import typing.Self) or the quoted forward reference '\"{own}\"'"
                ),
            )
        elif not _defined(name, imported, bound, bare=bare):
            yield expression.loc, "undefined_name", imports.undefined(name, bare=bare)
        elif (
            expression.annotation
            and bare
            and name in _BUILTIN_VALUES
            and name not in imported
            and name not in bound
        ):
            yield (
                expression.loc,
                "not_a_type",
                (
                    f"'{name}' is Python's builtin {type(getattr(builtins, name)).__name__},"
                    " not a type: write a type such as 'int' or 'Callable[[str], None]'"
                ),
            )


def _quoted_union_problems(expressions: Iterable[Expression]) -> Iterator[tuple[Loc, str, str]]:
    """Each expression where ``|`` joins a quoted forward reference: evaluating it fails."""
    for expression in expressions:
        if _joins_quoted_reference(expression.source):
            yield (
                expression.loc,
                "quoted_union",
                (
                    f"{expression.source}: '|' cannot join a quoted forward reference (Python"
                    " evaluates it and fails): write the type unquoted, or quote the whole"
                    " union"
                ),
            )


@lru_cache(maxsize=1 << 14)
def _joins_quoted_reference(source: str) -> bool:
    """Whether ``|`` joins a quoted string in ``source`` (cached: see ``_name_uses``)."""
    return any(
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.BitOr)
        and any(_is_string(side) for side in (node.left, node.right))
        for node in ast.walk(ast.parse(source.strip(), mode="eval"))
    )


def _is_string(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _defined(name: str, imported: Collection[str], bound: Collection[str], *, bare: bool) -> bool:
    """Whether ``name`` is defined: a builtin, imported, bound, or a known type used bare.

    A known type counts only on its own: ``datetime.date`` needs ``datetime`` imported as a
    module, which scaffold does not do.
    """
    return (
        name in _BUILTINS
        or name in imported
        or name in bound
        or (bare and name in KNOWN_TYPE_IMPORTS)
    )


def _undefined(name: str, *, bare: bool) -> str:
    if not bare and name in KNOWN_TYPE_IMPORTS:
        return (
            f"'{name}' is used as a module, which nothing imports: write the type's own name"
            f" (scaffold imports {name} when used on its own) or add the import"
        )
    return f"'{name}' is defined by nothing: add it as 'module.Name' to imports"


def _class_problems(outline: ClassOutline) -> Iterator[tuple[Loc, str, str]]:
    yield from _repeated(outline.members, f"class '{outline.name.name}'")
    for signature in outline.signatures:
        parameters = [*generated("parameter", "self"), *signature.parameters]
        yield from _repeated(parameters, f"parameters of method '{signature.method}'")
    in_types = {n for e in outline.expressions if e.annotation for n in _free_names(e)}
    in_types.update(outline.generated_uses)
    in_values = {n for e in outline.expressions if not e.annotation for n in _free_names(e)}
    for member in outline.members:
        if member.loc is None:
            continue
        if member.name in in_types or (member.kind != "attribute" and member.name in in_values):
            yield (
                member.loc,
                "shadows_type",
                (
                    f"{member.kind} '{member.name}' is also a name the class's types or values"
                    f" use: in the class body the {member.kind} would shadow it; rename the"
                    f" {member.kind}"
                ),
            )
        elif member.name in _CLASS_DATA_NAMES:
            yield (
                member.loc,
                "reserved_name",
                (
                    f"{member.kind} '{member.name}': Python's class machinery reads this name"
                    " from the class body, the generated class would break; choose another name"
                ),
            )
        elif outline.model and member.kind == "field":
            yield from _pydantic_field_problems(member)
        elif member.kind != "method" and _is_dunder(member.name):
            yield (
                member.loc,
                "dunder",
                (f"{member.kind} '{member.name}': dunder names are reserved for Python"),
            )
    own = {member.name: member.kind for member in outline.members if member.loc is None}
    for expression in outline.expressions:
        for name in sorted(_free_names(expression) & own.keys() if expression.annotation else ()):
            yield (
                expression.loc,
                "shadows_type",
                (
                    f"'{name}' is something the generated class defines itself ({own[name]}),"
                    " not a type: name the type you mean (import it if needed)"
                ),
            )


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def _pydantic_field_problems(member: Binding) -> Iterator[tuple[Loc, str, str]]:
    problem = pydantic_field_name_problem(member.name, member.kind)
    if problem and member.loc is not None:
        yield member.loc, "pydantic_field_name", problem


def _repeated(bindings: Iterable[Binding], scope: str) -> Iterator[tuple[Loc, str, str]]:
    """Each binding of a name bound earlier in the same scope, at its own location."""
    first: dict[str, Binding] = {}
    for binding in bindings:
        earlier = first.setdefault(binding.name, binding)
        if earlier is binding:
            continue
        culprit = binding if binding.loc is not None else earlier
        if culprit.loc is None:
            continue  # two generated names: a template bug the core's output check reports
        other = earlier if culprit is binding else binding
        origin = "generated by the template" if other.loc is None else "given earlier"
        article = "an" if other.kind[0] in "aeiou" else "a"
        yield (
            culprit.loc,
            "repeated_name",
            (
                f"'{binding.name}' is bound twice in the {scope} (the other is {article}"
                f" {other.kind} {origin}): names must be unique"
            ),
        )


# The same source recurs in one module (a type used by many fields) and the module is checked
# several times per run (validation, imports, rendering): analyse each source once.
@lru_cache(maxsize=1 << 14)
def _name_uses(source: str, *, annotation: bool = True) -> tuple[tuple[str, bool, bool], ...]:
    """Each free name of ``source``: ``(name, used on its own, inside a quoted reference)``.

    In an annotation a string is a forward reference and its names count, except the
    arguments of ``Literal[...]`` and the metadata of ``Annotated[...]``, which are values.
    """
    text = source.strip()
    return tuple(_uses(ast.parse(text, mode="eval"), text, annotation=annotation, quoted=False))


# The nodes that bind names of their own inside an expression; without them every name is free.
_BINDING_NODES: Final = (
    ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.NamedExpr
)  # fmt: skip


def _uses(
    tree: ast.AST, source: str, *, annotation: bool, quoted: bool
) -> Iterator[tuple[str, bool, bool]]:
    """The free names of ``tree``, parsed from ``source``, in one walk of its nodes."""
    nodes = list(ast.walk(tree))
    roots = {id(node.value) for node in nodes if isinstance(node, ast.Attribute)}
    values = {id(part) for node in nodes for part in _value_parts(node)}
    binds = any(isinstance(node, _BINDING_NODES) for node in nodes)
    free = _read_from_outside(source) if binds else None
    for node in nodes:
        if isinstance(node, ast.Name):
            if free is None or node.id in free:
                yield node.id, id(node) not in roots, quoted
        elif annotation and isinstance(node, ast.Constant) and isinstance(node.value, str):
            reference = _forward_reference(node.value) if id(node) not in values else None
            if reference is not None:
                yield from _uses(reference, node.value.strip(), annotation=True, quoted=True)


@lru_cache(maxsize=4096)
def _read_from_outside(source: str) -> frozenset[str]:
    """The names the expression ``source`` reads from its surroundings.

    Not the ones it binds for itself: a lambda's parameters, a comprehension's targets, the
    target of an assignment expression.
    """
    top = symtable.symtable(source, "<expression>", "eval")
    free: set[str] = set()
    tables = [top]
    while tables:
        table = tables.pop()
        for symbol in table.get_symbols():
            outside = symbol.is_global() if table is not top else not symbol.is_assigned()
            if symbol.is_referenced() and outside:
                free.add(symbol.get_name())
        tables.extend(table.get_children())
    return frozenset(free)


def _value_parts(node: ast.AST) -> list[ast.AST]:
    """The parts of a subscript that are values, not types: ``Literal`` and ``Annotated`` args."""
    if not isinstance(node, ast.Subscript):
        return []
    base = node.value
    name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
    parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    if name == "Literal":
        return [inner for part in parts for inner in ast.walk(part)]
    if name == "Annotated":
        return [inner for part in parts[1:] for inner in ast.walk(part)]
    return []


def _forward_reference(text: str) -> ast.Expression | None:
    """``text`` parsed as a quoted type annotation, or ``None`` when it is no expression."""
    try:
        return ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return None


def _free_names(expression: Expression, *, bare: bool = False) -> set[str]:
    uses = _name_uses(expression.source, annotation=expression.annotation)
    return {name for name, alone, _ in uses if alone or not bare}


class PythonModuleContext(BaseContext):
    """Base of a Context whose template generates one Python module.

    Subclasses implement ``module_outline()``; the base validates it after the fields and
    offers ``module_imports`` to the template. Raises ``ValidationError`` (through pydantic)
    with one error per problem, at the location the culprit was given.
    """

    def module_outline(self) -> ModuleOutline:
        """The module the template generates; subclasses describe theirs."""
        return ModuleOutline()

    @model_validator(mode="after")
    def _check_module(self) -> Self:
        problems = self.module_outline().check()
        if problems:
            errors: list[InitErrorDetails] = [
                {"type": PydanticCustomError(code, message), "loc": loc, "input": _at(self, loc)}
                for loc, code, message in problems
            ]
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def module_imports(self) -> list[str]:
        """Every import the generated module writes, as ``module.Name``, sorted."""
        return self.module_outline().module_imports()


class WithImports(BaseModel):
    """Mixin: the user declares what the module's types and defaults need imported."""

    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the types and defaults need beyond builtins and common standard"
        " types (date, datetime, Decimal, UUID, Path, Any, ...), as 'module.Name'.",
    )

    def declared_imports(self) -> list[tuple[str, Loc]]:
        """The user's imports, each with its location."""
        return [(path, ("imports", index)) for index, path in enumerate(self.imports)]


def _at(model: BaseModel, loc: Loc) -> object:
    """The input value at ``loc`` (for the error report), or ``None`` when it is not there."""
    value: object = model
    for part in loc:
        if isinstance(part, int) and isinstance(value, Sequence):
            value = value[part] if part < len(value) else None
        elif isinstance(part, str):
            value = getattr(value, part, None)
    return value.model_dump() if isinstance(value, BaseModel) else value


_TYPE_MARKS: Final = frozenset(map(id, get_args(PythonTypeExpression)[1:]))
_VALUE_MARKS: Final = frozenset(map(id, get_args(PythonExpression)[1:]))


def expressions_in(model: BaseModel, *field_names: str) -> list[Expression]:
    """Every ``PythonTypeExpression`` and ``PythonExpression`` under the named fields.

    The field types declare what is Python source: the walk follows nested models, lists and
    optional values, so a plugin never lists its expressions by hand.
    """
    found: list[Expression] = []
    plans = _plans(type(model))
    for name in field_names:
        _walk(plans[name], getattr(model, name), (name,), found)
    return found


@dataclass(frozen=True)
class _Plan:
    """What a field's annotation says to look for in its value, worked out once per class.

    ``expression``: the annotation marks Python source, a type (``True``) or a value
    (``False``); ``options``: a union's options but ``None``; ``item``: the plan of a list's
    items.
    """

    expression: bool | None
    options: tuple["_Plan", ...]
    item: "_Plan | None"


def _walk(plan: _Plan, value: object, loc: Loc, found: list[Expression]) -> None:
    if value is None:
        return
    if plan.expression is not None and isinstance(value, str):
        found.append(Expression(value, loc, annotation=plan.expression))
    elif isinstance(value, BaseModel):
        for name, field_plan in _plans(type(value)).items():
            _walk(field_plan, getattr(value, name), (*loc, name), found)
    elif plan.options:
        for option in plan.options:
            _walk(option, value, loc, found)
    elif plan.item is not None and isinstance(value, list):
        for index, item in enumerate(value):
            _walk(plan.item, item, (*loc, index), found)


# Per model class, not per value: reading an annotation costs more than the walk itself.
@lru_cache(maxsize=256)
def _plans(model: type[BaseModel]) -> dict[str, _Plan]:
    """Each field's plan, from its annotation and metadata (which pydantic keeps apart)."""
    return {
        name: _plan(
            Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
        )
        for name, info in model.model_fields.items()
    }


def _plan(annotation: object) -> _Plan:
    expression: bool | None = None
    if get_origin(annotation) is Annotated:
        marks = {id(mark) for mark in annotation.__metadata__}  # type: ignore[attr-defined]
        if marks & (_TYPE_MARKS | _VALUE_MARKS):
            expression = bool(marks & _TYPE_MARKS)
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        options = tuple(
            _plan(option) for option in get_args(annotation) if option is not type(None)
        )
        return _Plan(expression, options, None)
    arguments = get_args(annotation)
    return _Plan(expression, (), _plan(arguments[0]) if arguments else None)
