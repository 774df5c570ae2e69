"""The core's own output transform: long lines of generated Python split as ruff would.

Templates write each statement on one line; a value the user gives (a default, a constant, a
type annotation) can make that line longer than ``LINE_LENGTH``. ``split_long_lines`` then
applies the formatter's right-hand split (the algorithm ruff format shares with Black): the
last bracket pair of the line is opened; the content of a call or subscript goes on its own,
indented line when it fits, else (and always for a list, dict, set or tuple display with more
than one element) one element per line with a trailing comma, each split again as needed. An
annotation whose name leaves no room for its opening bracket, or that is a union, goes in
parentheses first, and so does an assignment's value when that is how the line fits; a
parameter of an exploded signature splits before each ``|`` of its union annotation.
Lines inside strings, lines that nothing can shorten and lines that already fit are left alone.
"""

import io
import tokenize
from collections.abc import Iterator
from typing import Final

from scaffold_core.hooks.specs import hookimpl
from scaffold_schemas import LINE_LENGTH

__all__ = ["scaffold_transform_output", "split_long_lines"]

_INDENT: Final = "    "
_OPENING: Final = {"(": ")", "[": "]", "{": "}"}
_CLOSING: Final = frozenset(_OPENING.values())


@hookimpl(tryfirst=True)
def scaffold_transform_output(extension: str, content: str) -> str:
    """Python with its over-long lines split; any other content unchanged.

    The core registers this module like any ``scaffold_transform_output`` plugin, marked
    ``tryfirst`` so that extensions (a formatter, a licence header) see laid-out code.
    """
    return split_long_lines(content) if extension == "py" else content


def split_long_lines(source: str, width: int = LINE_LENGTH) -> str:
    """``source`` with every over-long line of code split as ruff format would.

    ``width`` is the line length in characters. A line is split only when its brackets
    balance on their own (a whole statement, or one element of an exploded call); the lines
    of a multi-line string are never changed. Source that does not tokenize is returned as
    it is (the output checks report it).
    """
    lines = source.split("\n")
    long_rows = {row for row, line in enumerate(lines, 1) if len(line) > width}
    if not long_rows:
        return source
    try:
        in_strings = _rows_inside_strings(source)
    except (tokenize.TokenError, SyntaxError):
        return source
    rows = {
        row
        for row in long_rows - in_strings
        if _balanced(lines[row - 1]) or _trailing_opener(lines[row - 1])
    }
    return "\n".join(
        "\n".join(_split(line, width)) if row in rows else line
        for row, line in enumerate(lines, 1)
    )


def _rows_inside_strings(source: str) -> set[int]:
    """The rows a multi-line string token covers, its first and last included."""
    return {
        row
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.STRING and token.start[0] != token.end[0]
        for row in range(token.start[0], token.end[0] + 1)
    }


def _operators(text: str) -> Iterator[tuple[tokenize.TokenInfo, int]]:
    """Each operator token of one line of source, with the bracket depth outside it.

    A closing bracket is given the depth of its own pair (the depth after it). Raises
    ``tokenize.TokenError`` (or ``SyntaxError``) for text that does not tokenize.
    """
    depth = 0
    for token in tokenize.generate_tokens(io.StringIO(text + "\n").readline):
        if token.type != tokenize.OP:
            continue
        if token.string in _CLOSING:
            depth -= 1
        yield token, depth
        if token.string in _OPENING:
            depth += 1


def _balanced(line: str) -> bool:
    """Whether every bracket of ``line`` closes on the line, in order."""
    after = 0
    try:
        for token, depth in _operators(line.strip()):
            if depth < 0:
                return False
            after = depth + (token.string in _OPENING)
    except (tokenize.TokenError, SyntaxError):
        return False
    return after == 0


def _split(line: str, width: int, *, statement: bool = True) -> list[str]:
    """The right-hand split of one line, recursively; ``[line]`` when it cannot be split.

    A line may end with the opening bracket of an exploded call (``x: T = Field(``): the
    split then happens before it, and the bracket stays at the end of the last line. Only
    a ``statement`` puts its annotation or value in parentheses; a part of a split
    parameter does not.
    """
    opener = _trailing_opener(line)
    if len(line) <= width or (not opener and not _balanced(line)):
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    text = line.strip()[: len(line.strip()) - len(opener)]
    spans = _bracket_spans(text)
    rewritten = None if opener else _split_union(indent, text, width)
    if rewritten is None and statement and not opener:
        rewritten = _parenthesized_value(indent, text, spans, width)
    if rewritten is not None:
        return rewritten
    if not spans:
        return [line]
    open_at, close_at = spans[-1]
    head, body, tail = text[: open_at + 1], text[open_at + 1 : close_at], text[close_at:]
    if not body.strip():
        return [line]
    inner = indent + _INDENT
    target, colon, annotation = text.partition(": ")
    if (
        statement
        and len(indent + head) > width
        and not opener
        and colon
        and target.isidentifier()
        and " = " not in annotation
        and len(f"{indent}{target}: (") <= width
    ):
        # The formatter puts an annotation in parentheses before it splits the name's line.
        return [f"{indent}{target}: (", *_split(inner + annotation, width), f"{indent})"]
    elements = _top_level_split(body, ",")
    one_line = inner + body.strip()
    trails = body.rstrip().endswith(",") and not (text[open_at] == "(" and len(elements) == 1)
    display = not _follows_operand(head)
    exploded = trails or (display and (len(elements) > 1 or body.rstrip().endswith(",")))
    if len(one_line) <= width and not exploded:
        middle = [one_line]
    else:
        keep_single = len(elements) == 1 and text[open_at] == "[" and not display
        comma = "" if keep_single else ","
        middle = [part for element in elements for part in _split(inner + element + comma, width)]
    return [*_split(indent + head, width, statement=statement), *middle, indent + tail + opener]


