"""The template ↔ schema contract, checked statically: ARCH006 and ARCH007.

ARCH006: every variable the v2 template chain reads is a field (or computed field) of the
RenderContext, every attribute read on a field whose type is a model or TypedDict exists
there (also through ``for`` loops over lists of them), and a required field the template
never reads is a warning. ARCH007: no ``| default`` on a schema field in a v2 template.
"""

import ast
import functools
import inspect
import textwrap
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Union

import jinja2
from jinja2 import nodes
from pydantic import BaseModel
from typing_extensions import is_typeddict

from scaffold_core.architecture.report import Finding, finding
from scaffold_core.discover import ArtifactType
from scaffold_core.render.chain import parse_template, template_chain
from scaffold_core.render.introspect import DEFENSIVE_FILTERS, introspect, root_name
from scaffold_schemas import LIFECYCLE_FIELDS, BaseDocumentContext
from scaffold_schemas.messages import derived_keys

__all__ = ["template_findings"]

Scope = Mapping[str, object]


def template_findings(
    artifact: ArtifactType, environment: jinja2.Environment
) -> Iterator[Finding]:
    """ARCH006 and ARCH007 findings for ``artifact``'s v2 template chain."""
    fields = _template_fields(artifact)
    read = introspect(environment, artifact.template_name)
    render_class = artifact.render_context_class or artifact.context_class
    for variable in read.variables:
        if variable.name not in fields:
            yield finding(
                artifact,
                "ARCH006",
                _first_read(environment, variable.templates[0], variable.name),
                f"the template reads '{variable.name}', which is not a field of"
                f" {render_class.__name__}",
            )
    read_names = {variable.name for variable in read.variables}
    read_names |= _read_through_computed_fields(artifact, read_names)
    for name in artifact.required_fields():
        if name not in read_names:
            yield finding(
                artifact,
                "ARCH006",
                artifact.template_name,
                f"required field '{name}' is never read by the template",
                "warning",
            )
    for member in template_chain(environment, artifact.template_name):
        tree = parse_template(environment, member)
        for node, owner, attribute in _attribute_reads(tree, fields):
            yield finding(
                artifact,
                "ARCH006",
                f"{member}:{node.lineno}",
                f"the template reads '.{attribute}' of {owner}, which has no field '{attribute}'",
            )
        for node in tree.find_all(nodes.Filter):
            root = root_name(node.node) if isinstance(node, nodes.Filter) else None
            if (
                isinstance(node, nodes.Filter)
                and node.name in DEFENSIVE_FILTERS
                and root in fields
            ):
                yield finding(
                    artifact,
                    "ARCH007",
                    f"{member}:{node.lineno}",
                    _defensive_message(artifact, root, node.name),
                )


