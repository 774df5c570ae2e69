"""The ``scaffold`` console script."""

import os
import sys
from collections.abc import Sequence

from scaffold_core.cli.commands import COMMANDS
from scaffold_core.cli.parser import build_parser
from scaffold_core.errors import ScaffoldError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; user errors print every problem and exit 2, never a traceback."""
    arguments = build_parser().parse_args(argv)
    try:
        return COMMANDS[arguments.command](arguments, sys.stdout)
    except ScaffoldError as error:
        sys.stderr.write(f"error: {error}\n")
        return error.exit_code
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
