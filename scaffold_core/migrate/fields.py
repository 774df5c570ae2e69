"""The fields of a legacy template's Context: each variable's type, as the template shows it.

Facts are gathered over the whole chain, for each context variable and each attribute read
on it (or on the variable of a loop over it, or named by ``selectattr('a')``,
``map(attribute='a')``, ``sort(attribute='a')``, ``groupby('a')``, ``sum(attribute='a')``).
A ``set`` name holding a variable (``set xs = items | default([])``) stands for it. A loop
over several lists (``for f in inputs + outputs``, ``for a, xs in [(1, ins), (2, outs)]``)
stands for each of them: what it shows about its items holds for every list's items. Then,
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
  integer, or (no default literal) when every example value is an integer;
- the type of its non-empty default literal: integer → ``integer``, float → ``number``,
  ``true``/``false`` → ``boolean``; a text literal shows a string (then as below);
- ``boolean``: read only as an ``if`` (or conditional expression) condition, never as a value;
- the author's examples, when the template shows no type (it only prints the value: no
  default literal but ``''``, no string filter or method, no comparison with a text): all
  ``true``/``false`` → ``boolean``, all integers → ``integer``, numbers → ``number``;
- ``text`` or ``line``, for a string:

  - ``text`` when given to ``wordwrap`` or ``indent`` or split with ``.splitlines()``, or
    when an example holds a line break and the template does not show one line (below);
  - in a Markdown template (kind ``document``): ``line`` when printed where Markdown takes
    one line (after a heading mark ``# ``, a list mark ``- ``/``1. ``, in a table row
    ``| ... |``, inside a link's text or target, inside inline code), also when the line is
    built as a string (``"### " ~ x``), else ``text`` (a paragraph; ``Text`` takes one line
    too, so only a newline the template could not hold is lost);
  - in code: ``text`` when printed on a line of its own inside a multi-line docstring
    (an open triple quote before it, none on its line), else ``line``.

``required`` comes from ``introspect`` (the one classifier) for the variables. An attribute
is optional when every read of it is guarded, by ``| default``, ``is defined``, ``is none``
or an ``if`` (or conditional expression) that tests it, as ``introspect`` has it, except
that an empty-text default (``| default('')``) on an attribute never tested is no guard.
``default`` is the one scalar, non-empty literal of its ``| default(...)`` reads (two
different literals, or a computed fallback on another read: none), for an optional, single,
non-model field whose type it fits.
An empty text is never a default (``line`` and ``text`` refuse it): where the removed
``''`` matters, the v2 text keeps it (``scaffold_core.migrate.v2_text``).
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from jinja2 import nodes

from scaffold_core.render.introspect import presence_parts

__all__ = ["COMPUTED", "MODEL_DEPTH", "default_fallback", "infer_fields"]

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
# Filters that take text only: a value given to one is a string.
_STRING_FILTERS: Final = frozenset(
    {"upper", "lower", "capitalize", "title", "trim", "replace", "truncate", "center"}
    | {"striptags", "wordcount", "urlize", *_TEXT_FILTERS}
)
# A line prefix after which Markdown holds one line: a heading, a list item, a table row,
# an open link text or target.
_ONE_LINE_PREFIX: Final = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|\|)|\[[^\]]*$|\]\([^)]*$")
_DOCSTRING: Final = '"""'
_VALUE: Final = "0"  # what a printed value stands as in a line prefix
_ARITHMETIC: Final = (nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow)
_ORDERING: Final = frozenset({"lt", "lteq", "gt", "gteq"})
_EQUALITY: Final = frozenset({"eq", "ne"})
COMPUTED: Final = object()
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
    stringy: bool = False  # a string filter or method, a comparison with a text
    one_line: int = 0  # prints where the output holds one line (a Markdown heading, ...)
    conditions: int = 0
    values: int = 0
    unguarded: int = 0
    placeholders: int = 0  # reads guarded by an empty-text default alone
    literals: list[object] = field(default_factory=list)
    attributes: dict[str, "_Facts"] = field(default_factory=dict)

    def attribute(self, name: str) -> "_Facts":
        return self.attributes.setdefault(name, _Facts())

    def absorb(self, other: "_Facts") -> None:
        """Add what ``other`` shows (about a loop over several lists, one of them this)."""
        self.iterated |= other.iterated
        self.numeric |= other.numeric
        self.multiline |= other.multiline
        self.stringy |= other.stringy
        self.one_line += other.one_line
        self.conditions += other.conditions
        self.values += other.values
        self.unguarded += other.unguarded
        self.placeholders += other.placeholders
        self.literals += other.literals
        for name, inner in other.attributes.items():
            self.attribute(name).absorb(inner)


