"""An ephemeral artifact plugin for the tests: a TypedDict Context, printed by default."""

from typing import NotRequired

from pydantic import ConfigDict, with_config
from typing_extensions import TypedDict

from scaffold_schemas import SingleLineText


@with_config(
    ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"subject": "Deploy at five"},
                {"subject": "Freeze", "lines": ["No merges", "No deploys"]},
                {"subject": "Hello", "signature": "Ops"},
            ]
        },
    )
)
class AnnouncementContext(TypedDict):
    """A short announcement: a subject, optional lines, an optional signature."""

    subject: SingleLineText
    lines: NotRequired[list[SingleLineText]]
    signature: NotRequired[SingleLineText | None]


@with_config(ConfigDict(extra="allow", json_schema_extra={"examples": [{"subject": "x"}]}))
class LaxContext(TypedDict):
    """Breaks ARCH004: an ephemeral Context that lets unknown keys through."""

    subject: str
