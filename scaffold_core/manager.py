"""``ArtifactManager``: discover → validate → enrich → render → check → write, in one call."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scaffold_core.discover import ArtifactRegistry, ArtifactType
from scaffold_core.enrich import ProjectSettings, choose_output_path
from scaffold_core.errors import OutputCheckFailed, OutputExists, Problem
from scaffold_core.hooks import PluginHooks
from scaffold_core.pipelines import render_v2
from scaffold_core.render import TemplateEnvironment, with_header
from scaffold_core.validate import validate_context
from scaffold_core.write import resolve_inside, write_atomic
from scaffold_schemas import BaseContext

__all__ = ["ArtifactManager", "ScaffoldResult"]


@dataclass(frozen=True)
class ScaffoldResult:
    """What one scaffold operation produced (and wrote, unless it was a dry run)."""

    artifact_type: str
    output_path: str
    path: Path
    content: str
    written: bool


class ArtifactManager:
    """Scaffolds artifacts into one project; safe to share between threads.

    ``registry``, ``hooks`` and ``clock`` default to the installed plugins and the system
    clock; tests pass their own.
    """

    def __init__(
        self,
        project_root: Path | str = ".",
        *,
        registry: ArtifactRegistry | None = None,
        hooks: PluginHooks | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.project_root = Path(project_root)
        self.registry = registry or ArtifactRegistry()
        self.hooks = hooks or PluginHooks()
        self.environment = TemplateEnvironment(self.hooks)
        self.settings = ProjectSettings.load(self.project_root)
        self._clock = clock or (lambda: datetime.now(UTC))

    def artifact(self, artifact_type: str) -> ArtifactType:
        """The usable artifact type, its templates reachable in the environment."""
        artifact = self.registry.get(artifact_type)
        self.environment.add_artifact(artifact)
        return artifact

    def scaffold(
        self,
        artifact_type: str,
        context: Mapping[str, object] | BaseContext,
        *,
        output_path: str | None = None,
        dry_run: bool = False,
        force: bool = False,
        earlier_problems: list[Problem] | None = None,
    ) -> ScaffoldResult:
        """Validate ``context``, render the artifact and write it (unless ``dry_run``).

        Raises a ``UserError`` (every problem listed) for bad input, an unsafe path, or an
        existing file without ``force``; nothing is written when anything is wrong.
        """
        artifact = self.artifact(artifact_type)
        validated = validate_context(artifact, context, earlier_problems)
        relative, target = resolve_inside(
            self.project_root,
            choose_output_path(
                artifact.artifact_id,
                output_path,
                self.settings,
                artifact.context_class.default_output_path,
                dict(validated),
            ),
        )
        if target.exists() and not force:
            raise OutputExists(f"{relative} already exists: pass --force to overwrite it")
        lifecycle, body = render_v2(
            artifact, self.environment, validated, output_path=relative, created=self._clock()
        )
        body = self.hooks.transform_output(artifact.artifact_id, artifact.extension, body)
        problems = self.hooks.check_output(artifact.artifact_id, artifact.extension, body)
        if problems:
            raise OutputCheckFailed(
                f"the '{artifact.artifact_id}' template produced invalid output for {relative}"
                f" (nothing written): {'; '.join(problems)}"
            )
        content = with_header(artifact.extension, lifecycle, body)
        if not dry_run:
            write_atomic(target, content, overwrite=force)
        return ScaffoldResult(artifact.artifact_id, relative, target, content, not dry_run)
