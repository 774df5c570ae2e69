"""Which names a generated module uses, and which imports make them defined.

Plugins use this in validators (reject a type no import defines) and in computed fields (the
imports a template must write), so generated code passes pyflakes as well as the parser.
"""

import ast
import builtins
import importlib
import re
from collections.abc import Callable, Collection, Iterable
from functools import cache, lru_cache
from typing import Final

from scaffold_schemas.shown import clipped

__all__ = [
    "KNOWN_TYPE_IMPORTS",
    "failing_known_calls",
    "names_in_expression",
    "required_imports",
    "undefined_names",
    "used_names",
]

KNOWN_TYPE_IMPORTS: Final[dict[str, str]] = {
    "Any": "typing.Any",
    "Annotated": "typing.Annotated",
    "Literal": "typing.Literal",
    "Callable": "collections.abc.Callable",
    "Iterable": "collections.abc.Iterable",
    "Iterator": "collections.abc.Iterator",
    "Mapping": "collections.abc.Mapping",
    "Sequence": "collections.abc.Sequence",
    "date": "datetime.date",
    "datetime": "datetime.datetime",
    "time": "datetime.time",
    "timedelta": "datetime.timedelta",
    "Decimal": "decimal.Decimal",
    "Path": "pathlib.Path",
    "UUID": "uuid.UUID",
}
"""Names a type expression may use without an explicit import: scaffold adds the import."""

_BUILTIN_NAMES: Final = frozenset(dir(builtins))


def names_in_expression(expression: str) -> set[str]:
    """The free names of ``expression`` (for ``a.b.C``, the root ``a``)."""
    return set(_names(expression)[0])


def used_names(expressions: Iterable[str]) -> set[str]:
    """The free names of all ``expressions`` together."""
    return set().union(*(names_in_expression(text) for text in expressions))


def _bare_names(expression: str) -> set[str]:
    """Free names used on their own, not as the root of a dotted name like ``a.b``."""
    return set(_names(expression)[1])


@lru_cache(maxsize=4096)
def _names(expression: str) -> tuple[frozenset[str], frozenset[str]]:
    """All free names of ``expression``, and those used on their own (parsed once)."""
    tree = ast.parse(expression, mode="eval")
    roots = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    names = [node for node in ast.walk(tree) if isinstance(node, ast.Name)]
    return (
        frozenset(node.id for node in names),
        frozenset(node.id for node in names if id(node) not in roots),
    )


def required_imports(expressions: Iterable[str], explicit: Iterable[str]) -> list[str]:
    """``explicit`` imports plus the known ones ``expressions`` need, as ``module.Name``."""
    explicit = tuple(explicit)
    names = set().union(*(_bare_names(text) for text in expressions))
    imported = {path.rpartition(".")[2] for path in explicit}
    known = {KNOWN_TYPE_IMPORTS[name] for name in names - imported if name in KNOWN_TYPE_IMPORTS}
    return sorted(known.union(explicit))


def undefined_names(expressions: Iterable[str], explicit: Iterable[str]) -> list[str]:
    """Names used in ``expressions`` that no builtin, known type or explicit import defines.

    A known type name counts only on its own: ``datetime.date`` needs ``datetime`` imported
    as a module, which scaffold does not do, so write ``date`` instead.
    """
    expressions = tuple(expressions)
    explicit = tuple(explicit)
    imported = {path.rpartition(".")[2] for path in explicit}
    bare = set().union(*(_bare_names(text) for text in expressions))
    roots = set().union(*(names_in_expression(text) for text in expressions)) - bare
    defined = _BUILTIN_NAMES | KNOWN_TYPE_IMPORTS.keys() | imported
    return sorted((bare - defined) | (roots - _BUILTIN_NAMES - imported))


# What to write instead, by the known name a failing call uses; other names get a general hint.
_CALL_HINTS: Final[dict[str, str]] = {
    "Decimal": "give a valid decimal string, e.g. Decimal('0.01')",
    "date": "give a real date, e.g. date(2026, 3, 4)",
    "datetime": "give a real date and time, e.g. datetime(2026, 3, 4, 12, 30)",
    "time": "give a real time of day, e.g. time(12, 30)",
    "timedelta": "give a duration timedelta can hold, e.g. timedelta(days=1)",
    "UUID": "give a valid UUID string, e.g. UUID('12345678-1234-5678-1234-567812345678')",
    "Path": "give the path as text, e.g. Path('data')",
}


@cache
def _known_call() -> re.Pattern[str]:
    """A known name followed by ``(`` (compiled on first use: ~0.1 ms kept off start-up)."""
    return re.compile(rf"\b(?:{'|'.join(KNOWN_TYPE_IMPORTS)})\s*\(")


def failing_known_calls(expression: str, bound: Collection[str] = ()) -> list[str]:
    """Why ``expression`` would raise when evaluated: one message per failing call.

    A call counts when it calls a ``KNOWN_TYPE_IMPORTS`` name (not one of ``bound``, the
    names the module binds otherwise) with literal arguments only (``ast.literal_eval``):
    the real constructor is called with those values, built from the syntax tree (the text
    is never evaluated). Calls inside lists, tuples, dicts and other calls count too; any
    other call is left alone. Each message reads like ``"Decimal('-  1') raises
    InvalidOperation when the module is imported: give a valid decimal string, e.g.
    Decimal('0.01')"``. Raises ``SyntaxError`` only when ``expression`` does not parse.
    """
    # Most values call no known name; those skip the parse and the walk.
    if "(" not in expression or not _known_call().search(expression):
        return []
    return [message for name, message in _failing_calls(expression) if name not in bound]


@lru_cache(maxsize=4096)
def _failing_calls(expression: str) -> tuple[tuple[str, str], ...]:
    """``(called name, message)`` for every known call in ``expression`` that raises."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(expression, mode="eval")):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in KNOWN_TYPE_IMPORTS
        ):
            continue
        arguments = _literal_arguments(node)
        if arguments is None:
            continue
        try:
            _known(node.func.id)(*arguments[0], **arguments[1])
        except Exception as error:  # noqa: BLE001  # whatever it raises breaks the import
            found.append((node.func.id, _message(node, error)))
    return tuple(found)


def _literal_arguments(call: ast.Call) -> tuple[list[object], dict[str, object]] | None:
    """The call's arguments as values, or ``None`` when one is no literal (or ``*``/``**``)."""
    try:
        positional = [ast.literal_eval(argument) for argument in call.args]
        named = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                return None
            named[keyword.arg] = ast.literal_eval(keyword.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return positional, named


@cache
def _known(name: str) -> Callable[..., object]:
    """The object ``name`` imports in a generated module (imported on first use only)."""
    module, _, attribute = KNOWN_TYPE_IMPORTS[name].rpartition(".")
    known: Callable[..., object] = getattr(importlib.import_module(module), attribute)
    return known


def _message(call: ast.Call, error: Exception) -> str:
    detail = clipped(str(error))
    # decimal's errors read "[<class 'decimal.ConversionSyntax'>]": the name says it better.
    shown = f" ({detail})" if detail and not detail.startswith("[<") else ""
    hint = _CALL_HINTS.get(
        call.func.id if isinstance(call.func, ast.Name) else "",
        "give arguments it accepts, or write the value another way",
    )
    return (
        f"{clipped(ast.unparse(call))} raises {type(error).__name__}{shown} when the module is"
        f" imported: {hint}"
    )
