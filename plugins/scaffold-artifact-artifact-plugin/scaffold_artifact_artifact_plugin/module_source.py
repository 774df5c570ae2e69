"""The generated package module as data: its classes, their attributes, its imports.

The ``artifact_plugin/package.py.jinja2`` template lays these out (``Field(...)`` calls,
docstrings, blank lines) through the core's filters; every decision is taken here.
"""

import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from scaffold_artifact_artifact_plugin.field_specs import (
    Loc,
    ModelSpec,
    PluginAttribute,
    PluginField,
)
from scaffold_artifact_artifact_plugin.module_names import (
    IMPORTS,
    MESSAGE_ANNOTATIONS,
    VALUE_ANNOTATIONS,
)

__all__ = [
    "ContextBase",
    "SourceAttribute",
    "SourceClass",
    "item_class",
    "item_models",
    "module_classes",
    "module_imports",
    "natural_order",
]

ContextBase = Literal["BaseContext", "BaseDocumentContext", "TypedDict"]
"""What the generated Context subclasses."""


class SourceAttribute(BaseModel):
    """One attribute of a generated class: ``name: annotation = Field(...)``.

    ``default`` is a value default (written with ``python_literal``), ``keywords`` the other
    ``Field`` arguments before the description, ``section`` the heading of a document
    section (``json_schema_extra=section(...)``). In a ``TypedDict`` only the name, the
    annotation and the description (as the attribute's docstring) are written.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    annotation: str
    description: str
    default: str | int | float | bool | None = None
    keywords: list[str] = []
    section: str | None = None


class SourceClass(BaseModel):
    """One generated class: decorator, ``class name(bases):``, docstring, settings, body.

    ``typed_dict``: a message's ``TypedDict``: attributes with docstrings, no ``Field``.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    bases: list[str]
    docstring: str
    decorator: str | None = None
    settings: list[str] = []
    typed_dict: bool = False
    attributes: list[SourceAttribute] = []


def item_class(*path: str) -> str:
    """The class of the model at ``path``: ``ServerItem``, ``MethodsParamsItem``.

    ``MethodsParamsItem`` is the model of the attribute ``params`` of ``methods``.

    No other class of the module ends in ``Item``, so it clashes with none but another item
    model (``ab_1`` and ``ab1``, ``a_b`` and ``a.b``), which the Context refuses.
    """
    return "".join(word.capitalize() for name in path for word in name.split("_")) + "Item"


def item_models(
    fields: Sequence[PluginField],
) -> list[tuple[Loc, tuple[str, ...], ModelSpec[Any]]]:
    """``(location in fields, path, spec)`` of each model, inner ones before their holder."""
    models: list[tuple[Loc, tuple[str, ...], ModelSpec[Any]]] = []
    for index, field in enumerate(fields):
        if field.type == "model":
            models += [
                ((index, "fields", number), (field.name, inner.name), inner)
                for number, inner in enumerate(field.fields)
                if inner.type == "model"
            ]
            models.append(((index,), (field.name,), field))
    return models


def module_classes(
    prefix: str,
    base: ContextBase,
    fields: Sequence[PluginField],
    summary: str,
    output_path: str | None,
) -> list[SourceClass]:
    """The item models (inner ones first), the Context and (but a message's) RenderContext."""
    message = base == "TypedDict"
    classes = [
        SourceClass(
            name=item_class(*path),
            bases=["BaseModel"],
            docstring=f"An item of {'.'.join(path)}: {spec.label}",
            settings=['model_config = ConfigDict(extra="forbid")'],
            attributes=[_attribute(a, strict=message, path=path) for a in spec.fields],
        )
        for _, path, spec in item_models(fields)
    ]
    settings = [] if output_path is None else [f'default_output_path = "{output_path}"']
    classes.append(
        SourceClass(
            name=f"{prefix}Context",
            bases=[base],
            docstring=summary,
            decorator=(
                '@with_config(ConfigDict(extra="forbid", use_attribute_docstrings=True))'
                if message
                else None
            ),
            settings=settings,
            typed_dict=message,
            attributes=[
                _attribute(
                    field,
                    strict=message,
                    path=(),
                    typed_dict=message,
                    document=base == "BaseDocumentContext",
                )
                for field in fields
            ],
        )
    )
    if not message:
        classes.append(
            SourceClass(
                name=f"{prefix}RenderContext",
                bases=[f"{prefix}Context", "BaseRenderContext"],
                docstring="What the template receives: the input and the lifecycle fields.",
            )
        )
    return classes


def _attribute(
    spec: PluginAttribute,
    *,
    strict: bool,
    path: tuple[str, ...],
    typed_dict: bool = False,
    document: bool = False,
) -> SourceAttribute:
    """``spec`` as an attribute: of a ``TypedDict``, or of a model (``Field`` arguments).

    ``strict``: its numbers say so themselves (a message's, outside any ``BaseContext``);
    ``path``: the names of the models holding it.
    """
    value = (
        item_class(*path, spec.name)
        if isinstance(spec, ModelSpec) and spec.type == "model"
        else (MESSAGE_ANNOTATIONS if strict else VALUE_ANNOTATIONS)[spec.type]
    )
    keywords: list[str] = []
    if typed_dict:
        # A message's required list is a key that must be given; it may be empty.
        annotation = f"list[{value}]" if spec.many else value
        if not spec.required:
            annotation = f"NotRequired[{annotation}]"
    elif spec.many:
        annotation = f"list[{value}]"
        keywords.append("min_length=1" if spec.required else "default_factory=list")
    elif spec.nullable:
        annotation = f"{value} | None"
        keywords.append("default=None")
    else:
        annotation = value
    return SourceAttribute(
        name=spec.name,
        annotation=annotation,
        description=spec.label,
        default=None if typed_dict else spec.default,
        keywords=keywords,
        section=spec.heading if document else None,
    )


def module_imports(classes: Sequence[SourceClass], *, sections: bool) -> list[str]:
    """Every ``module.Name`` the module uses, for the ``python_imports`` filter."""
    used: set[str] = {"section"} if sections else set()
    for source in classes:
        used.update(base for base in source.bases if base in IMPORTS)
        if source.typed_dict:
            used.add("with_config")
        if source.decorator or any("ConfigDict" in line for line in source.settings):
            used.add("ConfigDict")
        for attribute in source.attributes:
            used.update(
                name for name in re.findall(r"\w+", attribute.annotation) if name in IMPORTS
            )
            if not source.typed_dict:
                used.add("Field")
    return sorted(IMPORTS[name] for name in used)


def natural_order(names: Sequence[str]) -> list[str]:
    """``names`` sorted as ruff sorts ``__all__``: digit runs compared as numbers."""
    return sorted(
        names, key=lambda name: [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]
    )
