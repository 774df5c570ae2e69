r"""Choose where an artifact is written: ``-o``, else the project's setting, else the plugin's.

Patterns name the Context's text fields, with an optional case conversion after a colon:
``"src/{layer}/{name:snake}.py"``. Nothing else: no attribute or index access
(``{name.__class__}``), no conversion (``{name!r}``), no other format spec (``{name:>12}``),
no list, number or model field. A filled value names one file or folder: it holds no ``/``
or ``\`` and is not ``.`` or ``..``. An explicit path that names a folder (``models/``, or
an existing folder) means the default file name inside it, as ``cp`` does.
"""

import difflib
import string
import types
import typing
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Annotated, Literal, Union

from scaffold_core.errors import InvalidInput, NoOutputPath, Problem
from scaffold_core.text_case import CONVERSIONS
from scaffold_core.validate.problems import describe_value

if TYPE_CHECKING:
    from scaffold_core.enrich.project_settings import ProjectSettings

__all__ = [
    "check_pattern_fields",
    "choose_output_path",
    "expand_pattern",
    "file_in_folder",
    "pattern_parts",
]

PatternPart = tuple[str, str | None, str | None]
"""``(literal text, field name or None, case conversion or None)``."""


def pattern_parts(pattern: str) -> list[PatternPart]:
    """``pattern`` split into its literal text and ``{field}`` / ``{field:case}`` parts.

    Raises ``ValueError`` naming what is not allowed: unpaired braces, a field that is not
    a plain name, a conversion, a format spec that is not a case conversion.
    """
    parts: list[PatternPart] = []
    for literal, name, spec, conversion in string.Formatter().parse(pattern):
        if name is None:
            parts.append((literal, None, None))
            continue
        shown = (
            "{"
            + name
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
        if not name.isidentifier():
            reason = f"'{shown}' is not a field name"
        elif conversion is not None:
            reason = f"'{shown}' has a conversion"
        elif spec and spec not in CONVERSIONS:
            reason = f"'{shown}' has ':{spec}', which is not a case conversion"
        else:
            parts.append((literal, name, spec or None))
            continue
        cases = ", ".join(CONVERSIONS)
        raise ValueError(f"{reason}: use {{field}} or {{field:case}} (case: {cases})")
    return parts


def check_pattern_fields(pattern: str, field_types: Mapping[str, object], source: str) -> None:
    """Every field ``pattern`` names is a text field of the type; else ``InvalidInput``.

    ``field_types`` maps each field to its annotation (``ArtifactType.field_types``).
    """
    text_fields = sorted(name for name, annotation in field_types.items() if _is_text(annotation))
    for _, name, _ in pattern_parts(pattern):
        if name is None or name in text_fields:
            continue
        if name in field_types:
            reason = f"'{name}' is not a text field"
        else:
            close = difflib.get_close_matches(name, text_fields, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            reason = f"'{name}' is not a field{hint}"
        expected = f"{reason}; a pattern may use the text fields: {', '.join(text_fields)}"
        raise InvalidInput("the output path", [Problem(source, pattern, expected, pattern)])


def _is_text(annotation: object) -> bool:
    """A text annotation: ``str``, a subclass, ``Literal`` of texts; optional or annotated."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is Annotated:
        return _is_text(arguments[0])
    if origin in (Union, types.UnionType):
        return all(_is_text(arg) for arg in arguments if arg is not type(None))
    if origin is Literal:
        return all(isinstance(arg, str) for arg in arguments)
    return isinstance(annotation, type) and issubclass(annotation, str)


def expand_pattern(pattern: str, values: Mapping[str, object], source: str) -> str:
    """Fill ``pattern`` from ``values``; ``source`` names where the pattern came from.

    Raises ``InvalidInput`` when the pattern is malformed or a field it names is missing,
    empty, not text, converts to nothing, or fills in a path separator, ``.`` or ``..``.
    """
    try:
        return "".join(_expand(part, values) for part in pattern_parts(pattern))
    except _NotOneName as error:
        raise InvalidInput(
            "the output path", [Problem(source, pattern, str(error), pattern)]
        ) from None
    except (ValueError, TypeError) as error:
        reason = f"cannot be filled ({error})"
    except KeyError as error:
        reason = f"needs field '{error.args[0]}', which the input does not have"
    raise InvalidInput(
        "the output path",
        [Problem(source, pattern, f"the pattern {reason}: give it, or pass -o PATH", pattern)],
    )


class _NotOneName(Exception):
    """A filled value that would make or leave a folder; its message is the whole problem."""


def _expand(part: PatternPart, values: Mapping[str, object]) -> str:
    """``part`` filled: its literal text, then its field's value in its case, if it has one."""
    literal, name, case = part
    if name is None:
        return literal
    value = values[name]  # KeyError: the input does not have the field
    if value is None or value == "":
        raise ValueError(f"needs field '{name}', which is empty")
    if not isinstance(value, str):
        raise TypeError(f"field '{name}' is {type(value).__name__}, not text")
    converted = value if case is None else CONVERSIONS[case](value)
    if not converted:
        raise ValueError(f"turns {describe_value(value)} into an empty name with ':{case}'")
    _check_one_name(name, case, converted)
    return literal + converted


def _check_one_name(name: str, case: str | None, filled: str) -> None:
    r"""Refuse a filled value holding ``/`` or ``\``, or being ``.`` or ``..``.

    Such a value would silently create folders, or climb out of one; the message suggests
    ``:kebab`` when that conversion gives a plain name.
    """
    if "/" in filled or "\\" in filled:
        reason = "holds a path separator"
    elif filled in {".", ".."}:
        reason = "names a folder, not a file"
    else:
        return
    placeholder = "{" + name + (f":{case}" if case else "") + "}"
    kebab = CONVERSIONS["kebab"](filled)
    fix = f"use {{{name}:kebab}} or choose" if kebab else "choose"
    raise _NotOneName(
        f"field '{name}' fills {placeholder} with {describe_value(filled)}, which {reason}:"
        f" {fix} another value"
    )


def choose_output_path(
    artifact_id: str,
    explicit: str | None,
    settings: "ProjectSettings",
    plugin_default: str | None,
    values: Mapping[str, object],
    *,
    required: bool = True,
) -> str | None:
    """The output path, relative to the project root, before any safety check.

    When nothing gives one: ``NoOutputPath`` if ``required``, else ``None`` (an ephemeral
    artifact is then printed instead of written). An explicit ``''`` is returned as given,
    for the safety check to refuse.
    """
    if explicit is not None:
        return explicit
    pattern = _default_pattern(artifact_id, settings, plugin_default)
    if pattern is not None:
        text, source = pattern
        return expand_pattern(text, values, source)
    if not required:
        return None
    raise NoOutputPath(
        f"no output path for artifact type '{artifact_id}': pass -o PATH, or set a pattern in"
        f" pyproject.toml under [tool.scaffold.output_paths] {artifact_id} = '...'"
    )


def file_in_folder(
    folder: str,
    artifact_id: str,
    settings: "ProjectSettings",
    plugin_default: str | None,
    values: Mapping[str, object],
) -> str:
    """``folder`` joined with the default file name, as ``cp`` does with a folder.

    The name is the last part of the project's or the plugin's pattern, filled; raises
    ``NoOutputPath`` when the type has no pattern.
    """
    pattern = _default_pattern(artifact_id, settings, plugin_default)
    if pattern is None:
        raise NoOutputPath(
            f"output path '{folder}' names a folder, and artifact type '{artifact_id}' has no"
            " default file name to write into it: give a file path"
        )
    text, source = pattern
    name = PurePosixPath(expand_pattern(text, values, source)).name
    return (PurePosixPath(folder.replace("\\", "/")) / name).as_posix()


def _default_pattern(
    artifact_id: str, settings: "ProjectSettings", plugin_default: str | None
) -> tuple[str, str] | None:
    """The pattern in force without ``-o``, and where it comes from; ``None`` if none."""
    if artifact_id in settings.output_paths:
        source = f"pyproject.toml [tool.scaffold.output_paths].{artifact_id}"
        return settings.output_paths[artifact_id], source
    if plugin_default:
        return plugin_default, f"the '{artifact_id}' plugin's default"
    return None
