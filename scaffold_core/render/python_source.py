"""The Python-source formatters of the shared library, in Python: ``macros/python.jinja2``.

``macros/python.jinja2`` and ``macros/pydantic.jinja2`` export these functions under the
names and parameters their macros had (``py.function(...)``, ``pd.field(f)``), as
``macros/markdown.jinja2`` does (see ``scaffold_core.render.markdown``): one Python call per
use instead of a Jinja macro. Each gives, byte for byte, what the macro gave: ``{{ value }}``
shows ``None`` as nothing, ``~`` joins the text of its operands, ``a.b`` reads an attribute,
else an item. Output keeps to ruff format's layout (88 columns, magic trailing commas).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

from scaffold_core.render.filters import (
    LINE_LENGTH,
    display_width,
    docstring_text,
    indent_line,
    python_call,
    python_literal,
    python_string,
)
from scaffold_core.render.jinja_reading import jinja_attribute, jinja_text

__all__ = ["PYDANTIC", "PYTHON"]


def docstring(text: str, indent: int) -> str:
    """A docstring at ``indent`` spaces.

    One line when it is one line, else summary, blank line, body, closing quotes on their
    own line.
    """
    lines = docstring_text(text).splitlines()
    pad = " " * indent
    if len(lines) == 1:
        return f'{pad}"""{lines[0]}"""'
    body = "".join(f"{pad + line if line.strip() else ''}\n" for line in lines[1:])
    return f'{pad}"""{lines[0]}\n{body}{pad}"""'


def function(
    name: object,
    params: Sequence[str],
    returns: str,
    is_async: object,
    summary: str,
    body: Iterable[str],
    indent: int,
) -> str:
    """A function or method: signature (exploded when long), docstring, body lines.

    ``params`` are ``"name: type"`` strings (include ``"self"`` for a method); ``indent`` is
    the indentation of the ``def``; ``body`` is a list of lines relative to the body's
    indentation. Without parameters to explode, a return type without brackets (a name, a
    union of names) that makes the line too long goes in parentheses on a line of its own,
    as ruff format writes it; one with brackets is split there by the core's layout.
    """
    pad = " " * indent
    prefix = "async def " if is_async else "def "
    tail = f" -> {returns}:"
    if (
        not params
        and indent + display_width(f"{prefix}{name}(){tail}") > LINE_LENGTH
        and "[" not in returns
        and "(" not in returns
    ):
        tail = f" -> (\n{pad}    {returns}\n{pad}):"
    signature = python_call(f"{prefix}{name}", params, indent, indent, display_width(tail))
    lines = "\n".join(str(indent_line(line, indent + 4)) for line in body)
    return f"{pad}{signature}{tail}\n{docstring(summary, indent + 4)}\n{lines}"


def method_stub(
    name: object, params: Sequence[str], returns: str, is_async: object, summary: str
) -> str:
    """A method whose body is to be written: signature, docstring, NotImplementedError.

    ``params`` is a list of ``"name: type"`` strings after self; ``returns`` a type.
    """
    body = ["raise NotImplementedError"]
    return function(name, ["self", *params], returns, is_async, summary, body, 4)


def protocol_method(
    name: object, params: Sequence[str], returns: str, is_async: object, summary: str
) -> str:
    """A ``typing.Protocol`` method: signature, docstring and ``...``."""
    return function(name, ["self", *params], returns, is_async, summary, ["..."], 4)


def assignment(target: object, value: str, indent: int) -> str:
    """``target = value`` at ``indent``, laid out as ruff format does.

    On one line when it fits in 88 columns, else the value in parentheses on its own line
    when that line and the ``target = (`` line both fit, else one line.
    """
    pad = " " * indent
    if (
        indent + display_width(f"{target} = {value}") <= LINE_LENGTH
        or indent + 4 + display_width(value) > LINE_LENGTH
        or indent + display_width(f"{target} = (") > LINE_LENGTH
    ):
        return f"{pad}{jinja_text(target)} = {jinja_text(value)}"
    return f"{pad}{jinja_text(target)} = (\n{pad}    {jinja_text(value)}\n{pad})"


def field(field: object) -> str:
    """One field at class level: ``name: type``, with ``= Field(...)`` when it needs one.

    ``field`` has name, type, default (source or none), description (or none); a default
    or a description makes the ``Field(...)``.
    """
    options = []
    default = jinja_attribute(field, "default")
    if default is not None:
        options.append(f"default={default}")
    description = jinja_attribute(field, "description")
    if description is not None:
        options.append(f"description={python_string(description)}")
    head = f"    {jinja_attribute(field, 'name')}: {jinja_attribute(field, 'type')}"
    if not options:
        return head
    call = python_call("Field", options, 4, display_width(head) + 3)
    if "\n" not in call or display_width(f"{head} = Field(") <= LINE_LENGTH:
        return f"{head} = {call}"
    # ``name: type = Field(`` is too long, ``name: type = (`` is not (``ModelField`` keeps
    # ``name: type`` to 80 characters): ruff format puts the value in parentheses on lines
    # of its own, unless a line of it would still be too long there and the annotation is a
    # plain name (no bracket or operator that ruff could split at instead).
    wrapped = f"{head} = (\n        {python_call('Field', options, 8, 8)}\n    )"
    annotation = str(jinja_attribute(field, "type"))
    if any(mark in annotation for mark in "[(|") or all(
        display_width(line) <= LINE_LENGTH for line in wrapped.splitlines()[1:]
    ):
        return wrapped
    return f"{head} = {call}"


def model_config(settings: list[str], examples: object) -> str:
    """``model_config = ConfigDict(...)``, or nothing when there is nothing to configure.

    ``settings`` is a list of ``key=value`` source strings; ``examples`` a list of JSON-like
    dicts.
    """
    extra = [f"json_schema_extra={python_literal({'examples': examples}, 8, 27)}"]  # 26 + ','
    options = settings + (extra if examples else [])
    if options:
        return f"    model_config = {python_call('ConfigDict', options, 4, 19)}"
    return ""


PYTHON: Final[Mapping[str, Callable[..., str]]] = MappingProxyType(
    {
        formatter.__name__: formatter
        for formatter in (docstring, function, method_stub, protocol_method, assignment)
    }
)
"""``macros/python.jinja2``'s formatters by name, as the library exports them."""

PYDANTIC: Final[Mapping[str, Callable[..., str]]] = MappingProxyType(
    {"field": field, "model_config": model_config}
)
"""``macros/pydantic.jinja2``'s formatters by name, as the library exports them."""
