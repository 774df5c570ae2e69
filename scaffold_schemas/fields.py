r"""Field types that own their rules: what they accept, and what their JSON Schema says.

Each type is a ``str`` at run time, so templates read it as plain text, but the value has been
checked to be what the generated file needs: a class name Python accepts, a type expression
that parses, text that stays on one line. The error messages say what was expected and where,
because they are what a user sees when the input is wrong; each error has a stable code (the
pydantic error ``type``), listed in each type's docstring.

Every type also says in its JSON Schema what JSON Schema can say (``pattern``, ``minLength``),
so an editor or a CI job validating against ``scaffold schema TYPE`` sees the same rules. The
schema is never stricter than the validator: everything the validator accepts matches the
schema; where a rule cannot be written as a pattern (an expression that must parse, a name
made of non-ASCII letters) the schema says less. Patterns use only syntax that ECMA-262 and
Python's ``re`` read the same way: ``\xHH`` and ``\uHHHH`` escapes, explicit character classes
(no ``\s``, ``\d`` or ``\w``, which differ between the two), lookaheads, and an end-of-input
test that is not ``$`` (Python's ``$`` also matches before a final newline).

Names (``ClassName``, ``SnakeCaseName``, ``Identifier``, ``DottedModulePath``,
``ImportPath``) refuse Python's keywords and soft keywords (``match``, ``case``, ``type``,
``_``) and the ambiguous names ``l``, ``I`` and ``O`` (ruff E741, E742, E743) as whole names
(in a dotted path: as any part), error codes ``python_keyword`` and ``ambiguous_name``.
"""

import ast
import io
import json
import keyword
import re
import sys
import tokenize
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Annotated, Any, Final, Literal, TypeVar, cast

from pydantic import AfterValidator, BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from scaffold_schemas.python_source import python_string
from scaffold_schemas.shown import clipped, shown

__all__ = [
    "ClassName",
    "CodeText",
    "DocumentStatus",
    "DottedModulePath",
    "Identifier",
    "ImportPath",
    "IsoDate",
    "Matches",
    "PythonExpression",
    "PythonTypeExpression",
    "SingleLineText",
    "SnakeCaseName",
    "Text",
    "UniqueList",
    "VersionString",
]

LINE_BREAKS: Final = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Every character ``str.splitlines()`` breaks a line on."""

SOFT_KEYWORDS: Final = frozenset({*keyword.softkwlist, "_", "case", "match", "type"})
"""Soft keywords of every Python scaffold targets (``type`` is one from Python 3.12 on)."""

AMBIGUOUS_NAMES: Final = frozenset({"l", "I", "O"})
"""Names ruff refuses for variables, classes and functions (E741, E742, E743)."""

_RESERVED: Final = frozenset(keyword.kwlist) | SOFT_KEYWORDS | AMBIGUOUS_NAMES
_AMBIGUOUS_WITH: Final = {"l": "'1' or 'I'", "I": "'l' or '1'", "O": "'0'"}

# Control characters (Unicode category Cc) are exactly these two ranges, by Unicode's stability
# policy; the line separators that are not controls are U+2028 and U+2029.
# Each string below is the body of a character class, ranges written with "-".
_SINGLE_LINE_REFUSED: Final = "\x00-\x1f\x7f-\x9f\u2028\u2029"
# Text keeps its line feeds, and a carriage return becomes one.
_TEXT_REFUSED: Final = "\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
# What separates tokens in Python source (tab, line feed, carriage return, form feed) is all
# an expression may hold of the controls; anything else is refused before parsing.
_EXPRESSION_REFUSED: Final = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"
_SINGLE_LINE_REFUSED_RE: Final = re.compile(f"[{_SINGLE_LINE_REFUSED}]")
_TEXT_REFUSED_RE: Final = re.compile(f"[{_TEXT_REFUSED}]")
# Code keeps its tabs.
_CODE_REFUSED: Final = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
_CODE_REFUSED_RE: Final = re.compile(f"[{_CODE_REFUSED}]")
_EXPRESSION_REFUSED_RE: Final = re.compile(f"[{_EXPRESSION_REFUSED}]")
_HEADING_LINE: Final = re.compile(r"^ {0,3}#", re.MULTILINE)
_UNDERLINE_LINE: Final = re.compile(r"^ {0,3}(=+|-+) *$", re.MULTILINE)

_PASCAL_CASE: Final = "[A-Z][A-Za-z0-9]*"
_SNAKE_CASE: Final = "[a-z_][a-z0-9_]*"
# 1.0, 2.1.0, 2.1.0-rc1, 1.0.dev1, 1.0rc1, 1.0+build.5: a suffix starts with a letter or - +
_VERSION: Final = (
    r"[0-9]+(?:\.[0-9]+){0,2}(?:(?:[-+.]?[A-Za-z]|[-+][0-9])[0-9A-Za-z]*(?:\.[0-9A-Za-z]+)*)?"
)
# End of input in ECMA-262 and Python alike: no character follows.
_END: Final = r"(?![\s\S])"

# The node types a type annotation may contain: names, dotted names, subscripts (generics),
# ``X | Y`` unions, literal values (``Literal["a", -1]``, ``None``) and the list of ``Callable``.
_TYPE_EXPRESSION_NODES = (
    ast.UnaryOp,
    ast.USub,
    ast.Expression,
    ast.Name,
    ast.Attribute,
    ast.Subscript,
    ast.Tuple,
    ast.List,
    ast.BinOp,
    ast.BitOr,
    ast.Constant,
    ast.Load,
)


# --------------------------------------------------------------------------------------------
# The JSON Schema side: a marker that adds keywords, and the character classes they use
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _JsonSchema:
    """Adds JSON Schema keywords to a type's schema; validation stays with the type's validator.

    The keywords are computed on first use, so importing the module builds no pattern.
    """

    keywords: Callable[[], dict[str, Any]]

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(core_schema), **self.keywords()}


@cache
def _bmp_categories() -> tuple[frozenset[int], frozenset[int]]:
    """The whitespace (``str.isspace``) and format (Cf) code points of the BMP.

    Classes of other planes cannot be written in both regex dialects; the patterns only ever
    leave such characters allowed, which keeps the schema looser, never stricter.
    """
    characters = [chr(code) for code in range(0x10000)]
    whitespace = frozenset(ord(c) for c in characters if c.isspace())
    formats = frozenset(ord(c) for c in characters if unicodedata.category(c) == "Cf")
    return whitespace, formats


def _code_points(ranges: str) -> frozenset[int]:
    """The code points of a character-class body written with literal characters and ``-``."""
    points: set[int] = set()
    index = 0
    while index < len(ranges):
        if index + 2 < len(ranges) and ranges[index + 1] == "-":
            points.update(range(ord(ranges[index]), ord(ranges[index + 2]) + 1))
            index += 3
        else:
            points.add(ord(ranges[index]))
            index += 1
    return frozenset(points)


def _char_class(points: Iterable[int], *, negated: bool = False) -> str:
    """A character class of BMP code points, escaped so both regex dialects read it alike."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    body = "".join(
        _escaped(start) if start == end else f"{_escaped(start)}-{_escaped(end)}"
        for start, end in runs
    )
    return f"[{'^' if negated else ''}{body}]"


