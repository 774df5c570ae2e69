"""The two base classes every artifact plugin builds on.

``XContext(BaseContext)`` is what a user provides; ``XRenderContext(XContext,
BaseRenderContext)`` is what the template receives: the same fields plus the lifecycle fields,
frozen.
"""

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Any, ClassVar, Final, NamedTuple, Self, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from scaffold_schemas.artifact_files import ArtifactFile
from scaffold_schemas.lifecycle import LIFECYCLE_FIELDS, LifecycleMixin

__all__ = ["MAX_DEPTH", "BaseContext", "BaseRenderContext"]

MAX_DEPTH = 100
"""How deep lists and mappings may nest in any input (the top-level mapping is level 1).

The one bound: ``scaffold_core``'s document reader refuses deeper documents with their
position, and ``BaseContext`` refuses deeper input from any channel (the Python API too).
"""

_Location = tuple[str | int, ...]


class BaseContext(BaseModel):
    """What a user provides for one artifact: strict, complete, no unknown keys.

    Besides each field's own rules, these rules hold for the whole input, reported next to
    every other problem: a lifecycle field is refused as system-managed (``system_managed``),
    and in any string at any depth, free-form fields and keys included, a NUL character
    (``nul_character``) or half of a UTF-16 surrogate pair, which no file can hold
    (``lone_surrogate``), located at the string; a set or frozenset is refused where a list
    goes (``unordered_set``: its order, and so the output's, changes from run to run). A
    field whose own type already refuses the value reports only its own error. Input nested
    deeper than ``MAX_DEPTH`` (a list that contains itself, too) is refused before anything
    else is validated (``too_deep``, alone). A number is never read from a boolean or
    a fraction: wherever the validated value is a number (``int``, ``float``, an ``IntEnum``,
    at any depth: nested models, lists, dicts) and the input there was ``true``/``false``,
    it is refused (``int_type`` "Input should be a valid integer", ``float_type`` "Input
    should be a valid number"), as is ``1.0`` where an integer is expected (``int_type``):
    pydantic's lax mode would read them as 1. These are reported once the fields validate.
    Likewise a date, a datetime or a time is read from text only in ISO 8601: ``2026-03-04``
    for a date (``date_format``), RFC 3339 such as ``2026-03-04T09:30:00Z`` for a datetime
    (``datetime_format``), ``09:30`` or ``09:30:00`` for a time (``time_format``); pydantic's
    lax mode would read ``1709596800`` as seconds since 1970. Text starting with a digit in
    another form that pydantic cannot read either (``20240305``) gets the same message.

    A plugin may set ``default_output_path``, a pattern such as ``"src/{name:snake}.py"``
    whose fields are the Context's own (see ``scaffold_core.enrich.output_path``).
    """

    # defer_build: a Context's validator is built when it first validates, not on import,
    # so listing or discovering plugins does not pay for schemas it never uses.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, defer_build=True)

    default_output_path: ClassVar[str | None] = None

    def artifact_files(self) -> tuple[ArtifactFile, ...]:
        """The files this artifact writes besides its main one; none unless overridden.

        A multi-file plugin returns one ``ArtifactFile`` per extra file, derived from the
        validated fields (``self``); the core renders each template with the same
        RenderContext (whose ``output_path`` and ``version_hash`` are that file's) and writes
        the set all or nothing. Optional: a plugin that does not override it writes one file.
        """
        return ()

    @model_validator(mode="wrap")
    @classmethod
    def _reject_whole_input_problems(
        cls,
        data: Any,  # noqa: ANN401 -- a wrap validator sees the raw input, whatever it is
        handler: ModelWrapValidatorHandler[Self],
    ) -> Self:
        """Report lifecycle fields, bad text, sets, too deep input, numbers from booleans."""
        if issubclass(cls, LifecycleMixin) or not isinstance(data, dict):
            return handler(data)
        given = sorted(LIFECYCLE_FIELDS.intersection(data))
        refused, numbers, texts, too_deep = _suspects(data)
        if too_deep is not None:  # pydantic and templates would recurse (or loop) through it
            raise ValidationError.from_exception_data(cls.__name__, [too_deep])
        refused = [
            error for error in refused if not LIFECYCLE_FIELDS.intersection(error["loc"][:1])
        ]
        errors: list[InitErrorDetails] = []
        try:
            validated = handler(
                {key: value for key, value in data.items() if key not in LIFECYCLE_FIELDS}
                if given
                else data
            )
        except ValidationError as invalid:
            if not given and not refused and not _has_temporal_error(invalid):
                raise
            try:
                errors = [_as_init_error(error) for error in invalid.errors()]
            except UnicodeEncodeError:
                # A field's message quoting a lone surrogate cannot be rendered; the
                # refusal of that surrogate (in ``refused``) says what to fix.
                errors = []
        else:
            errors = list(_number_errors(numbers, validated))
            errors += _temporal_errors(texts, validated)
        reported = {error["loc"] for error in errors}
        errors += [error for error in refused if error["loc"] not in reported]
        errors += [
            {
                "type": PydanticCustomError(
                    "system_managed",
                    "'{field}' is system-managed: scaffold sets it, remove it from the input",
                    {"field": name},
                ),
                "loc": (name,),
                "input": data[name],
            }
            for name in given
        ]
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return validated


