"""``scaffold skill`` and ``scaffold mcp``: scaffold for coding agents."""

import argparse
import importlib
from pathlib import Path
from typing import TextIO

from scaffold_core.agents import skill_markdown
from scaffold_core.agents.tools import server_project_root
from scaffold_core.enrich.project_settings import current_folder
from scaffold_core.errors import OutputExists, ScaffoldError
from scaffold_core.write import write_atomic

__all__ = ["MCP_MISSING", "serve_mcp", "write_skill"]

MCP_MISSING = (
    "scaffold mcp needs the Model Context Protocol SDK, an optional extra:"
    " pip install 'scaffold-core[mcp]'"
)


def write_skill(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold skill [-o PATH]``: the skill on stdout, or written to ``PATH``.

    ``PATH`` is relative to the working folder; its folders are created. An existing file
    is refused (exit 2) unless it already holds the same text; the path is printed.
    """
    text = skill_markdown()
    if arguments.output is None or arguments.output == "-":
        out.write(text)
        return 0
    target = Path(arguments.output)
    if not target.is_absolute():
        target = current_folder() / target
    if target.is_file() and target.read_bytes() == text.encode():
        out.write(f"{arguments.output} (unchanged)\n")
        return 0
    if target.exists() or target.is_symlink():
        raise OutputExists(
            f"{arguments.output} already exists and differs: delete it, or give another -o"
        )
    write_atomic(target, text, overwrite=False)
    out.write(f"{arguments.output}\n")
    return 0


def serve_mcp(arguments: argparse.Namespace, out: TextIO) -> int:  # noqa: ARG001 -- stdio
    """``scaffold mcp [--project DIR]``: serve until the client closes stdin.

    Exit 2 before serving when there is no project (``server_project_root``); exit 1 with
    how to install the extra when the ``mcp`` SDK is missing.
    """
    project_root = server_project_root(arguments.project)
    try:
        # Imported here, by name: the SDK costs about a second to import, and no other
        # command may pay for it.
        server = importlib.import_module("scaffold_core.agents.mcp_server")
    except ModuleNotFoundError as missing:
        if (missing.name or "").partition(".")[0] not in {"mcp", "mcp_types"}:
            raise
        raise ScaffoldError(MCP_MISSING) from None
    server.serve(project_root)
    return 0
