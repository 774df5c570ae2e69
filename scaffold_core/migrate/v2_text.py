"""The v2 template text of a legacy template: its defensive guards taken out.

Two edits, made on the source text at the positions of Jinja's own tokens (so a ``|`` or a
``)`` inside a string, a comment or a ``raw`` block is never touched), and nothing else:

1. every ``| default`` and ``| d`` filter is removed with its argument list, however nested
   (``x | default(f('a)'), true) | upper`` becomes ``x | upper``), and with the blank space
   before its ``|``. A literal fallback moves into the Context as the field's default; a
   computed one (``default('Run ' ~ name)``) is dropped: the v2 output then has nothing
   there, which the parity cases show;
2. ``P is defined and `` is removed where ``P`` is a name or dotted path that opens an
   operand (after ``if``, ``elif``, ``and``, ``or``, ``(``, ``[``, ``,``, ``=`` or ``{{``):
   every field of a RenderContext is defined, so ``summary is defined and summary`` is
   ``summary``. After ``not`` (or anywhere else) it stays.

Line endings become LF. The result is parsed again; an edit that would not parse is not made.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

import jinja2

from scaffold_core.render.introspect import DEFENSIVE_FILTERS

__all__ = ["without_defaults"]

_OPERAND_STARTS: Final = frozenset({"if", "elif", "and", "or"})
_OPENING: Final = frozenset({"(", "[", ",", "="})
_OPEN_BRACKETS: Final = frozenset({"(", "[", "{"})
_CLOSE_BRACKETS: Final = frozenset({")", "]", "}"})


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    kind: str
    value: str


def without_defaults(environment: jinja2.Environment, source: str) -> str:
    """``source`` without ``| default`` filters and ``is defined and`` guards (see above).

    Raises ``jinja2.TemplateSyntaxError`` when ``source`` itself does not parse.
    """
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    environment.parse(text)
    for edit in (_default_spans, _defined_spans):
        edited = _cut(text, list(edit(_tokens(environment, text))))
        if _parses(environment, edited):
            text = edited
    return text


def _tokens(environment: jinja2.Environment, text: str) -> list[_Token]:
    """The tokens of every expression in ``text``, each with its offsets.

    The lexer gives no offsets and may strip blank space around data, so each token is found
    in order from where the previous one ended: an expression's tokens are contiguous.
    """
    found: list[_Token] = []
    cursor = 0
    for _, kind, value in environment.lex(text):
        start = text.find(value, cursor) if value else cursor
        if start < 0:
            # Data the lexer changed (a newline sequence); expressions always match exactly.
            continue
        cursor = start + len(value)
        if kind != "data":
            found.append(_Token(start, cursor, kind, value))
    return found


def _default_spans(tokens: list[_Token]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each `` | default(...)`` filter, blank space before it included."""
    solid = [token for token in tokens if token.kind != "whitespace"]
    for index, token in enumerate(solid[:-1]):
        name = solid[index + 1]
        if not (
            token.value == "|"
            and token.kind == "operator"
            and name.kind == "name"
            and name.value in DEFENSIVE_FILTERS
        ):
            continue
        end = name.end
        if index + 2 < len(solid) and solid[index + 2].value == "(":
            end = _closing(solid, index + 2).end
        start = solid[index - 1].end if index else token.start
        yield start, end


def _closing(solid: list[_Token], opening: int) -> _Token:
    depth = 0
    for token in solid[opening:]:
        if token.kind == "operator" and token.value in _OPEN_BRACKETS:
            depth += 1
        elif token.kind == "operator" and token.value in _CLOSE_BRACKETS:
            depth -= 1
            if depth == 0:
                return token
    return solid[-1]


def _defined_spans(tokens: list[_Token]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each ``P is defined and `` that opens an operand."""
    solid = [token for token in tokens if token.kind != "whitespace"]
    index = 0
    while index < len(solid):
        path_end = _path_end(solid, index)
        if path_end is not None and _opens_operand(solid, index):
            words = [token.value for token in solid[path_end : path_end + 3]]
            if words == ["is", "defined", "and"] and path_end + 3 < len(solid):
                yield solid[index].start, solid[path_end + 3].start
                index = path_end + 3
                continue
        index += 1


def _path_end(solid: list[_Token], index: int) -> int | None:
    """The index after a ``name(.name)*`` path starting at ``index``, or ``None``."""
    if solid[index].kind != "name":
        return None
    end = index + 1
    while end + 1 < len(solid) and solid[end].value == "." and solid[end + 1].kind == "name":
        end += 2
    return end


def _opens_operand(solid: list[_Token], index: int) -> bool:
    if index == 0:
        return False
    before = solid[index - 1]
    if before.kind == "name":
        return before.value in _OPERAND_STARTS
    return before.kind == "variable_begin" or (
        before.kind == "operator" and before.value in _OPENING
    )


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _parses(environment: jinja2.Environment, text: str) -> bool:
    try:
        environment.parse(text)
    except jinja2.TemplateSyntaxError:
        return False
    return True
