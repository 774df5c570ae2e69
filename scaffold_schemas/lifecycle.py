"""The lifecycle fields: what the core adds to every persistent artifact, never the user."""

from pathlib import PurePosixPath
from typing import Annotated, Final

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from scaffold_schemas.fields import (
    _SINGLE_LINE_REFUSED,
    _SINGLE_LINE_REFUSED_RE,
    SnakeCaseName,
    _JsonSchema,
)

__all__ = ["LIFECYCLE_FIELDS", "LifecycleMixin", "RelativePosixPath", "VersionHash"]


def _relative_posix_path(value: str) -> str:
    control = _SINGLE_LINE_REFUSED_RE.search(value)
    if control is not None:
        raise PydanticCustomError(
            "relative_posix_path",
            "expected a path on one line of printable characters; {character} at position"
            " {position} is a control character or a line break",
            {"character": repr(control.group()), "position": control.start() + 1},
        )
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


# Printable, not absolute, no backslash, no '..' segment, not only '.' segments or blanks.
_RELATIVE_POSIX_PATH_PATTERN: Final = (
    rf"^(?![\s\S]*[{_SINGLE_LINE_REFUSED}])"
    r"(?!/)(?![\s\S]*\\)(?!(?:[\s\S]*/)?\.\.(?:/|(?![\s\S])))"
    r"(?!(?:\.?/)*\.?(?![\s\S]))(?![ \t\n\r\f\v]*(?![\s\S]))"
)

RelativePosixPath = Annotated[
    str,
    AfterValidator(_relative_posix_path),
    _JsonSchema(lambda: {"pattern": _RELATIVE_POSIX_PATH_PATTERN}),
]
"""A path relative to the project root, in POSIX form, that cannot climb out of it.

Refused: a control character or line break (a header line must stay one line), an absolute
path, a backslash, a ``..`` segment, only ``.`` segments (``./``), only blanks or nothing
(``relative_posix_path``). JSON Schema: a ``pattern`` saying the same.
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
    scaffold_updated: AwareDatetime | None = None
    """When ``scaffold update`` last rewrote the file (UTC); ``None`` until then."""


LIFECYCLE_FIELDS: Final = frozenset(LifecycleMixin.model_fields)
"""The names a user may never provide."""
