"""How each kind of file writes a one-line comment: the extensions the core can header.

In scaffold_schemas so that a plugin that writes other plugins (artifact_plugin) reads the
same table as the core that headers their output.
"""

from typing import Final

__all__ = ["COMMENT_SYNTAX"]

COMMENT_SYNTAX: Final[dict[str, tuple[str, str]]] = {
    "py": ("# ", ""),
    "pyi": ("# ", ""),
    "toml": ("# ", ""),
    "yaml": ("# ", ""),
    "yml": ("# ", ""),
    "cfg": ("# ", ""),
    "sh": ("# ", ""),
    "md": ("<!-- ", " -->"),
    "html": ("<!-- ", " -->"),
    "xml": ("<!-- ", " -->"),
    "js": ("// ", ""),
    "ts": ("// ", ""),
    "sql": ("-- ", ""),
    "jinja2": ("{# ", " #}"),
}
"""Comment opening and closing by file extension."""
