"""The ``scaffold`` console script."""

import contextlib
import importlib
import io
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO, cast

from scaffold_core.errors import ScaffoldError
from scaffold_core.notes import notes_held

__all__ = ["COMMANDS", "main"]

COMMANDS = {
    "list": "scaffold_core.cli.listing:list_types",
    "schema": "scaffold_core.cli.schema:show_schema",
    "new": "scaffold_core.cli.commands:new_artifact",
    "validate-architecture": "scaffold_core.cli.checks:check_architecture",
    "catalogue": "scaffold_core.cli.checks:show_catalogue",
    "vars": "scaffold_core.cli.migration:show_variables",
    "templates": "scaffold_core.cli.migration:show_templates",
    "parity": "scaffold_core.cli.migration:check_parity",
    "status": "scaffold_core.cli.lifecycle:show_status",
    "update": "scaffold_core.cli.lifecycle:update_files",
    "completion": "scaffold_core.cli.completion:print_completion",
    "skill": "scaffold_core.cli.agents:write_skill",
    "mcp": "scaffold_core.cli.agents:serve_mcp",
    "stats": "scaffold_core.cli.stats:show_stats",
    "--version": "scaffold_core.cli.about:show_version",
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
    words = sys.argv[1:] if argv is None else list(argv)
    # Known before parsing, so that a usage error is a JSON document too; refined after.
    as_json = any(_means_json(word) for word in words[: _end_of_options(words)])
    try:
        _prepare_output_streams()
        parser = importlib.import_module("scaffold_core.cli.parser")
        command_line = (parser.build_json_parser if as_json else parser.build_parser)()
        if "_ARGCOMPLETE" in os.environ:  # a TAB in a shell that sourced `scaffold completion`
            importlib.import_module("scaffold_core.cli.completion").complete(command_line)
        arguments = command_line.parse_args(words)
        as_json = bool(getattr(arguments, "json", False))
        if arguments.quiet and arguments.verbose:
            command_line.error("-q and -v: give one or the other")
        if arguments.version:
            code = _command("--version")(arguments, sys.stdout)
        elif arguments.command is None:
            command_line.error("give a COMMAND (scaffold --help lists them)")
        else:
            # --json: standard error stays empty (docs/cli.md), so no note (notes.py).
            with _without_pydantic_plugin_search(), notes_held(as_json):
                code = _command(arguments.command)(arguments, sys.stdout)
        # Flushed here, not at exit: a reader gone by then (`| head -1`) is caught below.
        sys.stdout.flush()
        return code  # noqa: TRY300 -- the flush above must be inside the handlers
    except ScaffoldError as error:
        try:
            _report(error, as_json=as_json)
        except BrokenPipeError:
            _discard_stdout()  # the error's reader went away: the exit code still tells it
        return error.exit_code
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: it had what it wanted, so stop quietly with
        # 0 (a `set -o pipefail` script must not fail on it).
        _discard_stdout()
        return 0
    except KeyboardInterrupt:
        # Ctrl-C: a write in progress was undone on the way out (write_all), so one line.
        sys.stderr.write("interrupted\n")
        return 130
    except OSError as error:
        # Standard output full or gone (`> /dev/full`): the files, if any, are written.
        return _internal(f"cannot write the output: {error}", words, as_json=False)
    except Exception as error:  # noqa: BLE001 -- a bug (scaffold's or a plugin's): one report
        message = f"internal error: {type(error).__name__}: {error}"
        return _internal(message, words, as_json=as_json)


@contextlib.contextmanager
def _without_pydantic_plugin_search() -> Iterator[None]:
    """Tell pydantic it has no plugins to look for, while a command runs, when it has none.

    Pydantic reads every installed distribution's entry points when it builds its first
    validator (about 10 ms) to find its own plugins; the entry-point index (kept in the
    cache) already knows whether any is installed. ``PYDANTIC_DISABLE_PLUGINS`` set by the
    user is left as it is.
    """
    if "PYDANTIC_DISABLE_PLUGINS" in os.environ:
        yield
        return
    entry_points = importlib.import_module("scaffold_core.discover.entry_points")
    if entry_points.installed_entries(entry_points.PYDANTIC_GROUP):
        yield
        return
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    try:
        yield
    finally:
        os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)


def _internal(message: str, words: Sequence[str], *, as_json: bool) -> int:
    """Report a failure that is no ``ScaffoldError``: exit 1, the traceback with ``-v`` only.

    Under ``--json``, the internal-error document on stdout; else one line on stderr.
    """
    if {"-v", "--verbose"} & set(words[: _end_of_options(words)]):
        traceback.print_exc()
    try:
        if as_json:
            _write_document("internal_error_document", message)
        else:
            sys.stderr.write(f"error: {message} (a bug: run again with -v for the traceback)\n")
    except OSError:
        _discard_stdout()
    return 1


def _means_json(word: str) -> bool:
    """``--json``, or a prefix argparse takes for it (``--js``), or ``--json=...``."""
    option = word.partition("=")[0]
    return len(option) > len("--j") and "--json".startswith(option)


def _end_of_options(words: Sequence[str]) -> int:
    """Where ``--`` ends the options (words after it are values), else the end."""
    return words.index("--") if "--" in words else len(words)


def _report(error: ScaffoldError, *, as_json: bool) -> None:
    """``error`` as the JSON error document on stdout, or as ``error: ...`` on stderr."""
    if as_json:
        _write_document("error_document", error)
    else:
        colour = importlib.import_module("scaffold_core.cli.colour")
        sys.stderr.write(f"{colour.paint('error:', 'bold red', sys.stderr)} {error}\n")


def _write_document(maker: str, failure: object) -> None:
    """The error document ``scaffold_core.error_document.<maker>(failure)`` on stdout."""
    # Imported here, as every module past this one's few imports (start-up time).
    documents = importlib.import_module("scaffold_core.error_document")
    output = importlib.import_module("scaffold_core.cli.output")
    output.write_json(getattr(documents, maker)(failure), sys.stdout)
    sys.stdout.flush()


def _discard_stdout() -> None:
    """Point stdout at the null device: what is still buffered goes nowhere, at exit too."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


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
