"""What a template reads: every variable over its whole chain, required or optional.

A read is *guarded* when the template copes with the variable's absence:

- ``x | default(...)`` (or ``| d``); ``x is defined`` (or ``undefined``, ``none``);
- inside an ``if`` or conditional expression that tests ``x``, or a ``set`` name holding it;
- ``x or ...``: the left operand of ``or`` (the right one is what renders without it, like
  the argument of ``default``);
- inside the body of ``{% for a in items %}`` where every variable ``items`` is made of is
  optional: without them the body never runs (the loop's ``else`` is not guarded).

A ``| default('')`` (or a bare ``| default``) supplies no value, only silence: a variable
guarded by nothing else and never tested anywhere (``if``, ``is defined``, ``or``) is
rendered as a hole when it is missing, so its ``default('')`` reads count as unguarded.
Its value is tested too where it is iterated (``{% for l in (x | default('')).splitlines()
%}``: nothing to iterate, nothing rendered) or passed to a macro of the same template whose
parameter is tested there (``section('Purpose', x | default(''))`` with ``{% if text %}``).

A variable is *required* when any template in the chain reads it unguarded, else optional.
Loop variables, macro parameters, imported names and the environment's globals are not
variables of the context, nor is a ``set`` name once set: ``{% set x = x | default(1) %}``
reads ``x`` from the context first (Jinja's own scope analysis decides the rest).
"""

import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import jinja2
from jinja2 import meta, nodes

from scaffold_core.render.chain import parse_template, template_chain
from scaffold_schemas import LIFECYCLE_FIELDS

__all__ = [
    "DEFENSIVE_FILTERS",
    "TemplateVariable",
    "TemplateVariables",
    "introspect",
    "presence_parts",
    "required_variables",
    "root_name",
]

DEFENSIVE_FILTERS = frozenset({"default", "d"})
_GUARDING_TESTS = frozenset({"defined", "undefined", "none"})
# Methods that turn an empty text into nothing to iterate (``''.split()`` is ``[]``).
_EMPTY_ITERATIONS = frozenset({"splitlines", "split"})
# Bodies that run later (a macro's, a block's when a child template renders it): a ``set``
# anywhere at the top level may already have bound a name they read.
_DEFERRED = (nodes.Macro, nodes.CallBlock, nodes.Block)


@dataclass(frozen=True)
class TemplateVariable:
    """One context variable a template chain reads."""

    name: str
    required: bool
    templates: tuple[str, ...]


@dataclass(frozen=True)
class TemplateVariables:
    """The introspection of one template and everything it extends, imports or includes."""

    template: str
    chain: tuple[str, ...]
    variables: tuple[TemplateVariable, ...]
    system: tuple[str, ...]

    @property
    def required(self) -> tuple[str, ...]:
        """Names read unguarded somewhere in the chain."""
        return tuple(variable.name for variable in self.variables if variable.required)

    @property
    def optional(self) -> tuple[str, ...]:
        """Names read only behind a guard."""
        return tuple(variable.name for variable in self.variables if not variable.required)

    def as_json(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "template": self.template,
            "chain": list(self.chain),
            "required": list(self.required),
            "optional": list(self.optional),
            "system": list(self.system),
            "variables": [
                {"name": v.name, "required": v.required, "templates": list(v.templates)}
                for v in self.variables
            ],
        }


def introspect(environment: jinja2.Environment, template_name: str) -> TemplateVariables:
    """Classify every context variable ``template_name``'s chain reads."""
    chain = template_chain(environment, template_name)
    trees = {member: parse_template(environment, member) for member in chain}
    # A child's top-level ``set``/``import`` reaches its parents' blocks through the render
    # context, so Jinja reports such names as undeclared; along the ``extends`` line they are
    # the templates' own, not inputs. Imported and included templates keep their own scope.
    lineage = _extends_lineage(trees, template_name)
    reads: list[_Read] = []
    tested: set[str] = set()
    readers: dict[str, list[str]] = {}
    for member, tree in trees.items():
        own = _declared(tree)
        others = set(environment.globals).union(
            *(_declared(trees[name]) for name in lineage if name != member)
        )
        context = meta.find_undeclared_variables(tree) - others
        walker = _Walker(context, own, _tested_parameters(tree))
        walker.walk_all(tree.body, _Scope())
        reads += walker.reads
        tested |= walker.tested
        for read in walker.reads:
            if member not in readers.setdefault(read.name, []):
                readers[read.name].append(member)
    required = _required(reads, tested)
    variables = tuple(
        TemplateVariable(name, name in required, tuple(readers[name]))
        for name in sorted(readers)
        if name not in LIFECYCLE_FIELDS
    )
    system = tuple(sorted(LIFECYCLE_FIELDS.intersection(readers)))
    return TemplateVariables(template_name, tuple(chain), variables, system)


