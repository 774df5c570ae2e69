"""The core's own output transform: long lines of generated Python split as ruff would.

Registered like any ``scaffold_transform_output`` plugin, marked ``tryfirst`` so that
extensions (a formatter, a licence header) see the laid-out code.
"""

from scaffold_core.hooks.specs import hookimpl
from scaffold_core.render.layout import split_long_lines

__all__ = ["scaffold_transform_output"]


@hookimpl(tryfirst=True)
def scaffold_transform_output(extension: str, content: str) -> str:
    """Python with its over-long lines split; any other content unchanged."""
    return split_long_lines(content) if extension == "py" else content
