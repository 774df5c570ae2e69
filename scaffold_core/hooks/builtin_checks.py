"""The core's own output checks, registered as an ordinary ``scaffold_check_output`` plugin."""

import ast
import re

from scaffold_core.hooks.specs import hookimpl

__all__ = ["scaffold_check_output"]

_MARKDOWN_TITLE = re.compile(r"# \S")
_HEADING = re.compile(r"(#{1,6}) \S")
_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")


@hookimpl
def scaffold_check_output(extension: str, content: str) -> list[str]:
    """Python must parse; Markdown must open with its title heading."""
    if extension == "py":
        return _python_problems(content)
    if extension == "md":
        return _markdown_problems(content)
    return []


def _python_problems(content: str) -> list[str]:
    try:
        ast.parse(content)
    except SyntaxError as error:
        return [f"generated Python does not parse: {error.msg} (line {error.lineno})"]
    return []


def _markdown_problems(content: str) -> list[str]:
    lines = [line for line in _outside_code_fences(content) if line.strip()]
    first_line = lines[0] if lines else ""
    if not _MARKDOWN_TITLE.match(first_line):
        return [f"generated Markdown must open with its '# Title' heading, found {first_line!r}"]
    return [
        f"generated Markdown has an empty section: {line!r}"
        for line, following in zip(lines, [*lines[1:], None], strict=True)
        if _is_empty_heading(line, following)
    ]


def _outside_code_fences(content: str) -> list[str]:
    """The Markdown lines, each fenced block reduced to its opening fence.

    A code block is content under its heading, but a ``# comment`` inside it is no heading.
    """
    lines: list[str] = []
    fence: str | None = None
    for line in content.splitlines():
        marker = _FENCE.match(line)
        if fence is None and marker:
            fence = marker.group(1)
            lines.append(line)
        elif fence is not None and marker and marker.group(1).startswith(fence):
            fence = None
        elif fence is None:
            lines.append(line)
    return lines


def _is_empty_heading(line: str, following: str | None) -> bool:
    """A heading with nothing under it before the next heading of the same or higher level."""
    heading = _HEADING.match(line)
    if heading is None:
        return False
    if following is None:
        return True
    next_heading = _HEADING.match(following)
    return next_heading is not None and len(next_heading.group(1)) <= len(heading.group(1))
