"""Read what the user typed: ``-s key=value`` pairs and ``--context`` files."""

import importlib
import json
import tomllib
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Literal, Union, get_args, get_origin

from scaffold_core.errors import InvalidInput, Problem
from scaffold_core.validate.problems import describe_value

__all__ = ["load_context", "merge_assignments"]


def _yaml_load(text: str) -> object:
    """PyYAML's safe loader, imported only when a YAML input is read (start-up time)."""
    yaml = importlib.import_module("yaml")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(str(error)) from None


_PARSERS: dict[str, Callable[[str], object]] = {
    "json": json.loads,
    "toml": tomllib.loads,
    "yaml": _yaml_load,
}


def load_context(source: str, stdin: IO[str]) -> dict[str, object]:
    """The mapping in a JSON, YAML or TOML file, or on standard input when ``source`` is ``-``.

    A file's extension decides its format; standard input is tried as JSON, TOML, then YAML.
    """
    formats: tuple[str, ...] = ("json", "toml", "yaml")
    if source == "-":
        text = stdin.read()
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise _context_error(source, "", f"cannot read the file: {error.strerror}") from None
        formats = (_format_of(path),)
    errors: list[str] = []
    for name in formats:
        try:
            data = _PARSERS[name](text)
        except ValueError as error:
            errors.append(f"not valid {name.upper()}: {_first_line(error)}")
            continue
        if not isinstance(data, dict):
            raise _context_error(
                source, describe_value(data), "a mapping of field names to values"
            )
        return {str(key): value for key, value in data.items()}
    raise _context_error(source, "", "; ".join(errors))


def merge_assignments(
    data: dict[str, object], assignments: Sequence[str], field_types: Mapping[str, object]
) -> tuple[dict[str, object], list[Problem]]:
    """``data`` updated by each ``key=value``, plus the problems of the pairs that did not parse.

    A field that accepts text takes the raw text; any other field takes JSON.
    """
    merged = dict(data)
    problems: list[Problem] = []
    for assignment in assignments:
        key, separator, raw = assignment.partition("=")
        key = key.strip()
        if not separator or not key:
            problems.append(Problem("-s", describe_value(assignment), "key=value"))
            continue
        if key not in field_types or _takes_text(field_types[key]):
            merged[key] = raw
            continue
        try:
            merged[key] = json.loads(raw)
        except json.JSONDecodeError:
            problems.append(
                Problem(
                    key, describe_value(raw), "a JSON value for this field, e.g. -s 'x=[1, 2]'"
                )
            )
    return merged, problems


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


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"yml": "yaml", "json": "json", "toml": "toml", "yaml": "yaml"}.get(suffix, "json")


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _context_error(source: str, given: str, expected: str) -> InvalidInput:
    name = "standard input" if source == "-" else f"context file {source}"
    return InvalidInput(name, [Problem("--context", given, expected)])
