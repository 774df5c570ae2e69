"""The one-line lifecycle header the core writes at the top of every persistent artifact."""

from datetime import UTC

from scaffold_schemas import COMMENT_SYNTAX, LifecycleMixin

__all__ = ["COMMENT_SYNTAX", "header_line", "with_header"]


def header_line(extension: str, lifecycle: LifecycleMixin) -> str:
    """``# scaffold: template=dto version=1a2b3c4d created=... path=src/x.py``."""
    opening, closing = COMMENT_SYNTAX[extension]
    created = lifecycle.scaffold_created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{opening}scaffold: template={lifecycle.template_id} version={lifecycle.version_hash}"
        f" created={created} path={lifecycle.output_path}{closing}"
    )


def with_header(extension: str, lifecycle: LifecycleMixin, body: str) -> str:
    """``body`` with the header line on top, or unchanged when the format has no comments.

    A format is known by its extension (``COMMENT_SYNTAX``); JSON, ``py.typed`` and other
    files without comment syntax get no header rather than one that would break them.
    """
    if extension not in COMMENT_SYNTAX:
        return body
    return f"{header_line(extension, lifecycle)}\n{body}"