def _text_error(location: _Location, text: str) -> InitErrorDetails:
    """The error of a string holding a NUL or a lone surrogate (``_BAD_CHARACTER``)."""
    found = _BAD_CHARACTER.search(text)
    position = found.start() + 1 if found else 0
    if found is not None and found[0] == "\x00":
        error = PydanticCustomError(
            "nul_character",
            "a NUL character (U+0000), at position {position}, is not allowed in any text",
            {"position": position},
        )
    else:
        error = PydanticCustomError(
            "lone_surrogate",
            "half of a UTF-16 surrogate pair, at position {position}, is not a character and"
            " cannot be written to a file: give the character itself",
            {"position": position},
        )
    return {"type": error, "loc": location, "input": text}


_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")


_TEMPORAL: dict[type, tuple[str, str, re.Pattern[str]]] = {
    datetime: (
        "datetime_format",
        "expected a date and time as text, e.g. '2026-03-04T09:30:00Z' (RFC 3339)",
        re.compile(
            r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
            r"(?:[Zz]|[+-][0-9]{2}:?[0-9]{2})?"
        ),
    ),
    date: (
        "date_format",
        "expected a date as text, e.g. '2026-03-04' (YYYY-MM-DD)",
        re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    ),
    time: (
        "time_format",
        "expected a time as text, e.g. '09:30:00' (HH:MM or HH:MM:SS)",
        re.compile(
            r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}:?[0-9]{2})?"
        ),
    ),
}
"""Per validated type (``datetime`` before its base ``date``): error code, message, ISO form."""

_TEMPORAL_ERROR_TYPES: dict[str, type] = {
    "date_parsing": date,
    "date_from_datetime_parsing": date,
    "date_from_datetime_inexact": date,
    "datetime_parsing": datetime,
    "datetime_from_date_parsing": datetime,
    "time_parsing": time,
}
"""Pydantic's errors for text it cannot read as a date, a datetime or a time."""

_MAYBE_TEMPORAL = re.compile("[-+]?[0-9]")
"""How text pydantic may read as a date, datetime or time starts (``1709596800`` too)."""


def _temporal_error(kind: type, location: _Location, text: str) -> InitErrorDetails:
    code, message, _ = _TEMPORAL[kind]
    return {"type": PydanticCustomError(code, message), "loc": location, "input": text}


