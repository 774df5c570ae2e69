"""What a template reads: every variable over its whole chain, required or optional.

A read is *optional* when the template guards it: ``x | default(...)``, ``x is defined``
(or ``undefined``, ``none``), or inside an ``if``/conditional expression that tests ``x``. A
variable is *required* when any template in the chain reads it unguarded. Loop variables,
``set`` targets, macro parameters and imported names are not variables of the context (Jinja's
own scope analysis decides), nor are the environment's globals.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import jinja2
from jinja2 import meta, nodes

from scaffold_core.render.chain import parse_template, template_chain
from scaffold_schemas import LIFECYCLE_FIELDS

__all__ = [
    "DEFENSIVE_FILTERS",
    "TemplateVariable",
    "TemplateVariables",
    "introspect",
    "root_name",
]

DEFENSIVE_FILTERS = frozenset({"default", "d"})
_GUARDING_TESTS = frozenset({"defined", "undefined", "none"})


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
    declared = set(environment.globals).union(*(_declared(trees[name]) for name in lineage))
    guarded: dict[str, bool] = {}
    readers: dict[str, list[str]] = {}
    for member, tree in trees.items():
        context_names = meta.find_undeclared_variables(tree) - declared
        for name, is_guarded in _reads(tree, frozenset()):
            if name not in context_names:
                continue
            guarded[name] = guarded.get(name, True) and is_guarded
            if member not in readers.setdefault(name, []):
                readers[name].append(member)
    variables = tuple(
        TemplateVariable(name, not guarded[name], tuple(readers[name]))
        for name in sorted(guarded)
        if name not in LIFECYCLE_FIELDS
    )
    system = tuple(sorted(LIFECYCLE_FIELDS.intersection(guarded)))
    return TemplateVariables(template_name, tuple(chain), variables, system)


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


def _reads(node: nodes.Node, guards: frozenset[str]) -> Iterator[tuple[str, bool]]:
    """Every ``(name, guarded)`` read under ``node``."""
    if isinstance(node, nodes.Name):
        if node.ctx == "load":
            yield node.name, node.name in guards
        return
    if isinstance(node, nodes.Filter | nodes.Test) and _is_guard(node):
        guarded = node.node
        root = root_name(guarded)
        if root is not None:
            yield root, True
        elif guarded is not None:
            yield from _reads(guarded, guards | frozenset(_names_in(guarded)))
        for child in node.iter_child_nodes():
            if child is not guarded:
                yield from _reads(child, guards)
        return
    if isinstance(node, nodes.If | nodes.CondExpr):
        tested = frozenset(_names_in(node.test))
        yield from ((name, True) for name in sorted(tested))
        for child in node.iter_child_nodes():
            if child is not node.test:
                yield from _reads(child, guards | tested)
        return
    for child in node.iter_child_nodes():
        yield from _reads(child, guards)


def _names_in(node: nodes.Node) -> Iterator[str]:
    if isinstance(node, nodes.Name):
        yield node.name
    yield from (name.name for name in node.find_all(nodes.Name))


def _is_guard(node: nodes.Filter | nodes.Test) -> bool:
    names = DEFENSIVE_FILTERS if isinstance(node, nodes.Filter) else _GUARDING_TESTS
    return node.name in names


def root_name(node: nodes.Node | None) -> str | None:
    """The variable an expression reads from: ``x`` for ``x``, ``x.y`` and ``x['k']``."""
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        node = node.node
    return node.name if isinstance(node, nodes.Name) else None
