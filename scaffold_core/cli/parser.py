"""The ``scaffold`` command line: its sub-commands and flags (a stable interface)."""

import argparse
import difflib
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from scaffold_core.cli.type_help import TypeHelp
from scaffold_core.errors import BadOption

__all__ = ["PIPELINE_CHOICES", "SAFE_ACTIONS", "build_json_parser", "build_parser"]

PIPELINE_CHOICES = ("v1", "v2")
"""The values of --pipeline (``scaffold_core.pipelines.PIPELINES``, without importing it)."""


class _Parser(argparse.ArgumentParser):
    r"""Refuses a word of the command line that is not UTF-8 text, naming its option.

    Python hands such bytes over as lone surrogates (``\\udcff``), which would fail later
    as a ``UnicodeEncodeError`` in whatever the word reaches (a file, its name, a header).
    One rule for every option and argument: exit 2, one ``error:`` line, as a ``BadOption``.
    A single-valued option given twice is refused too (``_Once``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 -- argparse's own
        super().__init__(*args, **kwargs)
        # Every "store" action (the default) of this parser and its sub-parsers.
        self.register("action", None, _Once)
        self.register("action", "store", _Once)

    def parse_known_args(  # type: ignore[override]  # the one form scaffold calls
        self, args: Iterable[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        words = sys.argv[1:] if args is None else list(args)
        for index, word in enumerate(words):
            if not _is_utf8(word):
                # Raised, not printed: main() reports it, as a JSON document under --json.
                raise BadOption(
                    f"{_option_of(words, index)}: not UTF-8 text ({_shown(word)}):"
                    " every word of the command line must be UTF-8"
                )
        return super().parse_known_args(words, namespace)

    def _check_value(self, action: argparse.Action, value: object) -> None:
        """Check a choice as argparse does (a command, ``--pipeline``), with a did-you-mean."""
        choices = action.choices
        if choices is None or value in choices:
            return
        known = [str(choice) for choice in choices]
        close = difflib.get_close_matches(str(value), known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise argparse.ArgumentError(
            action, f"invalid choice: {value!r} ({hint}choose from {', '.join(known)})"
        )


class _RaisingParser(_Parser):
    """A ``_Parser`` whose usage errors raise ``BadOption`` instead of printing and exiting.

    For ``--json``: the error becomes the command's JSON error document like any other.
    Its sub-parsers are of this class too (argparse makes them of the parent's class).
    """

    def error(self, message: str) -> NoReturn:
        raise BadOption(f"{self.prog}: {message}")


class _Once(argparse.Action):
    """argparse's "store", refusing a second value: ``-o a.py -o b.py`` is exit 2.

    Plain "store" keeps the last value silently, so one of the two would be ignored.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,  # noqa: ARG002 -- argparse's signature
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,  # noqa: ARG002
    ) -> None:
        earlier = getattr(namespace, self.dest, self.default)
        if earlier is not self.default:
            raise argparse.ArgumentError(
                self,
                f"given twice ({_shown(str(earlier))} and {_shown(str(values))}): give it once",
            )
        setattr(namespace, self.dest, values)


SAFE_ACTIONS: tuple[type[argparse.Action], ...] = (_Once,)
"""This module's actions that only store a value: completion may run them (``completion``)."""


def _document_path(value: str) -> str:
    """``--context``, ``--recipe``, ``--cases``: a path or ``-``, never empty (exit 2)."""
    if not value:
        raise argparse.ArgumentTypeError("empty path: give a file, or - for standard input")
    return value


def _is_utf8(word: str) -> bool:
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _option_of(words: Sequence[str], index: int) -> str:
    """The option ``words[index]`` belongs to: ``--set=x``, ``-sx``, ``-s x``; else TYPE."""
    word: str = words[index]
    before: str = words[index - 1] if index else ""
    if word.startswith("--"):
        return word.partition("=")[0]
    if word.startswith("-"):
        return word[:2]
    if before.startswith("-") and "=" not in before:
        return before
    return "argument"


def _shown(word: str) -> str:
    r"""``word`` with its bytes that are not UTF-8 as ``\\xff`` escapes."""
    try:
        raw = word.encode("utf-8", "surrogateescape")  # POSIX: the bytes as given
    except UnicodeEncodeError:
        raw = word.encode("utf-8", "backslashreplace")  # Windows: a lone UTF-16 surrogate
    return "'" + raw.decode("utf-8", "backslashreplace") + "'"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command; a usage error exits 2 (``SystemExit``)."""
    return _build(_Parser)


def build_json_parser() -> argparse.ArgumentParser:
    """``build_parser``'s parser, raising ``BadOption`` for a usage error (for ``--json``)."""
    return _build(_RaisingParser)