def _escaped(point: int) -> str:
    character = chr(point)
    if character.isascii() and character.isalnum():
        return character
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"  # noqa: PLR2004


def _text_pattern(refused: str, *, markdown: bool) -> str:
    """The pattern of a text type that strips its value, then refuses ``refused`` in it.

    Surrounding whitespace may hold anything the strip removes; the text between holds no
    refused character and at least one visible one (not whitespace, not a format character).
    ``markdown`` adds the heading and setext-underline rules of ``Text``.
    """
    whitespace, formats = _bmp_categories()
    bad = _code_points(refused)
    space = _char_class(whitespace)
    allowed = _char_class(bad, negated=True)
    edge = _char_class(bad | whitespace, negated=True)
    invisible = bad | whitespace | formats
    checks = [f"(?={_char_class(invisible)}*{_char_class(invisible, negated=True)})"]
    if markdown:
        underline = f"(?:=+|-+)(?:\\x20*[\\n\\r]|{space}*{_END})"
        checks += [
            f"(?!{space}*#)",
            r"(?![\s\S]*[\n\r]\x20{0,3}#)",
            f"(?!{space}*{underline})",
            f"(?![\\s\\S]*[\\n\\r]\\x20{{0,3}}{underline})",
        ]
    return f"^{''.join(checks)}{space}*{edge}(?:{allowed}*{edge})?{space}*{_END}"


def _expression_pattern() -> str:
    """No refused control character, something that is not whitespace, nothing never valid.

    Never valid: a keyword alone (``True``, ``False`` and ``None`` aside), or only ``-`` and
    ``=`` characters (a setext underline pasted as a value).
    """
    whitespace, _ = _bmp_categories()
    refused = _char_class(_code_points(_EXPRESSION_REFUSED))
    space, text = _char_class(whitespace), _char_class(whitespace, negated=True)
    keywords = "|".join(sorted(set(keyword.kwlist) - {"True", "False", "None"}))
    never = f"(?!{space}*(?:{keywords}|[-=]+){space}*{_END})"
    return f"^(?![\\s\\S]*{refused}){never}{space}*{text}"


def _name_pattern(part: str, *, separator: str | None = None, parts: str = "") -> str:
    """``part`` as a whole name (or dotted: ``parts`` is ``*`` or ``+``), reserved names refused.

    The reserved names listed are those ``part`` could match, so the pattern stays short.
    """
    reserved = "|".join(sorted(name for name in _RESERVED if re.fullmatch(part, name)))
    end = _END if separator is None else f"(?:{separator}|{_END})"
    one = f"(?!(?:{reserved}){end}){part}"
    if separator is None:
        return f"^{one}{_END}"
    return f"^{one}(?:{separator}{one}){parts}{_END}"


def _identifier_part() -> str:
    """An identifier, exact for ASCII; any non-ASCII letter is left to the validator."""
    not_start = _code_points("\x00-@[-^`{-\xa0")
    not_continue = not_start - _code_points("0-9")
    return f"{_char_class(not_start, negated=True)}{_char_class(not_continue, negated=True)}*"


