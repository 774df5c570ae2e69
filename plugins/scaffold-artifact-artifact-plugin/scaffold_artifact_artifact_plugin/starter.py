"""The starter v2 template of a new type: Jinja source that reads every field of its input.

The starter renders a valid file for every valid input of the new type, whatever its
fields: a Python module with the values as one literal (``py``), a Markdown page or
document with one section per field (``md``), comment lines holding the values as JSON
(other extensions the core can header), or plain lines (a ``txt`` message). Constants the
plugin author chose (the title, the docstring) are written as Jinja string literals, never
as template text, so no character of theirs can open a Jinja tag. The template's own
variables start with ``_``, which no field name does (``__`` for an inner model's, which no
``_`` + field name does).
"""

from collections.abc import Callable, Sequence
from typing import Any, Literal

from scaffold_artifact_artifact_plugin.field_specs import ModelSpec, PluginAttribute, PluginField
from scaffold_schemas import COMMENT_SYNTAX

__all__ = ["Family", "jinja_literal", "starter_template"]

Family = Literal["python", "markdown", "document", "message", "comment", "text"]
"""How the starter writes the new type's output: ``markdown`` is a page, ``message`` a
Markdown message, ``text`` a plain-text message."""


def jinja_literal(value: object) -> str:
    """``value`` (text, number, boolean) as a Jinja literal: Python's ``repr`` reads alike."""
    return repr(value)


def starter_template(
    family: Family, title: str, summary: str, fields: Sequence[PluginField], extension: str
) -> str:
    """The Jinja source of the starter template, ending with a newline.

    ``title`` heads a Markdown page or a text message; ``summary`` is a module's docstring.
    """
    if family == "python":
        lines = _python(summary, fields)
    elif family in {"markdown", "document", "message"}:
        lines = _markdown(family, title, fields)
    elif family == "comment":
        lines = _comment(title, fields, extension)
    else:
        lines = _text(title, fields)
    return "\n".join(lines) + "\n"


def _python(summary: str, fields: Sequence[PluginField]) -> list[str]:
    return [
        '{% extends "layouts/python_module.py.jinja2" %}',
        "{% block docstring %}",
        "{{ " + jinja_literal(summary) + " }}",
        "{% endblock %}",
        "{% block imports %}{% endblock %}",
        "{% block body %}",
        *_data_values(fields),
        "VALUES = {{ _values | python_literal(0, 9) }}",
        "{% endblock %}",
    ]


def _comment(title: str, fields: Sequence[PluginField], extension: str) -> list[str]:
    opening, closing = COMMENT_SYNTAX[extension]
    # '--' may not appear inside an XML comment: escaped in the JSON, it cannot.
    shown = ' | replace("-", "\\\\u002d")' if closing else ""
    # The title is the id in words: letters, digits and spaces, safe as template text.
    lines = [f"{opening}{title}{closing}"]
    lines += [line for line in _data_values(fields) if "_values" not in line]
    for field in fields:
        value = f"_{field.name}" if field.type == "model" else field.name
        lines.append(f"{opening}{field.name}: {{{{ {value} | tojson{shown} }}}}{closing}")
    return lines


def _data_values(fields: Sequence[PluginField]) -> list[str]:
    """``{% set %}`` lines: each model value as a dict, then ``_values``: every field's value."""
    lines: list[str] = []
    for field in fields:
        if field.type == "model":
            lines += _each_item(field, field.name, f"_{field.name}", _as_data)
            if not field.many:
                lines.append(f"{{% set _{field.name} = {_single(f'_{field.name}')} %}}")
    pairs = [
        f"{jinja_literal(field.name)}: {'_' if field.type == 'model' else ''}{field.name}"
        for field in fields
    ]
    lines.append("{% set _values = {" + ", ".join(pairs) + "} %}")
    return lines


_ItemLines = Callable[[ModelSpec[Any], str, str], list[str]]
"""``(spec, item, target)``: the lines that append an entry for the model ``item`` to list
``target``."""


def _is_model(spec: PluginAttribute) -> bool:
    return isinstance(spec, ModelSpec) and spec.type == "model"


def _single(items: str) -> str:
    """The one entry of the list ``items``, or ``none`` when it is empty."""
    return f"({items}[0] if {items} else none)"


def _each_item(
    spec: ModelSpec[Any], value: str, target: str, item_lines: _ItemLines, item: str = "_item"
) -> list[str]:
    """Lines setting list ``target`` to an entry (by ``item_lines``) per item of ``value``.

    ``value`` is a model, a list of them or ``none``.
    """
    if spec.many:
        items = value
    elif spec.nullable:
        items = f"([] if {value} is none else [{value}])"
    else:
        items = f"[{value}]"
    return [
        f"{{% set {target} = [] %}}",
        f"{{% for {item} in {items} %}}",
        *item_lines(spec, item, target),
        "{% endfor %}",
    ]


