"""Shell completion: ``scaffold completion bash|zsh|fish`` and the answers to each TAB.

Built on argcomplete: the script a shell sources runs ``scaffold`` itself on each TAB,
with ``_ARGCOMPLETE`` set; ``main`` then hands the parser to ``complete`` before parsing,
which prints the candidates and exits. So completion knows every command and option from
the parser, the installed types from the entry points (no plugin imported), and the
``-s`` field names of the type already on the line (that one plugin imported). A normal
run checks one environment variable and never imports argcomplete.
"""

import argparse
import sys
from collections.abc import Iterable
from typing import Any, TextIO

import argcomplete
from argcomplete.finders import safe_actions
from argcomplete.shell_integration import shellcode

from scaffold_core.cli.parser import SAFE_ACTIONS
from scaffold_core.discover.entry_points import ARTIFACTS_GROUP, installed_entries
from scaffold_core.errors import ScaffoldError

__all__ = ["complete", "field_names", "print_completion", "type_ids"]

PROGRAM = "scaffold"


def print_completion(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold completion SHELL``: the script to source (argcomplete's, for ``scaffold``)."""
    out.write(shellcode([PROGRAM], shell=arguments.shell))
    return 0


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the TAB the shell asks about (``_ARGCOMPLETE``, ``COMP_LINE``) and exit.

    TYPE arguments complete to the installed types and ``new -s`` to ``FIELD=`` of the type
    on the line; everything else is argcomplete's reading of the parser.
    """
    # argcomplete runs only the actions it knows to be harmless; TYPE must be stored (by
    # the parser's own "store") for -s to know the type.
    safe_actions.update(SAFE_ACTIONS)
    for command in _commands(parser):
        for action in command._actions:
            if action.dest in {"artifact_type", "artifact_types"}:
                action.completer = _types  # type: ignore[attr-defined]
            elif action.dest == "assignments" and command.prog.endswith(" new"):
                action.completer = _fields  # type: ignore[attr-defined]
    argcomplete.autocomplete(parser, exit_method=sys.exit)


def type_ids() -> list[str]:
    """The installed artifact type ids, sorted, read from the entry points alone."""
    return sorted({entry.name for entry in installed_entries(ARTIFACTS_GROUP)})


def field_names(artifact_type: str) -> list[str]:
    """The input fields of ``artifact_type``; none for a type that is unknown or broken."""
    # Imported here: discovery loads the plugin, which only -s completion needs.
    from scaffold_core.discover import ArtifactRegistry  # noqa: PLC0415

    try:
        return sorted(ArtifactRegistry().get(artifact_type).field_types())
    except ScaffoldError:
        return []


def _types(prefix: str, **_: Any) -> list[str]:  # noqa: ANN401 -- argcomplete's keywords
    return [name for name in type_ids() if name.startswith(prefix)]


def _fields(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:  # noqa: ANN401
    artifact_type = getattr(parsed_args, "artifact_type", None)
    if not artifact_type:
        return []
    return [f"{name}=" for name in field_names(artifact_type) if f"{name}=".startswith(prefix)]


def _commands(parser: argparse.ArgumentParser) -> Iterable[argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.values()
