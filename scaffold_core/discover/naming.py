"""The naming convention that ties a plugin's pieces together (ADR 0002).

The entry point names ``XContext``; the same module holds ``XRenderContext``; the template is
``templates/<id>.<ext>.jinja2`` beside the module, the legacy one ``<id>.v1.<ext>.jinja2``.
"""

import re
from pathlib import Path

__all__ = [
    "CONTEXT_SUFFIX",
    "LEGACY_MARKER",
    "RENDER_CONTEXT_SUFFIX",
    "TEMPLATE_SUFFIX",
    "extension_of",
    "id_matches_class",
    "legacy_template_file",
    "render_context_name",
    "template_files",
]

CONTEXT_SUFFIX = "Context"
RENDER_CONTEXT_SUFFIX = "RenderContext"
TEMPLATE_SUFFIX = ".jinja2"
LEGACY_MARKER = "v1"
# One dot-free id, one extension: ``dto.py.jinja2`` matches, ``dto.v1.py.jinja2`` does not.
_TEMPLATE_FILE = re.compile(r"[a-z0-9_]+\.[A-Za-z0-9]+\.jinja2")


def render_context_name(context_name: str) -> str:
    """``DTOContext`` → ``DTORenderContext``: the ``Context`` suffix becomes ``RenderContext``."""
    if not context_name.endswith(CONTEXT_SUFFIX):
        raise ValueError(f"'{context_name}' does not end in '{CONTEXT_SUFFIX}'")
    return context_name.removesuffix(CONTEXT_SUFFIX) + RENDER_CONTEXT_SUFFIX


def id_matches_class(artifact_id: str, context_name: str) -> bool:
    """Whether ``unit_test`` names ``UnitTestContext`` (case and underscores ignored)."""
    prefix = context_name.removesuffix(CONTEXT_SUFFIX)
    return artifact_id.replace("_", "").lower() == prefix.replace("_", "").lower()


def template_files(template_dir: Path, artifact_id: str) -> list[str]:
    """The v2 template files for ``artifact_id`` in ``template_dir`` (one is expected)."""
    return sorted(
        path.name
        for path in template_dir.glob(f"{artifact_id}.*{TEMPLATE_SUFFIX}")
        if _TEMPLATE_FILE.fullmatch(path.name)
    )


def legacy_template_file(template_file: str) -> str:
    """``dto.py.jinja2`` → ``dto.v1.py.jinja2``."""
    artifact_id, _, rest = template_file.partition(".")
    return f"{artifact_id}.{LEGACY_MARKER}.{rest}"


def extension_of(template_file: str) -> str:
    """``dto.py.jinja2`` → ``py``: the output file's extension."""
    return template_file.removesuffix(TEMPLATE_SUFFIX).rpartition(".")[2]
