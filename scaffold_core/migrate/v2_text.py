"""The v2 template text of a legacy template: its defensive guards taken out.

Two edits, made on the source text at the positions of Jinja's own tokens (so a ``|`` or a
``)`` inside a string, a comment or a ``raw`` block is never touched), and nothing else:

1. every ``| default`` and ``| d`` filter goes, however nested, innermost first:

   - with a literal fallback (none, a string, a number, ``true``/``false``/``none``, ``[]``,
     ``{}``), the filter is removed with its argument list and the blank space before its
     ``|`` (``x | default('a', true) | upper`` becomes ``x | upper``): the literal moves
     into the Context as the field's default (``scaffold_core.migrate.fields``). Given
     the fields' absent values, a literal that no Context value stands for where the read
     is exposed stays as a computed one does (``(purpose or '') | trim``; see
     ``scaffold_core.migrate.exposure``);
   - with a computed fallback (``default('Run ' ~ name, true)``, ``default(other)``,
     ``default([1])``), which no Context default can hold, ``OPERAND | default(EXPR)``
     becomes ``(OPERAND or EXPR)``, parenthesized so that the precedence around it holds
     (and ``EXPR`` too when it is a conditional expression). Every field of a
     RenderContext is defined (``None`` when absent), so the fallback renders where v1's
     did; without ``true`` it now also replaces an empty value given (v1 kept it). The
     operand is what the filter applies to: a name, literal or bracketed expression with
     its attributes, subscripts, calls and earlier filters, and a sign before it
     (``-n | default(m)`` becomes ``(-n or m)``). No ``| default`` is left, so the
     contract rule ARCH007 has nothing to find;

2. ``P is defined and `` is removed where ``P`` is a name or dotted path that opens an
   operand (after ``if``, ``elif``, ``and``, ``or``, ``(``, ``[``, ``,``, ``=`` or ``{{``):
   every field of a RenderContext is defined, so ``summary is defined and summary`` is
   ``summary``. After ``not`` (or anywhere else) it stays.

Line endings become LF. The text is parsed again after each round of edits: a rewrite that
would not parse falls back to removing the filter, and a removal that would not parse ends
the first edit there (the filters left keep their ``| default``).
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

import jinja2

from scaffold_core.migrate.exposure import MARK, exposed_defaults
from scaffold_core.render.introspect import DEFENSIVE_FILTERS

__all__ = ["without_defaults"]

_OPERAND_STARTS: Final = frozenset({"if", "elif", "and", "or"})
_OPENING: Final = frozenset({"(", "[", ",", "="})
_OPEN_BRACKETS: Final = frozenset({"(", "[", "{"})
_CLOSE_BRACKETS: Final = frozenset({")", "]", "}"})
_NUMBERS: Final = frozenset({"integer", "float"})
_CONSTANTS: Final = frozenset({"true", "false", "none", "True", "False", "None"})
_SIGNS: Final = frozenset({"-", "+"})
_ATOMS: Final = frozenset({"name", "string", "integer", "float"})
# Names that are Jinja's operators and statement words, never an operand.
_KEYWORDS: Final = frozenset({"and", "or", "not", "in", "is", "if", "else", "recursive"})


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    kind: str
    value: str


def without_defaults(
    environment: jinja2.Environment,
    source: str,
    absent: Mapping[tuple[str, ...], object] | None = None,
) -> str:
    """``source`` without ``| default`` filters and ``is defined and`` guards (see above).

    ``absent``: each field path's absent value (``exposure.absent_values``); without it,
    every literal fallback is taken to be the Context's, and goes.
    Raises ``jinja2.TemplateSyntaxError`` when ``source`` itself does not parse.
    """
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    environment.parse(text)
    text = _without_default_filters(environment, text, absent)
    edited = _cut(text, list(_defined_spans(_tokens(environment, text))))
    return edited if _parses(environment, edited) else text


def _without_default_filters(
    environment: jinja2.Environment, text: str, absent: Mapping[tuple[str, ...], object] | None
) -> str:
    """``text`` with each default filter removed or rewritten, innermost first.

    A round edits every innermost filter whose edit overlaps no other's, and the text is
    lexed again; when that text would not parse, the round edits its first filter alone
    (rewritten, else removed, else the edits end). Each round takes a ``| default`` out.
    """
    while True:
        solid = [token for token in _tokens(environment, text) if token.kind != "whitespace"]
        found = list(_default_filters(solid))
        if not found:
            return text
        kept = set() if absent is None else _exposed(environment, text, solid, found, absent)
        # Innermost: no other default filter inside its argument list.
        options = [
            _edits(text, solid, one, keep=number in kept)
            for number, one in enumerate(found)
            if not any(one.pipe < other.pipe < one.end for other in found)
        ]
        edited = _applied(text, _disjoint([edits[0] for edits in options]))
        if not _parses(environment, edited):
            alone = (_applied(text, [edit]) for edit in options[0])
            edited = next((one for one in alone if _parses(environment, one)), text)
            if edited == text:
                return text
        text = edited


@dataclass(frozen=True)
class _Edit:
    """``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str


