"""Annotated field types that make generated code valid by construction.

Each type is a ``str`` (or ``date``) at run time, so templates read it as plain text, but the
value has been checked to be what the generated file needs: a class name that Python accepts,
a type expression that parses, text that fits on one line. The error messages say what was
expected, because they are what a user sees when the input is wrong.
"""

import ast
import io
import keyword
import re
import tokenize
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from scaffold_schemas.python_source import python_string

__all__ = [
    "ClassName",
    "DocumentStatus",
    "DottedModulePath",
    "Identifier",
    "ImportPath",
    "PythonExpression",
    "PythonTypeExpression",
    "SingleLineText",
    "SnakeCaseName",
    "Text",
    "VersionString",
]

_PASCAL_CASE = re.compile(r"[A-Z][A-Za-z0-9]*")
_SNAKE_CASE = re.compile(r"[a-z_][a-z0-9_]*")
# 1.0, 2.1.0, 2.1.0-rc1, 1.0.dev1, 1.0rc1, 1.0+build.5: a suffix starts with a letter or - +
_VERSION = re.compile(
    r"[0-9]+(\.[0-9]+){0,2}(([-+.]?[A-Za-z]|[-+][0-9])[0-9A-Za-z]*(\.[0-9A-Za-z]+)*)?"
)

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


def _fail(code: str, message: str, value: str) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"value": value})


def _check_not_keyword(value: str) -> None:
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        raise _fail("python_keyword", "'{value}' is a Python keyword", value)


def _class_name(value: str) -> str:
    if not _PASCAL_CASE.fullmatch(value):
        raise _fail(
            "class_name",
            "expected a PascalCase class name (a capital letter, then letters and digits),"
            " e.g. 'OrderCreated'",
            value,
        )
    _check_not_keyword(value)
    return value


def _snake_case(value: str) -> str:
    if not _SNAKE_CASE.fullmatch(value):
        raise _fail(
            "snake_case",
            "expected a snake_case name (lowercase letters, digits and underscores,"
            " not starting with a digit), e.g. 'order_total'",
            value,
        )
    _check_not_keyword(value)
    return value


def _identifier(value: str) -> str:
    if not value.isidentifier():
        raise _fail("identifier", "expected a Python identifier, e.g. 'order_id'", value)
    _check_not_keyword(value)
    return value


def _dotted_module_path(value: str) -> str:
    parts = value.split(".")
    if not all(_SNAKE_CASE.fullmatch(part) for part in parts):
        raise _fail(
            "module_path",
            "expected a dotted module path of snake_case parts, e.g. 'app.orders.models'",
            value,
        )
    for part in parts:
        _check_not_keyword(part)
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
        _check_not_keyword(part)
    return value


def _parse_expression(value: str, code: str, what: str) -> ast.Expression:
    try:
        return ast.parse(value.strip(), mode="eval")
    except SyntaxError:
        raise _fail(code, f"expected {what}; '{{value}}' does not parse", value) from None


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
    return _normalised(tree)


@lru_cache(maxsize=4096)
def _expression(value: str) -> str:
    tree = _parse_expression(value, "expression", "a Python expression, e.g. '0' or '\"EUR\"'")
    return _normalised(tree)


def _normalised(tree: ast.Expression) -> str:
    """One line of canonical source, as ``ruff format`` would write it.

    ``ast.unparse`` gives the spacing and drops comments and line breaks; then string
    literals are re-quoted the way ruff prefers, and ``**`` between simple operands (names,
    numbers, attribute chains) loses its spaces (``2**10``, but ``f(x) ** 2``).
    """
    source = ast.unparse(tree)
    edits: list[tuple[int, int, str]] = []
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    for index, token in enumerate(tokens):
        if token.type == tokenize.STRING and token.string[0] in "'\"":
            value = ast.literal_eval(token.string)
            if isinstance(value, str):
                edits.append((token.start[1], token.end[1], python_string(value)))
        elif token.string == "**" and _simple_power_operands(tokens, index):
            edits.append((tokens[index - 1].end[1], tokens[index + 1].start[1], "**"))
    for start, end, text in reversed(edits):
        source = source[:start] + text + source[end:]
    return source


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


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise _fail("single_line", "expected a single line of text (no line breaks)", value)
    return value


def _version(value: str) -> str:
    if not _VERSION.fullmatch(value):
        raise _fail("version", "expected a version such as '1.0' or '2.1.0'", value)
    return value


ClassName = Annotated[str, AfterValidator(_class_name)]
"""A PascalCase class name that is not a Python keyword."""

SnakeCaseName = Annotated[str, AfterValidator(_snake_case)]
"""A snake_case name usable as a module, function or variable name."""

Identifier = Annotated[str, AfterValidator(_identifier)]
"""Any Python identifier that is not a keyword."""

DottedModulePath = Annotated[str, AfterValidator(_dotted_module_path)]
"""An importable dotted module path, e.g. ``app.orders.models``."""

ImportPath = Annotated[str, AfterValidator(_import_path)]
"""``module.Name``: what a generated module imports (``from module import Name``)."""

PythonTypeExpression = Annotated[str, AfterValidator(_type_expression)]
"""A type annotation, parsed and normalised (``dict[str,int]`` becomes ``dict[str, int]``)."""

PythonExpression = Annotated[str, AfterValidator(_expression)]
"""Any Python expression, parsed and normalised; used for default values."""

SingleLineText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_single_line)
]
"""Non-empty text without line breaks, surrounding whitespace removed."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty free text that may span several lines, surrounding whitespace removed."""

VersionString = Annotated[str, AfterValidator(_version)]
"""A document or API version such as ``1.0`` or ``2.1.0-rc1``."""

DocumentStatus = Literal["draft", "review", "approved", "superseded"]
"""Where a document stands in its review cycle."""
