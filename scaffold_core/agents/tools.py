"""What the MCP server's tools do, without the SDK: plain functions over one project.

Each function takes JSON-shaped arguments and returns a JSON-shaped result, so that the
server (``scaffold_core.agents.mcp_server``) only adapts them to the protocol, and tests
and benchmarks can call them in process. Every path goes through ``ArtifactManager`` and
the status and update functions, as the CLI's do; nothing here writes unless asked to.

A ``ScaffoldError`` raised here becomes, in the server, the error document every command
given ``--json`` prints (``scaffold_core.error_document``).
"""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scaffold_core.catalogue import type_summary
from scaffold_core.discover import ArtifactType, BrokenArtifact
from scaffold_core.enrich.project_settings import PROJECT_FILE, find_project_root
from scaffold_core.errors import BadOption
from scaffold_core.manager import ArtifactManager
from scaffold_core.operations.recording import recording
from scaffold_core.preview import preview
from scaffold_core.status import project_status
from scaffold_core.update import plan_update
from scaffold_core.validate import validate_context

__all__ = ["NO_PROJECT", "ProjectTools", "server_project_root"]

NO_PROJECT = (
    "no project: no folder from {start} upward holds a pyproject.toml; pass --project DIR"
    " (clients start servers in a folder of their own choosing, often /)"
)

JSON = dict[str, Any]


def server_project_root(project: Path | None, start: Path | None = None) -> Path:
    """The root a server works in: ``project``, else the nearest ``pyproject.toml``'s folder.

    Unlike the CLI's other commands, never the working folder itself for want of a
    ``pyproject.toml``: a client may start the server anywhere, ``/`` included, and a
    root of ``/`` would let the tools write anywhere on disk. Raises ``BadOption``
    (exit 2) when ``project`` is ``None`` and no folder from ``start`` (default: the
    working folder) upward holds a ``pyproject.toml``.
    """
    if project is not None:
        return project
    root = find_project_root(start)
    if not (root / PROJECT_FILE).is_file():
        raise BadOption(NO_PROJECT.format(start=root))
    return root


class ProjectTools:
    """The tools of one project, its root fixed at creation (``ArtifactManager`` rules).

    ``project_root``: an existing folder, else (``None``) as ``server_project_root``: the
    nearest folder upward holding a ``pyproject.toml``, or ``BadOption`` when there is none.
    Raises ``BadOption`` when it is not an existing folder.
    """

    def __init__(self, project_root: Path | None = None) -> None:
        self.manager = ArtifactManager(server_project_root(project_root))

    @property
    def project_root(self) -> Path:
        """The absolute project root every path is relative to."""
        return self.manager.project_root

    def describe(self, artifact_type: str | None = None) -> JSON:
        """Every installed type (``{"types": [{"id", "kind", "summary", "status"}]}``), or one.

        One type: ``{"id", "kind", "summary", "default_output_path", "required", "schema",
        "examples"}``; an unknown type is an error document.
        """
        if artifact_type is None:
            return {"types": [_type_row(o) for o in self.manager.registry.inspect_all()]}
        artifact = self.manager.artifact(artifact_type)
        return {
            "id": artifact.artifact_id,
            "kind": artifact.kind,
            "summary": type_summary(artifact),
            "default_output_path": artifact.default_output_path,
            "required": list(artifact.required_fields()),
            "schema": artifact.json_schema(),
            "examples": artifact.examples(),
        }

    def validate(self, artifact_type: str, context: Mapping[str, object]) -> JSON:
        """``{"ok": true, "problems": []}``, or an error document listing every problem."""
        validate_context(self.manager.artifact(artifact_type), context)
        return {"ok": True, "problems": []}

    def scaffold(
        self,
        artifact_type: str,
        context: Mapping[str, object],
        output_path: str | None = None,
        *,
        dry_run: bool = True,
        force: bool = False,
    ) -> JSON:
        """Validate, render and (unless ``dry_run``) write one artifact, as ``scaffold new``.

        ``{"ok", "written", "files": [{"path", "content", "preview"}]}``; a printed
        (ephemeral) artifact's path is ``null``. A dry run never fails for a reason that
        concerns only writing: each file with a path has a ``preview``, ``{"action":
        "create" | "overwrite" | "identical", "needs_force", "diff"}``, as ``new --dry-run
        --json``. A real run over an existing file without ``force``, a path outside the
        project and invalid input are error documents; nothing is written then.
        """
        with recording(self.manager, artifact_type, None, via="mcp"):
            result = self.manager.scaffold(
                artifact_type,
                context,
                output_path=output_path,
                dry_run=dry_run,
                # A dry run previews an existing file instead of refusing it.
                force=force or dry_run,
            )
        files = []
        for file in result.files:
            shaped: JSON = {"path": file.output_path, "content": file.content}
            if dry_run and file.output_path is not None and file.path is not None:
                shown = preview(file.output_path, file.path, file.content)
                shaped["preview"] = shown.as_json(force=force)
            files.append(shaped)
        return {"ok": True, "written": result.written, "files": files}

    def status(self, paths: Sequence[str] = ()) -> JSON:
        """``{"files": [{"path", "state", "artifact_type"}]}``, as ``scaffold status --json``.

        ``paths`` are relative to the project root.
        """
        statuses = project_status(self.manager, paths)
        return {"files": [status.as_json() for status in statuses]}

    def update(self, paths: Sequence[str] = (), *, dry_run: bool = True) -> JSON:
        """Re-render recorded files, as ``scaffold update``; by default a dry run.

        ``{"ok", "written", "files": [{"path", "outcome", "artifact_type", "diff"}]}``;
        ``ok`` is false when a file conflicts or could not be updated.
        """
        plan = plan_update(self.manager, paths)
        if not dry_run:
            plan.apply(self.manager)
        files = [file.as_json() | {"diff": file.diff()} for file in plan.files]
        return {
            "ok": not plan.failed,
            "written": not dry_run and bool(plan.writes),
            "files": files,
        }


def _type_row(outcome: ArtifactType | BrokenArtifact) -> JSON:
    if isinstance(outcome, BrokenArtifact):
        return {
            "id": outcome.artifact_id,
            "kind": None,
            "summary": None,
            "status": f"broken: {outcome.reason}",
        }
    return {
        "id": outcome.artifact_id,
        "kind": outcome.kind,
        "summary": type_summary(outcome),
        "status": "ok",
    }
