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

_HEADER_VALUES = re.compile(
    r"\b(version=)[0-9a-f]{8}\b|\b((?:created|updated)=)\S+|\b(path=)\S+?(?=\s|-->|$)"
)
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")
_IMPORT = re.compile(r"import\s+[\w.]+|from\s+[\w.]+\s+import\s")
_TRIPLE_QUOTES = ('"""', "'''")
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
    Lines inside a triple-quoted string are never taken for imports.
    """
    output: list[str] = []
    block: list[str] = []
    lines = iter(_lines_with_string_state(text))
    for line, in_string in lines:
        if not in_string and _IMPORT.match(line):
            block.append(_one_import(line, (rest for rest, _ in lines)))
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
    lines = _lines_with_string_state(text)
    return "\n".join(line.lstrip() if in_string else line for line, in_string in lines)


def align_comments(text: str) -> str:
    """Exactly two spaces between code and its inline comment (``#`` inside strings ignored)."""
    output: list[str] = []
    open_quote: str | None = None
    for line in text.split("\n"):
        position, open_quote_after = _scan(line, open_quote)
        if position is not None and line[:position].strip() and open_quote is None:
            code = _INLINE_COMMENT_GAP.sub("", line[:position])
            output.append(f"{code}  {line[position:]}")
        else:
            output.append(line)
        open_quote = open_quote_after
    return "\n".join(output)


def _lines_with_string_state(text: str) -> list[tuple[str, bool]]:
    """Each line, and whether it starts inside a triple-quoted string."""
    result: list[tuple[str, bool]] = []
    open_quote: str | None = None
    for line in text.split("\n"):
        result.append((line, open_quote is not None))
        open_quote = _scan(line, open_quote)[1]
    return result


def _scan(line: str, open_triple: str | None) -> tuple[int | None, str | None]:
    """Where ``line``'s comment starts (if any), and the triple quote still open after it.

    ``open_triple`` is the triple quote (``\"\"\"`` or ``'''``) open when the line begins.
    """
    quote = open_triple
    index = 0
    while index < len(line):
        if quote is not None and line.startswith("\\", index):
            index += 2
            continue
        triple = line[index : index + 3]
        if quote is None and triple in _TRIPLE_QUOTES:
            quote, index = triple, index + 3
        elif quote is not None and line.startswith(quote, index):
            index += len(quote)
            quote = None
        elif quote is None and line[index] in "\"'":
            quote, index = line[index], index + 1
        elif quote is None and line[index] == "#":
            return index, None
        else:
            index += 1
    return None, quote if quote in _TRIPLE_QUOTES else None


def collapse_blank_lines(text: str) -> str:
    """Runs of blank (or whitespace-only) lines become one; none at the start; one final LF."""
    output: list[str] = []
    for line in text.split("\n"):
        blank = not line.strip()
        if blank and (not output or not output[-1]):
            continue
        output.append("" if blank else line)
    while output and not output[-1]:
        output.pop()
    return "\n".join(output) + "\n" if output else ""


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
