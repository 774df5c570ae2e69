"""Artifact plugins for the tests whose templates turn some valid inputs into broken Python.

The core's output checks are the backstop: it must refuse to write what these render.
"""

from typing import ClassVar

from pydantic import ConfigDict

from scaffold_schemas import BaseContext, BaseRenderContext


class DuplicateMethodContext(BaseContext):
    """A class with ``__init__`` and one method named by the user; ``__init__`` breaks it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"method": "run"}]})

    default_output_path: ClassVar[str | None] = "job.py"

    method: str


class DuplicateMethodRenderContext(DuplicateMethodContext, BaseRenderContext):
    """Matches DuplicateMethodContext."""


class ConstantContext(BaseContext):
    """A module constant holding the user's text as it is (a NUL character breaks it)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"value": "x"}]})

    default_output_path: ClassVar[str | None] = "constant.py"

    value: str


class ConstantRenderContext(ConstantContext, BaseRenderContext):
    """Matches ConstantContext."""
