"""Enrich a validated Context into the RenderContext its template receives."""

from datetime import datetime
from functools import cache

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
    cls = artifact.render_context_class
    if cls is None:
        raise TypeError(f"artifact type '{artifact.artifact_id}' is ephemeral: no lifecycle")
    lifecycle = LifecycleMixin(
        output_path=output_path,
        scaffold_created=created,
        template_id=artifact.artifact_id,
        version_hash=version_hash,
        scaffold_updated=updated,
    )
    fields_set = context.model_fields_set | LIFECYCLE_FIELDS
    fields = _plain_fields(cls)
    values = {**context.__dict__, **lifecycle.__dict__}
    if fields is None or not values.keys() >= fields[1]:
        return cls.model_construct(fields_set, **{**dict(context), **dict(lifecycle)})
    # What model_construct builds when every field is given, without its per-field
    # look-ups of aliases and defaults: the fields in declared order, nothing else.
    instance = cls.__new__(cls)
    setattr_ = object.__setattr__
    setattr_(instance, "__dict__", {name: values[name] for name in fields[0]})
    setattr_(instance, "__pydantic_fields_set__", fields_set)
    setattr_(instance, "__pydantic_extra__", None)
    setattr_(instance, "__pydantic_private__", None)
    return instance


@cache
def _plain_fields(
    cls: type[BaseRenderContext],
) -> tuple[tuple[str, ...], frozenset[str]] | None:
    """``cls``'s field names, in order and as a set, or ``None`` if ``model_construct`` must.

    ``model_construct`` does more than fill ``__dict__`` for a class with aliases,
    ``extra="allow"`` or ``model_post_init``.
    """
    fields = cls.model_fields
    if (
        cls.__pydantic_post_init__
        or cls.model_config.get("extra") == "allow"
        or any(field.alias or field.validation_alias for field in fields.values())
    ):
        return None
    return tuple(fields), frozenset(fields)
