"""Enrich a validated Context into the RenderContext its template receives."""

from datetime import datetime

from scaffold_core.discover import ArtifactType
from scaffold_schemas import BaseContext, BaseRenderContext

__all__ = ["enrich"]


def enrich(
    artifact: ArtifactType,
    context: BaseContext,
    *,
    output_path: str,
    created: datetime,
    version_hash: str,
) -> BaseRenderContext:
    """``XRenderContext``: the user's validated fields plus the lifecycle fields, frozen.

    The lifecycle values come from the core alone; the result is validated once more, so a
    malformed lifecycle value (an absolute path, a bad hash) can never reach a template.
    """
    if artifact.render_context_class is None:
        raise TypeError(f"artifact type '{artifact.artifact_id}' is ephemeral: no lifecycle")
    return artifact.render_context_class.model_validate(
        {
            **dict(context),
            "output_path": output_path,
            "scaffold_created": created,
            "template_id": artifact.artifact_id,
            "version_hash": version_hash,
        }
    )