def _build(parser_class: type[_Parser]) -> argparse.ArgumentParser:
    parser = parser_class(
        prog="scaffold",
        description="Generate code and documents from schema-validated input.",
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help="the versions of scaffold-core (with -v, of every plugin too) and exit",
    )
    _add_verbosity(parser, default=False)
    # Not required by argparse: `scaffold --version` has no command; main() asks for one.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="installed artifact types and their status")
    listing.add_argument("--json", action="store_true", help="machine-readable output")

    schema = commands.add_parser("schema", help="the JSON Schema of an artifact type's input")
    schema.add_argument("artifact_type", metavar="TYPE")
    schema.add_argument(
        "--skeleton",
        action="store_true",
        help="a context file to fill in instead: required fields first, described",
    )
    schema.add_argument(
        "--format",
        choices=("yaml", "json", "toml"),
        help="the skeleton's format (default: yaml)",
    )

    _add_new_command(commands)

    variables = commands.add_parser(
        "vars", help="the variables a template reads, required or optional"
    )
    variables.add_argument("artifact_type", metavar="TYPE")
    variables.add_argument(
        "--pipeline", choices=PIPELINE_CHOICES, help="whose template (default: as new)"
    )
    variables.add_argument("--json", action="store_true", help="machine-readable output")

    templates = commands.add_parser("templates", help="every artifact type's templates")
    templates.add_argument(
        "--stats", action="store_true", help="characters and '| default' guards of each"
    )
    templates.add_argument("--json", action="store_true", help="machine-readable output")

    parity = commands.add_parser("parity", help="prove v1 and v2 render the same")
    parity.add_argument("artifact_type", metavar="TYPE")
    parity.add_argument(
        "--cases",
        metavar="FILE",
        type=_document_path,
        help="more cases (JSON, YAML or TOML: cases: [...])",
    )
    parity.add_argument("--json", action="store_true", help="machine-readable report")

    _add_lifecycle_commands(commands)
    _add_stats_command(commands)

    commands.add_parser(
        "catalogue", help="the Markdown catalogue of every installed artifact type"
    )

    _add_agent_commands(commands)

    check = commands.add_parser(
        "validate-architecture", help="check installed plugins against the plugin contract"
    )
    check.add_argument("artifact_types", nargs="*", metavar="TYPE", help="default: all")
    check.add_argument("--json", action="store_true", help="machine-readable report")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    for command in commands.choices.values():
        # Also after the command (`scaffold new dto -q`); unset there, the top level's holds.
        _add_verbosity(command, default=argparse.SUPPRESS)
    return parser


def _add_verbosity(command: argparse.ArgumentParser, *, default: object) -> None:
    """``-q`` and ``-v`` (docs/cli.md says what each command leaves out or adds)."""
    command.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="on success, print only the result itself (no written paths, no notes)",
    )
    command.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="print more: with --version, every plugin; with new, what each file is",
    )


def _add_new_command(commands: "argparse._SubParsersAction[_Parser]") -> None:
    """``new``: one artifact, or a recipe."""
    new = commands.add_parser(
        "new",
        help="validate, render and write one artifact, or every artifact of a recipe",
        add_help=False,
    )
    new.add_argument(
        "-h", "--help", action=TypeHelp, help="show this help (after TYPE: and its fields)"
    )
    new.add_argument("artifact_type", metavar="TYPE", nargs="?")
    new.add_argument(
        "--recipe",
        metavar="FILE",
        type=_document_path,
        help="several artifacts at once, all or nothing (JSON, YAML or TOML; - for stdin)",
    )
    _add_assignments(new, "a field value: raw text for text fields, JSON for any other")
    new.add_argument(
        "--context",
        metavar="FILE",
        type=_document_path,
        help="a JSON, YAML or TOML file of field values, or - for stdin",
    )
    new.add_argument(
        "--from-legacy",
        metavar="TEMPLATE",
        type=_document_path,
        help="artifact_plugin only: derive the new plugin's fields and templates from a"
        " legacy Jinja2 template (given fields win)",
    )
    new.add_argument(
        "--for",
        dest="subject",
        metavar="PATH",
        help="unit_test, integration_test: the recorded artifact to test (its module, class"
        " and methods fill the input; given fields win)",
    )
    new.add_argument(
        "-o", "--output", metavar="PATH", help="output path, relative to the root; - for stdout"
    )
    new.add_argument(
        "--dry-run",
        action="store_true",
        help="write nothing: print each file, or its diff against the file there now",
    )
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.add_argument(
        "--json", action="store_true", help="the result, or the problems, as one JSON document"
    )
    new.add_argument(
        "--no-input", action="store_true", help="never ask for a missing or invalid field"
    )
    new.add_argument(
        "--ask-all", action="store_true", help="on a terminal, ask for optional fields too"
    )
    new.add_argument(
        "--no-record",
        dest="record",
        action="store_false",
        default=None,
        help="keep no provenance record in .scaffold/records (default: [tool.scaffold] record)",
    )
    _add_project_root(new)

    new.add_argument(
        "--pipeline",
        choices=PIPELINE_CHOICES,
        help="v2 (schema-first) or v1 (legacy); default: PYDANTIC_SCAFFOLDING_ENABLED",
    )


