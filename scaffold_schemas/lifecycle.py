"""The lifecycle fields: what the core adds to every persistent artifact, never the user."""

from pathlib import PurePosixPath
from typing import Annotated, Final

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from scaffold_schemas.fields import SnakeCaseName, _JsonSchema

__all__ = ["LIFECYCLE_FIELDS", "LifecycleMixin", "RelativePosixPath", "VersionHash"]


def _relative_posix_path(value: str) -> str:
    path = PurePosixPath(value)
    if (
        "\\" in value
        or path.is_absolute()
        or ".." in path.parts
        or not path.parts
        or not value.strip()
    ):
        raise PydanticCustomError(
            "relative_posix_path",
            "expected a relative POSIX path inside the project, without '..', got '{value}'",
            {"value": value},
        )
    return path.as_posix()


# Not absolute, no backslash, no '..' segment, not only '.' segments, not only blanks.
_RELATIVE_POSIX_PATH_PATTERN: Final = (
    r"^(?!/)(?![\s\S]*\\)(?!(?:[\s\S]*/)?\.\.(?:/|(?![\s\S])))"
    r"(?!(?:\.?/)*\.?(?![\s\S]))(?![ \t\n\r\f\v]*(?![\s\S]))"
)

RelativePosixPath = Annotated[
    str,
    AfterValidator(_relative_posix_path),
    _JsonSchema(lambda: {"pattern": _RELATIVE_POSIX_PATH_PATTERN}),
]
"""A path relative to the project root, in POSIX form, that cannot climb out of it.

Refused: an absolute path, a backslash, a ``..`` segment, only ``.`` segments (``./``), only
blanks or nothing (``relative_posix_path``). JSON Schema: a ``pattern`` saying the same.
"""

VersionHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]
"""Eight lowercase hex characters identifying the whole template chain."""


class LifecycleMixin(BaseModel):
    """System-managed fields every persistent artifact's template receives."""

    model_config = ConfigDict(defer_build=True)

    output_path: RelativePosixPath
    scaffold_created: AwareDatetime
    template_id: SnakeCaseName
    version_hash: VersionHash


LIFECYCLE_FIELDS: Final = frozenset(LifecycleMixin.model_fields)
"""The names a user may never provide."""