# Keyed by the Template object the environment loaded (its source identity: a reloaded or
# edited template is a new object); weak, so that a dropped environment is freed with it.
_REQUIRED: "weakref.WeakKeyDictionary[jinja2.Template, _Memo]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class _Memo:
    others: tuple[tuple[str, "weakref.ref[jinja2.Template]"], ...]  # the rest of the chain
    required: tuple[str, ...]


def required_variables(environment: jinja2.Environment, template_name: str) -> tuple[str, ...]:
    """``introspect(...).required``, computed once per loaded template.

    The result is kept with the Template object the environment holds for each chain member,
    and computed again when the environment returns another one (it reloaded a changed file,
    or its cache dropped it), so a long-lived process is never answered from a stale source.
    Raises what ``introspect`` raises: ``jinja2.TemplateError`` (not found, does not parse),
    ``DynamicTemplateReference``.
    """
    template = environment.get_template(template_name)
    memo = _REQUIRED.get(template)
    if memo is not None and (
        not memo.others
        or all(environment.get_template(name) is loaded() for name, loaded in memo.others)
    ):
        return memo.required
    found = introspect(environment, template_name)
    others = tuple(
        (name, weakref.ref(environment.get_template(name)))
        for name in found.chain
        if name != template_name
    )
    _REQUIRED[template] = _Memo(others, found.required)
    return found.required


@dataclass(frozen=True)
class _Read:
    """One read of a context variable and what guards it."""

    name: str
    guarded: bool
    placeholder: bool  # guarded by an empty-text default alone
    loops: tuple[frozenset[str], ...]  # the context variables each enclosing loop iterates


@dataclass(frozen=True)
class _Scope:
    """What holds at one point of the walk."""

    guards: frozenset[str] = frozenset()
    loops: tuple[frozenset[str], ...] = ()
    local: frozenset[str] = frozenset()  # loop variables, macro parameters, ``with`` names
    deferred: bool = False

    def guarding(self, names: frozenset[str]) -> "_Scope":
        return replace(self, guards=self.guards | names)

    def binding(self, names: frozenset[str], *, deferred: bool = False) -> "_Scope":
        return replace(self, local=self.local | names, deferred=self.deferred or deferred)