def _applied(text: str, edits: list[_Edit]) -> str:
    """``text`` with ``edits`` (disjoint, in order) made."""
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        pieces += [text[cursor : edit.start], edit.replacement]
        cursor = edit.end
    return "".join([*pieces, text[cursor:]])


def _disjoint(edits: list[_Edit]) -> list[_Edit]:
    """The edits, in order, without any that overlaps one kept before it."""
    kept: list[_Edit] = []
    for edit in sorted(edits, key=lambda one: one.start):
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def _exposed(
    environment: jinja2.Environment,
    text: str,
    solid: list[_Token],
    found: list["_DefaultFilter"],
    absent: Mapping[tuple[str, ...], object],
) -> set[int]:
    """The numbers (in ``found``) of the literal defaults that must stay."""
    names = [solid[one.pipe + 1] for one in found]
    marks = [_Edit(name.start, name.end, f"{MARK}{number}") for number, name in enumerate(names)]
    return exposed_defaults(environment, _applied(text, marks), absent)


@dataclass(frozen=True)
class _DefaultFilter:
    """One ``| default(...)`` filter, as indexes into the solid (non-blank) tokens.

    ``pipe``: its ``|``; ``end``: its last token (the name, or the closing parenthesis);
    ``fallback``: the first and last token of its fallback (``None``: none given);
    ``literal``: whether a Context default can hold it.
    """

    pipe: int
    end: int
    fallback: tuple[int, int] | None
    literal: bool


def _default_filters(solid: list[_Token]) -> Iterator[_DefaultFilter]:
    for index, token in enumerate(solid[:-1]):
        name = solid[index + 1]
        if not (
            token.value == "|"
            and token.kind == "operator"
            and name.kind == "name"
            and name.value in DEFENSIVE_FILTERS
        ):
            continue
        if index + 2 < len(solid) and solid[index + 2].value == "(":
            closing = _matching(solid, index + 2, 1)
            if closing is None:  # unbalanced to the end: the filter's call runs to it
                closing = len(solid) - 1
            first = _first_argument(solid, index + 3, closing)
            span = _span(first) if first else None
            yield _DefaultFilter(index, closing, span, literal=_literal(first))
        else:
            yield _DefaultFilter(index, index + 1, None, literal=True)


def _first_argument(solid: list[_Token], start: int, closing: int) -> list[tuple[int, _Token]]:
    """The tokens (with their indexes) of the first argument between ``start`` and ``closing``.

    A keyword argument (``boolean=true``) is no fallback: an empty list then.
    """
    depth = 0
    found: list[tuple[int, _Token]] = []
    for index in range(start, closing):
        token = solid[index]
        if token.kind == "operator" and token.value in _OPEN_BRACKETS:
            depth += 1
        elif token.kind == "operator" and token.value in _CLOSE_BRACKETS:
            depth -= 1
        elif depth == 0 and token.kind == "operator" and token.value == ",":
            break
        found.append((index, token))
    if len(found) > 1 and found[1][1].value == "=" and found[0][1].kind == "name":
        return []
    return found


def _literal(argument: list[tuple[int, _Token]]) -> bool:
    """Whether a fallback is a literal a Context default can hold (none given: ``''``)."""
    tokens = [token for _, token in argument]
    kinds = [token.kind for token in tokens]
    values = [token.value for token in tokens]
    if set(kinds) <= {"string"}:  # none, or adjacent strings, which Jinja joins
        return True
    if len(tokens) == 1:
        return kinds[0] in _NUMBERS or values[0] in _CONSTANTS
    return values in (["[", "]"], ["{", "}"]) or (
        values[0] in _SIGNS and kinds[1:] in (["integer"], ["float"])
    )


