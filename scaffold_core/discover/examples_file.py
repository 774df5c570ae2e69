"""A plugin's examples data file: ``templates/<id>.examples.yaml`` beside its templates.

The file is a mapping with two optional keys: ``examples``, a list of valid inputs (shown
in ``scaffold schema`` and rendered by the tests), and ``rejections``, a list of invalid
inputs, each a mapping ``{input, field, message}``: the input, the location of one problem
the core reports for it and a fragment of that problem's message (docs/plugins.md shows
one). Values must be JSON values, as the examples go into the JSON Schema: a YAML date, a
set or a non-string key is refused (quote a date to keep it a string). The file is read
when examples, rejection cases or the schema are asked for, never when the plugin loads.
"""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from scaffold_core.errors import PluginUnavailable

__all__ = [
    "EXAMPLES_FILE_SUFFIX",
    "ExamplesFile",
    "ExamplesFileInvalid",
    "RejectionCase",
    "examples_file_path",
    "read_examples_file",
]

EXAMPLES_FILE_SUFFIX: Final = ".examples.yaml"
_TOP_LEVEL_KEYS: Final = ("examples", "rejections")
_REJECTION_KEYS: Final = ("input", "field", "message")


@dataclass(frozen=True)
class RejectionCase:
    """An input the type must refuse, and what the refusal must say.

    ``field`` is the location of one of the problems, as ``Problem.location`` reports it
    (``fields.0.name``); ``""`` stands for the input as a whole (a model-level rule).
    ``message`` is a fragment of that problem's expected-value text.
    """

    input: dict[str, Any]
    field: str
    message: str


@dataclass(frozen=True)
class ExamplesFile:
    """The parsed content of one examples data file.

    ``examples`` is ``None`` when the file has no ``examples`` key (the Context's own
    ``json_schema_extra`` examples then stand), a list (possibly empty) when it has one.
    """

    path: Path
    examples: list[dict[str, Any]] | None
    rejections: list[RejectionCase]


class ExamplesFileInvalid(PluginUnavailable):
    """A plugin's examples data file cannot be used: names the file, the place and the fault.

    A plugin mistake, not the user's (exit code 1); validate-architecture reports it under
    ARCH009. ``plugin`` says whose file it is (the artifact type and its distribution);
    ``location`` is the dotted path inside the file (``examples.2``), empty for the whole
    file.
    """

    def __init__(self, plugin: str, path: Path, location: str, problem: str) -> None:
        self.path = path
        self.location = location
        self.problem = problem
        where = f" at {location}" if location else ""
        super().__init__(f"{plugin}: examples file {path}{where}: {problem}")


def examples_file_path(template_dir: Path, artifact_id: str) -> Path:
    """Where the examples data file of ``artifact_id`` lives, whether or not it exists."""
    return template_dir / f"{artifact_id}{EXAMPLES_FILE_SUFFIX}"


def read_examples_file(path: Path, plugin: str) -> ExamplesFile | None:
    """The examples and rejection cases in ``path``; ``None`` when there is no such file.

    Raises ``ExamplesFileInvalid`` naming ``plugin`` (who ships the file) when the file
    cannot be read, is not YAML, or does not have the shape described in this module's
    docstring.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise ExamplesFileInvalid(plugin, path, "", f"cannot be read: {error}") from None
    try:
        return _content(path, _parse(text))
    except _Malformed as malformed:
        raise ExamplesFileInvalid(plugin, path, malformed.location, malformed.problem) from None


class _Malformed(Exception):
    def __init__(self, location: str, problem: str) -> None:
        super().__init__(problem)
        self.location = location
        self.problem = problem


def _content(path: Path, document: object) -> ExamplesFile:
    if not isinstance(document, dict):
        raise _Malformed("", f"expected a mapping with {' and/or '.join(_TOP_LEVEL_KEYS)}")
    _refuse_unknown_keys("", document, _TOP_LEVEL_KEYS)
    _require_json("", document)
    examples = document.get("examples")
    if examples is not None:
        examples = _list_of_mappings("examples", examples)
    rejections = [
        _rejection(f"rejections.{index}", entry)
        for index, entry in enumerate(_list("rejections", document.get("rejections", [])))
    ]
    return ExamplesFile(path, examples, rejections)


def _parse(text: str) -> object:
    # PyYAML is imported only when a plugin's examples are asked for (start-up time).
    yaml = importlib.import_module("yaml")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise _Malformed("", f"not valid YAML: {' '.join(str(error).split())}") from None


def _rejection(where: str, entry: object) -> RejectionCase:
    if not isinstance(entry, dict):
        raise _Malformed(where, "expected a mapping with input, field, message")
    _refuse_unknown_keys(where, entry, _REJECTION_KEYS)
    missing = [key for key in _REJECTION_KEYS if key not in entry]
    if missing:
        raise _Malformed(where, f"missing {', '.join(missing)}")
    if not isinstance(entry["input"], dict):
        raise _Malformed(f"{where}.input", "expected a mapping (the input)")
    if not isinstance(entry["field"], str):
        raise _Malformed(
            f"{where}.field", "expected a string: the problem's location, '' for the model"
        )
    if not isinstance(entry["message"], str) or not entry["message"].strip():
        raise _Malformed(
            f"{where}.message", "expected a non-empty fragment of the problem's message"
        )
    return RejectionCase(entry["input"], entry["field"], entry["message"])


def _list(where: str, value: object) -> list[object]:
    if not isinstance(value, list):
        raise _Malformed(where, f"expected a list, got {type(value).__name__}")
    return value


def _list_of_mappings(where: str, value: object) -> list[dict[str, Any]]:
    mappings: list[dict[str, Any]] = []
    for index, entry in enumerate(_list(where, value)):
        if not isinstance(entry, dict):
            raise _Malformed(f"{where}.{index}", f"expected a mapping, got {type(entry).__name__}")
        mappings.append(entry)
    return mappings


def _refuse_unknown_keys(
    where: str, mapping: Mapping[object, object], known: tuple[str, ...]
) -> None:
    unknown = [repr(key) for key in mapping if key not in known]
    if unknown:
        raise _Malformed(where, f"unknown key {', '.join(unknown)} (known: {', '.join(known)})")


def _require_json(where: str, value: object) -> None:
    """Refuse what YAML can say and JSON cannot: the examples end up in a JSON Schema."""
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            if not isinstance(key, str):
                raise _Malformed(inner, f"key {key!r} is not a string")
            _require_json(inner, item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _require_json(f"{where}.{index}", item)
    elif not isinstance(value, str | int | float | bool) and value is not None:
        raise _Malformed(
            where,
            f"a YAML {type(value).__name__} is not a JSON value (quote it to keep it a string)",
        )
