"""The ``scaffold`` console script."""

import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, cast

from scaffold_core.errors import ScaffoldError

__all__ = ["COMMANDS", "main"]

COMMANDS = {
    "list": "scaffold_core.cli.commands:list_types",
    "schema": "scaffold_core.cli.commands:show_schema",
    "new": "scaffold_core.cli.commands:new_artifact",
    "validate-architecture": "scaffold_core.cli.checks:check_architecture",
    "catalogue": "scaffold_core.cli.checks:show_catalogue",
    "vars": "scaffold_core.cli.migration:show_variables",
    "templates": "scaffold_core.cli.migration:show_templates",
    "parity": "scaffold_core.cli.migration:check_parity",
    "status": "scaffold_core.cli.lifecycle:show_status",
    "update": "scaffold_core.cli.lifecycle:update_files",
}
"""Each sub-command's function, imported only when that command runs (start-up time)."""

Command = Callable[[object, TextIO], int]


def _command(name: str) -> Command:
    module, _, function = COMMANDS[name].partition(":")
    return cast("Command", getattr(importlib.import_module(module), function))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; user errors print every problem and exit 2, never a traceback.

    Everything after this module's own import runs inside the handlers, the parser's
    import included, so a Ctrl-C during start-up is one line too.
    """
    try:
        _prepare_output_streams()
        parser = importlib.import_module("scaffold_core.cli.parser")
        arguments = parser.build_parser().parse_args(argv)
        return _command(arguments.command)(arguments, sys.stdout)
    except ScaffoldError as error:
        sys.stderr.write(f"error: {error}\n")
        return error.exit_code
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        # Ctrl-C: a write in progress was undone on the way out (write_all), so one line.
        sys.stderr.write("interrupted\n")
        return 130


def _prepare_output_streams() -> None:
    r"""Make printing never fail once a file is written: the exit code tells the write.

    A stream that cannot encode a character (``PYTHONIOENCODING=ascii``, a Windows console)
    writes it as ``\xe9`` rather than raising; a closed stream (``>&-``: Python sets it to
    None) is replaced by one that discards what is written.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            # Open for the rest of the process, as the stream it stands for would be.
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115
        elif isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