def _temporal_errors(
    texts: list[tuple[_Location, str]], validated: BaseModel
) -> Iterator[InitErrorDetails]:
    """One error per text of the input that validated as a date, datetime or time, not ISO."""
    for location, text in texts:
        value = _validated_at(validated, location)
        kind = next((kind for kind in _TEMPORAL if isinstance(value, kind)), None)
        if kind is not None and not _TEMPORAL[kind][2].fullmatch(text):
            yield _temporal_error(kind, location, text)


def _has_temporal_error(invalid: ValidationError) -> bool:
    """Whether pydantic failed to read some text as a date, datetime or time."""
    return any(error["type"] in _TEMPORAL_ERROR_TYPES for error in invalid.errors())


def _number_errors(
    numbers: list[tuple[_Location, bool | float]], validated: BaseModel
) -> Iterator[InitErrorDetails]:
    """One error per boolean (or fraction) of the input that validated as a number there."""
    for location, given in numbers:
        value = _validated_at(validated, location)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            continue
        if isinstance(value, int):
            kind, message = "int_type", "Input should be a valid integer"
        elif isinstance(given, bool):
            kind, message = "float_type", "Input should be a valid number"
        else:
            continue  # a float is a number
        yield {"type": PydanticCustomError(kind, message), "loc": location, "input": given}


_ABSENT: Any = object()


def _validated_at(value: object, location: _Location) -> object:
    """What ``value`` (a validated model) holds at the input ``location``, or ``_ABSENT``."""
    for part in location:
        if isinstance(value, BaseModel):
            name = _field_names(type(value)).get(part)
            value = _ABSENT if name is None else getattr(value, name, _ABSENT)
        elif isinstance(value, dict):
            value = value.get(part, _ABSENT)
        elif isinstance(value, list | tuple) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return _ABSENT
    return value


@lru_cache(maxsize=1024)
def _field_names(model: type[BaseModel]) -> dict[str | int, str]:
    """The attribute name of each input key of ``model``: field names and string aliases."""
    names: dict[str | int, str] = {name: name for name in model.model_fields}
    names.update(
        {info.alias: name for name, info in model.model_fields.items() if info.alias is not None}
    )
    return names


_Chain = tuple[Any, str | int] | None
"""A location as a linked list, innermost part last: ``((None, "fields"), 0)``."""


def _suspects(
    data: dict[Any, Any],
) -> tuple[
    list[InitErrorDetails],
    list[tuple[_Location, bool | float]],
    list[tuple[_Location, str]],
    InitErrorDetails | None,
]:
    """What the whole-input rules refuse in ``data``, its booleans, floats, dates, and depth.

    In input order: the errors of strings holding a NUL or a lone surrogate (keys included,
    a key located by its repr) and of sets; each boolean and float with its location; each
    string that may be read as a date, datetime or time, with its location; the
    error of the first list or mapping deeper than ``MAX_DEPTH`` (the walk stops there), or
    None. A location is built only for what is found (a chain of ``(parent, key)`` pairs
    until then), so the walk is linear in the size of the input.
    """
    found = _Found([], [], [])
    try:
        _walk(data, None, 1, found)
    except _TooDeep as deep:
        return found.refused, found.numbers, found.texts, _too_deep(_location(deep.chain))
    return found.refused, found.numbers, found.texts, None


class _Found(NamedTuple):
    refused: list[InitErrorDetails]
    numbers: list[tuple[_Location, bool | float]]
    texts: list[tuple[_Location, str]]


class _TooDeep(Exception):
    """The walk met a container deeper than ``MAX_DEPTH``; caught in ``_suspects``."""

    def __init__(self, chain: _Chain) -> None:
        super().__init__()
        self.chain = chain


_LEAVES: Final = frozenset({int, type(None)})
"""Value types no whole-input rule is about, skipped at once (the common case, with str)."""


