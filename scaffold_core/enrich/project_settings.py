"""The target project: where its root is, and its ``[tool.scaffold]`` table, checked when read.

The table's schema::

    [tool.scaffold]
    record = true                       # optional: keep provenance records (default true)
    events = false                      # optional: log each scaffold call (docs/operations.md)
    v1_warning = true                   # optional: warn that v1 is deprecated (docs/migration.md)

    [tool.scaffold.output_paths]        # optional
    <installed artifact type id> = "<pattern>"   # e.g. dto = "app/models/{name:snake}.py"

Nothing else is accepted: an unknown key or type id is reported with the closest known
one, so that a typo cannot be silently ignored.
"""

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from scaffold_core.enrich.output_path import pattern_parts
from scaffold_core.errors import BadOption, InvalidInput, Problem, UnsafeOutputPath
from scaffold_core.validate import describe_value
from scaffold_core.validate.documents import read_document
from scaffold_core.write.safe_path import check_path_text

__all__ = ["PROJECT_FILE", "ProjectSettings", "current_folder", "find_project_root"]

PROJECT_FILE: Final = "pyproject.toml"
"""The file that marks a project's root and holds its settings."""

SETTINGS_KEYS: Final = {
    "output_paths": "a table of artifact type id = 'pattern'",
    "record": "true or false: keep a record of each file written (default true)",
    "events": "true or false: log each scaffold call in .scaffold/events (default false)",
    "v1_warning": "true or false: warn once per run that v1 is deprecated (default true)",
}
"""Each key ``[tool.scaffold]`` accepts, and what its value must be."""

SUBJECT: Final = "the project settings"


def find_project_root(start: Path | None = None) -> Path:
    """The nearest folder from ``start`` upward that holds ``pyproject.toml``, else ``start``.

    As ruff and pytest find theirs; the result is absolute. ``start`` defaults to the
    working directory; raises ``BadOption`` when that no longer exists (deleted under the
    shell that runs scaffold).
    """
    start = (current_folder() if start is None else start).resolve()
    for folder in (start, *start.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    return start


def current_folder() -> Path:
    """The working directory, absolute; ``BadOption`` when it was deleted or moved away."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise BadOption(
            "the current folder no longer exists (deleted or moved): cd into the project,"
            " or pass -C DIR"
        ) from None


@dataclass(frozen=True)
class ProjectSettings:
    """The target project's ``[tool.scaffold]`` table."""

    output_paths: Mapping[str, str] = field(default_factory=dict)
    record: bool = True
    events: bool = False
    v1_warning: bool = True

    @classmethod
    def load(
        cls, project_root: Path, artifact_ids: Collection[str] | None = None
    ) -> "ProjectSettings":
        """Read ``pyproject.toml`` at ``project_root``; no file or no table means defaults.

        ``artifact_ids`` are the installed types; when given, a pattern for any other id is
        refused. Raises ``InvalidInput`` listing every problem: a file that cannot be read or
        parsed, an unknown key or type id (with a did-you-mean), a value of the wrong type,
        a pattern that is not a relative path of ``{field}`` / ``{field:case}`` parts.
        """
        pyproject = project_root / PROJECT_FILE
        if not pyproject.is_file():
            return cls()
        document = read_document(pyproject, "toml", SUBJECT, PROJECT_FILE)
        assert isinstance(document, dict)  # noqa: S101 -- a TOML document is a table
        problems: list[Problem] = []
        tool = _subtable(document, "", "tool", problems)
        table = _subtable(tool, "tool", "scaffold", problems)
        problems += [
            _unknown(_where("tool.scaffold", key), "key", key, SETTINGS_KEYS)
            for key in sorted(set(table) - set(SETTINGS_KEYS))
        ]
        paths = _subtable(table, "tool.scaffold", "output_paths", problems)
        for artifact_id, pattern in paths.items():
            where = _where("tool.scaffold.output_paths", artifact_id)
            if artifact_ids is not None and artifact_id not in artifact_ids:
                problems.append(_unknown(where, "artifact type", artifact_id, artifact_ids))
            elif not isinstance(pattern, str):
                problems.append(
                    Problem(where, describe_value(pattern), "a pattern string", pattern)
                )
            else:
                problems += _pattern_problems(where, pattern)
        record = table.get("record", True)
        events = table.get("events", False)
        v1_warning = table.get("v1_warning", True)
        for key, value in (("record", record), ("events", events), ("v1_warning", v1_warning)):
            if not isinstance(value, bool):
                where = _where("tool.scaffold", key)
                problems.append(Problem(where, describe_value(value), SETTINGS_KEYS[key], value))
        if problems:
            raise InvalidInput(SUBJECT, problems)
        return cls(
            output_paths={key: str(pattern) for key, pattern in paths.items()},
            record=record is not False,
            events=events is True,
            v1_warning=v1_warning is not False,
        )


def _subtable(
    parent: dict[str, object], name: str, key: str, problems: list[Problem]
) -> dict[str, object]:
    """``parent[key]``: empty when absent; when not a table, a problem and empty."""
    value = parent.get(key, {})
    if isinstance(value, dict):
        return value
    problems.append(Problem(_where(name, key), describe_value(value), "a table", value))
    return {}


def _where(table: str, key: str) -> str:
    """``pyproject.toml [tool.scaffold].key``, as the problem's location."""
    return f"{PROJECT_FILE} [{table}].{key}" if table else f"{PROJECT_FILE} {key}"


def _unknown(where: str, what: str, given: str, known: Collection[str]) -> Problem:
    close = difflib.get_close_matches(given, list(known), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return Problem(where, "", f"unknown {what} '{given}': {hint}known: {', '.join(sorted(known))}")


def _pattern_problems(where: str, pattern: str) -> list[Problem]:
    """The pattern's syntax and its literal text: a relative file path with ``{field}`` parts."""
    try:
        pattern_parts(pattern)
        check_path_text(pattern, "output path pattern")
    except (ValueError, UnsafeOutputPath) as error:
        return [Problem(where, pattern, str(error), pattern)]
    return []