def _span(argument: list[tuple[int, _Token]]) -> tuple[int, int]:
    return argument[0][0], argument[-1][0]


def _edits(text: str, solid: list[_Token], target: _DefaultFilter, *, keep: bool) -> list[_Edit]:
    """The ways to take ``target`` out, best first: rewritten, removed.

    Rewritten (``(OPERAND or FALLBACK)``) when the fallback is computed or ``keep``.
    """
    end = solid[target.end].end
    start = solid[target.pipe - 1].end if target.pipe else solid[target.pipe].start
    removed = _Edit(start, end, "")
    operand = _operand_start(solid, target.pipe - 1)
    if operand is None or (target.literal and not keep):
        return [removed]
    if target.fallback is None:  # ``x | default``: an empty text
        value = text[solid[operand].start : start]
        return [_Edit(solid[operand].start, end, f"({value} or '')"), removed]
    first, last = target.fallback
    fallback = text[solid[first].start : solid[last].end]
    if any(_top_level_if(solid, first, index) for index in range(first, last + 1)):
        fallback = f"({fallback})"
    value = text[solid[operand].start : start]
    return [_Edit(solid[operand].start, end, f"({value} or {fallback})"), removed]


def _top_level_if(solid: list[_Token], first: int, index: int) -> bool:
    """Whether ``solid[index]`` is an ``if`` outside every bracket opened from ``first``."""
    if solid[index].kind != "name" or solid[index].value != "if":
        return False
    depth = 0
    for token in solid[first:index]:
        if token.kind == "operator" and token.value in _OPEN_BRACKETS:
            depth += 1
        elif token.kind == "operator" and token.value in _CLOSE_BRACKETS:
            depth -= 1
    return depth == 0


def _operand_start(solid: list[_Token], index: int) -> int | None:
    """The first token of the operand that ends at ``solid[index]``, or ``None``.

    Walks back over ``a.b``, ``a[0]``, ``f(x)``, ``(x)``, ``[x]``, literals and earlier
    filters (``x | lower | default(y)`` applies to ``x | lower``), then takes a sign.
    """
    while index >= 0:
        token = solid[index]
        if token.kind == "operator" and token.value in _CLOSE_BRACKETS:
            opening = _matching(solid, index, -1)
            if opening is None:
                return None
            index = opening
            if index and _ends_operand(solid[index - 1]):
                index -= 1  # a call or a subscript: the callee or object before it
                continue
        elif not (token.kind in _ATOMS and token.value not in _KEYWORDS):
            return None
        before = solid[index - 1] if index else None
        if before is not None and before.kind == "operator" and before.value in {".", "|"}:
            index -= 2
            continue
        signed = before is not None and before.kind == "operator" and before.value in _SIGNS
        # A sign binds tighter than a filter when it is no binary operator (nothing before it).
        binary = index > 1 and _ends_operand(solid[index - 2])
        return index - 1 if signed and not binary else index
    return None


def _matching(solid: list[_Token], start: int, step: int) -> int | None:
    """The index of the bracket matching the one at ``solid[start]``, or ``None``.

    ``step`` 1 looks forward for the closing bracket, -1 back for the opening one; ``None``
    when the expression ends first.
    """
    forward = step > 0
    inward = _OPEN_BRACKETS if forward else _CLOSE_BRACKETS
    outward = _CLOSE_BRACKETS if forward else _OPEN_BRACKETS
    depth = 0
    index = start
    while 0 <= index < len(solid):
        token = solid[index]
        if token.kind == "operator" and token.value in inward:
            depth += 1
        elif token.kind == "operator" and token.value in outward:
            depth -= 1
            if depth == 0:
                return index
        index += step
    return None


def _ends_operand(token: _Token) -> bool:
    """Whether ``token`` can end an operand (so a bracket after it is a call or subscript)."""
    if token.kind == "operator":
        return token.value in _CLOSE_BRACKETS
    return token.kind in _ATOMS and token.value not in _KEYWORDS


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