def _walk(container: object, chain: _Chain, level: int, found: _Found) -> None:
    """Add what ``_suspects`` reports in ``container`` (at ``chain``, ``level``) to ``found``.

    Recursive, but at most ``MAX_DEPTH`` calls deep: deeper, ``_TooDeep`` stops the walk, so
    no input can exhaust Python's recursion limit. Each item's type is compared exactly
    first, which is what makes the walk cheap; subclasses take the ``isinstance`` path.
    """
    if level > MAX_DEPTH:
        raise _TooDeep(chain)
    if isinstance(container, set | frozenset):
        found.refused.append(
            {
                "type": PydanticCustomError(
                    "unordered_set", "a list, not a set: a set's order is not fixed"
                ),
                "loc": _location(chain),
                "input": container,
            }
        )
        return
    keyed = isinstance(container, dict)
    pairs: Iterable[tuple[Any, object]] = (
        container.items()
        if isinstance(container, dict)
        else enumerate(cast("list[Any]", container))
    )
    for key, item in pairs:
        if keyed:
            if not isinstance(key, str | int):
                key = repr(key)  # noqa: PLW2901 -- the key as a location shows it
            elif isinstance(key, str) and _bad_character(key):
                found.refused.append(_text_error(_location((chain, repr(key))), key))
        kind = type(item)
        if kind is not str and kind in _LEAVES:
            continue
        if kind is str or isinstance(item, str):
            text = cast("str", item)
            if _bad_character(text):
                found.refused.append(_text_error(_location((chain, key)), text))
            elif text[:1] in _TEMPORAL_STARTS and _MAYBE_TEMPORAL.match(text):
                found.texts.append((_location((chain, key)), text))
        elif isinstance(item, bool | float):
            found.numbers.append((_location((chain, key)), item))
        elif isinstance(item, dict | list | tuple | set | frozenset):
            _walk(item, (chain, key), level + 1, found)


_TEMPORAL_STARTS: Final = "+-0123456789"
"""The characters ``_MAYBE_TEMPORAL`` may start with (text rarely does: skips the match)."""


def _bad_character(text: str) -> bool:
    """Whether ``text`` holds a NUL or a lone surrogate (``_BAD_CHARACTER``).

    ASCII text (``isascii`` is a flag of the string, no scan) can hold only the NUL.
    """
    if text.isascii():
        return "\x00" in text
    return _BAD_CHARACTER.search(text) is not None


def _too_deep(location: _Location) -> InitErrorDetails:
    # Not the value itself as the input: its repr would recurse as deep as it nests.
    return {
        "type": PydanticCustomError(
            "too_deep",
            "nested deeper than {max_depth} levels of lists and mappings (or a list that"
            " contains itself): at most {max_depth} are allowed",
            {"max_depth": MAX_DEPTH},
        ),
        "loc": location,
        "input": "[...]",
    }


def _location(chain: _Chain) -> _Location:
    parts: list[str | int] = []
    while chain is not None:
        chain, part = chain
        parts.append(part)
    return tuple(reversed(parts))


def _as_init_error(error: ErrorDetails) -> InitErrorDetails:
    """Carry a reported error over unchanged, whatever its type (custom types included).

    Only text of digits pydantic could not read as a date, datetime or time, and not in ISO
    form (``20240305``), gets scaffold's message; ``2024-02-30`` (its day is out of range)
    and ``next week`` keep pydantic's.
    """
    kind = _TEMPORAL_ERROR_TYPES.get(error["type"])
    given = error["input"]
    if (
        kind is not None
        and isinstance(given, str)
        and _MAYBE_TEMPORAL.match(given)
        and not _TEMPORAL[kind][2].fullmatch(given)
    ):
        return _temporal_error(kind, error["loc"], given)
    return {
        "type": PydanticCustomError(error["type"], error["msg"], error.get("ctx")),
        "loc": error["loc"],
        "input": error["input"],
    }


class BaseRenderContext(LifecycleMixin, BaseContext):
    """What a template receives: the user's fields plus the lifecycle fields, frozen."""

    model_config = ConfigDict(frozen=True)
