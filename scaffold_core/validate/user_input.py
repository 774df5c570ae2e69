"""Read what the user typed: ``-s key=value`` pairs and ``--context`` files."""

import json
import types
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Literal, Union, get_args, get_origin

from scaffold_core.errors import InvalidInput, Problem
from scaffold_core.validate.documents import (
    MAX_DEPTH,
    Refused,
    parse_json,
    read_document,
    read_stream,
)
from scaffold_core.validate.problems import describe_value

__all__ = ["load_context", "merge_assignments"]


def load_context(
    source: str,
    stdin: IO[str] | None,
    *,
    option: str = "--context",
    kind: str = "context file",
    expected: str = "a mapping of field names to values",
) -> dict[str, object]:
    """The mapping in a JSON, YAML or TOML file, or on standard input when ``source`` is ``-``.

    A file's extension (``.json``, ``.yaml``/``.yml``, ``.toml``) decides its format; a file
    with another extension or none (``/dev/fd/63`` from ``<(...)``) and standard input
    (``None`` when the process has none) are tried as JSON, TOML, then YAML. All are read by
    ``validate.documents``' rules (UTF-8, unique text keys, YAML 1.2 core, depth and size
    bounds), and none may be empty. ``option`` and ``kind`` name the channel in errors
    (``--recipe``, ``recipe``), ``expected`` what the document holds. Raises
    ``InvalidInput`` for a document that cannot be read, decoded or parsed, breaks one of
    those rules, or holds no mapping.
    """
    name = "standard input" if source == "-" else f"{kind} {source}"
    if source == "-":
        data = read_stream(stdin, name, option)
    else:
        path = Path(source)
        data = read_document(path, _format_of(path), name, option, refuse_empty=True)
    if not isinstance(data, dict):
        raise InvalidInput(name, [Problem(option, describe_value(data), expected, data)])
    return dict(data)  # every format's keys are text (``documents``)


def merge_assignments(
    data: dict[str, object], assignments: Sequence[str], field_types: Mapping[str, object]
) -> tuple[dict[str, object], list[Problem]]:
    """``data`` updated by each ``key=value``, plus the problems of the pairs that did not parse.

    A field that accepts text takes the raw text; any other field takes JSON, read by the
    rules of a JSON document (no key twice, no lone surrogate escape, nesting bounded: the
    value is one level below the context's mapping). A key given twice is a problem naming
    both pairs: which one was meant is not for scaffold to guess.
    """
    merged = dict(data)
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for assignment in assignments:
        key, separator, raw = assignment.partition("=")
        key = key.strip()
        if not separator or not key:
            problems.append(Problem("-s", describe_value(assignment), "key=value", assignment))
            continue
        if key in first:
            problems.append(
                Problem(
                    key,
                    f"-s {describe_value(first[key])} and -s {describe_value(assignment)}",
                    "given twice with -s: give each field once",
                    [first[key], assignment],
                )
            )
            continue
        first[key] = assignment
        if key not in field_types or _takes_text(field_types[key]):
            merged[key] = raw
            continue
        try:
            merged[key] = parse_json(raw, max_depth=MAX_DEPTH - 1)
        except Refused as refused:  # keys twice, too deep, lone surrogate escapes, NaN
            problems += [Problem(key, describe_value(raw), each, raw) for each in refused.messages]
        except ValueError:
            problems.append(
                Problem(
                    key,
                    describe_value(raw),
                    "a JSON value for this field, e.g."
                    f" {_example_assignment(key, field_types[key])}",
                    raw,
                )
            )
    return merged, problems


def _example_assignment(key: str, annotation: object) -> str:
    """``-s use_async=true``, ``-s 'capabilities=["text"]'``: ``-s`` with a value of the type.

    Quoted for the shell when the value holds anything a shell would read itself.
    """
    assignment = f"{key}={_example_json(annotation, depth=0)}"
    plain = all(character.isalnum() or character in "_.=-" for character in assignment)
    return f"-s {assignment}" if plain else f"-s '{assignment}'"


def _example_json(annotation: object, *, depth: int) -> str:
    """A short JSON value ``annotation`` accepts: a shape to copy, not a valid input."""
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _example_json(arguments[0], depth=depth)
    if origin in (Union, types.UnionType):
        chosen = [argument for argument in arguments if argument is not type(None)]
        return _example_json(chosen[0], depth=depth) if chosen else "null"
    if origin is Literal:
        return json.dumps(arguments[0])
    return _example_of_shape(annotation, origin, arguments, depth=depth)


def _example_of_shape(
    annotation: object, origin: object, arguments: tuple[object, ...], *, depth: int
) -> str:
    if depth > 1 or _takes_text(annotation):
        return '"text"'
    if isinstance(origin, type) and issubclass(origin, Mapping):
        value = _example_json(arguments[1], depth=depth + 1) if arguments else "1"
        return f'{{"key": {value}}}'
    if isinstance(origin, type) and issubclass(origin, Iterable):
        item = _example_json(arguments[0], depth=depth + 1) if arguments else '"text"'
        return f"[{item}]"
    if isinstance(annotation, type):
        return _example_of_class(annotation, depth=depth)
    return "null"


def _example_of_class(annotation: type, *, depth: int) -> str:
    if issubclass(annotation, bool):
        return "true"
    if issubclass(annotation, int):
        return "1"
    if issubclass(annotation, float | Decimal):
        return "1.5"
    fields = getattr(annotation, "model_fields", None)
    if isinstance(fields, dict):  # a nested model: its required fields, as an object
        required = [name for name, info in fields.items() if info.is_required()] or list(fields)
        return (
            "{"
            + ", ".join(
                f'"{name}": {_example_json(fields[name].annotation, depth=depth + 1)}'
                for name in required[:3]
            )
            + "}"
        )
    return "null"


def _takes_text(annotation: object) -> bool:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _takes_text(get_args(annotation)[0])
    if origin is Literal:
        return all(isinstance(choice, str) for choice in get_args(annotation))
    if origin in (Union, types.UnionType):
        return any(_takes_text(arg) for arg in get_args(annotation) if arg is not type(None))
    return isinstance(annotation, type) and (
        issubclass(annotation, str | date | datetime | Path)
        or (issubclass(annotation, Enum) and issubclass(annotation, str))
    )


def _format_of(path: Path) -> str | None:
    """The format ``path``'s extension names, ``None`` (detect it) for any other extension."""
    suffix = path.suffix.lower().lstrip(".")
    return {"yml": "yaml", "json": "json", "toml": "toml", "yaml": "yaml"}.get(suffix)
