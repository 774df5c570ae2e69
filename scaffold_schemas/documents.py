"""The common base of every document artifact (research, design, planning, ...)."""

from datetime import date

from pydantic import Field

from scaffold_schemas.base import BaseContext
from scaffold_schemas.fields import DocumentStatus, SingleLineText, VersionString

__all__ = ["BaseDocumentContext"]


class BaseDocumentContext(BaseContext):
    """Title and review metadata shared by all documents."""

    title: SingleLineText = Field(description="The document's title, its first heading.")
    status: DocumentStatus = Field(default="draft", description="Where the document stands.")
    version: VersionString = Field(default="0.1", description="The document's own version.")
    last_updated: date | None = Field(
        default=None,
        description="Date of the last substantive change; the scaffold date when omitted.",
    )
