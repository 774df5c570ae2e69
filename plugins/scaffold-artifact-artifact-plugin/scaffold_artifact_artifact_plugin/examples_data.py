"""The new type's examples: checked against its fields, sampled when none are given, written.

The examples the user gives are validated by a model built from the field declarations
with the generated Context's own types, so an example the generated plugin would refuse
is refused here, at ``examples``. Data files are written as YAML flow (JSON) lines, which
the core's strict YAML reader takes as they are.
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from scaffold_artifact_artifact_plugin.field_specs import (
    ModelSpec,
    PluginAttribute,
    PluginField,
    field_value_type,
)
from scaffold_schemas import BaseContext, BaseDocumentContext

__all__ = [
    "example_problems",
    "rejection_cases",
    "sample_examples",
    "yaml_flow",
]

_SAMPLES: dict[str, object] = {"integer": 1, "number": 1.5, "boolean": True}


def yaml_flow(value: object) -> str:
    """``value`` (JSON data) on one line, in the YAML flow form JSON is."""
    text = json.dumps(value, ensure_ascii=False)
    # YAML holds only printable characters unescaped; JSON leaves some raw (U+FEFF...).
    return "".join(char if char.isprintable() else f"\\U{ord(char):08x}" for char in text)


def _validator(fields: Sequence[PluginField], *, document: bool, message: bool) -> type[BaseModel]:
    """A model that accepts what the generated Context accepts (its types and required keys)."""
    declared: dict[str, Any] = {
        field.name: _declared(field, _value_type(field), message=message) for field in fields
    }
    base: type[BaseContext] = BaseDocumentContext if document else BaseContext
    validator: type[BaseModel] = create_model("Example", __base__=base, **declared)
    return validator


def _value_type(spec: PluginAttribute, path: str = "Item") -> object:
    """The validated type of one value of ``spec``: a model (``Item_a_b``) for a model."""
    if not isinstance(spec, ModelSpec) or spec.type != "model":
        return field_value_type(spec.type)
    inner = f"{path}_{spec.name}"
    attributes: dict[str, Any] = {a.name: _declared(a, _value_type(a, inner)) for a in spec.fields}
    return create_model(inner, __config__=ConfigDict(extra="forbid"), **attributes)


def _declared(spec: PluginAttribute, value: object, *, message: bool = False) -> tuple[Any, Any]:
    """``(annotation, FieldInfo)`` for ``create_model``: the generated field's rules.

    A message's optional key (``NotRequired``) may be left out but is never ``null``.
    """
    annotation: object = list[value] if spec.many else value  # type: ignore[valid-type]
    if spec.required:
        return annotation, Field(min_length=1) if spec.many and not message else Field()
    if spec.many:
        return annotation, Field(default_factory=list)
    if spec.default is not None or message:
        return annotation, Field(default=spec.default)
    return annotation | None, Field(default=None)  # type: ignore[operator]


def example_problems(
    examples: Sequence[Mapping[str, object]],
    fields: Sequence[PluginField],
    *,
    document: bool,
    message: bool,
) -> list[str]:
    """``N.field: message`` for each problem the new type would report in example ``N``."""
    validator = _validator(fields, document=document, message=message)
    problems: list[str] = []
    for index, example in enumerate(examples):
        try:
            validator.model_validate(dict(example))
        except ValidationError as error:
            for detail in error.errors():
                where = ".".join(str(part) for part in (index, *detail["loc"]))
                problems.append(f"{where}: {detail['msg']}")
    return problems


def sample_examples(
    fields: Sequence[PluginField], title: str, *, document: bool
) -> list[dict[str, object]]:
    """A full example (every field) and a minimal one (required fields), when they differ."""
    rich = {field.name: _sample(field, everything=True) for field in fields}
    minimal = {field.name: _sample(field, everything=False) for field in fields if field.required}
    if document:
        rich = {"title": f"{title}: a full example", **rich}
        minimal = {"title": f"{title}: a minimal example", **minimal}
    return [rich] if rich == minimal else [rich, minimal]


def _sample(spec: PluginAttribute, *, everything: bool) -> object:
    words = spec.name.replace("_", " ")
    if isinstance(spec, ModelSpec) and spec.type == "model":
        value: object = {
            a.name: _sample(a, everything=everything)
            for a in spec.fields
            if everything or a.required
        }
    elif spec.type == "line":
        value = f"Sample {words}"
    elif spec.type == "text":
        value = f"Sample {words}, a paragraph of text."
    else:
        value = _SAMPLES[spec.type]
    return [value] if spec.many else value


def rejection_cases(
    example: Mapping[str, object], fields: Sequence[PluginField]
) -> list[dict[str, object]]:
    """Cases the new type refuses: ``example`` with an unknown key, without a required one."""
    names = {field.name for field in fields}
    unknown = next(
        name
        for name in (f"unknown_field{suffix}" for suffix in ("", *map(str, range(len(names)))))
        if name not in names
    )
    cases: list[dict[str, object]] = [
        {"input": {**example, unknown: 1}, "field": unknown, "message": "unknown field"}
    ]
    required = next((field.name for field in fields if field.required), None)
    if required is not None:
        missing = {key: value for key, value in example.items() if key != required}
        cases.append({"input": missing, "field": required, "message": "required field is missing"})
    return cases
