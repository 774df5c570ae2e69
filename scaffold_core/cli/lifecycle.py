"""The lifecycle sub-commands: ``status`` and ``update`` of the files scaffold recorded.

``status`` says what became of each file; ``update`` brings files up to date with their
templates, keeping the user's edits.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from scaffold_core.cli.colour import STATE_STYLES, colour_diff, colour_first_column
from scaffold_core.cli.output import write_json
from scaffold_core.enrich.project_settings import current_folder
from scaffold_core.manager import ArtifactManager
from scaffold_core.status import FAILING_STATES, project_status
from scaffold_core.text_table import table
from scaffold_core.update import plan_update

__all__ = ["show_status", "update_files"]


def show_status(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold status [PATH...] [--json] [--check]``: one row per file.

    Exit 1 with ``--check`` when any file is outdated, conflicted or missing, else 0.
    """
    manager = ArtifactManager(arguments.project_root)
    statuses = project_status(manager, arguments.paths, base=_paths_base(arguments))
    if arguments.json:
        write_json([status.as_json() for status in statuses], out)
    elif statuses:
        out.write(
            _table("state", [(s.state, s.output_path, s.artifact_type) for s in statuses], out)
        )
    else:
        out.write("no recorded or scaffold-headed files\n")
    failing = any(status.state in FAILING_STATES for status in statuses)
    return 1 if arguments.check and failing else 0


def update_files(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold update [PATH...] [-s KEY=VALUE]... [--dry-run] [--json]``.

    One row per selected file, its outcome and path (``--json``: a list of ``{"path",
    "outcome", "artifact_type"}``); with ``--dry-run``, each change as a unified diff first,
    and nothing written. Exit 1 when a file conflicts or could not be updated (a dry run
    says what the real run would), else 0.
    """
    manager = ArtifactManager(arguments.project_root)
    plan = plan_update(
        manager, arguments.paths, arguments.assignments, base=_paths_base(arguments)
    )
    if not arguments.dry_run:
        plan.apply(manager)
    if arguments.json:
        write_json([file.as_json() for file in plan.files], out)
    elif plan.files:
        if arguments.dry_run:
            out.writelines(colour_diff(file.diff(), out) for file in plan.files)
        rows = [(f.outcome, f.output_path, f.artifact_type) for f in plan.files]
        out.write(_table("outcome", rows, out))
    else:
        out.write("no recorded files to update\n")
    conflicts = [file.output_path for file in plan.files if file.outcome == "conflict"]
    if conflicts and not arguments.json:
        verb = "would hold" if arguments.dry_run else "hold" if len(conflicts) > 1 else "holds"
        sys.stderr.write(
            f"scaffold: {', '.join(conflicts)} {verb} conflict markers (<<<<<<< ======="
            " >>>>>>>) around your lines and the template's: keep what belongs, delete the"
            " markers\n"
        )
    return 1 if plan.failed else 0


def _paths_base(arguments: argparse.Namespace) -> Path | None:
    """What relative PATH arguments start from: ``-C DIR`` when given, else the working folder.

    ``None`` stands for the project root (the ``-C`` folder), as ``git -C`` reads paths.
    """
    return None if arguments.project_root is not None else current_folder()


def _table(first: str, rows: Sequence[tuple[str, str, str | None]], out: TextIO) -> str:
    """``first`` (a state or outcome, coloured on a terminal), path and type, one per row."""
    cells: list[dict[str, object]] = [
        {first: state, "path": path, "type": artifact_type or "-"}
        for state, path, artifact_type in rows
    ]
    return colour_first_column(table((first, "path", "type"), cells), STATE_STYLES, out)
