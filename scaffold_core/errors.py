"""Every error scaffold raises on purpose, and the exit code each one means.

::

    ScaffoldError                       exit 1 unless a subclass says otherwise
    ├── UserError                       exit 2: the user can fix it; no traceback, ever
    │   ├── InvalidInput                one or more Problems (validation, -s, context file)
    │   ├── UnknownArtifactType         no installed plugin has this id
    │   ├── UnsafeOutputPath            absolute, '..', or through a symlink out of the project
    │   ├── OutputExists                the file is there and --force was not given
    │   ├── NoOutputPath                no -o, no project setting, no plugin default
    │   └── BadOption                   a flag or environment value the CLI does not accept
    ├── PluginUnavailable               the artifact's plugin is installed but broken
    ├── TemplateFailed                  the template raised while rendering (a template bug)
    ├── WriteFailed                     the file system refused the write (permissions, ...)
    ├── MergeUnavailable                a modified file needs git merge-file; git is missing
    ├── BatchFailed                     artifacts handled as one operation failed; nothing
    │   │                               written (exit 2 when every failure is a user error)
    │   ├── RecipeFailed                ... of a recipe
    │   └── UpdateFailed                ... of one `scaffold update`
    └── OutputCheckFailed               valid input rendered invalid output (a template bug)
"""

import difflib
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "NOT_GIVEN",
    "BadOption",
    "BatchFailed",
    "InvalidInput",
    "MergeUnavailable",
    "NoOutputPath",
    "OutputCheckFailed",
    "OutputExists",
    "PluginUnavailable",
    "Problem",
    "RecipeFailed",
    "ScaffoldError",
    "TemplateFailed",
    "UnknownArtifactType",
    "UnsafeOutputPath",
    "UpdateFailed",
    "UserError",
    "WriteFailed",
]


class _NotGiven(enum.Enum):
    NOT_GIVEN = "not given"

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
"""``Problem.value`` when the problem concerns no value (a missing field, a whole input)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, what was given, what was expected.

    ``given`` is the value as shown to a person (a short ``repr``, ``""`` for none);
    ``value`` is the value itself, as read (JSON-like data from a file or ``-s``), or
    ``NOT_GIVEN``. It is left out of comparisons: two problems are the same problem
    whatever object carried the value.
    """

    location: str
    given: str
    expected: str
    value: object = field(default=NOT_GIVEN, compare=False)

    def __str__(self) -> str:
        given = f" (given: {self.given})" if self.given else ""
        return f"{self.location}: {self.expected}{given}"


class ScaffoldError(Exception):
    """Base of every deliberate scaffold error."""

    exit_code = 1


class UserError(ScaffoldError):
    """The user's input or invocation is wrong; exit code 2."""

    exit_code = 2


class InvalidInput(UserError):
    """The input for an artifact failed validation; carries every problem found."""

    def __init__(self, subject: str, problems: Sequence[Problem]) -> None:
        self.subject = subject
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"invalid input for {subject} ({count} problem{'s' * (count != 1)}):"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class UnknownArtifactType(UserError):
    """No installed plugin provides the requested artifact type."""

    def __init__(self, artifact_type: str, known: Sequence[str]) -> None:
        self.artifact_type = artifact_type
        available = ", ".join(sorted(known)) or "none installed"
        close = difflib.get_close_matches(artifact_type, list(known), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        super().__init__(
            f"unknown artifact type '{artifact_type}' ({hint}installed: {available});"
            " run 'scaffold list' to see every type and its status"
        )


class UnsafeOutputPath(UserError):
    """The output path would leave the project root."""


class OutputExists(UserError):
    """The output file exists and overwriting was not asked for."""


class NoOutputPath(UserError):
    """Nothing says where the artifact should be written."""


class BadOption(UserError):
    """A command-line flag or environment variable has a value scaffold does not accept."""


class PluginUnavailable(ScaffoldError):
    """The artifact type is installed but its plugin cannot be used; names the cause."""


class OutputCheckFailed(ScaffoldError):
    """Rendering succeeded but the output is not valid; the template is at fault."""


class TemplateFailed(ScaffoldError):
    """A template raised while rendering valid input; the template is at fault."""


class WriteFailed(ScaffoldError):
    """The operating system refused to create the folder or write the file."""


class MergeUnavailable(ScaffoldError):
    """A modified file must be merged three ways and ``git merge-file`` cannot run."""


class BatchFailed(ScaffoldError):
    """Some artifacts of one operation could not be rendered; every failure is listed.

    ``failures`` are ``(where, error)`` pairs; exit 2 when every error is a ``UserError``.
    """

    operation = "operation"

    def __init__(self, failures: Sequence[tuple[str, ScaffoldError]]) -> None:
        self.failures = tuple(failures)
        self.exit_code = 2 if all(isinstance(e, UserError) for _, e in self.failures) else 1
        count = len(self.failures)
        lines = [
            f"{self.operation} not applied, nothing written ({count} failure{'s' * (count != 1)}):"
        ]
        lines += [f"- {where}: {error}".replace("\n", "\n  ") for where, error in self.failures]
        super().__init__("\n".join(lines))


class RecipeFailed(BatchFailed):
    """Some artifacts of a recipe could not be rendered; every failure is listed."""

    operation = "recipe"


class UpdateFailed(BatchFailed):
    """Some recorded artifacts could not be rendered again; every failure is listed."""

    operation = "update"
