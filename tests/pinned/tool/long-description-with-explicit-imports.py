"""SummariseDocumentTool: Reads one stored document, splits it into sections and asks the language model for a summary of each section, then joins them."""

from app.documents import DocumentId, Summary
from pydantic import BaseModel, ConfigDict, Field


class SummariseDocumentInput(BaseModel):
    """What the SummariseDocument tool takes."""

    model_config = ConfigDict(frozen=True)

    document_id: DocumentId
    max_words: int = Field(
        default=200,
        description="The longest summary, in words, that the caller accepts for the whole document.",
    )


class SummariseDocumentOutput(BaseModel):
    """What the SummariseDocument tool returns."""

    model_config = ConfigDict(frozen=True)

    summaries: list[Summary]


class SummariseDocumentTool:
    """Reads one stored document, splits it into sections and asks the language model for a summary of each section, then joins them."""

    name = "summarise_document"
    description = "Reads one stored document, splits it into sections and asks the language model for a summary of each section, then joins them."

    def run(self, request: SummariseDocumentInput) -> SummariseDocumentOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
