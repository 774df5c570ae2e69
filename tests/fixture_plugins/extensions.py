"""A scaffold.plugins extension for the tests: a filter, a transform and a check."""

import jinja2

from scaffold_core import hookimpl


@hookimpl
def scaffold_extend_environment(environment: jinja2.Environment) -> None:
    environment.filters["shout"] = str.upper


@hookimpl
def scaffold_transform_output(content: str) -> str:
    return content.replace("TODO", "FIXME")


@hookimpl
def scaffold_check_output(extension: str, content: str) -> list[str]:
    return ["content mentions FORBIDDEN"] if "FORBIDDEN" in content else []
