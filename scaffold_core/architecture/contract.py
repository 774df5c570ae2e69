"""Rules on a plugin's classes and files: ARCH002 to ARCH005.

ARCH001 (the entry point loads) and ARCH008 (unique ids) are found by discovery itself and
reported from its ``BrokenArtifact``s.
"""

from collections.abc import Iterator

import jinja2

from scaffold_core.architecture.report import Finding, finding
from scaffold_core.discover import ArtifactType
from scaffold_core.discover.naming import id_matches_class
from scaffold_core.render.chain import parse_template
from scaffold_schemas import LIFECYCLE_FIELDS

__all__ = ["contract_findings"]


def contract_findings(artifact: ArtifactType, legacy: jinja2.Environment) -> Iterator[Finding]:
    """Naming, bases, forbidden extras, lifecycle fields, templates."""
    context = artifact.context_class
    where = f"{context.__module__}.{context.__name__}"
    if not id_matches_class(artifact.artifact_id, context.__name__):
        yield finding(
            artifact,
            "ARCH002",
            artifact.entry.value,
            f"artifact id '{artifact.artifact_id}' does not match class '{context.__name__}'"
            f" (expected '<{artifact.artifact_id} in PascalCase>Context')",
        )
    render = artifact.render_context_class
    if render is not None:
        own = vars(render).get("__annotations__", {})
        for name in sorted(set(own).intersection(artifact.field_types())):
            yield finding(
                artifact,
                "ARCH003",
                f"{render.__module__}.{render.__name__}",
                f"{render.__name__} redefines user field '{name}'; it must only inherit it",
            )
    config = getattr(context, "model_config", None) or getattr(context, "__pydantic_config__", {})
    if config.get("extra") != "forbid":
        yield finding(
            artifact, "ARCH004", where, f"{where} must forbid extra fields (extra='forbid')"
        )
    for name in sorted(LIFECYCLE_FIELDS.intersection(artifact.field_types())):
        yield finding(
            artifact,
            "ARCH004",
            where,
            f"{where} declares lifecycle field '{name}' (system-managed)",
        )
    yield from _legacy_template_parses(artifact, legacy)


def _legacy_template_parses(
    artifact: ArtifactType, legacy: jinja2.Environment
) -> Iterator[Finding]:
    name = artifact.legacy_template_name
    if name is None:
        return
    try:
        parse_template(legacy, name)
    except jinja2.TemplateSyntaxError as error:
        yield finding(
            artifact,
            "ARCH005",
            f"{name}:{error.lineno}",
            f"the legacy template does not parse: {error.message}",
        )
