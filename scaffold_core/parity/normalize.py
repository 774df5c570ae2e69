"""Normalize rendered text so that v1 and v2 output compare on substance, not layout.

One function per rule, each usable on its own; ``normalize`` applies them all in order.
Every rule accepts any text (empty, not Python, mixed line endings) and never raises.
"""

import re
from collections.abc import Callable, Iterator
from typing import Final

__all__ = [
    "RULES",
    "align_comments",
    "collapse_blank_lines",
    "mask_lifecycle",
    "normalize",
    "normalize_docstring_indentation",
    "normalize_line_endings",
    "sort_import_blocks",
]

_HEADER_VALUES = re.compile(r"\b(version=)[0-9a-f]{8}\b|\b(created=)\S+|\b(path=)\S+?(?=\s|-->|$)")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")
_IMPORT = re.compile(r"import\s+[\w.]+|from\s+[\w.]+\s+import\s")
_INLINE_COMMENT_GAP = re.compile(r"\s*$")


def normalize_line_endings(text: str) -> str:
    """CRLF and CR become LF; trailing whitespace goes from every line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines)


def mask_lifecycle(text: str) -> str:
    """Hide what differs between two runs: the header's hash, time and path, any timestamp."""
    masked = _HEADER_VALUES.sub(
        lambda match: f"{match.group(1) or match.group(2) or match.group(3)}<masked>", text
    )
    return _TIMESTAMP.sub("<timestamp>", masked)


def sort_import_blocks(text: str) -> str:
    """Sort the statements of each contiguous block of top-level imports.

    Blocks stay where they are (blank lines between groups are kept), names inside a
    ``from x import a, b`` are sorted, and a parenthesised import is joined onto one line.
    """
    output: list[str] = []
    block: list[str] = []
    lines = iter(text.split("\n"))
    for line in lines:
        if _IMPORT.match(line):
            block.append(_one_import(line, lines))
            continue
        output.extend(sorted(block))
        block = []
        output.append(line)
    output.extend(sorted(block))
    return "\n".join(output)


def _one_import(first: str, rest: Iterator[str]) -> str:
    statement = first
    if statement.rstrip().endswith("("):
        for line in rest:
            statement += " " + line.strip()
            if line.strip().endswith(")"):
                break
    module, separator, names = statement.partition(" import ")
    if not separator or not module.startswith("from "):
        return statement.strip()
    parts = [name.strip() for name in names.strip().strip("()").split(",") if name.strip()]
    return f"{module.strip()} import {', '.join(sorted(parts))}"


def normalize_docstring_indentation(text: str) -> str:
    """Lines inside a triple-quoted string lose their indentation (the opening line keeps its)."""
    output: list[str] = []
    inside = False
    for line in text.split("\n"):
        output.append(line.lstrip() if inside else line)
        if (line.count('"""') + line.count("'''")) % 2 == 1:
            inside = not inside
    return "\n".join(output)


def align_comments(text: str) -> str:
    """Exactly two spaces between code and its inline comment (``#`` inside strings ignored)."""
    return "\n".join(_align(line) for line in text.split("\n"))


def _align(line: str) -> str:
    position = _comment_start(line)
    if position is None or not line[:position].strip():
        return line
    return f"{_INLINE_COMMENT_GAP.sub('', line[:position])}  {line[position:]}"


def _comment_start(line: str) -> int | None:
    quote: str | None = None
    escaped = False
    for index, character in enumerate(line):
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif quote is not None:
            quote = None if character == quote else quote
        elif character in "\"'":
            quote = character
        elif character == "#":
            return index
    return None


def collapse_blank_lines(text: str) -> str:
    """Runs of blank lines become one; none at the start; exactly one newline at the end."""
    collapsed = re.sub(r"\n{3,}", "\n\n", text.strip("\n"))
    return f"{collapsed}\n" if collapsed else ""


RULES: Final[tuple[Callable[[str], str], ...]] = (
    normalize_line_endings,
    mask_lifecycle,
    sort_import_blocks,
    normalize_docstring_indentation,
    align_comments,
    collapse_blank_lines,
)
"""Every rule, in the order ``normalize`` applies them."""


def normalize(text: str) -> str:
    """``text`` after every rule."""
    for rule in RULES:
        text = rule(text)
    return text