@dataclass(frozen=True)
class _Item:
    """An item of a list variable: the loop variable of ``for a in items``, ``items[0]``."""

    of: _Facts


_Subject = _Facts | _Item | None


def infer_fields(
    trees: Iterable[nodes.Template],
    required: Mapping[str, bool],
    *,
    document: bool = False,
    examples: Sequence[object] = (),
) -> list[dict[str, object]]:
    """The ``fields`` entries of the ``artifact_plugin`` input for ``required``'s variables.

    ``required`` maps each context variable (as ``introspect`` found it) to its verdict; the
    fields come in the order the chain first reads them. ``document``: the template is
    Markdown (its strings are ``text`` unless printed where Markdown holds one line);
    ``examples``: the author's inputs of the new type (mappings; anything else is left out),
    which type what the template only prints.
    """
    walker = _Walker({name: _Facts() for name in required}, document=document)
    for tree in trees:
        walker.visit_all(tree.body, {}, condition=False)
    walker.merge_unions()
    order = sorted(required, key=lambda name: walker.first.get(name, len(walker.first)))
    given = [example for example in examples if isinstance(example, Mapping)]
    return [
        _field(
            name,
            walker.facts[name],
            required=required[name],
            values=[example[name] for example in given if name in example],
            document=document,
        )
        for name in order
    ]


def _field(
    name: str,
    facts: _Facts,
    *,
    required: bool,
    values: list[object],
    document: bool,
    depth: int = 0,
) -> dict[str, object]:
    """One ``fields`` entry.

    ``values``: the examples' values of it; ``depth``: how many models enclose it.
    """
    many = facts.iterated or any(isinstance(value, list) for value in facts.literals)
    items = [item for value in values for item in (value if isinstance(value, list) else [value])]
    entry: dict[str, object] = {"name": name}
    if facts.attributes and depth < MODEL_DEPTH:
        entry["type"] = "model"
        entry["many"] = many
        entry["required"] = required
        entry["fields"] = [
            _field(
                attribute,
                inner,
                required=_required(inner),
                values=[
                    item[attribute]
                    for item in items
                    if isinstance(item, Mapping) and attribute in item
                ],
                document=document,
                depth=depth + 1,
            )
            for attribute, inner in facts.attributes.items()
        ]
        return entry
    kind = _scalar_type(facts, items, document=document)
    entry["type"] = kind
    entry["many"] = many
    entry["required"] = required
    default = _default(facts, kind)
    if not (required or many) and default is not None:
        entry["default"] = default
    return entry


def _scalar_type(facts: _Facts, examples: list[object], *, document: bool) -> str:
    """The type of a scalar (or of a list's items); ``examples``: the examples' values."""
    literals = _literal_types(facts)
    if facts.numeric:
        integral = literals == {int} or (not literals and _example_type(examples) == "integer")
        return "integer" if integral else "number"
    if len(literals) == 1 and str not in literals:
        return {int: "integer", float: "number", bool: "boolean"}[literals.pop()]
    example = None if literals or facts.stringy else _example_type(examples)
    # Only ever tested: a flag, unless the examples give other values.
    flag = not literals and facts.conditions and not facts.values
    if flag and (not examples or example == "boolean"):
        return "boolean"
    return example or _string_type(facts, examples, document=document)


