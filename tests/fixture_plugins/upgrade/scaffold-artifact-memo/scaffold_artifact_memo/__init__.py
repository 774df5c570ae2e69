"""Artifact type ``memo``: a short Markdown memo, the plugin a test upgrades."""

from typing import ClassVar

from pydantic import ConfigDict, Field

from scaffold_schemas import BaseContext, BaseRenderContext, SingleLineText

__all__ = ["MemoContext", "MemoRenderContext"]


class MemoContext(BaseContext):
    """The input of a memo."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"subject": "Office move", "author": "Ada", "summary": "We move."}]
        }
    )
    default_output_path: ClassVar[str | None] = "memos/{subject:kebab}.md"

    subject: SingleLineText = Field(description="The memo's title.")
    author: SingleLineText = Field(description="Who writes it.")
    summary: SingleLineText = Field(description="The memo in one sentence.")


class MemoRenderContext(MemoContext, BaseRenderContext):
    """What the memo template receives."""