# --------------------------------------------------------------------------------------------
# The validators
# --------------------------------------------------------------------------------------------


def _fail(code: str, message: str, value: str, **context: object) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"value": value, **context})


def _character(value: str, index: int) -> dict[str, object]:
    r"""How an error names a character: ``'\x1e' (U+001E)``, and its 1-based position."""
    return {
        "character": f"{value[index]!r} (U+{ord(value[index]):04X})",
        "position": index + 1,
    }


def _check_name(name: str, value: str) -> None:
    """Refuse a keyword, a soft keyword or an ambiguous name; ``value`` is what was given."""
    if keyword.iskeyword(name):
        raise _fail("python_keyword", "'{name}' is a Python keyword", value, name=name)
    if name in SOFT_KEYWORDS:
        raise _fail(
            "python_keyword",
            "'{name}' is a Python soft keyword; choose another name",
            value,
            name=name,
        )
    if name in AMBIGUOUS_NAMES:
        raise _fail(
            "ambiguous_name",
            "'{name}' is easily mistaken for {looks_like} (ruff E741); choose another name",
            value,
            name=name,
            looks_like=_AMBIGUOUS_WITH[name],
        )


def _class_name(value: str) -> str:
    if not re.fullmatch(_PASCAL_CASE, value):
        raise _fail(
            "class_name",
            "expected a PascalCase class name (a capital letter, then letters and digits),"
            " e.g. 'OrderCreated'",
            value,
        )
    _check_name(value, value)
    return value


def _snake_case(value: str) -> str:
    if not re.fullmatch(_SNAKE_CASE, value):
        raise _fail(
            "snake_case",
            "expected a snake_case name (lowercase letters, digits and underscores,"
            " not starting with a digit), e.g. 'order_total'",
            value,
        )
    _check_name(value, value)
    return value


def _identifier(value: str) -> str:
    if not value.isidentifier():
        raise _fail("identifier", "expected a Python identifier, e.g. 'order_id'", value)
    _check_name(value, value)
    return value


def _dotted_module_path(value: str) -> str:
    parts = value.split(".")
    if not all(re.fullmatch(_SNAKE_CASE, part) for part in parts):
        raise _fail(
            "module_path",
            "expected a dotted module path of snake_case parts, e.g. 'app.orders.models'",
            value,
        )
    for part in parts:
        _check_name(part, value)
    return value


def _import_path(value: str) -> str:
    parts = value.split(".")
    if len(parts) < 2 or not all(part.isidentifier() for part in parts):  # noqa: PLR2004
        raise _fail(
            "import_path",
            "expected 'module.Name', the module and the name it imports, e.g. 'app.money.Money'",
            value,
        )
    for part in parts:
        _check_name(part, value)
    return value


def _check_expression_characters(value: str, code: str) -> None:
    refused = _EXPRESSION_REFUSED_RE.search(value)
    if refused:
        raise _fail(
            code,
            "{character} at position {position} is a control character; an expression may"
            " hold none but tab and line breaks",
            value,
            **_character(value, refused.start()),
        )


def _parse_expression(value: str, code: str, what: str) -> ast.Expression:
    _check_expression_characters(value, code)
    try:
        return ast.parse(value.strip(), mode="eval")
    except SyntaxError:
        if _long_decimal_int(value):  # Python's parser refuses it, as it would the module
            raise _int_too_long(code, value) from None
        # repr: a value with a line break stays on the message's one line
        raise _fail(
            code, f"expected {what}; {{shown}} does not parse", value, shown=shown(value)
        ) from None


def _long_decimal_int(value: str) -> bool:
    """Whether ``value`` holds a decimal int literal past ``sys.get_int_max_str_digits()``."""
    limit = sys.get_int_max_str_digits()
    try:
        for token in tokenize.generate_tokens(io.StringIO(value).readline):
            digits = token.string.replace("_", "")
            if token.type == tokenize.NUMBER and digits.isdecimal() and len(digits) > limit > 0:
                return True
    except (tokenize.TokenError, SyntaxError):
        pass  # what does not tokenize holds no such literal that Python would reach
    return False


def _int_too_long(code: str, value: str) -> PydanticCustomError:
    return _fail(
        code,
        f"an integer literal of more than {sys.get_int_max_str_digits():,} digits cannot be"
        " written back: Python turns no longer int into text (sys.get_int_max_str_digits());"
        " compute it instead, e.g. '16**5000 - 1'",
        value,
    )


@lru_cache(maxsize=4096)
def _type_expression(value: str) -> str:
    what = "a Python type expression, e.g. 'int', 'list[str]' or 'dict[str, int] | None'"
    tree = _parse_expression(value, "type_expression", what)
    for node in ast.walk(tree):
        if not isinstance(node, _TYPE_EXPRESSION_NODES) or (
            isinstance(node, ast.BinOp) and not isinstance(node.op, ast.BitOr)
        ):
            raise _fail("type_expression", f"expected {what}", value)
    body = tree.body
    if isinstance(body, ast.Tuple | ast.List) or (
        isinstance(body, ast.Constant) and not isinstance(body.value, str | None)
    ):
        raise _fail("type_expression", f"expected {what}", value)
    return _normalised(tree, value, "type_expression")


