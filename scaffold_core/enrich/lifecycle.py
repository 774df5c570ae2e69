"""Enrich a validated Context into the RenderContext its template receives."""

from datetime import datetime

from scaffold_core.discover import ArtifactType
from scaffold_schemas import LIFECYCLE_FIELDS, BaseContext, BaseRenderContext, LifecycleMixin

__all__ = ["enrich"]


def enrich(
    artifact: ArtifactType,
    context: BaseContext,
    *,
    output_path: str,
    created: datetime,
    version_hash: str,
    updated: datetime | None = None,
) -> BaseRenderContext:
    """``XRenderContext``: the user's validated fields plus the lifecycle fields, frozen.

    The lifecycle values come from the core alone and are validated on their own, so a
    malformed one (an absolute path, a bad hash) can never reach a template; the user's
    fields were validated already and are not validated a second time. ``updated`` is set
    when ``scaffold update`` rewrites the file.
    """
    if artifact.render_context_class is None:
        raise TypeError(f"artifact type '{artifact.artifact_id}' is ephemeral: no lifecycle")
    lifecycle = LifecycleMixin(
        output_path=output_path,
        scaffold_created=created,
        template_id=artifact.artifact_id,
        version_hash=version_hash,
        scaffold_updated=updated,
    )
    return artifact.render_context_class.model_construct(
        _fields_set=context.model_fields_set | set(LIFECYCLE_FIELDS),
        **{**dict(context), **dict(lifecycle)},
    )