def _inner_models(
    spec: ModelSpec[Any], item: str, lines: list[str], item_lines: _ItemLines
) -> dict[str, str]:
    """Each attribute's value: ``item.name``, or ``__name`` for an inner model.

    ``__name`` is the list of its entries, whose lines are added to ``lines``.
    """
    values: dict[str, str] = {}
    for attribute in spec.fields:
        values[attribute.name] = f"{item}.{attribute.name}"
        if isinstance(attribute, ModelSpec) and attribute.type == "model":
            inner = f"__{attribute.name}"
            lines += _each_item(attribute, values[attribute.name], inner, item_lines, "_inner")
            values[attribute.name] = inner
    return values


def _as_data(spec: ModelSpec[Any], item: str, target: str) -> list[str]:
    """Append the model ``item`` to ``target`` as a dict: inner models as dicts (or lists)."""
    lines: list[str] = []
    values = _inner_models(spec, item, lines, _as_data)
    pairs = []
    for attribute in spec.fields:
        value = values[attribute.name]
        if _is_model(attribute) and not attribute.many:
            value = _single(value)
        pairs.append(f"{jinja_literal(attribute.name)}: {value}")
    return [*lines, f"{{% do {target}.append({{{', '.join(pairs)}}}) %}}"]


def _markdown(family: Family, title: str, fields: Sequence[PluginField]) -> list[str]:
    layout = "markdown_document" if family == "document" else "markdown_page"
    lines = [
        f'{{% extends "layouts/{layout}.md.jinja2" %}}',
        '{% import "macros/markdown.jinja2" as _md %}',
    ]
    if family != "document":
        lines.append("{% block title %}{{ " + jinja_literal(title) + " }}{% endblock %}")
    lines.append("{% block body %}")
    message = family == "message"
    sections: list[str] = []
    for field in fields:
        heading = jinja_literal(field.heading)
        if field.type == "model":
            lines += _model_lines(field)
            sections.append(f"_md.bullet_section({heading}, _{field.name})")
        elif field.type == "text":
            text = f'{field.name} | join("\\n\\n")' if field.many else _value(field, message)
            sections.append(f"_md.section({heading}, {text})")
        else:
            sections.append(f"_md.bullet_section({heading}, {_items(field, message)})")
    if sections:
        lines.append("{{ [")
        lines += [f"    {section}," for section in sections]
        lines.append("] | join_blocks }}")
    lines.append("{% endblock %}")
    return lines


def _value(field: PluginField, message: bool) -> str:  # noqa: FBT001
    """The field's value; a message's default stands in for a value left out.

    A message Context (a ``TypedDict``) cannot hold a default: the core gives the template
    ``None`` for an optional key left out, so the default is written here instead.
    """
    if field.default is None or not message:
        return field.name
    return f"({jinja_literal(field.default)} if {field.name} is none else {field.name})"


def _items(field: PluginField, message: bool) -> str:  # noqa: FBT001
    """A Jinja list of the field's values, as text: empty when the field is absent."""
    if field.many:
        return f'{field.name} | map("string") | list'
    if field.nullable:
        return f"[] if {field.name} is none else [{field.name} | string]"
    return f"[{_value(field, message)} | string]"


def _model_lines(field: PluginField) -> list[str]:
    """``_<field>``: one line per item, ``name: value`` for each attribute that has one."""
    return _each_item(field, field.name, f"_{field.name}", _as_text)


def _as_text(spec: ModelSpec[Any], item: str, target: str) -> list[str]:
    """Append ``name: value, ...`` for the model ``item`` to ``target``.

    An inner model's items are in parentheses: ``params: (a: 1); (a: 2)``.
    """
    parts = f"{item}_parts"
    lines = [f"{{% set {parts} = [] %}}"]
    values = _inner_models(spec, item, lines, _as_text)
    for attribute in spec.fields:
        value, model = values[attribute.name], _is_model(attribute)
        if model:
            shown = f'"(" ~ {value} | join("); (") ~ ")"'
        else:
            shown = f'{value} | join(", ")' if attribute.many else value
        part = f"{{% do {parts}.append({jinja_literal(attribute.name + ': ')} ~ {shown}) %}}"
        if (attribute.many and not attribute.required) or (model and attribute.nullable):
            lines.append(f"{{% if {value} %}}{part}{{% endif %}}")
        elif attribute.nullable:
            lines.append(f"{{% if {value} is not none %}}{part}{{% endif %}}")
        else:
            lines.append(part)
    lines.append(f'{{% do {target}.append({parts} | join(", ") or "(nothing given)") %}}')
    return lines


def _text(title: str, fields: Sequence[PluginField]) -> list[str]:
    lines = ["{{ " + jinja_literal(title) + " }}"]
    for field in fields:
        if field.type == "model":
            lines += _model_lines(field)
            value = f'_{field.name} | join("; ")'
        elif field.many:
            value = f'{field.name} | join(", ")'
        else:
            value = _value(field, True)  # noqa: FBT003 -- a text family is a message
        line = f"{field.name}: {{{{ {value} }}}}"
        if field.nullable and field.type != "model":
            line = f"{{% if {field.name} is not none %}}{line}\n{{% endif %}}"
        lines.append(line)
    return lines