@lru_cache(maxsize=4096)
def _expression(value: str) -> str:
    tree = _parse_expression(value, "expression", "a Python expression, e.g. '0' or '\"EUR\"'")
    try:
        ast.literal_eval(tree)
    except (ValueError, SyntaxError):
        pass  # not made of literals only: names and calls are checked where they are bound
    except (TypeError, MemoryError, RecursionError) as error:
        # A literal that fails to build (a set of lists) would fail the generated import.
        raise _fail(
            "expression",
            f"'{{clipped}}' fails when Python evaluates it: {error}",
            value,
            clipped=clipped(value),
        ) from None
    return _normalised(tree, value, "expression")


def _normalised(tree: ast.Expression, value: str, code: str) -> str:
    """One line of canonical source, as ``ruff format`` would write it.

    ``ast.unparse`` gives the spacing and drops comments and line breaks; then every string
    literal is written the way ruff's quote normalisation writes it (``_string_literal``),
    ``**`` between simple operands (names, numbers, attribute chains) loses its spaces
    (``2**10``, but ``f(x) ** 2``), and a number other than a complex one is parenthesised
    before its attribute (``(1).real``, where ``ast.unparse`` writes ``1 .real``).

    Raises ``PydanticCustomError`` (``code``) for what cannot be written back: an assignment
    expression (``_refuse_assignment``), an int literal past Python's int-to-text limit.
    """
    if ":=" in value:  # the one spelling of an assignment expression: most values lack it
        _refuse_assignment(tree, value, code)
    try:
        source = ast.unparse(tree)
    except ValueError:
        limit = sys.get_int_max_str_digits()  # repr(int) refuses a longer literal
        if any(
            isinstance(node, ast.Constant)
            and type(node.value) is int
            and abs(node.value) >= 10**limit
            for node in ast.walk(tree)
        ):
            raise _int_too_long(code, value) from None
        raise
    line_starts = [0]
    for line in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def at(point: tuple[int, int]) -> int:
        return line_starts[point[0] - 1] + point[1]

    edits: list[tuple[int, int, str]] = []
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in (tokenize.STRING, _FSTRING_START):
            last = _string_end(tokens, index)
            start, end = at(token.start), at(tokens[last].end)
            edits.append((start, end, _string_literal(source[start:end])))
            index = last
        elif token.type == tokenize.NUMBER:
            # ruff format writes an exponent without its '+': 1e16, not 1e+16.
            text, stop = token.string.replace("e+", "e"), token.end
            if tokens[index + 1].string == ".":
                # ast.unparse writes 1 .real and 1.5.real; ruff parenthesises a number other
                # than a complex one before its attribute, and spaces none.
                text, stop = text if text[-1] in "jJ" else f"({text})", tokens[index + 1].start
            if (text, stop) != (token.string, token.end):
                edits.append((at(token.start), at(stop), text))
        elif token.string == "**" and _simple_power_operands(tokens, index):
            edits.append((at(tokens[index - 1].end), at(tokens[index + 1].start), "**"))
        elif token.string == "." and tokens[index - 1].type == tokenize.NAME:
            # ast.unparse spaces True and False (ints) from their attribute: True .real
            edits.append((at(tokens[index - 1].end), at(token.start), ""))
        index += 1
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source


# Python 3.12 tokenizes an f-string into parts, from FSTRING_START to FSTRING_END; before, an
# f-string is one STRING token (and these token types do not exist: -1 matches no token).
_FSTRING_START: Final[int] = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END: Final[int] = getattr(tokenize, "FSTRING_END", -1)


def _string_end(tokens: list[tokenize.TokenInfo], index: int) -> int:
    """The index of the last token of the string literal that starts at ``index``."""
    depth = 0
    for last in range(index, len(tokens)):
        depth += (tokens[last].type == _FSTRING_START) - (tokens[last].type == _FSTRING_END)
        if depth == 0:
            return last
    return index  # not reached: the source came from ast.unparse, so it tokenizes


def _string_literal(literal: str) -> str:
    """One string literal (as ``ast.unparse`` wrote it) the way ruff format writes it.

    Ruff prefers double quotes unless the text holds more double quotes than single ones,
    drops the ``u`` prefix and keeps ``b``; the text is escaped as ``repr`` escapes it (non-
    ASCII kept in a ``str``). An f-string goes to ``_fstring_literal``.
    """
    prefix = literal[: len(literal) - len(literal.lstrip("bBfFrRuU"))]
    if "f" in prefix.lower():
        return _fstring_literal(literal)
    value = ast.literal_eval(literal)
    if isinstance(value, str):
        return python_string(value)
    if value.count(b'"') > value.count(b"'"):
        return repr(value)  # single quotes: repr picks them whenever the bytes hold a '"'
    return f'b"{"".join(map(_BYTE_ESCAPES.__getitem__, value))}"'


