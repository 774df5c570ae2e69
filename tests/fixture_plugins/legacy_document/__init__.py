"""A document plugin written to the contract as it was before section forms.

It marks its own section with ``section("Decision")`` only and renders it itself, heading
included, in the layout's ``body`` block: the layout must keep placing that block after the
framing sections and before the closing ones.
"""

from pydantic import ConfigDict, Field

from scaffold_schemas import BaseDocumentContext, BaseRenderContext, Text, section


class MemoContext(BaseDocumentContext):
    """A short decision memo."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"title": "Memo", "decision": "Ship on Monday."}]}
    )

    decision: Text = Field(description="What was decided.", json_schema_extra=section("Decision"))


class MemoRenderContext(MemoContext, BaseRenderContext):
    """What the ``memo`` template receives."""
