"""Jinja filters that turn values into valid Python source: strings, literals, imports.

They live in the core so templates hold no escaping logic and no two templates format a
literal differently.
"""

import ast
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Final, TypeGuard

from scaffold_core.text_case import CONVERSIONS
from scaffold_schemas import required_imports

__all__ = [
    "FILTERS",
    "docstring_text",
    "python_imports",
    "python_literal",
    "python_string",
    "python_type_imports",
]


def python_string(text: str) -> str:
    """A double-quoted Python string literal for ``text`` (non-ASCII kept as is)."""
    return json.dumps(text, ensure_ascii=False)


def python_literal(value: object) -> str:
    """Python source for JSON-like data: dicts, lists, strings, numbers, booleans, None."""
    if isinstance(value, str):
        return python_string(value)
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(int(value))
    if isinstance(value, float):
        return repr(float(value)) if math.isfinite(value) else f'float("{value}")'
    if isinstance(value, dict):
        items = ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(python_literal(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a Python literal")


def docstring_text(text: str) -> str:
    """``text`` made safe inside a triple-quoted docstring, even when it ends in a quote."""
    escaped = text.replace("\\", "\\\\")
    trailing_quote = escaped.endswith('"')
    if trailing_quote:
        escaped = escaped[:-1]
    escaped = escaped.replace('"""', '\\"\\"\\"')
    return escaped + '\\"' if trailing_quote else escaped


def python_imports(names: Iterable[str]) -> str:
    """``["pydantic.Field", "datetime.date", "pydantic.BaseModel"]`` → an isort-style block.

    Each name is ``module.Name``; the block has standard-library imports first, then the
    rest, a blank line between the groups, modules and names sorted, duplicates merged.
    """
    by_module: dict[str, set[str]] = defaultdict(set)
    for dotted in names:
        module, _, name = dotted.rpartition(".")
        by_module[module].add(name)
    groups: tuple[list[str], list[str]] = ([], [])
    for module in sorted(by_module, key=str.lower):
        is_stdlib = module.partition(".")[0] in sys.stdlib_module_names
        imported = ", ".join(sorted(by_module[module], key=_import_order))
        line = f"from {module} import {imported}"
        groups[0 if is_stdlib else 1].append(line)
    return "\n\n".join("\n".join(group) for group in groups if group)


def _import_order(name: str) -> tuple[int, str]:
    """Isort's "order by type": CONSTANTS, then Classes, then functions and variables."""
    if name.isupper() and len(name) > 1:
        return 0, name.lower()
    return (1 if name[:1].isupper() else 2), name.lower()


def python_type_imports(types: Iterable[object], explicit: Iterable[str]) -> list[str]:
    """The ``module.Name`` imports that ``types`` need, ``explicit`` ones included.

    Entries that are not parseable type expressions are skipped: legacy (v1) templates pass
    unvalidated input, and the output check reports the broken code they render.
    """
    return required_imports(filter(_parses, types), explicit)


def _parses(expression: object) -> TypeGuard[str]:
    if not isinstance(expression, str):
        return False
    try:
        ast.parse(expression, mode="eval")
    except SyntaxError:
        return False
    return True


FILTERS: Final[dict[str, Callable[..., object]]] = {
    **CONVERSIONS,
    "python_string": python_string,
    "python_literal": python_literal,
    "docstring_text": docstring_text,
    "python_imports": python_imports,
    "python_type_imports": python_type_imports,
}
"""Every filter the core adds to the Jinja environment, by name."""
