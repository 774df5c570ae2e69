"""The legacy (v1) pipeline: the raw dict as given, a lenient template, lifecycle injected.

No schema: unknown keys pass through and a missing key renders empty, as legacy templates
expect. It stays for rollback and as the baseline the parity framework compares v2 against.
"""

from collections.abc import Mapping
from datetime import datetime

from scaffold_core.discover import ArtifactType
from scaffold_core.errors import BadOption
from scaffold_core.render import TemplateEnvironment
from scaffold_schemas import LifecycleMixin

__all__ = ["render_v1"]


def render_v1(
    artifact: ArtifactType,
    environment: TemplateEnvironment,
    data: Mapping[str, object],
    *,
    output_path: str | None,
    created: datetime,
    updated: datetime | None = None,
) -> tuple[LifecycleMixin | None, str]:
    """Render the plugin's legacy template with ``data`` and, if persistent, the lifecycle."""
    template = artifact.legacy_template_name
    if template is None:
        raise BadOption(
            f"artifact type '{artifact.artifact_id}' has no legacy (v1) template"
            f" ({artifact.template_dir}/{artifact.artifact_id}.v1.{artifact.extension}.jinja2);"
            " use the v2 pipeline (--pipeline v2 or PYDANTIC_SCAFFOLDING_ENABLED=true)"
        )
    if artifact.kind == "ephemeral" or output_path is None:
        return None, environment.render(template, data)
    lifecycle = LifecycleMixin(
        output_path=output_path,
        scaffold_created=created,
        template_id=artifact.artifact_id,
        version_hash=environment.version_hash(template),
        scaffold_updated=updated,
    )
    body = environment.render(template, {**data, **dict(lifecycle)})
    return lifecycle, body
