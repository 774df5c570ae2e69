"""The schema-first (v2) pipeline: validated Context in, rendered body out."""

from datetime import datetime
from functools import cache

from scaffold_core.discover import ArtifactType
from scaffold_core.enrich import enrich
from scaffold_core.render import TemplateEnvironment
from scaffold_schemas import BaseContext, BaseRenderContext

__all__ = ["render_v2", "template_variables"]


def render_v2(
    artifact: ArtifactType,
    environment: TemplateEnvironment,
    context: BaseContext | dict[str, object],
    *,
    output_path: str | None,
    created: datetime,
    updated: datetime | None = None,
    template_name: str | None = None,
) -> tuple[BaseRenderContext | None, str]:
    """Render the artifact's template from its validated Context.

    A persistent Context is enriched into its RenderContext first; an ephemeral one (a
    completed dict) is rendered as it is and has no lifecycle. ``template_name`` is another
    template of the plugin (a file of a multi-file artifact), else its main one; the
    lifecycle's ``version_hash`` is that template's chain's; ``updated`` is set by
    ``scaffold update``.
    """
    template_name = template_name or artifact.template_name
    if isinstance(context, dict):
        return None, environment.render(template_name, context)
    render_context = enrich(
        artifact,
        context,
        output_path=_required(output_path),
        created=created,
        updated=updated,
        version_hash=environment.version_hash(template_name),
    )
    body = environment.render(template_name, template_variables(render_context))
    return render_context, body


def template_variables(render_context: BaseRenderContext) -> dict[str, object]:
    """The names a v2 template sees: every field and computed field of the RenderContext."""
    return {name: getattr(render_context, name) for name in _names(type(render_context))}


@cache
def _names(cls: type[BaseRenderContext]) -> tuple[str, ...]:
    """The fields and computed fields of a RenderContext class, read once per class."""
    return (*cls.model_fields, *cls.model_computed_fields)


def _required(output_path: str | None) -> str:
    if output_path is None:
        raise ValueError("a persistent artifact needs an output path")
    return output_path