@dataclass
class _Walker:
    """Walks one template in evaluation order, collecting its context reads.

    ``context`` are the names Jinja finds undeclared (less other templates' own names);
    ``own`` the names this template binds with ``set``, ``import`` or ``macro``: such a name
    is a context read only where it is read before its first binding, outside deferred bodies.
    """

    context: set[str]
    own: set[str]
    macros: dict[str, frozenset[int | str]]  # each macro's tested parameters: index, name
    reads: list[_Read] = field(default_factory=list)
    tested: set[str] = field(default_factory=set)
    bound: set[str] = field(default_factory=set)
    aliases: dict[str, frozenset[str]] = field(default_factory=dict)
    presence: dict[str, frozenset[str]] = field(default_factory=dict)

    def walk_all(self, children: Iterable[nodes.Node], scope: _Scope) -> None:
        for child in children:
            self.walk(child, scope)

    def walk(self, node: nodes.Node, scope: _Scope) -> None:
        if isinstance(node, nodes.Name):
            self._read(node.name, scope, guarded=False)
        elif isinstance(node, nodes.Filter | nodes.Test) and _is_guard(node):
            self._guard(node, scope)
        elif isinstance(node, nodes.If | nodes.CondExpr):
            tested = self._test(node.test, scope)
            inner = scope.guarding(tested)
            self.walk_all((c for c in node.iter_child_nodes() if c is not node.test), inner)
        elif isinstance(node, nodes.Or):
            self._test(node.left, scope)
            self.walk(node.right, scope)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
            self._call(node, node.node.name, scope)
        elif isinstance(node, nodes.Assign | nodes.AssignBlock):
            self._assign(node, scope)
        elif isinstance(node, nodes.For):
            self._for(node, scope)
        elif isinstance(node, nodes.With):
            self.walk_all(node.values, scope)
            names = frozenset(name.name for t in node.targets for name in _store_names(t))
            inner = scope.binding(names)
            self.walk_all(node.body, inner)
        elif isinstance(node, _DEFERRED):
            params = frozenset(arg.name for arg in getattr(node, "args", ()))
            if isinstance(node, nodes.CallBlock):
                self.walk(node.call, scope)
            self.walk_all(getattr(node, "defaults", ()), scope)
            inner = scope.binding(params, deferred=True)
            self.walk_all(node.body, inner)
        else:
            self.walk_all(node.iter_child_nodes(), scope)

    def _read(self, name: str, scope: _Scope, *, guarded: bool, placeholder: bool = False) -> None:
        if name in scope.local or name not in self.context:
            return
        if name in self.own and (scope.deferred or name in self.bound):
            return
        guarded = guarded or name in scope.guards
        self.reads.append(_Read(name, guarded, placeholder and guarded, scope.loops))

    def _guard(self, node: nodes.Filter | nodes.Test, scope: _Scope) -> None:
        guarded = node.node
        root = root_name(guarded)
        placeholder = isinstance(node, nodes.Filter) and _is_placeholder(node)
        if root is not None:
            self._read(root, scope, guarded=True, placeholder=placeholder)
            if isinstance(node, nodes.Test):
                self.tested |= self._presence(node, scope)
        elif guarded is not None:
            inner = self._sources(guarded, scope) | frozenset(_names_in(guarded))
            self.walk(guarded, scope.guarding(inner))
        self.walk_all((c for c in node.iter_child_nodes() if c is not guarded), scope)

    def _test(self, test: nodes.Node, scope: _Scope) -> frozenset[str]:
        """Walk a tested expression: each variable it reads is guarded.

        Only the variables whose presence decides the test are *tested* (``x``, ``not x``,
        ``x.y``, ``x | f``, ``x is defined``, ``x and y``): ``x == 'a'`` or ``x.endswith('a')``
        assumes ``x`` is there.
        """
        guards = self._sources(test, scope) | frozenset(_names_in(test))
        self.tested |= self._presence(test, scope)
        self.walk(test, scope.guarding(guards))
        return guards

    def _call(self, node: nodes.Call, callee: str, scope: _Scope) -> None:
        """A macro tests what its tested parameters are given: their presence decides."""
        tested = self.macros.get(callee, frozenset()) if callee not in scope.local else ()
        given = [*enumerate(node.args), *((k.key, k.value) for k in node.kwargs)]
        for key, argument in given:
            if key in tested:
                self.tested |= self._presence(argument, scope)
        self.walk_all(node.iter_child_nodes(), scope)

    def _assign(self, node: nodes.Assign | nodes.AssignBlock, scope: _Scope) -> None:
        value: list[nodes.Node] = [node.node] if isinstance(node, nodes.Assign) else node.body
        if isinstance(node, nodes.AssignBlock) and node.filter is not None:
            value.append(node.filter)
        self.walk_all(value, scope)
        sources = frozenset().union(*(self._sources(part, scope) for part in value))
        presence = self._presence(value[0], scope) if isinstance(node, nodes.Assign) else None
        for name in _store_names(node.target):
            self.aliases[name.name] = sources
            self.presence[name.name] = presence or frozenset()
            if not scope.deferred:
                self.bound.add(name.name)

    def _for(self, node: nodes.For, scope: _Scope) -> None:
        self.walk(node.iter, scope)
        self.tested |= self._presence(_iterated(node.iter), scope)
        targets = frozenset(name.name for name in _store_names(node.target))
        loop = self._sources(node.iter, scope)
        inner = replace(scope.binding(targets), loops=(*scope.loops, loop))
        if node.test is not None:
            self.walk(node.test, inner)
        self.walk_all(node.body, inner)
        self.walk_all(node.else_, scope)

    def _presence(self, test: nodes.Node, scope: _Scope) -> frozenset[str]:
        """The context variables whose presence alone decides ``test``'s truth.

        Through ``set`` names whose value is such a test itself (``set b = a | default('')``),
        not through values merely computed from a variable.
        """
        found: set[str] = set()
        for part in presence_parts(test):
            name = root_name(part)
            if name is None or name in scope.local:
                continue
            if name in self.presence and (name in self.bound or scope.deferred):
                found |= self.presence[name]
            elif name in self.context:
                found.add(name)
        return frozenset(found)

    def _sources(self, node: nodes.Node, scope: _Scope) -> frozenset[str]:
        """The context variables an expression's value comes from, through ``set`` names."""
        found: set[str] = set()
        for name in _names_in(node):
            if name in scope.local:
                continue
            if name in self.aliases and (name in self.bound or scope.deferred):
                found |= self.aliases[name]
            elif name in self.context:
                found.add(name)
        return frozenset(found)


