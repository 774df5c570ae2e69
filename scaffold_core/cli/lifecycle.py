"""The lifecycle sub-commands: ``status`` and ``update`` of the files scaffold recorded.

``status`` says what became of each file; ``update`` brings files up to date with their
templates, keeping the user's edits.
"""

import argparse
import sys
from pathlib import Path
from typing import TextIO

from scaffold_core.cli.colour import STATE_STYLES, colour_diff, colour_first_column
from scaffold_core.cli.output import write_json
from scaffold_core.enrich.project_settings import current_folder
from scaffold_core.manager import ArtifactManager
from scaffold_core.status import project_status
from scaffold_core.text_table import table
from scaffold_core.update import plan_update

__all__ = ["show_status", "update_files"]

FAILING_STATES = frozenset({"outdated", "outdated+modified", "conflict", "missing"})
"""What ``status --check`` fails on: a file to update, to restore or to resolve."""


def show_status(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold status [PATH...] [--json] [--check]``: one row per file.

    Exit 1 with ``--check`` when any file is outdated, conflicted or missing, else 0.
    """
    manager = ArtifactManager(arguments.project_root)
    statuses = project_status(manager, arguments.paths, base=_paths_base(arguments))
    if arguments.json:
        write_json([status.as_json() for status in statuses], out)
    elif statuses:
        rows: list[dict[str, object]] = [
            {"state": s.state, "path": s.output_path, "type": s.artifact_type or "-"}
            for s in statuses
        ]
        out.write(colour_first_column(table(("state", "path", "type"), rows), STATE_STYLES, out))
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
        rows: list[dict[str, object]] = [
            {"outcome": f.outcome, "path": f.output_path, "type": f.artifact_type or "-"}
            for f in plan.files
        ]
        out.write(colour_first_column(table(("outcome", "path", "type"), rows), STATE_STYLES, out))
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
