"""The lifecycle sub-commands: ``status`` (what became of the files scaffold wrote)."""

import argparse
from typing import TextIO

from scaffold_core.cli.output import write_json
from scaffold_core.manager import ArtifactManager
from scaffold_core.status import project_status
from scaffold_core.text_table import table

__all__ = ["show_status"]

FAILING_STATES = frozenset({"outdated", "outdated+modified", "missing"})
"""What ``status --check`` fails on: a file to update or to restore."""


def show_status(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold status [PATH...] [--json] [--check]``: one row per file.

    Exit 1 with ``--check`` when any file is outdated or missing, else 0.
    """
    manager = ArtifactManager(arguments.project_root)
    statuses = project_status(manager, arguments.paths)
    if arguments.json:
        write_json([status.as_json() for status in statuses], out)
    elif statuses:
        rows: list[dict[str, object]] = [
            {"state": s.state, "path": s.output_path, "type": s.artifact_type or "-"}
            for s in statuses
        ]
        out.write(table(("state", "path", "type"), rows))
    else:
        out.write("no recorded or scaffold-headed files\n")
    failing = any(status.state in FAILING_STATES for status in statuses)
    return 1 if arguments.check and failing else 0
