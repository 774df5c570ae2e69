"""Jinja filters that turn values into valid Python source: strings, literals, imports.

They live in the core so templates hold no escaping logic and no two templates format a
literal differently.
"""

import ast
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Final, TypeGuard

from scaffold_core.text_case import CONVERSIONS
from scaffold_schemas import LINE_LENGTH, python_string, required_imports

__all__ = [
    "FILTERS",
    "LINE_LENGTH",
    "display_width",
    "docstring_text",
    "indent_line",
    "join_blocks",
    "python_call",
    "python_imports",
    "python_literal",
    "python_string",
    "python_type_imports",
]


_ZERO_WIDTH: Final = frozenset({0x3164, 0xFF9E, 0xFF9F, 0xFFA0})
"""Zero columns for ruff though neither combining nor format characters (fillers, marks)."""

_SHOWN_FORMAT: Final = frozenset(
    {*range(0x600, 0x605), 0x6DD, 0xFFF9, 0xFFFA, 0xFFFB, 0x110BD, 0x110CD}
    | set(range(0x13430, 0x13439))
)
"""Format characters (prepended concatenation marks, annotation and hieroglyph
controls) that ruff gives one column, as it gives every visible sign."""

_C1_END: Final = 0xA0
"""Below it, a character is printable ASCII (1 column) or a control character (0)."""

_PRINTABLE_ASCII: Final = range(0x20, 0x7F)

_CJK_PLANES: Final = range(0x20000, 0x3FFFE)
"""Planes 2 and 3, wide even where unassigned (the East Asian Width default there)."""

_RANGES: Final = (
    (0x1160, 0x11FF, 0),  # Hangul medial vowels and final consonants join the syllable
    (0xD7B0, 0xD7FF, 0),
    (0x2630, 0x2637, 2),  # wide since Unicode 16, which Python 3.11's tables predate
    (0x268A, 0x268F, 2),
    (0x4DC0, 0x4DFF, 2),
    (0x1D300, 0x1D356, 2),
    (0x1D360, 0x1D376, 2),
)


def display_width(text: str) -> int:
    """The columns ``text`` (one line) takes in ``ruff format``'s count of a line's length.

    Ruff counts each character as the ``unicode-width`` crate does: East Asian wide and
    fullwidth characters (CJK, most emoji) 2, combining marks, format characters and control
    characters 0, every other character 1. ASCII is measured by ``len`` unless it holds DEL
    (the one control character string literals keep raw; a line holds no other). Checked
    against ruff 0.17.6 over every code point: all that Python's Unicode tables assign agree
    but 70 rare signs (spacing vowel signs, viramas ruff counts 0); a character those tables
    do not know yet counts 1 (2 in the CJK planes 2 and 3).
    """
    if text.isascii() and "\x7f" not in text:  # fast: isprintable() would cost 5 times more
        return len(text)
    return sum(map(_char_width, text))


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    code = ord(char)
    if code < _C1_END:
        return 1 if code in _PRINTABLE_ASCII else 0
    for first, last, width in _RANGES:
        if first <= code <= last:
            return width
    category = unicodedata.category(char)
    if category == "Cf":
        return 1 if code in _SHOWN_FORMAT else 0
    if category in ("Mn", "Me") or code in _ZERO_WIDTH:
        return 0
    if category == "Cn":  # unassigned for Python: its East Asian width is unreliable
        return 2 if code in _CJK_PLANES else 1
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def indent_line(line: str, indent: int) -> str:
    """``line`` indented by ``indent`` spaces; a blank line stays empty (no trailing spaces)."""
    return " " * indent + line if line.strip() else ""


def join_blocks(parts: Iterable[object], blank_lines: int = 1) -> str:
    """The non-empty ``parts``, each trimmed, separated by ``blank_lines`` empty lines.

    Templates build a page or a class body from optional pieces with it, so an absent piece
    never leaves a stray blank line or an empty heading behind.
    """
    texts = [str(part).strip("\n").rstrip() for part in parts if part is not None]
    return ("\n" * (blank_lines + 1)).join(text for text in texts if text.strip())


def python_literal(value: object, indent: int = 0, used: int = 0) -> str:
    """Python source for JSON-like data (dicts, lists, strings, numbers, booleans, None).

    On one line when it fits in ``LINE_LENGTH`` columns, ``used`` of which the rest of the
    line takes (what precedes it, and what follows, such as a comma); else exploded one item
    per line at ``indent + 4`` with a trailing comma, which ``ruff format`` keeps as it is.
    Nested values are laid out the same way; an empty one stays ``{}`` or ``[]``.
    """
    flat = _flat_literal(value)
    if not value or not isinstance(value, dict | list | tuple):
        return flat  # an empty one stays ``{}`` / ``[]``: ruff breaks the line elsewhere
    if used + display_width(flat) <= LINE_LENGTH:
        return flat
    inner = " " * (indent + 4)
    if isinstance(value, dict):
        items = [
            f"{_flat_literal(key)}: "
            + python_literal(item, indent + 4, indent + 7 + display_width(_flat_literal(key)))
            for key, item in value.items()
        ]
        opening, closing = "{", "}"
    else:
        items = [python_literal(item, indent + 4, indent + 5) for item in value]
        opening, closing = "[", "]"
    body = "".join(f"{inner}{item},\n" for item in items)
    return f"{opening}\n{body}{' ' * indent}{closing}"


