"""The fields of a legacy template's Context: each variable's type, as the template shows it.

Facts are gathered over the whole chain, for each context variable and each attribute read
on it (or on the variable of a loop over it, or named by ``selectattr('a')``,
``map(attribute='a')``, ``sort(attribute='a')``, ``groupby('a')``, ``sum(attribute='a')``).
A ``set`` name holding a variable (``set xs = items | default([])``) stands for it. Then,
in this order:

- ``many``: iterated by ``for``, indexed with a number, or given to a list filter (``join``,
  ``sort``, ``map``, ``select``, ``first``, ...), or a list default (``default([])``);
- ``model``: attributes are read on it (or its items): those attributes are its ``fields``,
  typed by the same rules, down to ``MODEL_DEPTH`` levels of models (``methods[].params[]``
  is two: a model whose attribute is a list of models); deeper, an attribute that has
  attributes itself is a ``line``. Method calls (``x.endswith(...)``) are no attributes;
- ``number``: an operand of ``-``, ``*``, ``/``, ``//``, ``%``, ``**``, of ``+`` with a number
  literal, of an ordering comparison (``<``, ``>=``, ...) or ``==``/``!=`` with a number
  literal, or given to ``round``/``abs``; ``integer`` instead when its default literal is an
  integer;
- the type of its default literal: text → ``line``, integer → ``integer``, float →
  ``number``, ``true``/``false`` → ``boolean``;
- ``boolean``: read only as an ``if`` (or conditional expression) condition, never as a value;
- ``text``: given to ``wordwrap`` or ``indent``, or split with ``.splitlines()``;
- otherwise ``line``.

``required`` comes from ``introspect`` (the one classifier) for the variables. An attribute
is optional when every read of it is guarded, by ``| default``, ``is defined``, ``is none``
or an ``if`` (or conditional expression) that tests it, as ``introspect`` has it, except
that an empty-text default (``| default('')``) on an attribute never tested is no guard.
``default`` is the one scalar, non-empty literal of its ``| default(...)`` reads (two
different literals: none), for an optional, single, non-model field whose type it fits.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from jinja2 import nodes

from scaffold_core.render.introspect import presence_parts

__all__ = ["MODEL_DEPTH", "infer_fields"]

MODEL_DEPTH: Final = 2
"""How many levels of models ``fields`` nest: 1 is a model of scalars, 2 a model whose
attributes may be models (or lists of models) of scalars. The one place to match the depth
the ``artifact_plugin`` type accepts."""

_PASS_THROUGH: Final = frozenset(
    {"default", "d", "sort", "list", "select", "reject", "selectattr", "rejectattr", "unique"}
)
_LIST_FILTERS: Final = frozenset(
    {
        "join",
        "sort",
        "list",
        "select",
        "reject",
        "selectattr",
        "rejectattr",
        "map",
        "unique",
        "reverse",
        "first",
        "last",
        "batch",
        "slice",
        "sum",
        "min",
        "max",
        "groupby",
    }
)
_ATTRIBUTE_ARGUMENT: Final = frozenset({"selectattr", "rejectattr", "groupby"})
_NUMBER_FILTERS: Final = frozenset({"round", "abs"})
_TEXT_FILTERS: Final = frozenset({"wordwrap", "indent"})
_ARITHMETIC: Final = (nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow)
_ORDERING: Final = frozenset({"lt", "lteq", "gt", "gteq"})
_EQUALITY: Final = frozenset({"eq", "ne"})
_COMPUTED: Final = object()
_DEFAULTS: Final = frozenset({"default", "d"})
_FITS: Final[dict[str, set[type]]] = {
    "line": {str},
    "text": {str},
    "integer": {int},
    "number": {int, float},
    "boolean": {bool},
}


@dataclass
class _Facts:
    """What the template shows about one variable or attribute."""

    iterated: bool = False
    numeric: bool = False
    multiline: bool = False
    conditions: int = 0
    values: int = 0
    unguarded: int = 0
    placeholders: int = 0  # reads guarded by an empty-text default alone
    literals: list[object] = field(default_factory=list)
    attributes: dict[str, "_Facts"] = field(default_factory=dict)

    def attribute(self, name: str) -> "_Facts":
        return self.attributes.setdefault(name, _Facts())


@dataclass(frozen=True)
class _Item:
    """An item of a list variable: the loop variable of ``for a in items``, ``items[0]``."""

    of: _Facts


_Subject = _Facts | _Item | None


def infer_fields(
    trees: Iterable[nodes.Template], required: Mapping[str, bool]
) -> list[dict[str, object]]:
    """The ``fields`` entries of the ``artifact_plugin`` input for ``required``'s variables.

    ``required`` maps each context variable (as ``introspect`` found it) to its verdict; the
    fields come in the order the chain first reads them.
    """
    walker = _Walker({name: _Facts() for name in required})
    for tree in trees:
        walker.visit_all(tree.body, {}, condition=False)
    order = sorted(required, key=lambda name: walker.first.get(name, len(walker.first)))
    return [_field(name, walker.facts[name], required=required[name]) for name in order]


def _field(name: str, facts: _Facts, *, required: bool, depth: int = 0) -> dict[str, object]:
    """One ``fields`` entry; ``depth``: how many models enclose it."""
    many = facts.iterated or any(isinstance(value, list) for value in facts.literals)
    entry: dict[str, object] = {"name": name}
    if facts.attributes and depth < MODEL_DEPTH:
        entry["type"] = "model"
        entry["many"] = many
        entry["required"] = required
        entry["fields"] = [
            _field(attribute, inner, required=_required(inner), depth=depth + 1)
            for attribute, inner in facts.attributes.items()
        ]
        return entry
    kind = _scalar_type(facts)
    entry["type"] = kind
    entry["many"] = many
    entry["required"] = required
    default = _default(facts, kind)
    if not (required or many) and default is not None:
        entry["default"] = default
    return entry


def _scalar_type(facts: _Facts) -> str:
    literals = _literal_types(facts)
    if facts.numeric:
        return "integer" if literals == {int} else "number"
    if len(literals) == 1:
        return {str: "line", int: "integer", float: "number", bool: "boolean"}[literals.pop()]
    if facts.conditions and not facts.values:
        return "boolean"
    return "text" if facts.multiline else "line"


def _literal_types(facts: _Facts) -> set[type]:
    return {
        type(value)
        for value in facts.literals
        if isinstance(value, str | int | float | bool) and value != ""
    } or {str for value in facts.literals if value == ""}


def _default(facts: _Facts, kind: str) -> object:
    scalars = {
        (type(value), value)
        for value in facts.literals
        if isinstance(value, str | int | float | bool) and value != ""
    }
    if len(scalars) != 1:
        return None
    ((value_type, value),) = scalars
    return value if value_type in _FITS.get(kind, set()) else None


@dataclass
class _Walker:
    """Walks templates, binding loop and ``set`` names to the variables they stand for."""

    facts: dict[str, _Facts]
    first: dict[str, int] = field(default_factory=dict)
    tested: list[_Facts] = field(default_factory=list)  # the enclosing ``if`` tests these

    def visit_all(
        self, children: Iterable[nodes.Node], scope: dict[str, _Subject], *, condition: bool
    ) -> None:
        for child in children:
            self.visit(child, scope, condition=condition)

    def visit(
        self,
        node: nodes.Node,
        scope: dict[str, _Subject],
        *,
        condition: bool,
        guarded: bool = False,
    ) -> None:
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            self._use(node, scope, condition=condition, guarded=guarded)
        elif isinstance(node, nodes.Filter):
            self._filter(node, scope, condition=condition)
        elif isinstance(node, nodes.Test):
            guard = node.name in {"defined", "undefined", "none"}
            if node.node is not None:
                self.visit(node.node, scope, condition=condition and guard, guarded=guard)
            self.visit_all(node.args, scope, condition=False)
        elif isinstance(node, nodes.If | nodes.CondExpr):
            self.visit(node.test, scope, condition=True)
            tested = [self.subject(part, scope) for part in presence_parts(node.test)]
            guards = [subject for subject in tested if isinstance(subject, _Facts)]
            self.tested += guards
            rest = (child for child in node.iter_child_nodes() if child is not node.test)
            self.visit_all(rest, scope, condition=False)
            del self.tested[len(self.tested) - len(guards) :]
        elif isinstance(node, nodes.Not | nodes.And | nodes.Or):
            self.visit_all(node.iter_child_nodes(), scope, condition=condition)
        elif isinstance(node, nodes.For):
            self._for(node, scope)
        elif isinstance(node, nodes.Assign | nodes.AssignBlock):
            value = node.node if isinstance(node, nodes.Assign) else None
            self.visit_all([value] if value else node.iter_child_nodes(), scope, condition=False)
            scope.update(dict.fromkeys(_names(node.target), self.subject(value, scope)))
        elif isinstance(node, nodes.Macro | nodes.CallBlock | nodes.With):
            self._scoped(node, scope)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            # A method call (``x.endswith('a')``, ``x.splitlines()``): no attribute of ``x``.
            found = self.subject(node.node.node, scope)
            if isinstance(found, _Facts) and node.node.attr == "splitlines":
                found.multiline = True
            self.visit(node.node.node, scope, condition=False)
            arguments = [*node.args, *(pair.value for pair in node.kwargs)]
            self.visit_all(arguments, scope, condition=False)
        else:
            self._numbers(node, scope)
            self.visit_all(node.iter_child_nodes(), scope, condition=False)

    def subject(self, node: nodes.Node | None, scope: Mapping[str, _Subject]) -> _Subject:
        """What ``node`` stands for: a variable, an attribute, an item of a list, or nothing."""
        if isinstance(node, nodes.Name):
            return scope[node.name] if node.name in scope else self.facts.get(node.name)
        if isinstance(node, nodes.Filter) and node.name in _PASS_THROUGH:
            return self.subject(node.node, scope)
        if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Filter):
            base = self.subject(node.node, scope)
            return _derived(node, base.of if isinstance(base, _Item) else base)
        return None

    def _use(
        self,
        node: nodes.Name | nodes.Getattr | nodes.Getitem,
        scope: dict[str, _Subject],
        *,
        condition: bool,
        guarded: bool,
    ) -> None:
        if isinstance(node, nodes.Name) and node.ctx != "load":
            return
        if isinstance(node, nodes.Name) and node.name in self.facts and node.name not in scope:
            self.first.setdefault(node.name, len(self.first))
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            self.visit(node.node, scope, condition=False, guarded=guarded)
        if isinstance(node, nodes.Getitem):
            self.visit(node.arg, scope, condition=False)
        found = self.subject(node, scope)
        if isinstance(found, _Facts):
            if condition:
                found.conditions += 1
            else:
                found.values += 1
            if not (guarded or condition or any(found is facts for facts in self.tested)):
                found.unguarded += 1

    def _filter(self, node: nodes.Filter, scope: dict[str, _Subject], *, condition: bool) -> None:
        found = self.subject(node.node, scope)
        owner = found.of if isinstance(found, _Item) else found
        if isinstance(found, _Facts):
            if node.name in _DEFAULTS:
                found.literals.append(_literal_of(node))
            found.iterated |= node.name in _LIST_FILTERS
            found.numeric |= node.name in _NUMBER_FILTERS
            found.multiline |= node.name in _TEXT_FILTERS
        if owner is not None:
            for attribute in _attribute_arguments(node):
                owner.attribute(attribute).values += 1
        if node.node is not None:
            is_default = node.name in _DEFAULTS
            if isinstance(found, _Facts) and is_default and _literal_of(node) == "":
                found.placeholders += 1
            self.visit(node.node, scope, condition=condition, guarded=is_default)
        self.visit_all(node.args, scope, condition=False)
        self.visit_all((pair.value for pair in node.kwargs), scope, condition=False)

    def _for(self, node: nodes.For, scope: dict[str, _Subject]) -> None:
        self.visit(node.iter, scope, condition=False)
        iterated = self.subject(node.iter, scope)
        if isinstance(iterated, _Facts):
            iterated.iterated = True
        inner = dict(scope)
        targets = _names(node.target)
        item = _Item(iterated) if isinstance(iterated, _Facts) else None
        inner.update(dict.fromkeys(targets, item if len(targets) == 1 else None))
        if node.test is not None:
            self.visit(node.test, inner, condition=True)
        self.visit_all(node.body, inner, condition=False)
        self.visit_all(node.else_, scope, condition=False)

    def _numbers(self, node: nodes.Node, scope: dict[str, _Subject]) -> None:
        operands: list[nodes.Expr] = []
        if isinstance(node, _ARITHMETIC) or (
            isinstance(node, nodes.Add) and (_number(node.left) or _number(node.right))
        ):
            operands = [node.left, node.right]
        elif isinstance(node, nodes.Neg | nodes.Pos):
            operands = [node.node]
        elif isinstance(node, nodes.Compare):
            sides = [node.expr] + [operand.expr for operand in node.ops]
            numeric_literal = any(_number(side) for side in sides)
            ordering = any(operand.op in _ORDERING for operand in node.ops)
            equality = any(operand.op in _EQUALITY for operand in node.ops)
            if ordering or (equality and numeric_literal):
                operands = sides
        for operand in operands:
            found = self.subject(operand, scope)
            if isinstance(found, _Facts):
                found.numeric = True

    def _scoped(
        self, node: nodes.Macro | nodes.CallBlock | nodes.With, scope: dict[str, _Subject]
    ) -> None:
        """A body with names of its own: parameters, ``with`` targets."""
        if isinstance(node, nodes.CallBlock):
            self.visit(node.call, scope, condition=False)
        if isinstance(node, nodes.With):
            self.visit_all(node.values, scope, condition=False)
            own = [name for target in node.targets for name in _names(target)]
        else:
            self.visit_all(node.defaults, scope, condition=False)
            own = [arg.name for arg in node.args]
        self.visit_all(node.body, {**scope, **dict.fromkeys(own)}, condition=False)


def _derived(node: nodes.Getattr | nodes.Getitem | nodes.Filter, base: _Facts | None) -> _Subject:
    """What ``x.a``, ``x['a']``, ``x[0]`` or ``x | first`` stands for."""
    if base is None:
        return None
    key = (
        node.arg.value
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
        else None
    )
    if isinstance(node, nodes.Getattr) or isinstance(key, str):
        return base.attribute(node.attr if isinstance(node, nodes.Getattr) else str(key))
    if isinstance(key, int) or (isinstance(node, nodes.Filter) and node.name in {"first", "last"}):
        base.iterated = True
        return _Item(base)
    return None


def _attribute_arguments(node: nodes.Filter) -> Iterable[str]:
    if node.name in _ATTRIBUTE_ARGUMENT and node.args and isinstance(node.args[0], nodes.Const):
        value = node.args[0].value
        if isinstance(value, str):
            yield value
    for pair in node.kwargs:
        value = pair.value.value if isinstance(pair.value, nodes.Const) else None
        if pair.key == "attribute" and isinstance(value, str):
            yield value


def _required(facts: _Facts) -> bool:
    return facts.unguarded > 0 or (facts.placeholders > 0 and not facts.conditions)


def _literal_of(node: nodes.Filter) -> object:
    """The fallback of a ``default`` filter: a literal's value, ``[]``, ``{}``, or computed."""
    if not node.args:
        return ""
    fallback = node.args[0]
    if isinstance(fallback, nodes.Const):
        return fallback.value
    if isinstance(fallback, nodes.List):
        return []
    if isinstance(fallback, nodes.Dict):
        return {}
    return _COMPUTED


def _number(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Const)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    )


def _names(target: nodes.Node) -> list[str]:
    found = [target] if isinstance(target, nodes.Name) else []
    return [name.name for name in found + list(target.find_all(nodes.Name))]
