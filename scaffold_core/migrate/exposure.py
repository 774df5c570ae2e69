"""Which literal ``| default`` of a legacy template the v2 text must keep, as ``(x or LIT)``.

A v2 template reads a RenderContext: every field is there, holding what the input gave or,
when it gave nothing, the field's *absent value*: its default, ``[]`` for a list, ``None``
for an optional single field without one (``absent_values``). Removing ``x | default(LIT)``
renders as v1 did when that absent value is ``LIT`` (or the field is required, so given),
or when ``None`` behaves as ``LIT`` where the read stands:

- printed alone (``{{ x | default('') }}``): the core prints ``None`` as nothing, so a
  literal ``''`` or ``none`` can go;
- tested (``if``, ``elif``, a conditional expression's or a loop's test, through ``not``,
  ``and``, ``or``): a falsy literal (``''``, ``[]``, ``{}``, ``0``, ``false``, ``none``)
  tests as ``None`` does.

Anywhere else (filtered, compared, concatenated with ``~``, given to a macro or a call, set
to a name) ``None`` is exposed: ``purpose | default('', true) | trim`` without its default
prints ``None``. There, and for a read whose field is not known (a macro parameter, an
attribute deeper than the models), the literal stays: ``(purpose or '') | trim``.
``exposed_defaults`` tells which filters those are.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import jinja2
from jinja2 import nodes
from pydantic_core import PydanticUndefined

from scaffold_core.migrate.fields import default_fallback
from scaffold_schemas import LIFECYCLE_FIELDS, BaseDocumentContext

__all__ = ["GIVEN", "MARK", "absent_values", "exposed_defaults"]

GIVEN: Final = object()
"""The absent value of a required field (and of a list's item): it is always given."""

MARK: Final = "scaffold_default_"
"""The prefix of the filter names ``exposed_defaults`` reads the marked text's filters by."""

_PASS_THROUGH: Final = frozenset(
    {"default", "d", "sort", "list", "select", "reject", "selectattr", "rejectattr", "unique"}
)

Path = tuple[str, ...]


def absent_values(fields: Sequence[Mapping[str, object]], *, document: bool) -> dict[Path, object]:
    """The absent value of each field path (``("methods", "name")``), as the plugin has it.

    ``fields``: the ``artifact_plugin`` input's ``fields``; ``document``: the Context is on
    ``BaseDocumentContext``, whose fields (and computed fields) are there too. Lifecycle
    fields are given.
    """
    found: dict[Path, object] = dict.fromkeys(((name,) for name in LIFECYCLE_FIELDS), GIVEN)
    if document:
        for name, info in BaseDocumentContext.model_fields.items():
            default = info.get_default(call_default_factory=True)
            found[(name,)] = GIVEN if default is PydanticUndefined else default
        found.update(
            dict.fromkeys(((name,) for name in BaseDocumentContext.model_computed_fields), GIVEN)
        )
    _add(found, (), fields)
    return found


def _add(found: dict[Path, object], prefix: Path, fields: Sequence[Mapping[str, object]]) -> None:
    for entry in fields:
        path = (*prefix, str(entry["name"]))
        if entry.get("required", True):
            found[path] = GIVEN
        elif entry.get("many"):
            found[path] = []
        else:
            found[path] = entry.get("default")
        inner = entry.get("fields")
        if isinstance(inner, list):
            _add(found, path, inner)


def exposed_defaults(
    environment: jinja2.Environment, marked: str, absent: Mapping[Path, object]
) -> set[int]:
    """The numbers of the literal defaults whose removal would change the output.

    ``marked`` is the template text with its default filters renamed ``<MARK><number>``
    (as ``v2_text`` numbers them); ``absent`` as ``absent_values`` gives it.
    """
    walker = _Walker(absent)
    walker.visit(environment.parse(marked), {}, "value")
    return walker.kept


@dataclass(frozen=True)
class _Ref:
    """What an expression stands for: the field paths it may be, or an item of them."""

    paths: frozenset[Path]
    item: bool = False


_Scope = dict[str, _Ref | None]


@dataclass
class _Walker:
    absent: Mapping[Path, object]
    kept: set[int] = field(default_factory=set)

    def visit(self, node: nodes.Node, scope: _Scope, where: str) -> None:
        """``where``: how the value of ``node`` is used: printed, tested or a value."""
        if isinstance(node, nodes.Filter) and node.name.startswith(MARK):
            self._default(node, scope, where)
        elif isinstance(node, nodes.Output):
            self.visit_all(node.nodes, scope, "printed")
        elif isinstance(node, nodes.If | nodes.CondExpr):
            self.visit(node.test, scope, "tested")
            rest = [child for child in node.iter_child_nodes() if child is not node.test]
            self.visit_all(rest, scope, where if isinstance(node, nodes.CondExpr) else "value")
        elif isinstance(node, nodes.Not | nodes.And | nodes.Or):
            inner = "tested" if where == "tested" or isinstance(node, nodes.Not) else "value"
            self.visit_all(node.iter_child_nodes(), scope, inner)
        elif isinstance(node, nodes.For):
            self._for(node, scope)
        elif isinstance(node, nodes.Assign | nodes.Macro | nodes.CallBlock | nodes.With):
            self._binding(node, scope)
        else:
            self.visit_all(node.iter_child_nodes(), scope, "value")

    def visit_all(self, children: Iterable[nodes.Node], scope: _Scope, where: str) -> None:
        for child in children:
            self.visit(child, scope, where)

    def _binding(
        self, node: nodes.Assign | nodes.Macro | nodes.CallBlock | nodes.With, scope: _Scope
    ) -> None:
        """A ``set`` (its name stands for its value), or a body with names of its own."""
        if isinstance(node, nodes.Assign):
            self.visit(node.node, scope, "value")
            names = _names(node.target)
            held = self.ref(node.node, scope) if len(names) == 1 else None
            scope.update(dict.fromkeys(names, held))
            return
        own = [arg.name for arg in getattr(node, "args", [])]
        own += [name for target in getattr(node, "targets", []) for name in _names(target)]
        self.visit_all(node.iter_child_nodes(), {**scope, **dict.fromkeys(own)}, "value")

    def _default(self, node: nodes.Filter, scope: _Scope, where: str) -> None:
        number = int(node.name.removeprefix(MARK))
        literal = default_fallback(node)
        if node.node is not None:
            self.visit(node.node, scope, where)
            ref = self.ref(node.node, scope)
            if not self._provided(ref, literal) and not _neutral(literal, where):
                self.kept.add(number)
        self.visit_all([*node.args, *(pair.value for pair in node.kwargs)], scope, "value")

    def _provided(self, ref: _Ref | None, literal: object) -> bool:
        """Whether the RenderContext holds a value where v1 held ``literal`` (or a given one)."""
        if ref is None or not ref.paths:
            return False
        if ref.item:
            return True
        values = [self.absent.get(path, _UNKNOWN) for path in ref.paths]
        return all(value is GIVEN or _same(value, literal) for value in values)

    def _for(self, node: nodes.For, scope: _Scope) -> None:
        self.visit(node.iter, scope, "value")
        inner = dict(scope)
        targets = _names(node.target)
        iterated = self.ref(node.iter, scope)
        inner.update(dict.fromkeys(targets))
        if len(targets) == 1 and iterated is not None:
            inner[targets[0]] = _Ref(iterated.paths, item=True)
        if isinstance(node.iter, nodes.List | nodes.Tuple):
            inner.update(self._literal_targets(node.iter, node.target, targets, scope))
        if node.test is not None:
            self.visit(node.test, inner, "tested")
        self.visit_all(node.body, inner, "value")
        self.visit_all(node.else_, scope, "value")

    def _literal_targets(
        self,
        iterated: nodes.List | nodes.Tuple,
        target: nodes.Node,
        targets: list[str],
        scope: _Scope,
    ) -> _Scope:
        if isinstance(target, nodes.Name):
            return {targets[0]: _union([self.ref(item, scope) for item in iterated.items])}
        rows = [
            item.items for item in iterated.items if isinstance(item, nodes.List | nodes.Tuple)
        ]
        if len(rows) < len(iterated.items) or any(len(row) != len(targets) for row in rows):
            return {}
        return {
            name: _union([self.ref(row[index], scope) for row in rows])
            for index, name in enumerate(targets)
        }

    def ref(self, node: nodes.Node | None, scope: _Scope) -> _Ref | None:
        """What ``node`` stands for, or None when it is no field (a computed value)."""
        if isinstance(node, nodes.Name):
            return scope[node.name] if node.name in scope else _Ref(frozenset({(node.name,)}))
        if isinstance(node, nodes.Add):
            return _union([self.ref(node.left, scope), self.ref(node.right, scope)])
        if isinstance(node, nodes.Filter | nodes.Getattr | nodes.Getitem):
            base = self.ref(node.node, scope)
            return None if base is None else _derived(node, base)
        return None


def _derived(node: nodes.Filter | nodes.Getattr | nodes.Getitem, base: _Ref) -> _Ref | None:
    """What ``x | sort``, ``x | first``, ``x.a``, ``x['a']`` or ``x[0]`` stands for."""
    if isinstance(node, nodes.Filter):
        if node.name in _PASS_THROUGH or node.name.startswith(MARK):
            return base
        return _Ref(base.paths, item=True) if node.name in {"first", "last"} else None
    key = node.attr if isinstance(node, nodes.Getattr) else _constant(node.arg)
    if isinstance(key, str):
        return _Ref(frozenset((*path, key) for path in base.paths))
    return None if key is None else _Ref(base.paths, item=True)


_UNKNOWN: Final = object()


def _union(refs: list[_Ref | None]) -> _Ref | None:
    known = [ref for ref in refs if ref is not None]
    if len(known) < len(refs) or not known:
        return None
    return _Ref(frozenset().union(*(ref.paths for ref in known)), item=all(r.item for r in known))


def _neutral(literal: object, where: str) -> bool:
    """Whether ``None`` renders as ``literal`` where the read stands."""
    if where == "printed":
        return literal is None or literal == ""
    return where == "tested" and not literal


def _same(value: object, literal: object) -> bool:
    return type(value) is type(literal) and value == literal


def _constant(node: nodes.Node) -> str | int | None:
    value = node.value if isinstance(node, nodes.Const) else None
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def _names(target: nodes.Node) -> list[str]:
    found = [target] if isinstance(target, nodes.Name) else []
    return [name.name for name in found + list(target.find_all(nodes.Name))]