def _fstring_literal(literal: str) -> str:
    """An f-string (as ``ast.unparse`` wrote it) the way ruff format writes it.

    Its quotes follow the rule of ``python_string`` over its text (the fields left out), which
    is escaped for them, braces doubled, on one line. A string inside a replacement field is
    quoted the other way (before Python 3.12 a field may not hold its f-string's quote; ruff
    alternates them). Each field is written as ``ast.unparse`` writes it alone; one holding
    both kinds of quote, or one whose quotes do not swap cleanly, leaves the f-string as
    ``ast.unparse`` wrote it.
    """
    values = cast(ast.JoinedStr, ast.parse(literal, mode="eval").body)  # an f-string's node
    text = "".join(str(value.value) for value in values.values if isinstance(value, ast.Constant))
    quote = '"' if text.count('"') <= text.count("'") else "'"
    other = "'" if quote == '"' else '"'
    written = [f"f{quote}"]
    for value in values.values:
        if not isinstance(value, ast.FormattedValue):  # else a Constant: the text
            written.append(_fstring_text(str(cast(ast.Constant, value).value), quote))
            continue
        alone = ast.unparse(ast.JoinedStr([value]))  # f'{x!r:>4}', or f'''...'''
        field = alone[2:-1].replace(quote, other)  # its strings quoted the other way
        if alone[1:4] in ('"""', "'''") or not _same_fstring(f"f{quote}{field}{quote}", value):
            return literal
        if field.startswith("{ ") and value.conversion == -1 and value.format_spec is None:
            field = f"{field[:-1]} }}"  # { {1: 2}}: ruff spaces both braces alike
        written.append(field)
    return "".join([*written, quote])


def _same_fstring(source: str, field: ast.expr) -> bool:
    """Whether ``source`` parses to an f-string of ``field`` alone."""
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError:
        return False
    return ast.dump(tree) == ast.dump(ast.JoinedStr([field]))


def _fstring_text(text: str, quote: str) -> str:
    """The text of an f-string between ``quote``: escaped as a string's, braces doubled."""
    if quote == '"':
        escaped = json.dumps(text, ensure_ascii=False)[1:-1]  # as python_string writes it
    else:
        escaped = repr(text + '"')[1:-2]  # repr quotes with ' when the text holds a '"'
    return escaped.replace("{", "{{").replace("}", "}}")


