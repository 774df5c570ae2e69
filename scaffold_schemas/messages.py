"""Cross-field checks and derived keys of a ``TypedDict`` Context (an ephemeral type).

A ``TypedDict`` has no ``model_validator`` and no ``computed_field``; ``message_rules`` gives
it both, declared as data on the class:

- ``derived`` maps a key the validated dict gains to the function computing it, so that a
  value the template needs (a commit's subject line) is computed once, in the schema;
- ``checks`` maps a field to a function that checks it against other fields (and derived
  keys); what the function raises is reported at that field.

Each function's keyword-only parameters name what it reads; a key the user left out takes
the parameter's default. Pydantic runs the rules once every field is valid (like a
``model_validator(mode="after")``), so any ``TypeAdapter`` of the class enforces them, and
every failed check is reported. A plain ``TypedDict`` without rules stays a valid Context.
"""

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeVar, get_type_hints

from pydantic import GetCoreSchemaHandler, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema
from typing_extensions import is_typeddict

__all__ = ["MessageRule", "derived_keys", "message_rules"]

_TypedDictT = TypeVar("_TypedDictT", bound=type)
_RULES: Final = "__scaffold_message_rules__"
# A TypedDict cannot declare methods: the hook pydantic looks for is set on the class instead.
_SCHEMA_HOOK: Final = "__get_pydantic_core_schema__"


@dataclass(frozen=True)
class MessageRule:
    """A derived key's or a check's ``function``, the keys it ``reads``, its return type."""

    function: Callable[..., object]
    reads: tuple[str, ...]
    annotation: object

    def __call__(self, values: Mapping[str, object]) -> object:
        """The function's result for ``values`` (absent keys take the parameter defaults)."""
        return self.function(**{name: values[name] for name in self.reads if name in values})


@dataclass(frozen=True)
class _Rules:
    name: str
    derived: Mapping[str, MessageRule]
    checks: Mapping[str, MessageRule]

    def __call__(self, values: dict[str, Any]) -> dict[str, Any]:
        with_derived = values | {key: rule(values) for key, rule in self.derived.items()}
        errors: list[InitErrorDetails] = []
        for field, check in self.checks.items():
            try:
                check(with_derived)
            except ValueError as error:
                problem = (
                    error
                    if isinstance(error, PydanticCustomError)
                    else PydanticCustomError("value_error", str(error))
                )
                errors.append({"type": problem, "loc": (field,), "input": values.get(field)})
        if errors:
            raise ValidationError.from_exception_data(self.name, errors)
        return with_derived


def message_rules(
    *,
    derived: Mapping[str, Callable[..., object]] | None = None,
    checks: Mapping[str, Callable[..., None]] | None = None,
) -> Callable[[_TypedDictT], _TypedDictT]:
    """Class decorator for a ``TypedDict`` Context: its derived keys and cross-field checks.

    A derived function reads fields; a check reads fields and derived keys and raises a
    ``ValueError`` (a ``PydanticCustomError`` keeps its own code) to refuse. The decorator
    raises ``TypeError`` at import time when the class is not a ``TypedDict``, a check is
    keyed by a non-field, a derived key shadows a field, a parameter is not keyword-only or
    reads an unknown key, or reads an optional field without a default.
    """

    def decorate(cls: _TypedDictT) -> _TypedDictT:
        if not is_typeddict(cls):
            raise TypeError(f"message_rules applies to a TypedDict, not {cls.__name__}")
        fields = set(get_type_hints(cls))
        optional: frozenset[str] = cls.__optional_keys__  # type: ignore[attr-defined]
        if clash := sorted(fields.intersection(derived or {})):
            raise TypeError(f"{cls.__name__}: derived keys {clash} are fields already")
        if stray := sorted(set(checks or {}) - fields):
            raise TypeError(f"{cls.__name__}: checks keyed by {stray}, which are not fields")
        made = {
            key: _declared(cls.__name__, key, function, fields, optional)
            for key, function in (derived or {}).items()
        }
        readable = fields | set(made)
        rules = _Rules(
            cls.__name__,
            made,
            {
                field: _declared(cls.__name__, field, function, readable, optional)
                for field, function in (checks or {}).items()
            },
        )
        setattr(cls, _RULES, rules)
        setattr(cls, _SCHEMA_HOOK, _schema_with(rules))
        return cls

    return decorate


def derived_keys(context_class: type) -> dict[str, MessageRule]:
    """The derived keys ``message_rules`` declared on ``context_class`` (``{}`` for none)."""
    rules = getattr(context_class, _RULES, None)
    return dict(rules.derived) if isinstance(rules, _Rules) else {}


def _declared(
    owner: str,
    key: str,
    function: Callable[..., object],
    readable: set[str],
    optional: frozenset[str],
) -> MessageRule:
    """``function`` as a rule for ``key``, once its parameters are known to be readable."""
    where = f"{owner} rule for '{key}' ({function.__name__})"
    parameters = inspect.signature(function).parameters.values()
    for parameter in parameters:
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            raise TypeError(f"{where}: parameter '{parameter.name}' must be keyword-only")
        if parameter.name not in readable:
            raise TypeError(f"{where}: reads '{parameter.name}', which is not a known key")
        if parameter.name in optional and parameter.default is inspect.Parameter.empty:
            raise TypeError(f"{where}: optional '{parameter.name}' needs a default")
    reads = tuple(parameter.name for parameter in parameters)
    return MessageRule(function, reads, get_type_hints(function).get("return"))


def _schema_with(
    rules: _Rules,
) -> Callable[[object, GetCoreSchemaHandler], core_schema.CoreSchema]:
    """The class's pydantic schema hook: the ``TypedDict``'s own schema, then the rules."""

    def schema(source: object, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(rules, handler(source))

    return schema