def _parenthesized_value(
    indent: str, text: str, spans: list[tuple[int, int]], width: int
) -> list[str] | None:
    """An assignment's value put in parentheses as ruff format does, or ``None``.

    The formatter does so when ``target = (`` fits and either the value has no bracket of
    its own (and the annotation has one, or the value then fits) or the line up to the
    value's last bracket would still be too long.
    """
    comma = "," if text.endswith(",") else ""  # a parameter of an exploded signature
    text = text.removesuffix(comma)
    equals = _assignment(text)
    if equals is None or not text[:equals].endswith(" "):  # a keyword argument is left as is
        return None
    left = text[:equals].rstrip()
    value = text[equals + 1 :].strip()
    inner = indent + _INDENT
    if len(f"{indent}{left} = (") > width:
        return None
    if spans and spans[-1][0] > equals:
        parenthesize = len(indent + text[: spans[-1][0] + 1]) > width
    else:
        parenthesize = bool(spans) or len(inner + value) <= width
    if not parenthesize:
        return None
    return [f"{indent}{left} = (", *_split(inner + value, width), f"{indent}){comma}"]


def _split_union(indent: str, text: str, width: int) -> list[str] | None:
    """A ``name: A | B [= value]`` line split at its union, as ruff format does; else ``None``.

    An element of an exploded signature (it ends with a comma) is split before each ``|``
    at its own indent; a statement's annotation goes in parentheses when the line up to its
    ``=`` does not fit.
    """
    target, colon, rest = text.partition(": ")
    if not colon or not target.isidentifier():
        return None
    element = rest.endswith(",")
    body = rest.removesuffix(",") if element else rest
    equals = _assignment(body)
    annotation = body[:equals].rstrip() if equals is not None else body
    value = f" = {body[equals + 1 :].strip()}" if equals is not None else ""
    operands = _top_level_split(annotation, "|")
    if len(operands) < 2:  # noqa: PLR2004 - a union has two operands or more
        return None
    if element:
        lines = _split(f"{indent}{target}: {operands[0]}", width, statement=False)
        for operand in operands[1:-1]:
            lines += _split(f"{indent}| {operand}", width, statement=False)
        return lines + _split(f"{indent}| {operands[-1]}{value},", width, statement=False)
    if value and len(f"{indent}{target}: {annotation} = (") <= width:
        return None  # the value is split instead
    inner = _split(indent + _INDENT + annotation, width)
    return [f"{indent}{target}: (", *inner, *_split(f"{indent}){value}", width)]


def _assignment(text: str) -> int | None:
    """The offset of the ``=`` of an assignment statement in ``text``, or ``None``."""
    return next(
        (token.start[1] for token, depth in _operators(text) if token.string == "=" and not depth),
        None,
    )


def _trailing_opener(line: str) -> str:
    """The opening bracket ``line`` ends with when only that bracket is left open, or ``""``."""
    stripped = line.rstrip()
    if stripped[-1:] in _OPENING and _balanced(stripped[:-1]):
        return stripped[-1]
    return ""


def _follows_operand(head: str) -> bool:
    """Whether the bracket that ends ``head`` calls or subscripts something.

    Otherwise it opens a display (list, dict, set, tuple), which the formatter puts one
    element per line once it splits it; a subscript keeps its one element without a comma.
    """
    before = head[:-1].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in "_)]")


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """The outermost bracket pairs of ``text`` as ``(open, close)`` offsets, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for token, depth in _operators(text):
        if token.string in _OPENING and depth == 0:
            start = token.start[1]
        elif token.string in _CLOSING and depth == 0:
            spans.append((start, token.start[1]))
    return spans


def _top_level_split(body: str, separator: str) -> list[str]:
    """``body`` split at each top-level ``separator``, parts stripped, empty ones dropped."""
    parts: list[str] = []
    start = 0
    for token, depth in _operators(body):
        if token.string == separator and depth == 0:
            parts.append(body[start : token.start[1]].strip())
            start = token.end[1]
    parts.append(body[start:].strip())
    return [part for part in parts if part]