def _tested_parameters(tree: nodes.Template) -> dict[str, frozenset[int | str]]:
    """Each macro's parameters whose presence one of its tests decides, by index and name."""
    found: dict[str, frozenset[int | str]] = {}
    for macro in tree.find_all(nodes.Macro):
        params = [arg.name for arg in macro.args]
        tests = [
            node.test
            for node in macro.find_all((nodes.If, nodes.CondExpr))
            if isinstance(node, nodes.If | nodes.CondExpr)
        ]
        names = {root_name(p) for test in tests for p in presence_parts(test)}
        found[macro.name] = frozenset(
            key for index, name in enumerate(params) if name in names for key in (index, name)
        )
    return found


def _iterated(node: nodes.Node) -> nodes.Node:
    """The value whose emptiness empties a loop: ``x`` for ``x.splitlines()`` and ``x``."""
    if (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Getattr)
        and node.node.attr in _EMPTY_ITERATIONS
        and not (node.args or node.kwargs or node.dyn_args or node.dyn_kwargs)
    ):
        return node.node.node
    return node


def _required(reads: list[_Read], tested: set[str]) -> set[str]:
    """The names some read leaves uncovered; loops make it a (monotone) fixed point."""
    required: set[str] = set()
    while True:
        found = {read.name for read in reads if not _covered(read, required, tested)}
        if found == required:
            return required
        required = found


def _covered(read: _Read, required: set[str], tested: set[str]) -> bool:
    if read.guarded and not (read.placeholder and read.name not in tested):
        return True
    return any(loop and not loop & required for loop in read.loops)


def _extends_lineage(trees: dict[str, nodes.Template], name: str) -> list[str]:
    lineage = [name]
    while True:
        parents = [
            node.template.value
            for node in trees[lineage[-1]].find_all(nodes.Extends)
            if isinstance(node.template, nodes.Const) and node.template.value in trees
        ]
        if not parents or parents[0] in lineage:
            return lineage
        lineage.append(parents[0])


def _declared(tree: nodes.Template) -> set[str]:
    """Names the template binds: any ``set``, and top-level ``import``, ``from``, macros.

    A ``set`` inside an ``if`` counts too: Jinja's scope analysis cannot prove such a name is
    always bound, but it is the template's own variable, never an input.
    """
    names: set[str] = set()
    for assignment in tree.find_all((nodes.Assign, nodes.AssignBlock)):
        if isinstance(assignment, nodes.Assign | nodes.AssignBlock):
            names.update(name.name for name in _store_names(assignment.target))
    for node in tree.body:
        if isinstance(node, nodes.Import):
            names.add(node.target)
        elif isinstance(node, nodes.FromImport):
            names.update(name if isinstance(name, str) else name[1] for name in node.names)
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
    return names


def _store_names(target: nodes.Node) -> list[nodes.Name]:
    found = [target] if isinstance(target, nodes.Name) else []
    return found + list(target.find_all(nodes.Name))


def _names_in(node: nodes.Node) -> Iterator[str]:
    if isinstance(node, nodes.Name):
        yield node.name
    yield from (name.name for name in node.find_all(nodes.Name))


def presence_parts(test: nodes.Node) -> Iterator[nodes.Node]:
    """The paths (``x``, ``x.y``, ``x['k']``) whose presence alone decides a truth test.

    Through ``not``, ``and``, ``or``, filters and tests: ``not (x | trim) or y is defined``
    gives ``x`` and ``y``; ``x == 'a'`` and ``x.endswith('a')`` give nothing.
    """
    if isinstance(test, nodes.Not):
        yield from presence_parts(test.node)
    elif isinstance(test, nodes.And | nodes.Or):
        yield from presence_parts(test.left)
        yield from presence_parts(test.right)
    elif isinstance(test, nodes.Filter | nodes.Test) and test.node is not None:
        yield from presence_parts(test.node)
    elif root_name(test) is not None:
        yield test


def _is_guard(node: nodes.Filter | nodes.Test) -> bool:
    names = DEFENSIVE_FILTERS if isinstance(node, nodes.Filter) else _GUARDING_TESTS
    return node.name in names


def _is_placeholder(node: nodes.Filter) -> bool:
    """``| default`` or ``| default('')`` (with or without ``true``): silence, not a value."""
    if not node.args:
        return not node.kwargs
    first = node.args[0]
    return isinstance(first, nodes.Const) and first.value == ""


def root_name(node: nodes.Node | None) -> str | None:
    """The variable an expression reads from: ``x`` for ``x``, ``x.y`` and ``x['k']``."""
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        node = node.node
    return node.name if isinstance(node, nodes.Name) else None
