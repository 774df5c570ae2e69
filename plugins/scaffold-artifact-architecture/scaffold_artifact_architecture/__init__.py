"""Artifact type ``architecture``: an architecture document.

It names the concepts a system is built from, records the architectural decisions taken
about it (each with its status and, optionally, a link to the full decision record) and lists
the constraints every change has to respect.
"""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    DocumentItem,
    SingleLineText,
    Text,
    part,
    section,
)

__all__ = [
    "ArchitectureConcept",
    "ArchitectureContext",
    "ArchitectureDecision",
    "ArchitectureRenderContext",
    "DecisionStatus",
    "LinkTarget",
]

DecisionStatus = Literal["proposed", "accepted", "rejected", "superseded", "deprecated"]
"""Where an architectural decision stands."""

_LINK_TARGET = re.compile(r"[^\s<>()\[\]]+")


def _link_target(value: str) -> str:
    if not _LINK_TARGET.fullmatch(value):
        raise PydanticCustomError(
            "link_target",
            "expected a URL or relative path without spaces, brackets or parentheses,"
            " e.g. 'docs/adr/0003-postgresql.md'",
            {"value": value},
        )
    return value


LinkTarget = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_link_target)]
"""A URL or relative path usable as a Markdown link target as it is: no spaces, no brackets."""


class ArchitectureConcept(DocumentItem):
    """One concept of the architecture: a building block and what it is."""

    name: SingleLineText = Field(description="The concept's name, its sub-heading.")
    description: Text = Field(
        description="What the concept is and how it relates to others.", json_schema_extra=part()
    )


class ArchitectureDecision(DocumentItem):
    """One architectural decision, in the spirit of a short decision record."""

    title: SingleLineText = Field(description="The decision in a few words, its sub-heading.")
    decision: Text = Field(description="What was decided and, briefly, why.")
    status: DecisionStatus = Field(description="Where the decision stands.")
    link: LinkTarget | None = Field(
        default=None,
        description="URL or relative path of the full decision record (ADR), if there is one.",
    )


class ArchitectureContext(BaseDocumentContext):
    """What a user provides to scaffold an architecture document."""

    default_output_path = "docs/architecture/{title:kebab}.md"

    concepts: list[ArchitectureConcept] = Field(
        min_length=1,
        description="The building blocks of the architecture, in reading order; names differ.",
        json_schema_extra=section("Concepts", "subsections", subheading="name"),
    )
    decisions: list[ArchitectureDecision] = Field(
        default_factory=list,
        description="Architectural decisions taken or proposed, in order; titles differ.",
        json_schema_extra=section("Decisions", "block", subheading="title"),
    )
    constraints: list[SingleLineText] = Field(
        default_factory=list,
        description="Rules every change must respect, one line each.",
        json_schema_extra=section("Constraints", "bullets"),
    )


class ArchitectureRenderContext(ArchitectureContext, BaseRenderContext):
    """What the ``architecture`` template receives."""
