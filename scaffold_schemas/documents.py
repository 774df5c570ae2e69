"""The common base of every document artifact (research, design, planning, ...)."""

from collections.abc import Iterable
from datetime import date

from pydantic import Field, JsonValue

from scaffold_schemas.base import BaseContext
from scaffold_schemas.fields import DocumentStatus, SingleLineText, Text, VersionString

__all__ = ["SECTION_KEY", "BaseDocumentContext", "repeated_headings", "section"]

SECTION_KEY = "section"
"""The JSON Schema key that names the heading a field renders under."""


def section(heading: str) -> dict[str, JsonValue]:
    """Mark a field as rendered under ``## heading`` when it has a value.

    Use it as ``Field(..., json_schema_extra=section("Goals"))``. The mark is part of the
    JSON Schema, so the catalogue documents it and the tests check that every non-empty
    marked field has its heading in the output.
    """
    return {SECTION_KEY: heading}


def repeated_headings(headings: Iterable[str]) -> list[str]:
    """Each spelling that repeats an earlier heading (case ignored), once, in order."""
    seen: set[str] = set()
    repeated: list[str] = []
    for heading in headings:
        key = heading.casefold()
        if key in seen and heading not in repeated:
            repeated.append(heading)
        seen.add(key)
    return repeated


class BaseDocumentContext(BaseContext):
    """Title, review metadata and the framing sections every document has."""

    title: SingleLineText = Field(description="The document's title, its first heading.")
    status: DocumentStatus = Field(default="draft", description="Where the document stands.")
    version: VersionString = Field(default="0.1", description="The document's own version.")
    last_updated: date | None = Field(
        default=None,
        description="Date of the last substantive change; the scaffold date when omitted.",
    )
    purpose: Text | None = Field(
        default=None,
        description="Why the document exists, in a sentence or two.",
        json_schema_extra=section("Purpose"),
    )
    scope_in: list[SingleLineText] = Field(
        default_factory=list,
        description="What the document covers.",
        json_schema_extra=section("Scope"),
    )
    scope_out: list[SingleLineText] = Field(
        default_factory=list,
        description="What it deliberately leaves out.",
        json_schema_extra=section("Scope"),
    )
    prerequisites: list[SingleLineText] = Field(
        default_factory=list,
        description="What a reader should know or have done first.",
        json_schema_extra=section("Prerequisites"),
    )
    related_docs: list[SingleLineText] = Field(
        default_factory=list,
        description="Other documents to read alongside, as titles or relative links.",
        json_schema_extra=section("Related documents"),
    )
