"""Choose where an artifact is written: ``-o``, else the project's setting, else the plugin's.

Patterns are Python format strings over the Context's fields, with an optional case
conversion after a colon: ``"src/{layer}/{name:snake}.py"``.
"""

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scaffold_core.errors import InvalidInput, NoOutputPath, Problem
from scaffold_core.text_case import CONVERSIONS
from scaffold_core.validate.documents import read_document

__all__ = ["ProjectSettings", "choose_output_path", "expand_pattern"]


@dataclass(frozen=True)
class ProjectSettings:
    """The target project's ``[tool.scaffold]`` table."""

    output_paths: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, project_root: Path) -> "ProjectSettings":
        """Read ``pyproject.toml`` at ``project_root``; no file or no table means defaults."""
        pyproject = project_root / "pyproject.toml"
        location = f"{pyproject.name} [tool.scaffold]"
        if not pyproject.is_file():
            return cls()
        document = read_document(pyproject, "toml", "the project settings", pyproject.name)
        assert isinstance(document, dict)  # noqa: S101 -- a TOML document is a table
        table = document.get("tool", {}).get("scaffold", {})
        paths = table.get("output_paths", {})
        if not isinstance(paths, dict) or not all(isinstance(v, str) for v in paths.values()):
            raise InvalidInput(
                "the project settings",
                [Problem(f"{location}.output_paths", repr(paths), "a table of id = 'pattern'")],
            )
        return cls(output_paths=paths)


class _PatternFormatter(string.Formatter):
    def get_value(
        self, key: int | str, args: Sequence[object], kwargs: Mapping[str, object]
    ) -> object:
        value = super().get_value(key, args, kwargs)
        if value is None or value == "":
            raise ValueError(f"needs field '{key}', which is empty")
        return value

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec in CONVERSIONS:
            converted = CONVERSIONS[format_spec](str(value))
            if not converted:
                raise ValueError(f"turns {value!r} into an empty name with ':{format_spec}'")
            return converted
        return str(super().format_field(value, format_spec))


def expand_pattern(pattern: str, values: Mapping[str, object], source: str) -> str:
    """Fill ``pattern`` from ``values``; ``source`` names where the pattern came from."""
    try:
        return str(_PatternFormatter().vformat(pattern, (), dict(values)))
    except KeyError as error:
        reason = f"needs field '{error.args[0]}', which the input does not have"
    except (IndexError, ValueError, AttributeError) as error:
        reason = f"cannot be filled ({error})"
    raise InvalidInput(
        "the output path",
        [Problem(source, pattern, f"the pattern {reason}: give it, or pass -o PATH")],
    )


def choose_output_path(
    artifact_id: str,
    explicit: str | None,
    settings: ProjectSettings,
    plugin_default: str | None,
    values: Mapping[str, object],
    *,
    required: bool = True,
) -> str | None:
    """The output path, relative to the project root, before any safety check.

    When nothing gives one: ``NoOutputPath`` if ``required``, else ``None`` (an ephemeral
    artifact is then printed instead of written).
    """
    if explicit:
        return explicit
    if artifact_id in settings.output_paths:
        source = f"pyproject.toml [tool.scaffold.output_paths].{artifact_id}"
        return expand_pattern(settings.output_paths[artifact_id], values, source)
    if plugin_default:
        return expand_pattern(plugin_default, values, f"the '{artifact_id}' plugin's default")
    if not required:
        return None
    raise NoOutputPath(
        f"no output path for artifact type '{artifact_id}': pass -o PATH, or set a pattern in"
        f" pyproject.toml under [tool.scaffold.output_paths] {artifact_id} = '...'"
    )
