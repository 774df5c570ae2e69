"""The core's own output checks, registered as an ordinary ``scaffold_check_output`` plugin."""

import ast
import re

from scaffold_core.hooks.specs import hookimpl

__all__ = ["scaffold_check_output"]

_MARKDOWN_TITLE = re.compile(r"# \S")


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
    first_line = next((line for line in content.splitlines() if line.strip()), "")
    if not _MARKDOWN_TITLE.match(first_line):
        return [f"generated Markdown must open with its '# Title' heading, found {first_line!r}"]
    return []