def _first_read(environment: jinja2.Environment, template: str, name: str) -> str:
    """``template:line`` of the first line of ``template`` that reads ``name``."""
    tree = parse_template(environment, template)
    lines = [n.lineno for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"]
    return f"{template}:{min(lines)}" if lines else template


def _defensive_message(artifact: ArtifactType, name: str, guard: str) -> str:
    """Why ``| guard`` on field ``name`` is wrong, by what the schema says of the field.

    A required field (or a computed or lifecycle one) is always there; an optional field's
    default belongs in the Context, where the schema and every consumer see it.
    """
    head = f"defensive '| {guard}' on schema field '{name}'"
    context = artifact.context_class
    if name not in artifact.field_types() or name in artifact.required_fields():
        return f"{head}: the schema already guarantees it; remove the default"
    fields = getattr(context, "model_fields", {})
    default = fields[name].get_default(call_default_factory=True) if name in fields else None
    if default is None:
        return (
            f"{head}: the field is optional and {context.__name__} gives it no default;"
            " give it its default there and remove the one in the template"
        )
    return (
        f"{head}: {context.__name__} defaults it to {default!r}, so the template's default"
        " is never used; remove it"
    )


def _read_through_computed_fields(artifact: ArtifactType, read: set[str]) -> set[str]:
    """The attributes of ``self`` that the computed fields the template reads use.

    For a ``TypedDict`` Context: the keys its derived keys read, as they declare them. For a
    document: ``sections`` reads every field that declares a section form.
    """
    render = artifact.render_context_class
    if render is None:
        derived = derived_keys(artifact.context_class)
        return {name for key in derived.keys() & read for name in derived[key].reads}
    found = _attributes_read(render, render.model_computed_fields.keys() & read)
    if "sections" in read and issubclass(render, BaseDocumentContext):
        found.update(render.section_fields())
    return found


def _attributes_read(owner: type[BaseModel], members: Iterable[str]) -> set[str]:
    """Every attribute of ``self`` that ``owner``'s ``members`` read, found in their source.

    ``self.x``, ``getattr(self, "x")`` and ``super().x`` count; a property, cached property
    or method reached that way is followed into its own source. Text in strings and comments
    does not count. A member whose source cannot be read (defined by ``exec``, or in C) adds
    nothing.
    """
    reads = _SelfReads(owner)
    for name in sorted(members):
        reads.follow(name)
    return reads.names


class _SelfReads:
    """The walk behind ``_attributes_read``: names found so far, functions already read."""

    def __init__(self, owner: type[BaseModel]) -> None:
        self.owner = owner
        self.names: set[str] = set()
        self._read: set[object] = set()

    def follow(self, name: str, after: type | None = None) -> None:
        """Read the function behind member ``name`` (looked up past ``after`` in the MRO)."""
        found = _member(self.owner, name, after)
        if found is None:
            return
        defining_class, member = found
        function = _function_of(member)
        if function is None or function in self._read:
            return
        self._read.add(function)
        definition = _definition(function)
        if definition is None:
            return
        parameters = [*definition.args.posonlyargs, *definition.args.args]
        if not parameters:
            return
        for node in ast.walk(definition):
            read = _self_attribute(node, parameters[0].arg)
            if read is not None:
                attribute, through_super = read
                self.names.add(attribute)
                self.follow(attribute, defining_class if through_super else None)


def _member(owner: type, name: str, after: type | None) -> tuple[type, object] | None:
    """The class that defines ``name`` for ``owner`` (past ``after``), and its definition.

    pydantic's own classes are not searched: their methods read no field of a plugin.
    """
    classes = list(owner.__mro__)
    if after is not None:
        classes = classes[classes.index(after) + 1 :]
    for cls in classes:
        if cls in (BaseModel, object):
            continue
        if name in vars(cls):
            return cls, vars(cls)[name]
    return None


def _function_of(member: object) -> types.FunctionType | None:
    """The function a property, cached property or method runs on ``self``."""
    if isinstance(member, staticmethod | classmethod):
        return None
    if isinstance(member, property):
        member = member.fget
    elif isinstance(member, functools.cached_property):
        member = member.func
    function = inspect.unwrap(member) if callable(member) else None
    return function if isinstance(function, types.FunctionType) else None


Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def _definition(function: types.FunctionType) -> Definition | None:
    """The syntax tree of ``function``'s own definition, or ``None`` without source."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return None
    # The source of a lambda is the lines around it; a def's starts with the def itself.
    is_lambda = function.__name__ == "<lambda>"
    definitions = (node for node in ast.walk(tree) if isinstance(node, Definition))
    return next((node for node in definitions if isinstance(node, ast.Lambda) == is_lambda), None)


def _self_attribute(node: ast.AST, self_name: str) -> tuple[str, bool] | None:
    """``(attribute, through super())`` when ``node`` reads an attribute of ``self``."""
    match node:
        case ast.Attribute(value=ast.Name(id=name), attr=attribute) if name == self_name:
            return attribute, False
        case ast.Attribute(value=ast.Call(func=ast.Name(id="super"), args=[]), attr=attribute):
            return attribute, True
        case ast.Call(
            func=ast.Name(id="getattr"),
            args=[ast.Name(id=name), ast.Constant(value=str() as attribute), *_],
        ) if name == self_name:
            return attribute, False
    return None


def _template_fields(artifact: ArtifactType) -> dict[str, object]:
    """Every name a v2 template may read, with its type: fields, computed fields, lifecycle.

    A ``TypedDict`` Context has no computed fields; its derived keys stand in for them.
    """
    render = artifact.render_context_class
    if render is None:
        derived = derived_keys(artifact.context_class)
        return artifact.field_types() | {key: rule.annotation for key, rule in derived.items()}
    fields: dict[str, object] = {n: f.annotation for n, f in render.model_fields.items()}
    fields |= {n: f.return_type for n, f in render.model_computed_fields.items()}
    return fields | dict.fromkeys(LIFECYCLE_FIELDS - fields.keys())


def _attribute_reads(node: nodes.Node, scope: Scope) -> Iterator[tuple[nodes.Node, str, str]]:
    """``(node, owner type name, attribute)`` for every attribute a typed owner lacks."""
    if isinstance(node, nodes.For):
        yield from _attribute_reads(node.iter, scope)
        element = _element(_resolve(node.iter, scope))
        inner = {k: v for k, v in scope.items() if k not in _bound(node.target)}
        if isinstance(node.target, nodes.Name) and element is not None:
            inner[node.target.name] = element
        for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
            yield from _attribute_reads(child, inner)
        return
    if isinstance(node, nodes.Macro):
        params = {argument.name for argument in node.args}
        inner = {k: v for k, v in scope.items() if k not in params}
        for child in node.body:
            yield from _attribute_reads(child, inner)
        return
    if isinstance(node, nodes.Getattr):
        owner = _structure(_resolve(node.node, scope))
        if owner is not None and node.attr not in _members(owner):
            yield node, owner.__name__, node.attr
    for child in node.iter_child_nodes():
        yield from _attribute_reads(child, scope)


def _bound(target: nodes.Node) -> set[str]:
    names = {target.name} if isinstance(target, nodes.Name) else set()
    return names | {name.name for name in target.find_all(nodes.Name)}


def _resolve(node: nodes.Node, scope: Scope) -> object:
    """The type annotation of an expression, when it is a known name or attribute chain."""
    if isinstance(node, nodes.Name):
        return scope.get(node.name)
    if isinstance(node, nodes.Getattr):
        owner = _structure(_resolve(node.node, scope))
        return None if owner is None else _hints(owner).get(node.attr)
    return None


def _structure(annotation: object) -> type[Any] | None:
    """The model or TypedDict behind an annotation (``X | None`` and ``Annotated`` unwrapped)."""
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and (
        issubclass(annotation, BaseModel) or is_typeddict(annotation)
    ):
        return annotation
    return None


def _element(annotation: object) -> object:
    """The element type of a list, tuple or sequence annotation."""
    annotation = _unwrap(annotation)
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) in (list, tuple, set, frozenset) and arguments:
        return arguments[0]
    return None


def _unwrap(annotation: object) -> object:
    while True:
        origin = typing.get_origin(annotation)
        arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated or (
            origin in (Union, types.UnionType) and len(arguments) == 1
        ):
            annotation = arguments[0]
        else:
            return annotation


def _hints(structure: type[Any]) -> dict[str, object]:
    if issubclass(structure, BaseModel):
        hints: dict[str, object] = {n: f.annotation for n, f in structure.model_fields.items()}
        return hints | {n: f.return_type for n, f in structure.model_computed_fields.items()}
    return dict(typing.get_type_hints(structure))


def _members(structure: type[Any]) -> set[str]:
    """Attributes a template may read: fields, computed fields, and the class's own API."""
    base = dir(structure) if issubclass(structure, BaseModel) else dir(dict)
    return set(_hints(structure)) | set(base)