def _string_type(facts: _Facts, examples: list[object], *, document: bool) -> str:
    """``text`` or ``line``: where the template prints it, what the examples hold."""
    broken = any(isinstance(value, str) and "\n" in value for value in examples)
    if facts.multiline or (broken and not facts.one_line):
        return "text"
    return "text" if document and not facts.one_line else "line"


def _example_type(values: list[object]) -> str | None:
    """``boolean``, ``integer`` or ``number`` when every example value is one, else None."""
    kinds = {type(value) for value in values}
    if not kinds:
        return None
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "integer"
    return "number" if kinds <= {int, float} else None


def _literal_types(facts: _Facts) -> set[type]:
    """The types of the non-empty scalar default literals (``''`` shows no type)."""
    return {
        type(value)
        for value in facts.literals
        if isinstance(value, str | int | float | bool) and value != ""
    }


def _default(facts: _Facts, kind: str) -> object:
    if any(value is COMPUTED for value in facts.literals):
        return None  # a read falls back to a computed value: no one default stands for both
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
    document: bool = False
    first: dict[str, int] = field(default_factory=dict)
    tested: list[_Facts] = field(default_factory=list)  # the enclosing ``if`` tests these
    # A loop over several lists, each node once: its facts and the lists it stands for.
    unions: dict[int, tuple[_Facts, list[_Facts]]] = field(default_factory=dict)
    # ``set`` names: what decides their truth (``set s = x.a | trim``: ``x.a``), and those
    # whose value went through a default (a read of them is guarded).
    presence: dict[str, list[_Facts]] = field(default_factory=dict)
    defaulted: set[str] = field(default_factory=set)
    line: str = ""  # the output since its last line break, in walk order
    quotes: int = 0  # how many ``"""`` the output held so far, in walk order
    position: str | None = None  # where the value visited prints: "line", "block", None

    def merge_unions(self) -> None:
        """Give each list what a loop over several lists showed.

        Latest first: a union's parts may be unions made before it.
        """
        for union, parts in reversed(self.unions.values()):
            for part in parts:
                part.absorb(union)

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
            guards = self._tested(node.test, scope)
            self.tested += guards
            rest = (child for child in node.iter_child_nodes() if child is not node.test)
            self.visit_all(rest, scope, condition=False)
            del self.tested[len(self.tested) - len(guards) :]
        elif isinstance(node, nodes.Not | nodes.And | nodes.Or):
            self.visit_all(node.iter_child_nodes(), scope, condition=condition)
        elif isinstance(node, nodes.For):
            self._for(node, scope)
        elif isinstance(node, nodes.Output | nodes.Concat):
            self._text_and_values(node, scope)
        elif isinstance(node, nodes.Assign | nodes.AssignBlock):
            self._assign(node, scope)
        elif isinstance(node, nodes.Macro | nodes.CallBlock | nodes.With):
            self._scoped(node, scope)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            self._method(node, node.node, scope)
        else:
            self._numbers(node, scope)
            self.visit_all(node.iter_child_nodes(), scope, condition=False)

    def _method(self, node: nodes.Call, method: nodes.Getattr, scope: dict[str, _Subject]) -> None:
        """A method call (``x.endswith('a')``, ``x.splitlines()``): no attribute of ``x``."""
        found = self.subject(method.node, scope)
        if isinstance(found, _Facts) and hasattr(str, method.attr):
            found.stringy = True
            found.multiline |= method.attr == "splitlines"
        self.visit(method.node, scope, condition=False)
        arguments = [*node.args, *(pair.value for pair in node.kwargs)]
        self.visit_all(arguments, scope, condition=False)

    def _text_and_values(
        self, node: nodes.Output | nodes.Concat, scope: dict[str, _Subject]
    ) -> None:
        """Output, or a ``~`` concatenation (a line of its own, not output yet)."""
        if isinstance(node, nodes.Output):
            self._printed(node.nodes, scope)
            return
        saved = self.line
        self.line = ""
        self._printed(node.nodes, scope, emitted=False)
        self.line = saved

    def subject(self, node: nodes.Node | None, scope: Mapping[str, _Subject]) -> _Subject:
        """What ``node`` stands for: a variable, an attribute, an item of a list, or nothing."""
        if isinstance(node, nodes.Name):
            return scope[node.name] if node.name in scope else self.facts.get(node.name)
        if isinstance(node, nodes.Filter) and node.name in _PASS_THROUGH:
            return self.subject(node.node, scope)
        if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Filter):
            base = self.subject(node.node, scope)
            return _derived(node, base.of if isinstance(base, _Item) else base)
        if isinstance(node, nodes.Add):
            return self._union(node, [node.left, node.right], scope)
        return None

    def _tested(self, test: nodes.Node, scope: Mapping[str, _Subject]) -> list[_Facts]:
        """What a condition tests: its paths, and what the ``set`` names it tests hold."""
        guards: list[_Facts] = []
        for part in presence_parts(test):
            found = self.subject(part, scope)
            if isinstance(found, _Facts):
                guards.append(found)
            elif isinstance(part, nodes.Name):
                for facts in self.presence.get(part.name, []):
                    facts.conditions += 1
                    guards.append(facts)
        return guards

    def _assign(self, node: nodes.Assign | nodes.AssignBlock, scope: dict[str, _Subject]) -> None:
        value = node.node if isinstance(node, nodes.Assign) else None
        self.visit_all([value] if value else node.iter_child_nodes(), scope, condition=False)
        names = _names(node.target)
        held = [] if value is None else self._tested(value, scope)
        defaulted = value is not None and _defaulted(value)
        scope.update(dict.fromkeys(names, self.subject(value, scope)))
        for name in names:
            self.presence[name] = held
            if defaulted:
                self.defaulted.add(name)
            else:
                self.defaulted.discard(name)

    def _union(
        self, node: nodes.Node, parts: Sequence[nodes.Node], scope: Mapping[str, _Subject]
    ) -> _Subject:
        """What stands for each of several lists (``a + b``): facts they all get."""
        found = [self.subject(part, scope) for part in parts]
        lists = [part for part in found if isinstance(part, _Facts)]
        if len(lists) <= 1:
            return lists[0] if lists else None
        if id(node) not in self.unions:
            self.unions[id(node)] = (_Facts(), lists)
        return self.unions[id(node)][0]

    def _printed(
        self, pieces: Sequence[nodes.Node], scope: dict[str, _Subject], *, emitted: bool = True
    ) -> None:
        """Output (``emitted``) or a ``~`` concatenation: text pieces and values in turn."""
        for index, piece in enumerate(pieces):
            text = _text(piece)
            if text is not None:
                self.line = (self.line + text).rpartition("\n")[2]
                self.quotes += text.count(_DOCSTRING) if emitted else 0
                continue
            following = _text(pieces[index + 1]) if index + 1 < len(pieces) else None
            saved = self.position
            self.position = self._position((following or "").partition("\n")[0]) or saved
            self.visit(piece, scope, condition=False)
            self.position = saved
            self.line += _VALUE

    def _position(self, after: str) -> str | None:
        """``line`` where Markdown holds one line, ``block`` on a docstring line of its own."""
        before = self.line
        if self.document:
            inline_code = before.count("`") % 2 == 1
            return "line" if inline_code or _ONE_LINE_PREFIX.search(before) else None
        own_line = not before.strip() and _DOCSTRING not in after
        return "block" if own_line and self.quotes % 2 == 1 else None

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
        guarded |= isinstance(node, nodes.Name) and node.name in self.defaulted
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
                found.one_line += self.position == "line"
                found.multiline |= self.position == "block"
            if not (guarded or condition or any(found is facts for facts in self.tested)):
                found.unguarded += 1

    def _filter(self, node: nodes.Filter, scope: dict[str, _Subject], *, condition: bool) -> None:
        found = self.subject(node.node, scope)
        owner = found.of if isinstance(found, _Item) else found
        if isinstance(found, _Facts):
            if node.name in _DEFAULTS:
                found.literals.append(default_fallback(node, containers=True))
            found.iterated |= node.name in _LIST_FILTERS
            found.numeric |= node.name in _NUMBER_FILTERS
            found.multiline |= node.name in _TEXT_FILTERS
            found.stringy |= node.name in _STRING_FILTERS
        if owner is not None:
            for attribute in _attribute_arguments(node):
                owner.attribute(attribute).values += 1
        if node.node is not None:
            is_default = node.name in _DEFAULTS
            if (
                isinstance(found, _Facts)
                and is_default
                and default_fallback(node, containers=True) == ""
            ):
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
        inner.update(self._literal_targets(node, targets, scope))
        if node.test is not None:
            self.visit(node.test, inner, condition=True)
        self.visit_all(node.body, inner, condition=False)
        self.visit_all(node.else_, scope, condition=False)

    def _literal_targets(
        self, node: nodes.For, targets: list[str], scope: dict[str, _Subject]
    ) -> dict[str, _Subject]:
        """What each target of a loop over a literal list stands for.

        ``for x in [a, b]``: ``x`` is ``a`` and ``b``; ``for n, xs in [(1, a), (2, b)]``:
        ``xs`` is ``a`` and ``b``.
        """
        if not isinstance(node.iter, nodes.List | nodes.Tuple) or not node.iter.items:
            return {}
        if len(targets) == 1 and isinstance(node.target, nodes.Name):
            return {targets[0]: self._union(node.iter, node.iter.items, scope)}
        items = node.iter.items
        rows = [item.items for item in items if isinstance(item, nodes.List | nodes.Tuple)]
        if len(rows) < len(items) or any(len(row) != len(targets) for row in rows):
            return {}
        return {
            target: self._union(rows[0][index], [row[index] for row in rows], scope)
            for index, target in enumerate(targets)
        }

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
            elif equality and any(_text(side) for side in sides):
                for side in sides:
                    found = self.subject(side, scope)
                    if isinstance(found, _Facts):
                        found.stringy = True
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


