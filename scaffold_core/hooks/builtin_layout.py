"""The core's own output transform: long lines of generated Python split as ruff would.

Templates write each statement on one line; a value the user gives (a default, a constant, a
type annotation) can make that line longer than ``LINE_LENGTH``. ``split_long_lines`` then
applies the formatter's right-hand split (the algorithm ruff format shares with Black): the
last bracket pair of the line is opened; the content of a call or subscript goes on its own,
indented line when it fits, else (and always for a list, dict, set or tuple display with more
than one element) one element per line with a trailing comma, each split again as needed. An
annotation whose name leaves no room for its opening bracket goes in parentheses first.
Lines inside strings, lines without brackets and lines that already fit are left alone.
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


def _split(line: str, width: int) -> list[str]:
    """The right-hand split of one line, recursively; ``[line]`` when it cannot be split.

    A line may end with the opening bracket of an exploded call (``x: T = Field(``): the
    split then happens before it, and the bracket stays at the end of the last line.
    """
    opener = _trailing_opener(line)
    if len(line) <= width or (not opener and not _balanced(line)):
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    text = line.strip()[: len(line.strip()) - len(opener)]
    spans = _bracket_spans(text)
    if not spans:
        return [line]
    open_at, close_at = spans[-1]
    head, body, tail = text[: open_at + 1], text[open_at + 1 : close_at], text[close_at:]
    if not body.strip():
        return [line]
    inner = indent + _INDENT
    equals = _assignment(text)
    left = text[:equals].rstrip() if equals is not None else ""
    if (
        not opener
        and equals is not None
        and close_at < equals
        and len(f"{indent}{left} = (") <= width
    ):
        # The value has no bracket of its own: the formatter puts it in parentheses.
        value = text[equals + 1 :].strip()
        lines = _split(inner + value, width)
        return [f"{indent}{left} = (", *lines, f"{indent})"]
    target, colon, annotation = text.partition(": ")
    if (
        len(indent + head) > width
        and not opener
        and colon
        and target.isidentifier()
        and " = " not in annotation
        and len(f"{indent}{target}: (") <= width
    ):
        # The formatter puts an annotation in parentheses before it splits the name's line.
        return [f"{indent}{target}: (", *_split(inner + annotation, width), f"{indent})"]
    elements = _top_level_elements(body)
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
    return [*_split(indent + head, width), *middle, indent + tail + opener]


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


def _top_level_elements(body: str) -> list[str]:
    """``body`` split at its top-level commas, each element stripped, empty ones dropped."""
    elements: list[str] = []
    start = 0
    for token, depth in _operators(body):
        if token.string == "," and depth == 0:
            elements.append(body[start : token.start[1]].strip())
            start = token.end[1]
    elements.append(body[start:].strip())
    return [element for element in elements if element]
