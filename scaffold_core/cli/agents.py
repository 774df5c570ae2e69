"""``scaffold skill`` and ``scaffold mcp``: scaffold for coding agents."""

import argparse
import importlib
from pathlib import Path, PurePosixPath
from typing import TextIO

from scaffold_core.agents import skill_markdown
from scaffold_core.agents.tools import server_project_root
from scaffold_core.enrich.project_settings import current_folder
from scaffold_core.errors import OutputExists, ScaffoldError, UnsafeOutputPath
from scaffold_core.write import write_atomic
from scaffold_core.write.safe_path import names_directory, resolve_inside

__all__ = ["MCP_MISSING", "SKILL_FILE", "serve_mcp", "skill_target", "write_skill"]

SKILL_FILE = "SKILL.md"
"""The file written into a folder given to ``skill -o``: the name agent skills use."""

MCP_MISSING = (
    "scaffold mcp needs the Model Context Protocol SDK, an optional extra:"
    " pip install 'scaffold-core[mcp]'"
)


def write_skill(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold skill [-o PATH]``: the skill on stdout, or written to ``PATH``.

    ``PATH`` is relative to the working folder, or absolute (a skill may live outside the
    project: ``~/.claude/skills/scaffold/SKILL.md``); a folder (existing, or written with a
    trailing ``/``) gets ``SKILL.md`` in it, as ``cp`` would; folders are created. The
    path is checked by ``scaffold new -o``'s rules (``skill_target``). An existing file is
    refused (exit 2) unless it already holds the same text; the path is printed.
    """
    text = skill_markdown()
    if arguments.output is None or arguments.output == "-":
        out.write(text)
        return 0
    shown, target = skill_target(arguments.output)
    if target.is_file() and target.read_bytes() == text.encode():
        out.write(f"{shown} (unchanged)\n")
        return 0
    if target.exists():
        raise OutputExists(
            f"{shown} already exists and differs: remove that file, or give another -o"
        )
    write_atomic(target, text, overwrite=False)
    out.write(f"{shown}\n")
    return 0


def skill_target(given: str) -> tuple[str, Path]:
    """Where ``skill -o given`` writes: the path to show, and the absolute target.

    The rules of ``scaffold new -o`` (``scaffold_core.write.safe_path``), from the folder
    ``given`` starts at (``/`` when absolute; the working folder, after any leading
    ``..``): printable portable names, nothing in ``.git`` or ``.scaffold``, no ``..``
    further in, no name or path too long, not through a file or a loop of links, the file
    itself not a link (not even a dangling one). A folder means ``SKILL.md`` in it.
    Raises ``UnsafeOutputPath`` (exit 2) saying what is wrong.
    """
    posix = PurePosixPath(given.replace("\\", "/"))
    start = Path(posix.anchor) if posix.is_absolute() else current_folder()
    parts = list(posix.parts[1:] if posix.is_absolute() else posix.parts)
    while parts and parts[0] == "..":
        start = start / parts.pop(0)
    relative = "/".join(parts) + ("/" if given.endswith(("/", "\\")) and parts else "")
    if not given.strip():
        relative = given  # refused as empty below
    elif not parts or names_directory(start, relative):
        relative = f"{relative.rstrip('/')}/{SKILL_FILE}".lstrip("/")
        given = f"{given.rstrip('/')}/{SKILL_FILE}"
    try:
        _, target = resolve_inside(start, relative)
    except UnsafeOutputPath as refused:
        raise UnsafeOutputPath(f"-o {given!r}: {refused}") from None
    return given, target


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