def _flat_literal(value: object) -> str:
    if isinstance(value, str):
        return python_string(value)
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(int(value))
    if isinstance(value, float):
        # ruff format writes an exponent without its '+' (1e16, not 1e+16).
        return (
            repr(float(value)).replace("e+", "e") if math.isfinite(value) else f'float("{value}")'
        )
    if isinstance(value, dict):
        items = ", ".join(f"{_flat_literal(k)}: {_flat_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flat_literal(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a Python literal")


def python_call(
    callee: str, arguments: Iterable[str], indent: int = 0, used: int = 0, trailing: int = 0
) -> str:
    """``callee(a, b)``, or exploded one argument per line when that is too long.

    One line when it fits in ``LINE_LENGTH`` columns (``used`` of them taken before the
    call, ``trailing`` after it, e.g. `` -> None:``), else one argument per line at
    ``indent + 4`` with a trailing comma, which ruff keeps.
    """
    listed = list(arguments)
    flat = f"{callee}({', '.join(listed)})"
    if not listed or ("\n" not in flat and used + display_width(flat) + trailing <= LINE_LENGTH):
        return flat
    inner = " " * (indent + 4)
    body = "".join(f"{inner}{argument},\n" for argument in listed)
    return f"{callee}(\n{body}{' ' * indent})"


def docstring_text(text: str) -> str:
    """``text`` made safe inside a triple-quoted docstring, even when it ends in a quote.

    A quote that closes the text is escaped (it would close the docstring), and so is one
    that opens it (ruff format would put a space before it).
    """
    escaped = text.replace("\\", "\\\\")
    trailing_quote = escaped.endswith('"')
    if trailing_quote:
        escaped = escaped[:-1]
    escaped = escaped.replace('"""', '\\"\\"\\"')
    if escaped.startswith('"'):
        escaped = '\\"' + escaped[1:]
    return escaped + '\\"' if trailing_quote else escaped


def python_imports(names: Iterable[str]) -> str:
    """``["pydantic.Field", "datetime.date", "pytest"]`` → an isort-style import block.

    ``module.Name`` becomes ``from module import Name``; a bare ``module`` becomes
    ``import module``. Standard-library imports come first, then the rest, a blank line
    between the groups; in each, ``import`` lines before ``from`` lines, modules and names
    sorted, duplicates merged (ruff's isort defaults). A ``from`` line longer than
    ``LINE_LENGTH`` is wrapped the way ruff's isort wraps it: the names in parentheses, one
    per line, with a trailing comma.
    """
    by_module: dict[str, set[str]] = defaultdict(set)
    plain: set[str] = set()
    for dotted in names:
        module, _, name = dotted.rpartition(".")
        if module:
            by_module[module].add(name)
        else:
            plain.add(name)
    groups: tuple[list[str], list[str]] = ([], [])
    for module in sorted(plain, key=_natural):
        groups[_group(module)].append(f"import {module}")
    for module in sorted(by_module, key=_natural):
        imported = sorted(by_module[module], key=_import_order)
        line = f"from {module} import {', '.join(imported)}"
        if display_width(line) > LINE_LENGTH:
            wrapped = "".join(f"    {name},\n" for name in imported)
            line = f"from {module} import (\n{wrapped})"
        groups[_group(module)].append(line)
    return "\n\n".join("\n".join(group) for group in groups if group)


def _group(module: str) -> int:
    return 0 if module.partition(".")[0] in sys.stdlib_module_names else 1


def _import_order(name: str) -> tuple[int, tuple[str | int, ...]]:
    """Isort's "order by type": CONSTANTS, then Classes, then functions and variables."""
    if name.isupper() and len(name) > 1:
        return 0, _natural(name)
    return (1 if name[:1].isupper() else 2), _natural(name)


def _natural(text: str) -> tuple[str | int, ...]:
    """Ruff's isort order: case ignored, runs of digits compared as numbers (``m9 < m10``)."""
    return tuple(
        int(part) if index % 2 else part
        for index, part in enumerate(re.split(r"(\d+)", text.lower()))
    )


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
    "display_width": display_width,
    "python_call": python_call,
    "join_blocks": join_blocks,
    "indent_line": indent_line,
    "python_literal": python_literal,
    "docstring_text": docstring_text,
    "python_imports": python_imports,
    "python_type_imports": python_type_imports,
}
"""Every filter the core adds to the Jinja environment, by name."""