def default_fallback(node: nodes.Filter, *, containers: bool = False) -> object:
    """What a ``default`` filter falls back to, when the template says it literally.

    ``''`` when it gives none; a constant's value (a negated number too); ``[]`` or ``{}``
    for an empty list or mapping literal, and with ``containers`` for any (its type is what
    counts then, not its items); else ``COMPUTED``.
    """
    if not node.args:
        return ""
    fallback = node.args[0]
    if isinstance(fallback, nodes.Const):
        return fallback.value
    if isinstance(fallback, nodes.Neg) and isinstance(fallback.node, nodes.Const):
        return -fallback.node.value
    if isinstance(fallback, nodes.List | nodes.Dict | nodes.Tuple) and (
        containers or not list(fallback.iter_child_nodes())
    ):
        return [] if isinstance(fallback, nodes.List) else {}
    return COMPUTED


def _defaulted(value: nodes.Node) -> bool:
    """Whether a value's last filters include a default (``x | default('') | trim``)."""
    while isinstance(value, nodes.Filter):
        if value.name in _DEFAULTS:
            return True
        if value.node is None:
            return False
        value = value.node
    return False


def _text(node: nodes.Node) -> str | None:
    """The text of template data or a string literal, else None."""
    if isinstance(node, nodes.TemplateData):
        return node.data
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    return None


def _number(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Const)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    )


def _names(target: nodes.Node) -> list[str]:
    found = [target] if isinstance(target, nodes.Name) else []
    return [name.name for name in found + list(target.find_all(nodes.Name))]