def _add_lifecycle_commands(
    commands: "argparse._SubParsersAction[_Parser]",
) -> None:
    """``status`` and ``update``: the recorded files."""
    status = commands.add_parser(
        "status", help="each recorded file: current, outdated, modified or missing"
    )
    status.add_argument(
        "paths", nargs="*", metavar="PATH", help="only files at or under these (default: all)"
    )
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a file is outdated, conflicted or missing",
    )
    _add_project_root(status)

    update = commands.add_parser(
        "update",
        help="re-render recorded files through the installed templates, keeping your edits",
    )
    update.add_argument(
        "paths", nargs="*", metavar="PATH", help="only files at or under these (default: all)"
    )
    _add_assignments(update, "change a recorded field value first, as 'new -s' takes it")
    update.add_argument(
        "--dry-run", action="store_true", help="print a unified diff per file, write nothing"
    )
    update.add_argument("--json", action="store_true", help="machine-readable output")
    _add_project_root(update)


def _add_stats_command(commands: "argparse._SubParsersAction[_Parser]") -> None:
    """``stats``: the opt-in event log summarised (docs/operations.md)."""
    stats = commands.add_parser(
        "stats", help="the event log summarised: success rate, errors, durations, adoption"
    )
    stats.add_argument(
        "--since",
        metavar="DATE",
        help="only calls at or after this ISO date or date and time (UTC unless it says)",
    )
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    chosen = stats.add_mutually_exclusive_group()
    chosen.add_argument(
        "--baseline",
        action="store_true",
        help="record the p95 durations shown as the baseline --check compares with",
    )
    chosen.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when the error rate is above 5 %% or a p95 is over 1.3x its baseline",
    )
    _add_project_root(stats)


def _add_agent_commands(commands: "argparse._SubParsersAction[_Parser]") -> None:
    """``completion``, ``skill`` and ``mcp``: shells and agents."""
    completion = commands.add_parser("completion", help="a shell completion script")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), metavar="SHELL")

    skill = commands.add_parser(
        "skill", help="an agent skill (Markdown) generated from the installed types"
    )
    skill.add_argument("-o", "--output", metavar="PATH", help="write it here (default: stdout)")

    mcp = commands.add_parser(
        "mcp", help="a Model Context Protocol server over stdio (extra scaffold-core[mcp])"
    )
    mcp.add_argument(
        "--project",
        type=_existing_folder,
        metavar="DIR",
        help="the project root the server works in, fixed at start (default: the nearest"
        " folder upward holding a pyproject.toml; none is exit 2)",
    )


def _add_assignments(command: argparse.ArgumentParser, meaning: str) -> None:
    """``-s KEY=VALUE``, repeatable, collected in ``assignments``."""
    command.add_argument(
        "-s",
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"{meaning} (repeatable)",
    )


def _add_project_root(command: argparse.ArgumentParser) -> None:
    """``-C DIR``, the project root, for a command that reads or writes a project."""
    command.add_argument(
        "-C",
        "--project-root",
        type=_existing_folder,
        metavar="DIR",
        help="the project root, an existing folder (default: the nearest folder upward"
        " holding a pyproject.toml, else the current one)",
    )


def _existing_folder(value: str) -> Path:
    """``-C DIR``: an existing folder; anything else is refused, never created (exit 2)."""
    folder = Path(value)
    if not value or not folder.is_dir():
        problem = "is not a folder" if value and folder.exists() else "does not exist"
        raise argparse.ArgumentTypeError(f"'{value}' {problem}: give the project's folder")
    return folder