# How each byte is written between double quotes: as repr writes bytes, with '"' escaped.
_BYTE_ESCAPES: Final = [
    {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(
        chr(byte),
        chr(byte) if chr(byte).isascii() and chr(byte).isprintable() else f"\\x{byte:02x}",
    )
    for byte in range(256)
]


def _refuse_assignment(tree: ast.Expression, value: str, code: str) -> None:
    """Raise ``PydanticCustomError`` (``code``) for an assignment expression in ``tree``.

    ``(x := 1)`` would bind ``x`` in the generated class or module body (pydantic refuses a
    class attribute without annotation; a module would gain a global).
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.NamedExpr):
            raise _fail(
                code,
                "an assignment expression ('{target} := ...') would bind '{target}' in the"
                " generated class or module: give the value without ':='",
                value,
                target=clipped(ast.unparse(node.target)),
            )


def _simple_power_operands(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    """Whether both operands of the ``**`` at ``index`` are simple, as ruff means it.

    Simple is a name, a number or an attribute chain (``a.b``), the right one optionally
    negated.
    """
    names = (tokenize.NAME, tokenize.NUMBER)
    start = index - 1
    while tokens[start - 1].string == "." and tokens[start - 2].type == names[0]:
        start -= 2
    left_simple = tokens[start].type in names and tokens[start - 1].string not in (")", "]", ".")
    end = index + 2 if tokens[index + 1].string == "-" else index + 1
    while tokens[end + 1].string == "." and tokens[end + 2].type == names[0]:
        end += 2
    right_simple = tokens[end].type in names and tokens[end + 1].string not in ("(", "[")
    return left_simple and right_simple


def _check_visible(text: str, value: str) -> None:
    """Refuse text that renders as nothing: empty, whitespace, zero-width or format characters."""
    if text.isascii():  # no format character is ASCII: visible unless all whitespace
        if text and not text.isspace():
            return
    elif any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text):
        return
    raise _fail(
        "empty_text",
        "expected text; this is empty once whitespace and invisible (zero-width or format)"
        " characters are left out",
        value,
    )


def _single_line_text(value: str) -> str:
    text = value.strip()
    _check_visible(text, value)
    refused = _SINGLE_LINE_REFUSED_RE.search(text)
    if refused is None:
        return text
    index = len(value) - len(value.lstrip()) + refused.start()
    if refused.group() in LINE_BREAKS:
        raise _fail(
            "single_line",
            "expected a single line of text: {character} at position {position} breaks the line",
            value,
            **_character(value, index),
        )
    raise _fail(
        "control_character",
        "{character} at position {position} is a control character, not allowed in text",
        value,
        **_character(value, index),
    )


def _code_text(value: str) -> str:
    normalised = value.replace("\r\n", "\n").replace("\r", "\n")
    text = normalised.rstrip(" \t\n").lstrip("\n")
    _check_visible(text, value)
    _refuse_controls(
        text, value, normalised[: normalised.find(text)].count("\n") + 1, _CODE_REFUSED_RE
    )
    return text


def _without_trailing_blanks(line: str) -> str:
    """``line`` without the spaces that end it; a refused character stays, to be reported."""
    end = len(line)
    while end and line[end - 1].isspace() and not _TEXT_REFUSED_RE.match(line[end - 1]):
        end -= 1
    return line[:end]


def _text(value: str) -> str:
    normalised = value.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(map(_without_trailing_blanks, normalised.strip().split("\n")))
    _check_visible(text, value)
    leading = normalised[: len(normalised) - len(normalised.lstrip())]
    first_line = leading.count("\n") + 1
    _refuse_controls(text, value, first_line, _TEXT_REFUSED_RE)
    _refuse_markdown_structure(text, value, first_line)
    return text


def _refuse_controls(text: str, value: str, first_line: int, refused_re: re.Pattern[str]) -> None:
    """Raise for the first character of ``refused_re`` in ``text``, naming line and column."""
    refused = refused_re.search(text)
    if refused is not None:
        line = first_line + text.count("\n", 0, refused.start())
        column = refused.start() - text.rfind("\n", 0, refused.start())
        kind = "a line separator Markdown does not use (write a line feed)"
        if refused.group() not in LINE_BREAKS:
            kind = "a control character, not allowed in text"
        raise _fail(
            "control_character",
            "{character} at line {line}, column {column} is {kind}",
            value,
            character=_character(text, refused.start())["character"],
            line=line,
            column=column,
            kind=kind,
        )


def _refuse_markdown_structure(text: str, value: str, first_line: int) -> None:
    """Raise for a line of ``text`` that Markdown reads as structure, not text.

    A heading, a setext underline, or a code fence or HTML block that nothing closes.
    """
    heading = _HEADING_LINE.search(text)
    if heading is not None:
        raise _fail(
            "markdown_heading",
            "line {line} starts with '#', which Markdown reads as a heading (the document's"
            " headings come from its schema); reword the line so that it does not start"
            " with '#', e.g. 'Issue #12' rather than '#12'",
            value,
            line=first_line + text.count("\n", 0, heading.start()),
        )
    underline = _UNDERLINE_LINE.search(text)
    if underline is not None:
        raise _fail(
            "markdown_underline",
            "line {line} is made only of '{mark}', which Markdown reads as underlining the"
            " line above into a heading (or as a rule); remove the line or add words to it",
            value,
            line=first_line + text.count("\n", 0, underline.start()),
            mark=underline.group(1)[0],
        )
    unclosed = _unclosed_block(text)
    if unclosed is not None:
        number, opener, closer = unclosed
        raise _fail(
            "markdown_unclosed",
            "line {line} opens a Markdown block with {opener} that nothing closes, so it would"
            " swallow every section after it; close it with {closer}",
            value,
            line=first_line + number,
            opener=opener,
            closer=closer,
        )


_FENCE_LINE: Final = re.compile(r" {0,3}(`{3,}|~{3,})")
# CommonMark's HTML blocks of kinds 1 to 5 end only at their own marker, not at a blank line.
_HTML_BLOCKS: Final = (
    (
        re.compile(r" {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)", re.IGNORECASE),
        re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE),
        "its end tag, e.g. '</pre>'",
    ),
    (re.compile(r" {0,3}<!--"), re.compile(r"-->"), "'-->'"),
    (re.compile(r" {0,3}<\?"), re.compile(r"\?>"), "'?>'"),
    (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>"), "']]>'"),
    (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">"), "'>'"),
)


def _unclosed_block(text: str) -> tuple[int, str, str] | None:
    """The first code fence or HTML block that ``text`` opens and never closes, or ``None``.

    Gives ``(line index, what opens it, what would close it)``.
    """
    if "<" not in text and "```" not in text and "~~~" not in text:
        return None  # every fence and HTML block opens with one of these
    lines = text.split("\n")
    fence: tuple[int, str] | None = None
    for number, line in enumerate(lines):
        marker = _FENCE_LINE.match(line)
        if fence is not None:
            mark = fence[1]
            run = marker.group(1) if marker is not None else ""
            if run[:1] == mark[0] and len(run) >= len(mark) and not line.strip(" `~"):
                fence = None
            continue
        if marker is not None:
            fence = (number, marker.group(1))
            continue
        for opener, closer, hint in _HTML_BLOCKS:
            start = opener.match(line)
            if start and not closer.search("\n".join([line[start.end() :], *lines[number + 1 :]])):
                return number, repr(start.group().strip()), hint
    if fence is not None:
        return fence[0], repr(fence[1]), f"a line of {fence[1]}"
    return None


def _version(value: str) -> str:
    if not re.fullmatch(_VERSION, value):
        raise _fail("version", "expected a version such as '1.0' or '2.1.0'", value)
    return value


# --------------------------------------------------------------------------------------------
# The types
# --------------------------------------------------------------------------------------------

ClassName = Annotated[
    str,
    AfterValidator(_class_name),
    _JsonSchema(lambda: {"pattern": _name_pattern(_PASCAL_CASE)}),
]
r"""A PascalCase class name: an ASCII capital letter, then ASCII letters and digits.

Refused: any other spelling (``class_name``); ``True``, ``False``, ``None``
(``python_keyword``); ``I`` and ``O`` (``ambiguous_name``). JSON Schema: ``pattern``
``^(?!(?:False|I|None|O|True)END)[A-Z][A-Za-z0-9]*END``, where ``END`` is
``(?![\s\S])``, the end of the input.
"""

SnakeCaseName = Annotated[
    str,
    AfterValidator(_snake_case),
    _JsonSchema(lambda: {"pattern": _name_pattern(_SNAKE_CASE)}),
]
"""A snake_case name for a module, function or variable: ``[a-z_][a-z0-9_]*``.

Refused: any other spelling (``snake_case``); keywords and the soft keywords ``match``,
``case``, ``type``, ``_`` (``python_keyword``); ``l`` (``ambiguous_name``). Leading
underscores and dunders are names like any other here. JSON Schema: ``pattern``, the
spelling with every refused name excluded by a lookahead.
"""

Identifier = Annotated[
    str,
    AfterValidator(_identifier),
    _JsonSchema(lambda: {"pattern": _name_pattern(_identifier_part())}),
]
"""Any Python identifier (``str.isidentifier``, non-ASCII letters included).

Refused: what is not an identifier (``identifier``); keywords and soft keywords
(``python_keyword``); ``l``, ``I``, ``O`` (``ambiguous_name``). JSON Schema: ``pattern``,
exact for ASCII names; a non-ASCII character other than a C1 control or U+00A0 is allowed
anywhere (which non-ASCII letters start an identifier is left to the validator).
"""

DottedModulePath = Annotated[
    str,
    AfterValidator(_dotted_module_path),
    _JsonSchema(lambda: {"pattern": _name_pattern(_SNAKE_CASE, separator=r"\.", parts="*")}),
]
"""An importable dotted module path of snake_case parts, e.g. ``app.orders.models``.

Refused: empty parts or parts that are not snake_case (``module_path``); a part that is a
keyword or soft keyword (``python_keyword``) or ``l`` (``ambiguous_name``). JSON Schema:
``pattern``, exact.
"""

ImportPath = Annotated[
    str,
    AfterValidator(_import_path),
    _JsonSchema(
        lambda: {"pattern": _name_pattern(_identifier_part(), separator=r"\.", parts="+")}
    ),
]
"""``module.Name``: what a generated module imports (``from module import Name``).

At least two parts, each an identifier. Refused: fewer parts or a part that is no identifier
(``import_path``); a part that is a keyword or soft keyword (``python_keyword``) or ``l``,
``I``, ``O`` (``ambiguous_name``). JSON Schema: ``pattern``, exact for ASCII parts.
"""

PythonTypeExpression = Annotated[
    str,
    AfterValidator(_type_expression),
    _JsonSchema(lambda: {"minLength": 1, "pattern": _expression_pattern()}),
]
"""A type annotation, parsed and normalised (``dict[str,int]`` becomes ``dict[str, int]``).

Names, dotted names, subscripts, ``|`` unions, ``None`` and literal values only; string
literals are re-quoted the way ``ruff format`` writes them and comments are dropped.
Refused (``type_expression``): a control character other than tab and line breaks, what
does not parse, and any other construct (calls, operators, lambdas...). JSON Schema:
``minLength`` 1 and a ``pattern`` that asks for a character other than whitespace and
refuses those control characters; whether it parses cannot be a pattern.
"""

PythonExpression = Annotated[
    str,
    AfterValidator(_expression),
    _JsonSchema(lambda: {"minLength": 1, "pattern": _expression_pattern()}),
]
"""Any Python expression, parsed and normalised; used for default values.

Written as ``ruff format`` writes it: ``ast.unparse``'s spacing, string literals in double
quotes unless single ones need fewer escapes (``b'x'`` becomes ``b"x"``, ``u'x'`` becomes
``"x"``, ``f'{x}'`` becomes ``f"{x}"``), ``2**10``, ``1e16``, ``(1).real``. Refused
(``expression``): a control character other than tab and line breaks; what does not parse;
an assignment expression (``(x := 1)`` would bind ``x`` in the generated class or module); an
int literal of more decimal digits than Python turns into text
(``sys.get_int_max_str_digits()``, 4,300 by default). JSON Schema: as
``PythonTypeExpression``.
"""

SingleLineText = Annotated[
    str,
    AfterValidator(_single_line_text),
    _JsonSchema(
        lambda: {"minLength": 1, "pattern": _text_pattern(_SINGLE_LINE_REFUSED, markdown=False)}
    ),
]
"""One line of visible text; surrounding whitespace (``str.strip``) is removed.

Refused: text that is empty once whitespace and invisible characters (zero-width, format:
Unicode Cf) are left out (``empty_text``); inside the text, every character
``str.splitlines()`` breaks on (``LINE_BREAKS``: ``single_line``) and every other control
character, tab and NUL included (``control_character``). The message names the character
and its position (1-based, in the value as given). JSON Schema: ``minLength`` 1 and a
``pattern`` that is exact for characters of the Basic Multilingual Plane.
"""

Text = Annotated[
    str,
    AfterValidator(_text),
    _JsonSchema(lambda: {"minLength": 1, "pattern": _text_pattern(_TEXT_REFUSED, markdown=True)}),
]
"""Visible text over several lines, for Markdown documents and docstrings.

The one normalisation: CRLF and a lone CR become LF; then surrounding whitespace is removed,
and the blanks that end a line (Markdown would read two spaces there as a line break, and a
generated file carries no trailing whitespace).
Refused: text that renders empty (``empty_text``); a control character (tab and NUL
included) or a line separator other than LF (``control_character``, naming the character,
its line and column); a line that starts, after up to three spaces, with ``#``
(``markdown_heading``: Markdown would read a heading, and a document's headings come from
its schema); a line made only of ``=`` or only of ``-`` (``markdown_underline``: Markdown
would underline the line above into a heading); a code fence or an HTML block (``<!--``,
``<pre>``, ...) that nothing closes (``markdown_unclosed``: it would swallow the sections
after it). JSON Schema: ``minLength`` 1 and a ``pattern`` carrying every rule but the last,
exact for characters of the Basic Multilingual Plane.
"""

CodeText = Annotated[
    str,
    AfterValidator(_code_text),
    _JsonSchema(lambda: {"minLength": 1, "pattern": _text_pattern(_CODE_REFUSED, markdown=False)}),
]
"""Source code over several lines, shown in a fenced block (the fence outgrows any run of
backticks inside, so no Markdown rule applies).

The one normalisation: CRLF and a lone CR become LF; then blank lines around it and trailing
blanks are removed, the first line's indentation kept. Refused: code that renders empty
(``empty_text``); a control character other than tab, or a line separator other than LF
(``control_character``). JSON Schema: ``minLength`` 1 and a ``pattern`` with these rules.
"""

VersionString = Annotated[
    str,
    AfterValidator(_version),
    _JsonSchema(lambda: {"pattern": f"^{_VERSION}{_END}"}),
]
"""A document or API version such as ``1.0``, ``2.1.0``, ``2.1.0-rc1`` or ``1.0+build.5``.

Refused: anything else (``version``). JSON Schema: ``pattern``, exact.
"""

DocumentStatus = Literal["draft", "review", "approved", "superseded"]
"""Where a document stands in its review cycle (JSON Schema: ``enum``)."""


# --------------------------------------------------------------------------------------------
# Building blocks for a plugin's own rules: a pattern with its message, a list without repeats
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Matches:
    """``Annotated`` metadata: the ``str`` matches ``regex`` in full, else ``message`` says why.

    Error code ``string_pattern_mismatch``. The JSON Schema gets the same rule as a
    ``pattern``, so ``regex`` must read alike in ECMA-262 and Python (see the module's
    docstring). ``stripped=True`` tells that an inner type (``SingleLineText``) stripped the
    value first: the pattern, which sees the raw input, allows the surrounding whitespace. A
    ``pattern`` the inner type gave is kept, in an ``allOf``.
    """

    regex: str
    message: str
    stripped: bool = False

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        compiled = re.compile(self.regex)

        def check(value: str) -> str:
            if not compiled.fullmatch(value):
                raise _fail("string_pattern_mismatch", self.message, value)
            return value

        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        if "pattern" in json_schema:
            inner = {"pattern": json_schema.pop("pattern")}
            json_schema["allOf"] = [*json_schema.get("allOf", []), inner]
        space = f"{_char_class(_bmp_categories()[0])}*" if self.stripped else ""
        json_schema["pattern"] = f"^{space}(?:{self.regex}){space}{_END}"
        return json_schema


_Item = TypeVar("_Item", bound=Hashable)


def _unique(items: list[_Item]) -> list[_Item]:
    seen: set[_Item] = set()
    for item in items:
        if item in seen:
            raise PydanticCustomError(
                "unique",
                "'{value}' is listed twice; each entry must be unique",
                {"value": clipped(str(item))},
            )
        seen.add(item)
    return items


UniqueList = Annotated[
    list[_Item], AfterValidator(_unique), _JsonSchema(lambda: {"uniqueItems": True})
]
"""A list whose entries all differ, compared as validated (``' #1'`` and ``'#1'`` are one).

``UniqueList[SingleLineText]``; order kept. Refused: an entry listed twice (``unique``).
JSON Schema: ``uniqueItems`` (which compares the raw entries, so it may say less).
"""


def _no_number(value: object) -> object:
    if isinstance(value, int | float):
        raise _fail(
            "date_type", "expected a date as text, e.g. '2026-03-04', not a number", str(value)
        )
    return value


IsoDate = Annotated[date, BeforeValidator(_no_number)]
"""A calendar date, given as ``2026-03-04`` (a YAML or TOML date value too).

Refused: a number (``date_type``): pydantic would read it as seconds since 1970. JSON Schema:
``{"type": "string", "format": "date"}``.
"""
