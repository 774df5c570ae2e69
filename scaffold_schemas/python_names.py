"""Which names a generated module uses, and which imports make them defined.

Plugins use this in validators (reject a type no import defines) and in computed fields (the
imports a template must write), so generated code passes pyflakes as well as the parser.
"""

import ast
import builtins
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

__all__ = [
    "KNOWN_TYPE_IMPORTS",
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
